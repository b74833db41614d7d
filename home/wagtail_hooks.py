"""Wagtail hooks of the home app (loaded by Wagtail at start-up)."""

from wagtail import hooks

from home import members_admin, privacy_hooks  # noqa: F401  (privacy hooks register on import)


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return members_admin.MemberViewSet()
