from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from wagtail.contrib.search_promotions.models import Query

from home import navigation, visibility
from search.site_search import MAX_QUERY_LENGTH, SiteSearch, clean_query


def _main_sections(request):
    """Links for the "no results" page: the visible top-level pages of the menu."""
    root = navigation.site_root(request)
    if root is None:
        return []
    return list(visibility.visible_pages(request, root.get_children().in_menu()).only("id", "title", "url_path"))


def search(request):
    """The site search at /suche/: one result list over everything this request may see."""
    query, truncated = clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "search_query": query,
        "query_truncated": truncated,
        "max_query_length": MAX_QUERY_LENGTH,
        "outcome": None,
        "not_searchable": False,
    }
    if query:
        site_search = SiteSearch(request, query)
        if site_search.is_searchable:
            outcome = site_search.run(request.GET.get("page"))
            context["outcome"] = outcome
            context["pagination_query"] = urlencode({"q": query})
            if outcome.paginator_page.number == 1:
                # Popular search terms for the editors: only the normalised query string and a
                # daily counter are stored — no user, no IP address, no session.
                Query.get(query).add_hit()
        else:
            context["not_searchable"] = True
        if not (context["outcome"] and context["outcome"].has_results):
            context["sections"] = _main_sections(request)
    response = render(request, "search/search.html", context)
    patch_vary_headers(response, ["Cookie"])
    # Members see internal results: home.response_privacy makes their answer private, no-store.
    return response
