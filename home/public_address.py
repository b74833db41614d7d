"""The one public address of the site: the Wagtail Site record.

Every absolute URL the project writes — canonical link, ``og:url``, RSS/Atom, robots.txt, sitemap,
JSON-LD, iCalendar, every e-mail, the admin address ``ensure_admin`` prints — starts with
``root_url()``. Wagtail's own ``page.full_url`` reads the same record, so page links and the rest
agree. The request's ``Host`` header never decides: a site reachable under several allowed names
(``www.`` and without, an internal name behind the proxy) still names one address.

The Site takes its address from ``WAGTAILADMIN_BASE_URL`` (``load_initial_data``, while the Site
still has a local address); system check ``blok.W001`` warns when the two diverge.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def site(request=None) -> Site | None:
    """The Site serving ``request`` (memoised on it by Wagtail), else the default Site.

    ``Site.find_for_request`` falls back to the default Site for a host name no Site carries, so
    for this one-site project both are the same record.
    """
    found = Site.find_for_request(request) if request is not None else None
    if found is None:
        found = Site.objects.filter(is_default_site=True).first()
    return found


def root_url(request=None) -> str:
    """``scheme://host[:port]`` of the public site, without a trailing slash.

    Before a Site exists (a fresh database) the configured ``WAGTAILADMIN_BASE_URL`` stands in.
    """
    found = site(request)
    if found is not None:
        return found.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str, request=None) -> str:
    """``path`` (``/…``, or already absolute) as an absolute URL on the public address."""
    if urlsplit(path).scheme:
        return path
    return root_url(request) + path


def webcal(url: str) -> str:
    """The ``webcal://`` address calendar programs subscribe to, for an absolute ``http(s)`` URL."""
    return "webcal://" + url.split("://", 1)[1] if "://" in url else url
