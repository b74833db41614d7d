"""SQL queries per page: at most twelve as in production (in fact none for a guest and one for a
member), and the same for a few and for many events and documents — for guests and for
logged-in members, who never get the page cache.

"As in production" means the data cache and the shared fragments on (``ops/datacache.py``,
``ops/fragmentcache.py``) and the page cache off (members never get it). Without the data cache
(``DATA_CACHE_ENABLED=0``) the counts must stay constant as well. The benchmark (``make bench``)
shows the same numbers with 10,000 events and 5,000 documents.
"""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import DocumentFactory, EventPageFactory, EventTypeFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def urls(event_index, event):
    today = timezone.localdate()
    return {
        "Veranstaltung": event.url,
        "Startseite": "/",
        "Veranstaltungsliste": event_index.url,
        "Filter": event_index.url + "?typ=fachtagung",
        "Monatsansicht": event_index.url + f"kalender/{today.year}/{today.month}/",
        "Archiv": event_index.url + "archiv/2016/",
        "Dokumentbibliothek": "/dokumente/",
        "Inhaltsseite": "/projektziele/",
    }


def add_content(event_index, internal, collections, count):
    event_type, _ = EventTypeFactory._meta.model.objects.get_or_create(slug="fachtagung", defaults={"name": "Tagung"})
    now = timezone.now()
    for n in range(count):
        start = now + datetime.timedelta(days=1 + n % 25, hours=n % 5)
        if n % 3 == 0:
            start = timezone.make_aware(datetime.datetime(2016, 1 + n % 12, 1 + n % 27, 10))
        parent = internal if n % 10 == 0 else event_index
        EventPageFactory(parent=parent, start=start, end=start + datetime.timedelta(hours=3), event_type=event_type)
    for n in range(25 + count // 4):  # more than one page of the library already with few events
        collection = collections["Intern"] if n % 5 == 0 else collections["Öffentlich"]
        DocumentFactory(
            collection=collection, title=f"Bericht {count}-{n}", publication_date=datetime.date(2016, 1, 1)
        )


def counts(client, pages, settings, data_cache):
    settings.DATA_CACHE_ENABLED = data_cache
    caches["pages"].clear()  # content was added without a commit: start from an empty cache
    result = {}
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url  # warms the caches as a first reader would
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        result[label] = len(queries)
    return result


@pytest.mark.parametrize("reader", ["guest", "member"])
def test_queries_per_page_stay_within_twelve_and_constant_from_five_to_two_hundred_events(
    site_tree, event_index, internal, member, settings, reader
):
    client = Client()
    if reader == "member":
        client.force_login(member)
    event_type, _ = EventTypeFactory._meta.model.objects.get_or_create(slug="fachtagung", defaults={"name": "Tagung"})
    event = EventPageFactory(parent=event_index, event_type=event_type, organiser="BLOK")
    pages = urls(event_index, event)
    collections = site_tree.collections
    add_content(event_index, internal, collections, 5)
    few = counts(client, pages, settings, data_cache=True)
    few_cold = counts(client, pages, settings, data_cache=False)
    add_content(event_index, internal, collections, 195)
    many = counts(client, pages, settings, data_cache=True)
    many_cold = counts(client, pages, settings, data_cache=False)
    caches["pages"].clear()
    assert many == few
    assert many_cold == few_cold
    assert max(many.values()) <= MAX_QUERIES, many
    # Without the data cache (the first render after a publish): site, routing, the restriction
    # rows, the page's own data, the menu and the site settings — within twelve for a reader; a
    # member adds two (session with user; groups with permissions, ops/authcache.py).
    if reader == "guest":
        assert max(many_cold.values()) <= MAX_QUERIES, many_cold
    else:
        guest = Client()
        guest_cold = counts(guest, pages, settings, data_cache=False)
        assert many_cold == {label: count + 2 for label, count in guest_cold.items()}
    # As in production a guest's render reads nothing from the database; a member's reads one
    # query: session and user together (home/sessions.py; groups and permissions come from
    # ops/authcache.py).
    expected = dict.fromkeys(pages, 0)
    if reader == "member":
        expected = {label: count + 1 for label, count in expected.items()}
    assert many == expected
