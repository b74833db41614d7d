"""Operational endpoints: health check, robots.txt and the sitemap."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from home import public_address

from .sitemap import VisibleSitemap

logger = logging.getLogger(__name__)


def _cache_ok(alias):
    cache = caches[alias]
    if hasattr(cache, "ping"):  # ops.cache.FaultTolerantRedisCache: ask Redis itself
        return cache.ping()
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


def not_found(request, *args, **kwargs):
    """The same 404 for every address below a switched-off URL, whatever follows."""
    raise Http404


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring.

    * 200 ``{"status": "ok"}``: database and caches answer.
    * 200 ``{"status": "degraded", "cache": "error"}``: the cache (Redis) is down or hung; the site
      serves without it (slower), so the instance stays in the load balancer.
    * 503 ``{"status": "error", "database": "error"}``: the database does not answer; nothing works.

    No session is touched, so the answer sets no cookie; ``never_cache`` adds ``no-store``.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("health check: database unavailable")
        checks["database"] = "error"
    try:
        aliases = [alias for alias in ("default", "pages") if alias in settings.CACHES]
        checks["cache"] = "ok" if all(_cache_ok(alias) for alias in aliases) else "error"
    except Exception:
        logger.exception("health check: cache unavailable")
        checks["cache"] = "error"
    if checks["database"] != "ok":
        status, code = "error", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


@require_GET
@cache_control(max_age=3600)
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin and the search results.

    Restricted pages are not listed: a slug is content, and robots.txt is public. They need no
    entry either — every restricted page answers an anonymous crawler with a redirect to the login.
    The login page stays crawlable: members find it through search engines, and it shows nothing private.
    """
    # Search results (any query string) stay out of search engines; the search page itself may be found.
    disallow = ["/admin/", reverse("search") + "?"]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow), ""]
    # The sitemap's address as its <loc> entries have it: the Site record's (the public address),
    # not whatever host name this request came in under.
    lines.append(f"Sitemap: {public_address.absolute(reverse('sitemap'), request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request):
    """Wagtail's sitemap, limited to what an anonymous reader may see (``home.visibility``)."""
    return wagtail_sitemap(request, sitemaps={"seiten": VisibleSitemap})
