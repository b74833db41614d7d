"""The full-page cache for anonymous readers (ops/pagecache.py) and the cache backends."""

import gzip
import os
import socket
import subprocess
import sys
import uuid
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from home.models import SiteSettings

from .factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages_store():
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def page_cache(settings, pages_store):
    settings.PAGE_CACHE_ENABLED = True
    return pages_store


@pytest.fixture
def page(site_tree):
    return StandardPageFactory(parent=site_tree.home, title="Zwischenbericht", slug="zwischenbericht")


def publish(page, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_second_anonymous_request_is_a_cache_hit_without_database_queries(client, page_cache, page):
    first = client.get("/zwischenbericht/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/zwischenbericht/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    # The security headers are added to cached answers as well.
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second
    assert not second.cookies


def test_hits_are_stored_compressed_and_never_compressed_again(client, page_cache, page):
    first = client.get("/zwischenbericht/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    with mock.patch("django.middleware.gzip.compress_string") as compress:
        second = client.get("/zwischenbericht/", HTTP_ACCEPT_ENCODING="gzip")
    assert second["X-Page-Cache"] == "hit"
    compress.assert_not_called()
    assert second["Content-Encoding"] == "gzip"
    assert second.content == first.content
    assert gzip.decompress(second.content).decode().count("Zwischenbericht") >= 1
    assert "Accept-Encoding" in second["Vary"]


def test_clients_without_gzip_never_get_a_compressed_hit(client, page_cache, page):
    assert client.get("/zwischenbericht/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    for accept in ("", "identity", "br", "gzipped-not"):
        response = client.get("/zwischenbericht/", HTTP_ACCEPT_ENCODING=accept)
        assert "Content-Encoding" not in response, accept
        assert b"Zwischenbericht" in response.content
    # The first identity answer was stored for the others; the gzip entry was left alone.
    assert response["X-Page-Cache"] == "hit"
    plain = Client()
    assert "Content-Encoding" not in plain.get("/zwischenbericht/")
    assert client.get("/zwischenbericht/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"


def test_publishing_a_page_changes_what_the_next_anonymous_request_sees(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    assert b"Zwischenbericht" in client.get("/zwischenbericht/").content
    assert client.get("/").status_code == 200
    publish(page, django_capture_on_commit_callbacks, title="Abschlussbericht")
    response = client.get("/zwischenbericht/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Abschlussbericht" in response.content
    # Other pages (menus, teasers) are refreshed too.
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_removes_it_from_the_cache(client, page_cache, page, django_capture_on_commit_callbacks):
    assert client.get("/zwischenbericht/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/zwischenbericht/").status_code == 404


def test_deleting_a_page_removes_it_from_the_cache(client, page_cache, page, django_capture_on_commit_callbacks):
    assert client.get("/zwischenbericht/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert client.get("/zwischenbericht/").status_code == 404


def test_moving_a_page_invalidates_the_cache(client, page_cache, page, home, django_capture_on_commit_callbacks):
    target = home.get_children().get(slug="projektziele")
    assert client.get("/zwischenbericht/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    old = client.get("/zwischenbericht/")
    assert old.status_code in (301, 404)  # Wagtail may add an automatic redirect
    assert "X-Page-Cache" not in old
    assert client.get("/projektziele/zwischenbericht/").status_code == 200


def test_saving_a_draft_keeps_the_cache(client, page_cache, page, django_capture_on_commit_callbacks):
    client.get("/zwischenbericht/")
    page.title = "Entwurf"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    response = client.get("/zwischenbericht/")
    assert response["X-Page-Cache"] == "hit"
    assert b"Entwurf" not in response.content


@pytest.mark.parametrize("change", ["document", "settings"])
def test_document_and_settings_changes_invalidate_the_cache(
    client, page_cache, page, change, django_capture_on_commit_callbacks
):
    client.get("/zwischenbericht/")
    with django_capture_on_commit_callbacks(execute=True):
        if change == "document":
            DocumentFactory(title="Neuer Bericht")
        else:
            site_settings = SiteSettings.for_site(page.get_site())
            site_settings.footer_text = "Neuer Fußzeilentext"
            site_settings.save()
    assert client.get("/zwischenbericht/")["X-Page-Cache"] == "miss"


def test_member_response_is_never_cached(member_client, page_cache, page):
    for _ in range(2):
        response = member_client.get("/zwischenbericht/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert b"Abmelden" in response.content
    # The anonymous reader does not get the member's version.
    anonymous = Client().get("/zwischenbericht/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert b"Abmelden" not in anonymous.content


def test_logged_in_member_without_session_cookie_rules_is_still_not_cached(member_client, page_cache, page, settings):
    settings.PAGE_CACHE_BYPASS_COOKIES = ()  # even if the cookie rule failed, the user check holds
    member_client.get("/zwischenbericht/")
    assert "X-Page-Cache" not in member_client.get("/zwischenbericht/")


def test_restricted_page_never_enters_the_cache(member_client, page_cache, internal, settings):
    secret = StandardPageFactory(parent=internal, title="Sitzungsprotokoll", slug="protokoll")
    settings.PAGE_CACHE_BYPASS_COOKIES = ()  # let the member's requests reach the storing code
    assert member_client.get(secret.url).status_code == 200
    assert member_client.get(secret.url).status_code == 200
    anonymous = Client().get(secret.url)
    assert anonymous.status_code == 302
    assert b"Sitzungsprotokoll" not in anonymous.content


def test_restricted_page_is_marked_uncacheable_by_the_serve_hook(rf, internal, member):
    from wagtail import hooks

    secret = StandardPageFactory(parent=internal, title="Sitzungsprotokoll")
    request = rf.get(secret.url)
    request.user = member
    for hook in hooks.get_hooks("before_serve_page"):
        hook(secret, request, [], {})
    from django.contrib.auth.models import AnonymousUser

    from home import response_privacy

    assert response_privacy.is_visitor_dependent(request)
    anonymous = rf.get(secret.url)  # the anonymous reader who is redirected to the login, too
    anonymous.user = AnonymousUser()
    for hook in hooks.get_hooks("before_serve_page"):
        hook(secret, anonymous, [], {})
    assert response_privacy.is_visitor_dependent(anonymous)


def test_responses_that_set_cookies_or_are_private_are_not_stored(client, page_cache, site_tree):
    login = client.get("/anmelden/")  # sets the CSRF cookie and is never_cache
    assert login.cookies and "X-Page-Cache" not in login
    assert "X-Page-Cache" not in client.get("/anmelden/")
    health = client.get("/healthz")
    assert "no-store" in health["Cache-Control"] and "X-Page-Cache" not in health


def test_errors_redirects_and_posts_are_not_stored(client, page_cache, site_tree):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/gibt-es-nicht/")
        assert "X-Page-Cache" not in client.get("/interner-bereich/")
        assert "X-Page-Cache" not in client.post("/suche/")


def test_session_cookie_bypasses_the_cache(client, page_cache, page):
    client.get("/zwischenbericht/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "irgendeine-sitzung"
    assert "X-Page-Cache" not in client.get("/zwischenbericht/")


def test_query_string_is_part_of_the_key(client, page_cache, site_tree, monkeypatch):
    from search import site_search

    monkeypatch.setattr(site_search, "SHARED_RANKING_MIN_HITS", 1)  # both terms count as broad
    assert client.get("/suche/?q=Projekt")["X-Page-Cache"] == "miss"
    assert client.get("/suche/?q=Projektziele")["X-Page-Cache"] == "miss"
    assert client.get("/suche/?q=Projekt")["X-Page-Cache"] == "hit"


def test_one_off_search_terms_do_not_fill_the_cache(client, page_cache, site_tree):
    for term in ("Projektziele", "Projektziele 4711", "Zzyzxwort", "der"):
        for _ in range(2):
            response = client.get("/suche/", {"q": term})
            assert response.status_code == 200 and "X-Page-Cache" not in response, term
    assert client.get("/suche/")["X-Page-Cache"] == "miss"  # the empty search form is stored
    assert client.get("/suche/")["X-Page-Cache"] == "hit"


def test_pages_are_stored_for_page_cache_seconds(client, page_cache, page, settings):
    settings.PAGE_CACHE_SECONDS = 123
    with mock.patch.object(page_cache, "set", wraps=page_cache.set) as store:
        client.get("/zwischenbericht/")
    pages = [call for call in store.call_args_list if call.args[0].startswith("pagecache:") and len(call.args) > 2]
    # The page itself, and the allow-list of its query parameters remembered next to it.
    assert [call.args[2] for call in pages if ":params:" not in call.args[0]] == [123]
    assert {call.args[2] for call in pages} == {123}


def test_high_frequency_models_can_be_excluded_from_invalidation(
    client, page_cache, page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_IGNORED_MODELS = ["documents_app.blokdocument"]
    client.get("/zwischenbericht/")
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFactory(title="Zähler")
    assert client.get("/zwischenbericht/")["X-Page-Cache"] == "hit"


# --- backends -------------------------------------------------------------------------------


def _settings_in_subprocess(env, expression):
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "blok_cms.settings.dev", **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return result.stdout.strip()


def test_redis_is_used_when_redis_url_is_set_and_local_memory_otherwise():
    with_redis = _settings_in_subprocess(
        {"REDIS_URL": "redis://127.0.0.1:6379/3"}, "[c['BACKEND'] for c in settings.CACHES.values()]"
    )
    assert with_redis.count("RedisCache") == 2
    without = _settings_in_subprocess({"REDIS_URL": ""}, "[c['BACKEND'] for c in settings.CACHES.values()]")
    assert "LocMemCache" in without and "FileBasedCache" in without and "Redis" not in without


def _redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_page_cache_on_redis_serves_hits_and_is_invalidated_by_publishing(
    client, page, settings, django_capture_on_commit_callbacks
):
    prefix = f"blok-test-{uuid.uuid4().hex[:8]}"
    # A fresh key prefix instead of clear(): clear() would flush the whole Redis database.
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}
    with override_settings(
        PAGE_CACHE_ENABLED=True,
        CACHES={**settings.CACHES, "pages": {**redis_cache, "KEY_PREFIX": prefix, "TIMEOUT": 60}},
    ):
        assert "Redis" in type(caches["pages"]).__name__
        assert client.get("/zwischenbericht/")["X-Page-Cache"] == "miss"
        assert client.get("/zwischenbericht/")["X-Page-Cache"] == "hit"
        publish(page, django_capture_on_commit_callbacks, title="Bericht aus Redis")
        response = client.get("/zwischenbericht/")
        assert response["X-Page-Cache"] == "miss" and b"Bericht aus Redis" in response.content


def test_preview_of_a_draft_never_comes_from_the_page_cache(client, page_cache, page):
    assert client.get("/zwischenbericht/").status_code == 200
    assert client.get("/zwischenbericht/")["X-Page-Cache"] == "hit"
    page.title = "Unveröffentlichter Entwurf"
    preview = page.make_preview_request()  # what the admin's preview panel does
    assert b"Unver\xc3\xb6ffentlichter Entwurf" in preview.content
    assert "X-Page-Cache" not in preview


# --- the data cache (ops/datacache.py) ---------------------------------------------------------


@pytest.fixture
def data_cache(settings, pages_store):
    settings.DATA_CACHE_ENABLED = True
    return pages_store


def test_data_cache_spares_the_site_menu_and_event_queries_of_a_render(client, data_cache, site_tree, settings):
    first = client.get("/")
    with CaptureQueriesContext(connection) as warm:
        second = client.get("/")
    settings.DATA_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as cold:
        third = client.get("/")
    assert len(warm) <= len(cold) - 3, [q["sql"][:80] for q in warm.captured_queries]
    assert first.content == second.content == third.content


def test_a_new_top_level_page_is_in_the_menu_at_the_next_request(
    client, data_cache, home, django_capture_on_commit_callbacks
):
    assert b"Evaluationsbericht" not in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home, title="Evaluationsbericht", slug="evaluation", show_in_menus=True)
    assert b"Evaluationsbericht" in client.get("/").content


def test_a_published_event_is_in_the_start_page_teaser_at_the_next_request(
    client, data_cache, home, django_capture_on_commit_callbacks
):
    from .factories import EventPageFactory

    event = EventPageFactory(parent=home, title="Frühjahrstagung", slug="fruehjahr")
    assert b"Fr\xc3\xbchjahrstagung" in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Herbsttagung"
        event.save_revision().publish()
    content = client.get("/").content.decode()
    assert "Herbsttagung" in content and "Frühjahrstagung" not in content


@pytest.mark.parametrize("member_first", [True, False])
def test_members_cached_event_teaser_never_reaches_an_anonymous_reader(
    client, member, data_cache, internal, member_first
):
    from .factories import EventPageFactory

    EventPageFactory(parent=internal, title="Klausur Steuerungskreis", slug="klausur")
    member_client = Client()
    member_client.force_login(member)
    readers = [member_client, client] if member_first else [client, member_client]
    seen = {id(reader): "Klausur Steuerungskreis" in reader.get("/").content.decode() for reader in readers}
    assert seen == {id(member_client): True, id(client): False}


def test_the_site_lookup_is_cached_only_for_allowed_hosts(client, data_cache, site_tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/").status_code == 200
    entries = len(data_cache._cache)
    assert client.get("/", HTTP_HOST="not-allowed.example").status_code == 400
    assert len(data_cache._cache) == entries


def test_data_cache_keys_change_when_a_models_columns_change(rf, data_cache, site_tree):
    from ops import datacache

    request = rf.get("/")
    assert datacache.get_or_build(request, "probe", 1, lambda: "alt") == "alt"
    datacache._schema.cache_clear()
    try:
        with mock.patch("ops.datacache.apps.get_models", return_value=[SiteSettings]):
            assert datacache.get_or_build(request, "probe", 1, lambda: "neu") == "neu"
    finally:
        datacache._schema.cache_clear()
