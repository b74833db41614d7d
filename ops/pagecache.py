"""A full-page cache for anonymous readers.

Why our own and not Django's cache middleware: Django's keys on the URL *and* the Vary headers
(Cookie!), stores responses for logged-in users when they do not vary, and knows nothing about
Wagtail's publishing. This one is small and states its rules:

* Served from and stored to the cache only for GET (HEAD is served) requests **without** a
  session or messages cookie (``PAGE_CACHE_BYPASS_COOKIES``). The key is scheme + host + full
  path (with query string), the response *encoding* the client accepts (gzip or identity — the
  same test Django's ``GZipMiddleware`` makes) plus the current cache *version*.
* Query strings: a page type declares the parameters it uses (``PAGE_CACHE_QUERY_PARAMS``, e.g.
  the library's filters); only those are part of the key, all others are ignored for caching, so
  made-up query strings cannot fill the cache. The allow-list of a path is remembered next to its
  first entry. Pages and views without a declared list are stored only without a query string.
* ``GZipMiddleware`` sits *inside* this middleware (after it in ``MIDDLEWARE``): a page is
  compressed once when it is stored, and a hit is sent as stored, not compressed again.
* Never stored: responses for authenticated users; responses that are not 200, are streaming,
  set cookies, or that ``home.response_privacy`` says depend on the visitor (restricted pages and
  documents, logged-in visitors, forms; views outside the project through their ``Cache-Control``);
  URLs below ``PAGE_CACHE_EXCLUDE_PREFIXES``; very long query strings.
* Invalidation (the simplest correct rule: clear the page cache on any publish event): every publish,
  unpublish, move or deletion of a page and every change to documents, images, snippets, site
  settings, collections, privacy settings, redirects and the project apps' models replaces the
  version token once the transaction commits. Old entries are never read again and expire after
  ``PAGE_CACHE_SECONDS`` — which is also the longest a reader can see a stale page if an
  invalidation is lost (e.g. Redis unreachable during a publish).

The cache alias ``PAGE_CACHE_ALIAS`` must be shared by all processes that serve the site
(Redis, or the file cache on a single machine), otherwise one worker would not see another
worker's invalidation. Each process also keeps the entries it has read or written in memory
(``PAGE_CACHE_LOCAL_MB``, ``ops/localcache.py``): a hit then reads only the version token from the
shared store, not the page. Hits are answered in front of Django's handler (:class:`ServeHitsFirst`,
``blok_cms/wsgi.py``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip  # GZipMiddleware's own test, same buckets
from django.utils.cache import cc_delim_re

from home import response_privacy
from ops.localcache import MISSING, LocalEntries

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
_VERSION_ATTR = "_blok_cache_version"
HEADER = "X-Page-Cache"
MAX_QUERY_STRING = 512

# Draft bookkeeping: saving only these fields of a page does not change what readers see.
_DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _timeout():
    return int(settings.PAGE_CACHE_SECONDS)


def enabled():
    return settings.PAGE_CACHE_ENABLED and _timeout() > 0


def token(key, cache=None):
    """The version token stored under ``key`` (created on first use). Entries whose keys carry
    it become unreachable when :func:`bump_on_commit` replaces it."""
    cache = cache or _cache()
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add() so that concurrent first requests agree on one token.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def bump_on_commit(key, what):
    """Replace the token under ``key`` now (outside a transaction) or on commit."""

    def bump():
        try:
            _cache().set(key, uuid.uuid4().hex, timeout=None)
        except Exception:  # the cache is down: entries expire after PAGE_CACHE_SECONDS
            logger.exception("%s invalidation failed", what)

    transaction.on_commit(bump)


def current_version(cache=None):
    return token(VERSION_KEY, cache)


def request_version(request, cache=None):
    """The version token, read from the cache once per request (page cache and data cache)."""
    version = getattr(request, _VERSION_ATTR, None) if request is not None else None
    if version is None:
        version = current_version(cache)
        if request is not None:
            setattr(request, _VERSION_ATTR, version)
    return version


def invalidate():
    """Make every cached page unreachable now (outside a transaction) or on commit."""
    bump_on_commit(VERSION_KEY, "page cache")


def _hosts(root_url):
    """Every ``Host`` a cached answer of this site can have been stored under."""
    from urllib.parse import urlsplit

    hosts = {urlsplit(root_url).netloc} if root_url else set()
    base = settings.WAGTAILADMIN_BASE_URL
    if base:
        hosts.add(urlsplit(base).netloc)
    hosts.update(h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith("."))
    return hosts


def forget_pages(pages):
    """Drop the cached answers of single addresses once the transaction commits, leaving the rest
    of the cache (every other page, the data cache, the fragments) as it is.

    ``pages`` is a list of ``(page, subpaths)``, e.g. ``[(event, ["", "ical/"])]``. Only answers
    stored without a query string are dropped, under every host of the site, both schemes and
    both encodings. For changes that only those addresses show (an event's free seats), not for
    content that other pages show too (use :func:`invalidate`). The views of such addresses call
    :func:`shared_copy_only`, so that no process serves a copy of what was dropped here.
    """

    def drop():
        try:
            cache = _cache()
            version = current_version(cache)
            keys = []
            for page, subpaths in pages:
                parts = page.get_url_parts()
                if not parts or parts[2] is None:
                    continue
                _site_id, root_url, path = parts
                for host in _hosts(root_url):
                    for scheme in ("http", "https"):
                        for encoding in ("gzip", "identity"):
                            for subpath in subpaths:
                                raw = f"{encoding} {scheme}://{host}{path}{subpath}?"
                                keys.append(_page_key(version, raw))
            cache.delete_many(keys)
        except Exception:  # the cache is down: entries expire after PAGE_CACHE_SECONDS
            logger.exception("page cache: dropping single pages failed")

    transaction.on_commit(drop)


def on_cache_recovery(cache):
    """Redis answers again after an outage: publishes in the meantime could not invalidate."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _encoding(request):
    """The body a hit must have: what GZipMiddleware made for this Accept-Encoding."""
    return "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"


def _digest(raw):
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _query(request, allowed):
    """The query string the key uses: all of it when the page's parameters are unknown, else only
    the allow-listed parameters, sorted (``?utm_source=x`` and ``?b=1&a=2`` share an entry)."""
    if allowed is None:
        return request.META.get("QUERY_STRING", "")
    return urlencode(sorted((name, value) for name in allowed for value in request.GET.getlist(name)))


@functools.cache
def _policies():
    """Pages are stored with their policy headers: a deploy that changes a policy gets new keys."""
    return _digest(repr((settings.CONTENT_SECURITY_POLICY, settings.PERMISSIONS_POLICY)))[:12]


def _on_setting_changed(setting, **kwargs):
    if setting in ("CONTENT_SECURITY_POLICY", "PERMISSIONS_POLICY"):
        _policies.cache_clear()


setting_changed.connect(_on_setting_changed, dispatch_uid="blok_pagecache_policies")


def _page_key(version, raw):
    """Where the answer for ``raw`` ("encoding scheme://host/path?query") is stored."""
    return f"pagecache:{version}:{_policies()}:2:{_digest(raw)}"


def _cache_key(request, version, allowed=None):
    raw = f"{_encoding(request)} {request.scheme}://{request.get_host()}{request.path}?{_query(request, allowed)}"
    return _page_key(version, raw)


def _params_key(request, version):
    """Where the allow-list of a path is remembered (written when the path is first stored)."""
    return f"pagecache:{version}:params:2:{_digest(f'{request.scheme}://{request.get_host()}{request.path}')}"


local_pages = LocalEntries("PAGE_CACHE_LOCAL_BYTES")


_SHARED_ONLY_ATTR = "_blok_page_cache_shared_only"


def shared_copy_only(request):
    """Keep this answer in the shared store only, never in a process's copy: for addresses that
    :func:`forget_pages` drops singly (a deletion in the shared store would not reach the copies
    other processes hold)."""
    setattr(request, _SHARED_ONLY_ATTR, True)


def _read(cache, key):
    """The entry under ``key``: this process's copy, else the shared store's (then copied, unless
    it is to stay in the shared store only)."""
    value = local_pages.get(key)
    if value is not MISSING:
        return value
    stored = cache.get(key)
    if stored is None:
        return None
    # Shared entries carry their expiry, so that a copy is kept no longer.
    expires, copy, value = stored
    if copy:
        local_pages.put(key, value, expires)
    return value


def _write(cache, key, value, copy=True):
    timeout = _timeout()
    expires = time.time() + timeout
    cache.set(key, (expires, copy, value), timeout)
    if copy:
        local_pages.put(key, value, expires)


_PARAMS_ATTR = "_blok_cache_query_params"


def declare_query_params(request, names):
    """The query parameters this response depends on (all others are ignored for caching)."""
    setattr(request, _PARAMS_ATTR, tuple(names))


def query_params_for_page(page):
    """The allow-list of a page type (``PAGE_CACHE_QUERY_PARAMS``), or None when it is unknown."""
    allow_lists = settings.PAGE_CACHE_QUERY_PARAMS
    label = page.specific_class._meta.label_lower if page.specific_class else ""
    names = allow_lists.get(label)
    return None if names is None else tuple(names)


def _declared_params(request):
    declared = getattr(request, _PARAMS_ATTR, None)
    if declared is not None:
        return declared
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name:
        names = settings.PAGE_CACHE_QUERY_PARAMS.get(f"view:{match.url_name}")
        if names is not None:
            return tuple(names)
    return None


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False  # is_dummy: Wagtail's preview/moderation rendering of a draft
    if any(name in request.COOKIES for name in _bypass_cookies()):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    prefixes = tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)
    return not request.path_info.startswith(prefixes)


