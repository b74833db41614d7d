from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from home import navigation, visibility
from search.popular import count_search
from search.site_search import MAX_QUERY_LENGTH, SiteSearch, clean_query
from search.suggest import suggestion


def _main_sections(request):
    """Links for the "no results" page: the visible top-level pages of the menu (no query:
    the start page's children come from the data cache, as for the menu)."""
    return [
        page for page in navigation.top_level(request) if page.show_in_menus and visibility.can_see_page(request, page)
    ]


FEW_HITS = 3


def _with_suggestion(request, query, outcome, context):
    """ "Meinten Sie …?" for queries with few or no hits; with no hits, the suggestion's results.

    The suggestion comes from the words this request may see and is only offered if searching
    for it finds more (again only what this request may see).
    """
    suggested = suggestion(request, query)
    if not suggested or suggested.casefold() == query.casefold():
        return outcome
    suggested_outcome = SiteSearch(request, suggested).run(1)
    if suggested_outcome.total <= outcome.total:
        return outcome
    context["suggestion"] = suggested
    context["suggestion_query"] = urlencode({"q": suggested})
    if outcome.total == 0 and not outcome.promotions:
        context["searched_instead"] = True
        context["pagination_query"] = urlencode({"q": suggested})
        return suggested_outcome
    return outcome


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
            if outcome.total < FEW_HITS and outcome.paginator_page.number == 1:
                outcome = _with_suggestion(request, query, outcome, context)
            context["outcome"] = outcome
            context.setdefault("pagination_query", urlencode({"q": query}))
            if outcome.paginator_page.number == 1:
                # Popular search terms for the editors (no user, no IP address, no session).
                count_search(query)
        else:
            context["not_searchable"] = True
        if not (context["outcome"] and context["outcome"].has_results):
            context["sections"] = _main_sections(request)
    response = render(request, "search/search.html", context)
    patch_vary_headers(response, ["Cookie"])
    # Members see internal results: home.response_privacy makes their answer private, no-store.
    return response
