"""Production run: settings, static files, health check, error pages, robots.txt and sitemap."""

import json
import os
import secrets
import subprocess
import sys
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from blok_cms.settings import scaleout

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "blok_cms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "blok.example.org",
}


def run_manage(*args, env=None, check=True):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=check,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def run_python(code, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


# --- settings ---------------------------------------------------------------------------------


def test_check_deploy_with_production_settings_reports_nothing():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": ""}, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_logs_are_json_lines():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('blok.test').warning('Seite veröffentlicht', extra={'page_id': 7})"
    )
    result = run_python(code, PRODUCTION_ENV)
    line = result.stderr.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "blok.test"
    assert record["message"] == "Seite veröffentlicht"
    assert record["page_id"] == 7


def test_scale_out_switches_come_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "AWS_STORAGE_BUCKET_NAME": "blok-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
        "SEARCH_BACKEND": "opensearch",
        "SEARCH_URL": "https://search.example.org:9200",
        "CLOUDFLARE_ZONE_ID": "zone",
        "CLOUDFLARE_API_TOKEN": "token",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'session': s.SESSION_ENGINE, 'storage': s.STORAGES['default'], 'serve': s.WAGTAILDOCS_SERVE_METHOD,"
        "'search': s.WAGTAILSEARCH_BACKENDS['default'], 'cdn': list(s.WAGTAILFRONTENDCACHE),"
        "'csp_img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], 'caches': list(s.CACHES)}))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout.strip().splitlines()[-1])
    assert config["session"] == "home.sessions"  # database sessions: an outage logs nobody out
    assert config["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["storage"]["OPTIONS"]["default_acl"] == "private"
    assert config["storage"]["OPTIONS"]["querystring_auth"] is True
    assert config["serve"] == "redirect"
    assert config["search"]["URLS"] == ["https://search.example.org:9200"]
    assert config["cdn"] == ["cloudflare"]
    assert "https://s3.example.org" in config["csp_img"]


def test_without_environment_there_is_no_frontend_cache_and_no_s3():
    assert scaleout.frontend_cache_from_env({}) == {}
    assert scaleout.storages_from_env({}, "whitenoise.storage.CompressedManifestStaticFilesStorage") is None
    assert not hasattr(settings, "WAGTAILFRONTENDCACHE")
    http = scaleout.frontend_cache_from_env({"FRONTEND_CACHE_PURGE_URL": "http://varnish:6081"})
    assert http["proxy"]["BACKEND"] == "wagtail.contrib.frontend_cache.backends.HTTPBackend"


def test_private_document_storage_hands_out_signed_expiring_urls():
    from storages.backends.s3 import S3Storage

    options = scaleout.storages_from_env(
        {"AWS_STORAGE_BUCKET_NAME": "blok-media", "AWS_S3_REGION_NAME": "eu-central-1"}, "x"
    )["default"]["OPTIONS"]
    with mock.patch.dict(os.environ, {"AWS_ACCESS_KEY_ID": "AKIATEST", "AWS_SECRET_ACCESS_KEY": "geheim"}):
        url = S3Storage(**options).url("documents/protokoll.pdf")
    assert "blok-media" in url and "protokoll.pdf" in url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


# --- static files ----------------------------------------------------------------------------


def test_collectstatic_writes_hashed_names_with_gzip_and_brotli(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/main.css"]
    assert hashed != "css/main.css"
    for suffix in ("", ".gz", ".br"):
        assert (tmp_path / f"{hashed}{suffix}").exists(), suffix

    client = Client()
    response = client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"


# --- health check ----------------------------------------------------------------------------


def test_healthz_checks_database_and_cache_without_cookies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_reports_503_when_the_database_fails(client):
    with mock.patch("ops.views.connection.cursor", side_effect=RuntimeError("database down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
def test_healthz_is_reachable_over_plain_http_behind_ssl_redirect(client, site_tree):
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


# --- error pages -----------------------------------------------------------------------------


def _boom(request):
    raise RuntimeError("Absichtlicher Fehler")


urlpatterns = [path("boom/", _boom), path("ok/", lambda request: HttpResponse("ok"))]
handler500 = "home.views.server_error"
handler404 = "home.views.page_not_found"


def test_404_page_with_debug_off(client, site_tree):
    assert settings.DEBUG is False
    response = client.get("/diese-seite-gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert "Content-Security-Policy" in response


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_with_debug_off():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Technischer Fehler" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Absichtlicher Fehler" not in response.content.decode()


# --- robots.txt and sitemap ------------------------------------------------------------------


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    # On the Site record's address, as the sitemap's <loc> entries (tests/test_clients_sitemap.py).
    from wagtail.models import Site

    assert f"Sitemap: {Site.objects.get(is_default_site=True).root_url}/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert not response.cookies


def test_robots_txt_lists_no_restricted_page(client, site_tree, internal, home):
    from wagtail.models import PageViewRestriction

    StandardPageFactory(parent=internal, title="Verdeckt", slug="tarnkappenprotokoll")
    separately = StandardPageFactory(parent=home, title="Eigens beschränkt", slug="schlummerakte")
    PageViewRestriction.objects.create(page=separately, restriction_type=PageViewRestriction.LOGIN)
    text = client.get("/robots.txt").content.decode()
    for slug in ("interner-bereich", "tarnkappenprotokoll", "schlummerakte"):
        assert slug not in text
    assert client.get(separately.url).status_code == 302  # crawlers are sent to the login instead


def sitemap_locations(response):
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in root.findall("s:url/s:loc", namespace)]


def test_sitemap_lists_public_pages_and_never_restricted_ones(client, site_tree, internal, member):
    StandardPageFactory(parent=internal, title="Sitzungsprotokoll", slug="sitzungsprotokoll")
    StandardPageFactory(parent=site_tree.home, title="Öffentliche Seite", slug="oeffentlich")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = sitemap_locations(response)
    assert any(url.endswith("/oeffentlich/") for url in locations)
    assert any(url.endswith("/projektziele/") for url in locations)
    assert not [url for url in locations if "interner-bereich" in url]
    # A logged-in member gets the same public sitemap.
    client.force_login(member)
    assert not [url for url in sitemap_locations(client.get("/sitemap.xml")) if "interner-bereich" in url]


def test_sitemap_query_count_does_not_grow_with_pages(client, site_tree, django_assert_max_num_queries):
    for n in range(30):
        StandardPageFactory(parent=site_tree.home, title=f"Seite {n}", slug=f"seite-{n}")
    with django_assert_max_num_queries(15):
        assert client.get("/sitemap.xml").status_code == 200


def test_search_results_stay_out_of_search_engines_but_the_search_page_does_not(client, site_tree):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /suche/?" in text.splitlines()
    assert "Disallow: /suche/" not in text.splitlines()
    assert 'name="robots" content="noindex' in client.get("/suche/?q=Fachtagung").content.decode()
    assert 'name="robots"' not in client.get("/suche/").content.decode()