def _bypass_cookies():
    return settings.PAGE_CACHE_BYPASS_COOKIES


_SKIP_ATTR = "_blok_page_cache_skip"


def not_worth_storing(response):
    """Serve ``response`` but do not store it: an answer that is cheap to render again and whose
    address is unlikely to be asked for again (a one-off search term), so that made-up values of
    a declared parameter cannot fill the cache."""
    setattr(response, _SKIP_ATTR, True)
    return response


def _response_is_storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(response, _SKIP_ATTR, False):
        return False
    if response.cookies or not response_privacy.may_be_shared(request, response):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    # Cookie and Accept-Language (one language only) are covered by the key rules above,
    # Accept-Encoding by the key's encoding bucket.
    return not (vary - {"", "cookie", "accept-language", "accept-encoding"})


def _rebuilt(hit):
    """The stored answer as a response. Its headers were read from a response when it was
    stored, so they are valid as they are: they go into Django's header store directly instead
    of being checked and encoded again one by one (a third of a hit's time)."""
    status, headers, content = hit
    response = HttpResponse(content, status=status)
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        store.update((name.lower(), (name, value)) for name, value in headers)
    else:  # a Django whose header store looks different
        for name, value in headers:
            response[name] = value
    response[HEADER] = "hit"
    return response


