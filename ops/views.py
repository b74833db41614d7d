"""Operational endpoints: health check, robots.txt and the sitemap."""

import logging

from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import PageViewRestriction, Site

from .sitemap import VisibleSitemap

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database and the cache answer, else 503.

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
        cache = caches["default"]
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:
        logger.exception("health check: cache unavailable")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@require_GET
@cache_control(max_age=3600)
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin, the members' area and the search results.

    The login page stays crawlable: members find it through search engines, and it shows nothing private.
    """
    # Search results (any query string) stay out of search engines; the search page itself may be found.
    disallow = ["/admin/", reverse("search") + "?"]
    for restriction in PageViewRestriction.objects.select_related("page"):
        url = restriction.page.get_url(request)
        if url and url.startswith("/") and url not in disallow:
            disallow.append(url)
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow), ""]
    # The sitemap's address as its <loc> entries have it: the Site record's (the public address),
    # not whatever host name this request came in under.
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines.append(f"Sitemap: {base}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request):
    """Wagtail's sitemap, limited to what an anonymous reader may see (``home.visibility``)."""
    return wagtail_sitemap(request, sitemaps={"seiten": VisibleSitemap})
