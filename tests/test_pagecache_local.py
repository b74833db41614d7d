"""The page cache's copy in each process (ops/pagecache.local_pages): a hit reads only the version
token from the shared store, and an invalidation from any process is seen at the next request."""

import uuid
from unittest import mock

import pytest
from django.core.cache import caches
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