# Middlewares that answer requests of their own (static files) and pass every other response on
# unchanged: left out of the chain in front, static files go straight to Django's handler.
_ANSWER_THEMSELVES = frozenset({"whitenoise.middleware.WhiteNoiseMiddleware"})
_FRONT_ATTR = "_blok_page_cache_front"


class _NotAHit(HttpResponse):
    """What the innermost step of :class:`ServeHitsFirst`'s chain answers: "render it"."""


class ServeHitsFirst:
    """WSGI: a page-cache hit is answered before Django's request handling starts.

    A hit needs no URL resolution, no session, no database and none of Django's request
    signals, only the middlewares up to and including :class:`PageCacheMiddleware` — the same
    classes from ``MIDDLEWARE``, run here as a short chain, so the answer has exactly the headers
    Django's own path gives it. Anything that is not a hit (a miss, a redirect, an error, a
    request the cache does not serve) goes to Django's handler unchanged.
    """

    def __init__(self, application):
        from django.utils.module_loading import import_string

        self.application = application
        names = list(settings.MIDDLEWARE)
        own = f"{__name__}.{PageCacheMiddleware.__name__}"
        self.chain = None
        if own in names:
            handler = self._not_a_hit
            for name in reversed(names[: names.index(own) + 1]):
                if name not in _ANSWER_THEMSELVES:
                    handler = import_string(name)(handler)
            self.chain = handler

    @staticmethod
    def _not_a_hit(request):
        return _NotAHit(status=204)

    def __call__(self, environ, start_response):
        response = self._hit(environ) if self.chain is not None and enabled() else None
        if response is None:
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    def _hit(self, environ):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if settings.STATIC_URL and environ.get("PATH_INFO", "").startswith(settings.STATIC_URL):
            return None
        cookies = environ.get("HTTP_COOKIE", "")
        if cookies and any(f"{name}=" in cookies for name in _bypass_cookies()):
            return None  # a member: never a hit (a shortcut; the chain checks the parsed cookies too)
        from django.core.handlers.wsgi import WSGIRequest

        try:
            # A copy: the chain may rewrite what it is given (the input guard cleans queries).
            request = WSGIRequest(dict(environ))
            setattr(request, _FRONT_ATTR, True)
            response = self.chain(request)
        except Exception:  # noqa: BLE001 — Django's handler answers it, as it answers everything else
            return None
        if isinstance(response, _NotAHit) or response.get(HEADER) != "hit" or response.cookies:
            return None
        return response


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        if request.method == "HEAD" and not response.streaming and response.content:
            # HEAD answers carry the GET headers (Content-Length included) but no body; gunicorn
            # would otherwise warn about every monitoring probe.
            response.content = b""
        return response

    def _respond(self, request):
        if not enabled() or not _request_is_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers it (400), nothing to look up
        try:
            version = request_version(request, cache)
            remembered = _read(cache, _params_key(request, version)) if request.META.get("QUERY_STRING") else ()
            key = _cache_key(request, version, remembered)
            hit = _read(cache, key)
        except Exception:  # a broken cache must not break the site
            if not getattr(request, _FRONT_ATTR, False):  # logged once, by Django's own path
                logger.exception("page cache unavailable")
            return self.get_response(request)
        if hit is not None:
            return _rebuilt(hit)

        response = self.get_response(request)
        if _response_is_storable(request, response):
            allowed = _declared_params(request)
            if allowed is None and request.META.get("QUERY_STRING"):
                return response  # parameters of unknown meaning: not stored (cannot fill the cache)
            headers = tuple((k, v) for k, v in response.items() if k.lower() not in ("set-cookie", HEADER.lower()))
            try:
                _write(
                    cache,
                    _cache_key(request, version, allowed),
                    (response.status_code, headers, response.content),
                    copy=not getattr(request, _SHARED_ONLY_ATTR, False),
                )
                if allowed is not None:
                    _write(cache, _params_key(request, version), tuple(allowed))
                response[HEADER] = "miss"
            except Exception:
                logger.exception("page cache store failed")
        return response


