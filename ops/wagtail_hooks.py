from wagtail import hooks
from wagtail.permissions import register_permission_policy

from ops import pagecache
from ops.models import OutgoingMail
from ops.outbox_admin import OutgoingMailViewSet, ReadOnlyPolicy

register_permission_policy(OutgoingMail, ReadOnlyPolicy(OutgoingMail))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutgoingMailViewSet()


@hooks.register("before_serve_page")
def declare_page_cache_query_params(page, request, serve_args, serve_kwargs):
    """Tell the page cache which query parameters this page type uses (PAGE_CACHE_QUERY_PARAMS)."""
    names = pagecache.query_params_for_page(page)
    if names is not None:
        pagecache.declare_query_params(request, names)
