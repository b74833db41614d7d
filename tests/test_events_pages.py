"""The event page: facts, JSON-LD, calendar link, attachments, start page teaser and "Termine" block."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Collection

from events.dates import BERLIN
from events.models import EventAttachment

from .factories import DocumentFactory, EventPageFactory, EventTypeFactory

pytestmark = pytest.mark.django_db


def future(days=10, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def json_ld(response):
    scripts = BeautifulSoup(response.content, "html.parser").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_event_page_shows_german_date_place_and_organiser(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Tag 2016",
        start=datetime.datetime(2016, 11, 21, 13, tzinfo=BERLIN),
        end=datetime.datetime(2016, 11, 21, 17, tzinfo=BERLIN),
        venue_name="Tagungswerk",
        street="Lindenstr. 85",
        postcode="10969",
        city="Berlin",
        organiser="BLOK",
    )
    content = client.get(event.url).content.decode()
    assert "Montag, 21. November 2016, 13:00–17:00 Uhr" in content
    assert "Tagungswerk, Lindenstr. 85, 10969 Berlin" in content
    assert "In den Kalender eintragen" in content
    assert f'href="{event.url}ical/"' in content


def test_event_page_carries_schema_org_event_data(client, event_index):
    event = EventPageFactory(
        parent=event_index, title="Tagung", teaser="Worum es geht", start=future(), end=future(hour=16), city="Berlin"
    )
    data = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["name"] == "Tagung"
    assert data["startDate"] == event.start.astimezone(BERLIN).isoformat()
    assert data["location"]["address"]["addressLocality"] == "Berlin"
    assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")


def test_json_ld_cannot_break_out_of_its_script_element(client, event_index):
    event = EventPageFactory(
        parent=event_index, title="</script><script>alert(1)</script>", start=future(), end=future(hour=12)
    )
    raw = client.get(event.url).content.decode()
    assert "</script><script>alert(1)" not in raw
    assert json_ld(client.get(event.url))["name"] == "</script><script>alert(1)</script>"


def test_online_event_data_uses_a_virtual_location(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        is_online=True,
        city="",
        online_url="https://konferenz.example/raum",
        start=future(),
        end=future(hour=12),
    )
    data = json_ld(client.get(event.url))
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://konferenz.example/raum"}


def test_attachments_in_the_internal_collection_are_hidden_from_anonymous_readers(client, member, event_index):
    public = Collection.objects.get(name="Öffentlich")
    internal = Collection.objects.get(name="Intern")
    programme = DocumentFactory(title="Programm 2016", collection=public)
    slides = DocumentFactory(title="Interne Folien", collection=internal)
    event = EventPageFactory(parent=event_index, start=future(), end=future(hour=12))
    EventAttachment.objects.create(page=event, document=programme, kind="programme")
    EventAttachment.objects.create(page=event, document=slides, kind="presentation")
    anonymous = client.get(event.url).content.decode()
    assert "Programm 2016" in anonymous
    assert "Interne Folien" not in anonymous
    client.force_login(member)
    assert "Interne Folien" in client.get(event.url).content.decode()


def test_start_page_announces_the_next_public_events(client, home, event_index, internal):
    EventPageFactory(parent=event_index, title="Nächste Tagung", start=future(5), end=future(5, 12), city="Berlin")
    EventPageFactory(parent=internal, title="Geheimes Treffen", start=future(2), end=future(2, 12))
    EventPageFactory(parent=event_index, title="Längst vorbei", start=future(-30), end=future(-30, 12))
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    aside = soup.select_one('[aria-labelledby="terminankuendigung"]')
    text = aside.get_text(" ", strip=True)
    assert "Nächste Tagung" in text
    assert "Berlin" in text
    assert "Geheimes" not in text and "Längst vorbei" not in text


def test_termine_block_shows_next_events_of_one_type(client, home, event_index):
    workshop = EventTypeFactory(name="Workshop", slug="workshop")
    EventPageFactory(parent=event_index, title="Ein Workshop", start=future(5), end=future(5, 12), event_type=workshop)
    EventPageFactory(parent=event_index, title="Eine Tagung", start=future(6), end=future(6, 12))
    home.body = [("events_teaser", {"heading": "Workshops", "count": 3, "event_type": "Workshop"})]
    home.save_revision().publish()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    block = soup.select_one(".block-events")
    assert block.h2.get_text() == "Workshops"
    assert [a.get_text() for a in block.select(".event-teaser__title")] == ["Ein Workshop"]


def test_online_event_says_online_once_on_its_page_and_in_the_calendar(client, event_index):
    online = EventTypeFactory(name="Online-Veranstaltung", slug="online-veranstaltung")
    event = EventPageFactory(
        parent=event_index,
        title="Kennzahlen kompakt",
        is_online=True,
        city="",
        event_type=online,
        start=future(),
        end=future(hour=12),
    )
    page = BeautifulSoup(client.get(event.url).content, "html.parser").select_one("article")
    assert page.get_text().count("Online-Veranstaltung") == 1
    assert page.find("dt", string="Ort").find_next_sibling("dd").get_text(strip=True) == "Online"
    calendar = BeautifulSoup(client.get(event_index.url).content, "html.parser")
    (item,) = [li for li in calendar.select(".event-item") if "Kennzahlen kompakt" in li.get_text()]
    assert item.get_text().count("Online-Veranstaltung") == 1
    assert item.select_one(".event-item__place").get_text(strip=True) == "Online"
