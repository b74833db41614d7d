from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accessibility.models import BarrierReport


class BarrierReportViewSet(SnippetViewSet):
    """Reports from "Barriere melden" for the editors: list with status filter, edit status and note."""

    model = BarrierReport
    icon = "warning"
    menu_label = "Barriere-Meldungen"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "status", "page_url", "created_at"]
    list_filter = ["status"]
    list_export = ["created_at", "status", "page_url", "email", "problem", "note"]
    export_filename = "barriere-meldungen"
    search_fields = ["problem", "page_url", "email"]
    ordering = ["-created_at"]


register_snippet(BarrierReportViewSet)


def leichte_sprache_check(request, page_id):
    """The Leichte-Sprache check for any page the user may edit (its latest draft)."""
    from accessibility.leichte_sprache import check_page

    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    return render(
        request,
        "accessibility/admin/check_page.html",
        {"page": page, "findings": check_page(draft), "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("leichte-sprache/<int:page_id>/", leichte_sprache_check, name="leichte_sprache_check")]


@hooks.register("register_page_header_buttons")
def leichte_sprache_button(page, user, view_name=None, next_url=None):
    if page.pk and not page.is_root() and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            "Auf Leichte Sprache prüfen",
            reverse("leichte_sprache_check", args=[page.pk]),
            icon_name="doc-full",
            priority=62,
            page=page,
        )
