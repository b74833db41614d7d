"""Security headers, cookies and bad input."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


def test_public_page_has_strict_content_security_policy(client, site_tree):
    policy = csp(client.get("/"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in client.get("/projektziele/")["Content-Security-Policy"]
    assert "unsafe-eval" not in client.get("/suche/?q=Projekt")["Content-Security-Policy"]


def test_public_policy_allows_no_other_host(client, site_tree):
    header = client.get("/")["Content-Security-Policy"]
    sources = {token for value in csp(client.get("/")).values() for token in value.split()}
    assert sources <= {"'self'", "'none'", "data:"}, header


def test_templates_have_no_inline_scripts_or_style_attributes():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/ld+json" not in tag and "application/json" not in tag:
                offenders.append(f"{template.name}: {tag}")
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{template.name}: style attribute")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template.name}: inline event handler")
    assert offenders == []


def test_admin_gets_its_own_policy_and_still_works(client, site_tree, editor, home):
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    admin_policy = csp(dashboard)
    assert "'unsafe-inline'" in admin_policy["script-src"]
    assert admin_policy["frame-ancestors"] == "'self'"  # Wagtail's live preview frames the admin
    edit = client.get(f"/admin/pages/{home.pk}/edit/")
    assert edit.status_code == 200
    assert "'unsafe-inline'" in edit["Content-Security-Policy"]
    # The public site keeps the strict policy for the same logged-in editor.
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


def test_security_headers_on_public_pages(client, site_tree):
    response = client.get("/projektziele/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_is_sent_on_secure_requests(client, site_tree):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize("url", ["/", "/projektziele/", "/suche/?q=Projekt", "/suche/", "/gibt-es-nicht/"])
def test_anonymous_reader_gets_no_cookie(client, site_tree, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert "Set-Cookie" not in response
    assert not response.cookies


def test_anonymous_reader_gets_no_cookie_with_page_cache_on(client, site_tree):
    with override_settings(PAGE_CACHE_ENABLED=True):
        for _ in range(2):
            for url in ("/", "/projektziele/", "/suche/?q=Projekt"):
                assert not client.get(url).cookies, url


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_login_cookies_are_secure_and_httponly(client, site_tree, member):
    form = client.get("/anmelden/", secure=True)
    assert form.cookies["csrftoken"]["secure"] and form.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/anmelden/",
        {"username": member.username, "password": "geheim-Passwort-123"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_huge_query_string_gets_a_normal_page_or_400(client, site_tree):
    response = client.get("/suche/", {"q": "Projekt " * 20_000})
    assert response.status_code in (200, 400)
    response = client.get("/projektziele/?" + "&".join(f"f{n}=x" for n in range(20_000)))
    assert response.status_code in (200, 400)


def test_too_many_search_parameters_get_400(client, site_tree):
    response = client.get("/suche/?" + "&".join(f"q{n}=x" for n in range(20_000)))
    # Search reads request.GET, which refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields.
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("host", ["exa mple.org", "bad_host!", "[::1", "example.org:80:80", "example.org:port"])
def test_malformed_host_header_gets_400(client, site_tree, host):
    assert client.get("/", HTTP_HOST=host).status_code == 400


@override_settings(ALLOWED_HOSTS=["blok.example.org"])
def test_unknown_host_gets_400(client, site_tree):
    assert client.get("/", HTTP_HOST="evil.example.com").status_code == 400
    assert client.get("/", HTTP_HOST="blok.example.org").status_code == 200


@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=garbage",
        "sessionid=" + "A" * 5000,
        'sessionid="\\x00\\xff"; csrftoken=;;==;',
        "csrftoken=zu-kurz; messages=kaputt:nicht-signiert",
        "=; ; sessionid; \t",
    ],
)
def test_invalid_cookie_gets_a_normal_page(client, site_tree, cookie):
    StandardPageFactory(parent=site_tree.home, title="Seite mit Keksen", slug="kekse")
    for url in ("/", "/kekse/", "/suche/?q=Projekt"):
        response = client.get(url, HTTP_COOKIE=cookie)
        assert response.status_code in (200, 400), (url, cookie)


def test_preview_in_the_admin_gets_the_admin_policy_so_it_can_be_framed(site_tree):
    page = site_tree.home.get_children().get(slug="projektziele").specific
    preview = page.make_preview_request()  # rendered through the middleware for the page's public URL
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]


def test_a_page_from_the_page_cache_has_the_same_policy_headers(client, site_tree):
    from django.core.cache import caches

    caches["pages"].clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        miss = client.get("/projektziele/")
        hit = client.get("/projektziele/")
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        for header in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            assert hit[header] == miss[header], header
        # A deploy with a stricter policy never serves pages stored with the old one.
        stricter = {"DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}}
        with override_settings(CONTENT_SECURITY_POLICY=stricter):
            after = client.get("/projektziele/")
        assert after["X-Page-Cache"] == "miss"
        assert csp(after)["img-src"] == "'self'"
    caches["pages"].clear()
