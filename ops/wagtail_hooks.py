from wagtail import hooks
from wagtail.permissions import register_permission_policy

from home import visibility
from ops.models import OutgoingMail
from ops.outbox_admin import OutgoingMailViewSet, ReadOnlyPolicy

from . import pagecache

register_permission_policy(OutgoingMail, ReadOnlyPolicy(OutgoingMail))


@hooks.register("before_serve_page")
def keep_restricted_pages_out_of_the_page_cache(page, request, serve_args, serve_kwargs):
    """A page inside a restricted subtree is never stored in the shared page cache, whoever asks."""
    if visibility.is_internal_page(request, page):
        pagecache.forbid(request)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutgoingMailViewSet()
