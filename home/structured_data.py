"""schema.org JSON-LD shared by the page types: BLOK as an Organization, the WebSite, images.

Search engines read these; empty values are dropped (``compact``) instead of being sent as ``""``.
"""

from __future__ import annotations

from urllib.parse import urljoin

from wagtail.models import Site

BLOK_NAME = "Benchlearning der Optionskommunen (BLOK)"
#: Renditions in the aspect ratios Google asks for (16:9, 4:3, 1:1), at least 1,200 px wide.
IMAGE_FILTERS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")


def compact(value):
    """``value`` without empty strings, ``None``, empty lists and dicts (recursively); a dict that
    holds nothing but its ``@type`` is dropped too."""
    if isinstance(value, dict):
        out = {key: compact(item) for key, item in value.items()}
        out = {key: item for key, item in out.items() if item not in ("", None, [], {})}
        return {} if set(out) <= {"@type"} else out
    if isinstance(value, list):
        return [item for item in (compact(item) for item in value) if item not in ("", None, [], {})]
    return value


def image_urls(image, base_url):
    """Absolute URLs of ``image`` in the three aspect ratios, or [] without an image."""
    if image is None or not base_url:
        return []
    return [urljoin(base_url, image.get_rendition(spec).url) for spec in IMAGE_FILTERS]


def site_of(page, request=None):
    """The site ``page`` is shown on: the request's (known after routing, no query) if the page
    lies under its root, else the page's own."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None and page.path.startswith(site.root_page.path):
        return site
    return page.get_site()


def site_url(site, request=None):
    if site is None:
        return ""
    return site.root_page.get_full_url(request) or site.root_url + "/"


def organization(site, request=None):
    url = site_url(site, request)
    return compact(
        {
            "@type": "Organization",
            "@id": f"{url}#organisation" if url else "",
            "name": BLOK_NAME,
            "alternateName": "BLOK",
            "url": url,
            "description": "Erfahrungsaustausch der kommunalen Jobcenter (Optionskommunen) im SGB II.",
        }
    )


def home_page_graph(page, request=None):
    """Organization and WebSite for the start page, with the site search as SearchAction."""
    from django.urls import reverse

    site = site_of(page, request)
    url = site_url(site, request)
    org = organization(site, request)
    website = {
        "@type": "WebSite",
        "@id": f"{url}#website",
        "name": "Benchlearning der Optionskommunen",
        "alternateName": "BLOK",
        "url": url,
        "inLanguage": "de",
        "publisher": {"@id": org.get("@id")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": urljoin(url, reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return compact({"@context": "https://schema.org", "@graph": [org, website]})
