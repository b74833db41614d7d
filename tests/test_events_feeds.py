"""RSS and Atom feeds of upcoming events (Django syndication), parsed back as XML."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in tests

import pytest
from django.utils import timezone

from events.dates import BERLIN

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def future(days=10, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@pytest.fixture
def events(event_index, internal):
    EventPageFactory(parent=event_index, title="Später", start=future(20), end=future(20, 12))
    EventPageFactory(
        parent=event_index, title="Bald & gut", teaser="Mit <b>Programm</b>", start=future(3), end=future(3, 12)
    )
    EventPageFactory(parent=event_index, title="Vorbei", start=future(-5), end=future(-5, 12))
    EventPageFactory(parent=internal, title="Geheimes Treffen", start=future(4), end=future(4, 12))


def test_rss_feed_lists_upcoming_public_events_in_order(client, event_index, events):
    response = client.get(event_index.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not response.cookies
    root = ET.fromstring(response.content)  # noqa: S314
    channel = root.find("channel")
    assert channel.findtext("language") == "de"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Bald & gut", "Später"]
    first = items[0]
    assert first.findtext("link").startswith("http://")
    assert first.findtext("guid")
    assert "Mit <b>Programm</b>" in first.findtext("description")


def test_atom_feed_parses_and_hides_internal_events(client, event_index, events):
    response = client.get(event_index.url + "atom/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Bald & gut", "Später"]
    assert b"Geheimes" not in response.content


def test_member_feed_also_hides_internal_events(member_client, event_index, events):
    for suffix in ("rss/", "atom/"):
        assert b"Geheimes" not in member_client.get(event_index.url + suffix).content


def test_calendar_page_links_its_feeds(client, event_index):
    content = client.get(event_index.url).content.decode()
    assert 'type="application/rss+xml"' in content
    assert 'href="/fachtagungen/ical/"' in content
