"""Admin for the site search: the report of popular search terms, open to the editors.

Wagtail's own report (``wagtailsearchpromotions:search_terms``) is for superusers only. Editors
who manage the promoted results ("Empfohlene Treffer") need to see what readers look for, so the
same report is offered here to everybody with a search-promotion permission, and replaces
Wagtail's entry in the "Berichte" menu. The report shows only search terms and counts: the view
records no user, IP address or session.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup

PROMOTION_PERMISSIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
)


def may_see_search_terms(user) -> bool:
    return user.is_active and (user.is_superuser or any(user.has_perm(perm) for perm in PROMOTION_PERMISSIONS))


class PopularSearchTermsView(SearchTermsReportView):
    page_title = "Beliebte Suchbegriffe"
    index_url_name = "blok_search_terms"
    index_results_url_name = "blok_search_terms_results"
    export_filename = "suchbegriffe"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_search_terms(request.user):
            return permission_denied(request)
        # Skip SearchTermsReportView's superuser-only check; ReportView does the rest.
        return ReportView.dispatch(self, request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    return [
        path("reports/suchbegriffe/", PopularSearchTermsView.as_view(), name="blok_search_terms"),
        path(
            "reports/suchbegriffe/results/",
            PopularSearchTermsView.as_view(results_only=True),
            name="blok_search_terms_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_search_terms(request.user)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        "Beliebte Suchbegriffe",
        reverse("blok_search_terms"),
        name="blok-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Synonyme"
    add_to_settings_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]
    panels = [FieldPanel("terms"), FieldPanel("note")]


register_snippet(SynonymGroupViewSet)
