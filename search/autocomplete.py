"""Autocomplete for the search fields: titles the requester may see that contain a word starting
with what was typed.

``/suche/vorschlaege/?q=Fach`` answers JSON ``{"suggestions": [...]}`` (at most ``LIMIT``
titles). One query per request (the visible pages whose title has a word starting with the
input, through ``home/visibility.py``); for anonymous readers the answer is cached per input
and may be cached by browsers and proxies for a few minutes. Members' answers are never cached
in a shared cache. The search form works without it (``static/js/search-autocomplete.js`` only
fills a ``<datalist>``).
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db.models import Q
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from wagtail.models import Page

from home import visibility
from search.site_search import clean_query

logger = logging.getLogger(__name__)

LIMIT = 8
MIN_LENGTH = 2
CACHE_SECONDS = 300


def _titles(request, typed: str) -> list[str]:
    word_start = Q(title__istartswith=typed) | Q(title__icontains=f" {typed}") | Q(title__icontains=f"-{typed}")
    pages = visibility.visible_pages(request, Page.objects.filter(depth__gt=2).filter(word_start))
    return list(dict.fromkeys(pages.order_by("title").values_list("title", flat=True)[: LIMIT * 2]))[:LIMIT]


def suggestions(request):
    typed, _truncated = clean_query(request.GET.get("q", ""))
    typed = typed[:60]
    result: list[str] = []
    if len(typed) >= MIN_LENGTH:
        if request.user.is_authenticated:
            result = _titles(request, typed)
        else:
            from search.suggest import VERSION_KEY

            try:
                version = cache.get(VERSION_KEY) or 0
            except Exception:  # noqa: BLE001 — without the cache, answer from the database
                version = 0
            key = f"search:autocomplete:{version}:{hashlib.sha256(typed.casefold().encode()).hexdigest()[:32]}"
            try:
                result = cache.get(key)
            except Exception:  # noqa: BLE001
                result = None
            if result is None:
                result = _titles(request, typed)
                try:
                    cache.set(key, result, CACHE_SECONDS)
                except Exception:  # noqa: BLE001
                    logger.warning("Suchvorschläge konnten nicht im Cache gespeichert werden", exc_info=True)
    response = JsonResponse({"suggestions": result})
    patch_vary_headers(response, ["Cookie"])
    if request.user.is_authenticated:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