# --- invalidation ---------------------------------------------------------------------------

# Apps whose models are shown on public pages: any change to them invalidates the page cache.
CONTENT_APPS = frozenset(
    {
        "home",
        "events",
        "documents_app",
        "participants",
        "wagtaildocs",
        "wagtailimages",
        "wagtailredirects",
        "taggit",
        "search",  # editors' synonym groups change what search pages show
    }
)
# Models of Wagtail's core that change what readers see (the rest is drafts, logs, workflows…).
CORE_MODELS = frozenset({"collection", "pageviewrestriction", "collectionviewrestriction", "site", "locale"})
# Models in content apps that change constantly without changing what readers see. Projects add
# their own high-frequency models (logs, counters) as "app_label.modelname" in
# settings.PAGE_CACHE_IGNORED_MODELS (blok_cms/settings/base.py).
IGNORED_MODELS = frozenset({"query", "querydailyhits", "uploadedimage", "uploadeddocument"})


def _is_content_model(model):
    from wagtail.images.models import AbstractRendition

    if issubclass(model, AbstractRendition):  # created while rendering pages
        return False
    meta = model._meta
    name = meta.model_name
    if name in IGNORED_MODELS or meta.label_lower in settings.PAGE_CACHE_IGNORED_MODELS:
        return False
    if meta.app_label == "wagtailcore":
        return name in CORE_MODELS
    if meta.app_label == "wagtailsearchpromotions":
        return name == "searchpromotion"
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
        return True
    return meta.app_label in CONTENT_APPS


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    from wagtail.models import Page

    if raw:
        return
    if isinstance(instance, Page):
        # Saving a draft touches only bookkeeping fields; publishing and direct saves do more.
        if update_fields is not None and set(update_fields) <= _DRAFT_FIELDS:
            return
        invalidate()
        return
    if _is_content_model(sender):
        invalidate()


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or _is_content_model(sender):
        invalidate()


def _on_page_event(sender, **kwargs):
    invalidate()


def _on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def connect_signals():
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_save, dispatch_uid="blok_pagecache_save")
    post_delete.connect(_on_delete, dispatch_uid="blok_pagecache_delete")
    # The groups of a restriction decide who sees a subtree (visibility facts, fragments).
    for model in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(_on_m2m, sender=model.groups.through, dispatch_uid=f"blok_pagecache_m2m_{model.__name__}")
    page_published.connect(_on_page_event, dispatch_uid="blok_pagecache_published")
    page_unpublished.connect(_on_page_event, dispatch_uid="blok_pagecache_unpublished")
    post_page_move.connect(_on_page_event, dispatch_uid="blok_pagecache_moved")
