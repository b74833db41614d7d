"""Page-cache hits (ops/pagecache.py).

* The copy in each process (``local_pages``): a hit reads only the version token from the shared
  store, and an invalidation from any process is seen at the next request.
* Hits answered in front of Django's handler (``ServeHitsFirst``, used by blok_cms/wsgi.py): the
  same answer as Django's own path, and everything that is not a hit goes to Django unchanged.
"""

import io
import sys
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from ops import pagecache

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    pagecache.local_pages.clear()
    yield caches["pages"]
    caches["pages"].clear()
    pagecache.local_pages.clear()


@pytest.fixture
def page(site_tree):
    return StandardPageFactory(parent=site_tree.home, title="Zwischenbericht", slug="zwischenbericht")


def test_a_hit_from_the_copy_reads_only_the_version_token(page_cache, page):
    client = Client()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    with mock.patch.object(page_cache, "get", wraps=page_cache.get) as reads:
        response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Zwischenbericht" in response.content.decode()
    assert [call.args[0] for call in reads.call_args_list] == [pagecache.VERSION_KEY]


def test_a_page_stored_by_another_process_is_read_from_the_shared_store_once(page_cache, page):
    client = Client()
    client.get(page.url)
    pagecache.local_pages.clear()  # as in a second worker process
    with mock.patch.object(page_cache, "get", wraps=page_cache.get) as reads:
        assert client.get(page.url)["X-Page-Cache"] == "hit"
        assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert len(reads.call_args_list) == 3  # the token twice, the page once


def test_an_invalidation_by_another_process_is_seen_at_the_next_request(page_cache, page):
    client = Client()
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    # Another worker published something: it replaced the token in the shared store.
    page_cache.set(pagecache.VERSION_KEY, uuid.uuid4().hex, timeout=None)
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_query_parameters_remembered_in_the_copy_still_key_the_page(page_cache, site_tree):
    client = Client()
    client.get("/suche/", {"q": "Projekt"})
    assert client.get("/suche/")["X-Page-Cache"] == "miss"
    assert client.get("/suche/")["X-Page-Cache"] == "hit"
    with mock.patch.object(page_cache, "get", wraps=page_cache.get) as reads:
        response = client.get("/suche/", {"utm_source": "x"})
    assert response["X-Page-Cache"] == "hit"  # unknown parameters share the plain entry
    assert [call.args[0] for call in reads.call_args_list] == [pagecache.VERSION_KEY]


def test_an_event_page_lives_in_the_shared_store_only(page_cache, site_tree):
    from .factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=site_tree.home, title="Termine", slug="termine")
    event = EventPageFactory(parent=index, title="Fachtagung Nord", slug="nord")
    client = Client()
    client.get(event.url)
    with mock.patch.object(page_cache, "get", wraps=page_cache.get) as reads:
        assert client.get(event.url)["X-Page-Cache"] == "hit"
    # Its answers are dropped singly by registrations: every hit asks the shared store.
    assert len(reads.call_args_list) == 2


# --- in front of Django's handler ---------------------------------------------------------------


class Django:
    """Django's handler, counting what reaches it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        from django.core.signals import request_started
        from django.db import close_old_connections

        self.calls += 1
        # As Django's test client does: the handler would close "old" database connections at
        # the start of a request, the test's transaction among them (on PostgreSQL).
        request_started.disconnect(close_old_connections)
        try:
            return self.handler(environ, start_response)
        finally:
            request_started.connect(close_old_connections)


def environ(path, query="", method="GET", **extra):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }


def call(app, env):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(app(env, start_response))
    return answer["status"], dict(answer["headers"]), body


def test_a_hit_is_answered_in_front_with_djangos_own_answer(page_cache, page):
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    status, headers, _body = call(front, environ(page.url))
    assert status.startswith("200") and headers["X-Page-Cache"] == "miss" and django.calls == 1
    # Django's own path serving the hit, and the front serving it, side by side.
    expected = call(django, environ(page.url))
    answer = call(front, environ(page.url))
    assert django.calls == 2  # the hit did not reach Django's handler
    assert answer[1]["X-Page-Cache"] == "hit"
    assert answer == expected
    assert answer[1]["Content-Encoding"] == "gzip"
    assert "X-Content-Type-Options" in answer[1] and "Content-Security-Policy" in answer[1]


def test_a_head_request_gets_the_headers_of_the_hit_without_a_body(page_cache, page):
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    call(front, environ(page.url))
    status, headers, body = call(front, environ(page.url, method="HEAD"))
    _status, get_headers, get_body = call(front, environ(page.url))
    assert status.startswith("200") and body == b"" and django.calls == 1
    assert headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},  # a logged-in visitor
        {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "0"},
        {"PATH_INFO": "/zwischen\x01bericht/"},  # the input guard answers 400
        {"HTTP_HOST": "fremd.example"},  # Django answers 400
        {"PATH_INFO": "/static/css/nicht-da.css"},
    ],
    ids=["session", "post", "control character", "foreign host", "static"],
)
def test_whatever_is_not_a_plain_hit_goes_to_django(page_cache, page, extra):
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    call(front, environ(page.url))
    env = environ(page.url)
    env.update(extra)
    before = django.calls
    status, headers, _body = call(front, env)
    assert django.calls == before + 1, status
    assert headers.get("X-Page-Cache") != "hit"


def test_an_invalidation_is_seen_by_the_front_at_the_next_request(page_cache, page):
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    call(front, environ(page.url))
    assert call(front, environ(page.url))[1]["X-Page-Cache"] == "hit"
    page_cache.set(pagecache.VERSION_KEY, uuid.uuid4().hex, timeout=None)  # another process published
    assert call(front, environ(page.url))[1]["X-Page-Cache"] == "miss"
    assert django.calls == 2


def test_a_broken_cache_leaves_every_request_to_django(page_cache, page, monkeypatch, caplog):
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    call(front, environ(page.url))

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache, "get", broken)
    status, _headers, body = call(front, environ(page.url, HTTP_ACCEPT_ENCODING=""))
    assert status.startswith("200") and b"Zwischenbericht" in body
    assert django.calls == 2
    assert len([r for r in caplog.records if "page cache unavailable" in r.getMessage()]) == 1


def test_the_site_is_served_through_the_front():
    from blok_cms import wsgi

    assert isinstance(wsgi.application, pagecache.ServeHitsFirst)
