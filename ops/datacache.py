"""A shared cache for data that almost every page needs: the site, the page for an address
(Wagtail's routing) and its view restrictions (``home/privacy_hooks.py``), the site's restriction
rows, the menu's top level and the next events. Rendered HTML fragments build on it (``ops/fragmentcache.py``).

The page cache (``ops/pagecache.py``) answers anonymous readers without rendering. Everything
else — members (never page-cached), the first reader after a publish, search results with a new
term — renders the page, and without this module each render would read the same few rows again:
the Wagtail site for the host, the start page's children (main menu and footer) and the upcoming
events (start page, "Termine" block).

Rules:

* Entries live in the page cache's store (``PAGE_CACHE_ALIAS``) under the page cache's *version
  token*, so they are dropped by exactly the same invalidation: every publish, unpublish, move or
  deletion of a page and every change to content models (see ``ops/pagecache.py``).
* Entries that depend on who is asking are keyed by what the request may not see (the hidden
  subtrees from ``home/visibility.py``), never by user; the visibility rule itself is evaluated
  per request as before.
* Entries expire after ``PAGE_CACHE_SECONDS`` at the latest — which bounds how long time-dependent
  data (an event that has just ended) can stay in a teaser, as with the page cache.
* Entries hold pickled model instances, so the key also carries a fingerprint of the models'
  columns: a deploy that changes a model never unpickles old entries.
* ``DATA_CACHE_ENABLED=0`` switches it off; an unreachable cache only costs the queries.
* Each process keeps the entries it has read or written in memory as well (:class:`LocalEntries`,
  at most ``DATA_CACHE_LOCAL_BYTES``), under the same key — version token included — and until
  the same expiry as the shared entry (stored with it). A publish in another process changes the
  token, which every request reads from the shared store first, so a process never serves an
  entry that the shared store has dropped; it only saves reading, decompressing and unpickling
  the entry again. Values other than plain strings, numbers and tuples of them are kept pickled
  and unpickled per read: no two requests ever share a mutable object.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

from ops import pagecache
from ops.localcache import MISSING as _MISSING
from ops.localcache import LocalEntries

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return settings.DATA_CACHE_ENABLED and pagecache._timeout() > 0


@functools.cache
def _schema() -> str:
    """A fingerprint of all models' columns: after a deploy that changes a model, entries pickled
    by the old code (model instances) are not read back into the new one."""
    columns = sorted((m._meta.label, tuple(f.attname for f in m._meta.concrete_fields)) for m in apps.get_models())
    return hashlib.sha256(repr(columns).encode()).hexdigest()[:12]


local_entries = LocalEntries("DATA_CACHE_LOCAL_BYTES")


def get_or_build(request, name: str, parts, build, keep=None):
    """``build()``'s value, shared by all processes until the next invalidation. With ``keep``,
    only values for which ``keep(value)`` is true are stored (the others are cheap to build again
    and would only fill the cache)."""
    if not enabled():
        return build()
    cache = pagecache._cache()
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()
    try:
        key = f"pagecache:{pagecache.request_version(request, cache)}:data2:{_schema()}:{name}:{digest}"
        value = local_entries.get(key)
        if value is not _MISSING:
            return value
        stored = cache.get(key, _MISSING)
    except Exception:  # a broken cache must not break the site
        logger.exception("data cache unavailable")
        return build()
    if stored is not _MISSING:
        # Shared entries carry their expiry, so that this process keeps them no longer.
        expires, value = stored
        local_entries.put(key, value, expires)
        return value
    value = build()
    if keep is not None and not keep(value):
        return value
    timeout = pagecache._timeout()
    expires = time.time() + timeout
    try:
        cache.set(key, (expires, value), timeout)
    except Exception:
        logger.exception("data cache store failed")
        return value
    local_entries.put(key, value, expires)
    return value


def _allowed_host(request) -> bool:
    # Only hosts in ALLOWED_HOSTS get an entry (no cache entries for made-up Host headers); the
    # others are answered with 400 further down.
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


class SiteMiddleware:
    """Look up the Wagtail site for the request's host, and the page for a path, once per
    invalidation, not per request.

    Wagtail memoises the site on the request as ``request._wagtail_site`` (documented in
    ``Site.find_for_request``) and the route of a page request as
    ``request._wagtail_route_for_request`` (``Page.route_for_request``); this middleware fills
    both attributes from the shared cache. Routing does not depend on the visitor (Wagtail checks
    view restrictions after routing, in its ``before_serve_page`` hook, on every request); a
    publish, move or deletion drops the entries with the version token. Paths that do not lead to
    a page are not stored (made-up addresses cannot fill the cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled() and not hasattr(request, "_wagtail_site") and _allowed_host(request):
            from wagtail.models import Site

            host = (split_domain_port(request._get_raw_host())[0], request.get_port())
            request._wagtail_site = get_or_build(request, "site", host, lambda: Site.find_for_request(request))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is not wagtail_views.serve or not enabled() or hasattr(request, "_wagtail_route_for_request"):
            return None
        site = getattr(request, "_wagtail_site", None)
        path = view_kwargs.get("path", view_args[0] if view_args else None)
        if site is None or path is None:
            return None
        try:
            route = get_or_build(request, "route", (site.pk, path), lambda: _route(request, path))
        except _NoRoute:
            return None  # Wagtail has memoised "no page" on the request; its view answers 404
        request._wagtail_route_for_request = route
        return None


def _route(request, path):
    """Wagtail's own routing; a path without a page raises so that nothing is stored."""
    from wagtail.models import Page

    route = Page.route_for_request(request, path)
    if route is None:
        raise _NoRoute
    # Related rows that every render of the page reads (an event's type) are stored with it.
    for name in getattr(route[0], "related_with_route", ()):
        getattr(route[0], name)
    return route


class _NoRoute(Exception):
    pass
