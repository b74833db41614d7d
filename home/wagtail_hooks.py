"""Wagtail hooks of the home app (loaded by Wagtail at start-up)."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home import members_admin, privacy_hooks  # noqa: F401  (privacy hooks register on import)
from home.models import Member

# Members are users, but editors manage them with the proxy's own permissions (home.add_member, …),
# not with the user admin's (auth.add_user), which Wagtail would otherwise apply to subclasses.
register_permission_policy(Member, ModelPermissionPolicy(Member))


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return members_admin.MemberViewSet()


@hooks.register("register_admin_urls")
def register_upload_views():
    """Multiple upload without the root collection, "Öffentlich" preselected (home/collections.py).
    Registered before Wagtail's own documents/images URLs, so these paths answer first."""
    from django.urls import path

    from home.collections import DocumentMultipleAddView, ImageMultipleAddView

    return [
        path("documents/multiple/add/", DocumentMultipleAddView.as_view(), name="blok_documents_add_multiple"),
        path("images/multiple/add/", ImageMultipleAddView.as_view(), name="blok_images_add_multiple"),
    ]
