from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from home import visibility

MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over the pages this request may see."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = []
    paginator_page = None
    if query:
        pages = visibility.visible_pages(request).specific()
        hits = pages.search(query)
        paginator = Paginator(hits, 10)
        try:
            paginator_page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            paginator_page = paginator.page(1)
        results = paginator_page.object_list
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results, "paginator_page": paginator_page},
    )
