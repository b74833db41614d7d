"""JSON-LD as search engines read it, extracted from the served HTML with extruct.

Event pages carry schema.org Event data without empty properties, with organizer (and its URL for
BLOK) and image where the page has one; the start page carries Organization and WebSite.
"""

import datetime

import extruct
import pytest
from wagtail.images.tests.utils import get_test_image_file

from events.dates import BERLIN

from .factories import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clients]

BASE = "http://localhost/"


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def extract(response, base_url=BASE):
    assert response.status_code == 200
    return extruct.extract(response.content.decode(), base_url=base_url, syntaxes=["json-ld"])["json-ld"]


def empties(value, path="$"):
    """Paths of empty values ("", None, [], {}) anywhere in ``value``."""
    found = []
    if value in ("", None, [], {}):
        return [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += empties(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found += empties(item, f"{path}[{number}]")
    return found


def the_event(items):
    events = [item for item in items if item.get("@type") == "Event"]
    assert len(events) == 1, items
    return events[0]


@pytest.fixture
def image():
    from home.models import CustomImage

    return CustomImage.objects.create(title="Tagungssaal", file=get_test_image_file(size=(1600, 1000)), alt_text="")


def test_event_without_address_has_no_empty_properties(client, event_index):
    page = EventPageFactory(
        parent=event_index, title="Tagung", start=at(2027, 6, 1, 10), end=at(2027, 6, 1, 16), street="", postcode=""
    )
    page.city = "Kassel"
    page.save()
    event = the_event(extract(client.get(page.url)))
    assert empties(event) == []
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Kassel",
        "addressCountry": "DE",
    }


def test_event_has_googles_required_and_recommended_fields(client, event_index, image):
    page = EventPageFactory(
        parent=event_index,
        title="Fachtagung Kennzahlen",
        teaser="Ein Tag über Kennzahlen.",
        start=at(2027, 6, 1, 10),
        end=at(2027, 6, 1, 16),
        venue_name="Kongresshalle",
        street="Holländische Straße 1",
        postcode="34127",
        city="Kassel",
        social_image=image,
    )
    event = the_event(extract(client.get(page.url)))
    assert empties(event) == []
    assert event["@context"] == "https://schema.org"
    assert event["name"] == "Fachtagung Kennzahlen"
    assert event["startDate"] == "2027-06-01T10:00:00+02:00"
    assert event["endDate"] == "2027-06-01T16:00:00+02:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["description"] == "Ein Tag über Kennzahlen."
    assert event["location"]["name"] == "Kongresshalle"
    assert event["location"]["address"]["postalCode"] == "34127"
    assert event["url"].endswith(page.url)
    organizer = event["organizer"]
    assert organizer["name"] == "Benchlearning der Optionskommunen (BLOK)"
    assert organizer["url"].startswith("http")
    assert len(event["image"]) == 3
    renditions = {rendition.file.name.rsplit("/", 1)[1] for rendition in image.renditions.all()}
    for url in event["image"]:
        assert url.startswith("http"), url
        assert url.rsplit("/", 1)[1] in renditions


def test_online_event_and_other_organiser(client, event_index):
    page = EventPageFactory(
        parent=event_index,
        title="Online-Sprechstunde",
        start=at(2027, 1, 12, 14),
        end=at(2027, 1, 12, 15),
        is_online=True,
        online_url="https://meet.example.org/blok",
        organiser="Landkreis Musterstadt",
    )
    event = the_event(extract(client.get(page.url)))
    assert empties(event) == []
    assert event["startDate"] == "2027-01-12T14:00:00+01:00"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/blok"}
    assert event["organizer"] == {"@type": "Organization", "name": "Landkreis Musterstadt"}
    assert "image" not in event


def test_start_page_has_organization_and_website(client, home):
    items = extract(client.get(home.url))
    graph = [node for item in items for node in item.get("@graph", [item])]
    types = {node["@type"]: node for node in graph}
    assert {"Organization", "WebSite"} <= set(types)
    assert empties(graph) == []
    organization, website = types["Organization"], types["WebSite"]
    assert organization["name"] == "Benchlearning der Optionskommunen (BLOK)"
    assert organization["url"].startswith("http")
    assert website["url"] == organization["url"]
    assert website["inLanguage"] == "de"
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target.endswith("/suche/?q={search_term_string}")
