"""The data cache's copy in each process (ops/datacache.LocalEntries): it saves reading the shared
store again, and never outlives what the shared store holds — an invalidation or the entry's
expiry is seen at once, and no two requests share a mutable object."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from ops import datacache, pagecache


@pytest.fixture
def store(settings):
    settings.DATA_CACHE_ENABLED = True
    cache = caches["pages"]
    cache.clear()
    datacache.local_entries.clear()
    yield cache
    cache.clear()
    datacache.local_entries.clear()


def _request():
    return RequestFactory().get("/")


def _reads_of_data_entries(store):
    return mock.patch.object(store, "get", wraps=store.get)


def test_an_entry_is_read_from_the_shared_store_once_per_process(store):
    builds = []
    assert datacache.get_or_build(_request(), "teasers", (1,), lambda: builds.append(1) or "Termine") == "Termine"
    with _reads_of_data_entries(store) as reads:
        for _ in range(3):
            assert datacache.get_or_build(_request(), "teasers", (1,), lambda: builds.append(1) or "neu") == "Termine"
    data_reads = [call for call in reads.call_args_list if ":data2:" in call.args[0]]
    assert builds == [1] and data_reads == []


def test_an_entry_written_by_another_process_is_read_once(store):
    datacache.get_or_build(_request(), "teasers", (1,), lambda: ("Termine", 3))
    datacache.local_entries.clear()  # as in a second worker process
    with _reads_of_data_entries(store) as reads:
        for _ in range(3):
            assert datacache.get_or_build(_request(), "teasers", (1,), lambda: "neu") == ("Termine", 3)
    assert len([call for call in reads.call_args_list if ":data2:" in call.args[0]]) == 1


@pytest.mark.django_db
def test_an_invalidation_in_any_process_is_seen_at_the_next_request(store, django_capture_on_commit_callbacks):
    datacache.get_or_build(_request(), "menu", (), lambda: "alt")
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.invalidate()  # what a publish does, from whichever process
    assert datacache.get_or_build(_request(), "menu", (), lambda: "neu") == "neu"


def test_the_copy_expires_with_the_shared_entry(store, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 60
    now = 1_000_000.0
    monkeypatch.setattr(datacache.time, "time", lambda: now)
    datacache.get_or_build(_request(), "termine", (), lambda: "gestern")
    now += 61
    assert datacache.get_or_build(_request(), "termine", (), lambda: "heute") == "heute"


def test_mutable_values_are_never_shared_between_requests(store):
    datacache.get_or_build(_request(), "liste", (), lambda: ["a", "b"])
    first = datacache.get_or_build(_request(), "liste", (), lambda: [])
    first.append("von einer Anfrage angehängt")
    assert datacache.get_or_build(_request(), "liste", (), lambda: []) == ["a", "b"]


def test_the_copy_is_bounded_and_drops_the_least_recently_used(store, settings):
    settings.DATA_CACHE_LOCAL_BYTES = 4 * (1000 + 64) + 100
    for n in range(4):
        datacache.get_or_build(_request(), "fragment", (n,), lambda n=n: str(n) * 1000)
    datacache.get_or_build(_request(), "fragment", (0,), lambda: "neu")  # 0 is used again
    datacache.get_or_build(_request(), "fragment", (4,), lambda: "4" * 1000)  # pushes out 1
    with _reads_of_data_entries(store) as reads:
        datacache.get_or_build(_request(), "fragment", (0,), lambda: "neu")
        assert not [call for call in reads.call_args_list if ":data2:" in call.args[0]]
        datacache.get_or_build(_request(), "fragment", (1,), lambda: "neu")  # from the shared store
        assert len([call for call in reads.call_args_list if ":data2:" in call.args[0]]) == 1


def test_a_broken_shared_store_is_not_hidden_by_the_copy(store):
    datacache.get_or_build(_request(), "menu", (), lambda: "alt")
    with mock.patch.object(store, "get", side_effect=ConnectionError("Redis weg")):
        # Without the version token nothing is known about invalidations: build, do not guess.
        assert datacache.get_or_build(_request(), "menu", (), lambda: "neu") == "neu"
