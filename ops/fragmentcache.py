"""Rendered HTML fragments shared by every request that may see the same things.

Members are never answered from the page cache (``ops/pagecache.py``): each of their requests
renders the page. Most of what a page shows does not depend on *who* is asking but only on *what
the request may see*: the main menu, the footer, the calendar's lists and month grid, the
library's filters and list, the start page's teasers. This module keeps such fragments, rendered
once, for all requests with the same visibility facts.

Rules (privacy first):

* The key is the **visibility fingerprint** of the request — a digest of the restricted subtrees
  it does not pass and of the site's restrictions (``home/visibility.py``) — never the user. Two
  members of different Vergleichsringe see different subtrees and so get different keys; a guest
  gets the guests' key. The key also holds the host, the path, the query parameters the page type
  declares (``PAGE_CACHE_QUERY_PARAMS``; a page type without a declaration: the whole query
  string; left out for fragments that never read it, ``without_query``) and the fragment's own
  ``vary`` values.
* Entries live under the page cache's *version token* (as the data cache, ``ops/datacache.py``):
  every publish, unpublish, move, deletion, privacy change or content change drops all of them,
  and they expire after ``PAGE_CACHE_SECONDS`` at the latest (time-dependent lists such as
  "upcoming events" are at most that old, as with the page cache).
* Nothing user-specific goes inside a fragment: no CSRF token, no "Abmelden" form, no messages,
  no form values other than those from the declared query parameters. Templates wrap only parts
  that satisfy this (``{% fragment %}`` in ``ops/templatetags/fragment_tags.py``).
* If rendering the fragment marked the response as visitor-dependent
  (``home.response_privacy.depends_on_visitor``), a hit marks it again.
* ``DATA_CACHE_ENABLED=0`` switches fragments off with the data cache; an unreachable cache
  means rendering (``ops/cache.py`` turns errors into misses), never an error.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost

from home import response_privacy, visibility
from ops import datacache, pagecache

logger = logging.getLogger(__name__)

_FINGERPRINT_ATTR = "_blok_visibility_fingerprint"
_MISSING = object()


def fingerprint(request) -> str:
    """A digest of what this request may not see (memoised on the request)."""
    cached = getattr(request, _FINGERPRINT_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    facts = visibility.get_visibility(request)
    raw = repr(
        (
            facts.hidden_page_paths,
            facts.hidden_collection_paths,
            facts.restricted_page_paths,
            facts.restricted_collection_paths,
            tuple(sorted(facts.door_page_paths)),
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    if request is not None:
        setattr(request, _FINGERPRINT_ATTR, digest)
    return digest


def _query_part(request, page):
    """The query parameters the response depends on, as declared for the page cache."""
    allowed = None
    if page is not None and hasattr(page, "specific_class"):
        allowed = pagecache.query_params_for_page(page)
    if allowed is None:
        allowed = pagecache._declared_params(request)
    if allowed is None:
        return request.META.get("QUERY_STRING", "")
    return tuple(sorted((name, value) for name in allowed for value in request.GET.getlist(name)))


def key_parts(request, name, vary, page=None, with_query=True):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = _query_part(request, page) if with_query else None
    return (fingerprint(request), request.scheme, host, request.path, query, tuple(vary))


def enabled() -> bool:
    return datacache.enabled() and settings.FRAGMENT_CACHE_ENABLED


def get_or_render(request, name, vary, render, page=None, with_query=True, keep=None) -> str:
    """``render()``'s HTML, shared by all requests with the same visibility facts and key parts.
    With ``keep`` (no arguments, asked after rendering), only fragments it approves are stored."""
    if request is None or not enabled():
        return render()
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return render()  # Wagtail's preview and moderation views render drafts: never shared
    if page is None and pagecache._declared_params(request) is None:
        # Neither a page nor a view with declared parameters (a 404, an account view): made-up
        # addresses must not fill the cache.
        return render()
    parts = key_parts(request, name, vary, page, with_query)
    if parts is None:
        return render()

    def build():
        was_private = response_privacy.is_marked(request)
        html = str(render())
        # Replayed on a hit: a fragment that made the response private keeps doing so.
        return (html, response_privacy.is_marked(request) and not was_private)

    html, private = datacache.get_or_build(
        request, f"fragment:{name}", parts, build, keep=(lambda _value: keep()) if keep else None
    )
    if private:
        response_privacy.depends_on_visitor(request)
    return html
