from urllib.parse import urlencode

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

from home import navigation, visibility
from ops import fragmentcache, pagecache
from search import site_search
from search.popular import count_search
from search.site_search import MAX_QUERY_LENGTH, SiteSearch, clean_query, parse_page_number
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


def _results(request, query, context) -> tuple[str, bool]:
    """The HTML of the results part (or of the hints when nothing is found) for ``query``, and
    whether the term is broad (its results are kept)."""
    raw_page = request.GET.get("page")
    shown = {}

    def broad():
        return shown.get("total", 0) >= site_search.SHARED_RANKING_MIN_HITS

    def build():
        shown["built"] = True
        if query:
            searcher = SiteSearch(request, query)
            if searcher.is_searchable:
                outcome = searcher.run(raw_page)
                if outcome.total < FEW_HITS and outcome.paginator_page.number == 1:
                    outcome = _with_suggestion(request, query, outcome, context)
                context["outcome"] = outcome
                context.setdefault("pagination_query", urlencode({"q": query}))
                shown.update(total=outcome.total, number=outcome.paginator_page.number)
            else:
                context["not_searchable"] = True
            if not (context["outcome"] and context["outcome"].has_results):
                context["sections"] = _main_sections(request)
        return render_to_string("search/results.html", context, request)

    # The results of a broad term (hundreds of hits, shared ranking) are the same for every
    # request with the same visibility facts: kept as a fragment until the next content change.
    # Narrow and one-off terms are rendered every time (cheap, and they would only fill the cache).
    html = fragmentcache.get_or_render(
        request,
        "search-results",
        (request.user.is_authenticated,),
        build,
        keep=broad,
    )
    built = "built" in shown
    # Rendered now: the page shown ("number" is not set for a query without a searchable word).
    # A kept fragment (a broad term, many pages): a page number beyond them shows the last one.
    first_page = shown.get("number") == 1 if built else bool(query) and (parse_page_number(raw_page) or 1) == 1
    if first_page:
        # Popular search terms for the editors (no user, no IP address, no session).
        count_search(query)
    return html, not built or broad()


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
    html, broad = _results(request, query, context)
    context["results_html"] = mark_safe(html)  # noqa: S308 — rendered by our template
    response = render(request, "search/search.html", context)
    if query and not broad:
        # Narrow and one-off terms are rendered per request (a few milliseconds); storing each
        # would let any made-up term fill the page cache.
        pagecache.not_worth_storing(response)
    patch_vary_headers(response, ["Cookie"])
    # Members see internal results: home.response_privacy makes their answer private, no-store.
    return response
