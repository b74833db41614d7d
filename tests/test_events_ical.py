"""iCalendar export: per-event .ics and the subscribable feed parse back with ``icalendar``."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from events.dates import BERLIN

from .factories import EventPageFactory, EventTypeFactory

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def future(days=10, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return at(day.year, day.month, day.day, hour)


def test_event_ics_has_uid_dtstamp_timezone_and_german_times(client, event_index):
    event = EventPageFactory(
        parent=event_index, title="Tag 2016", start=at(2016, 11, 21, 13), end=at(2016, 11, 21, 17), city="Berlin"
    )
    response = client.get(event.url + "ical/")
    assert 'filename="' in response["Content-Disposition"]
    cal = parse(response)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    (vevent,) = vevents(cal)
    assert vevent["UID"] == event.ical_uid
    assert vevent.get("DTSTAMP") is not None
    assert vevent["SUMMARY"] == "Tag 2016"
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == at(2016, 11, 21, 13)
    assert str(vevent["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert vevent.decoded("DTEND") - dtstart == datetime.timedelta(hours=4)


def test_event_ics_uid_is_stable_across_edits(client, event_index):
    event = EventPageFactory(parent=event_index, start=future(), end=future(hour=12))
    first = vevents(parse(client.get(event.url + "ical/")))[0]["UID"]
    event.title = "Neuer Titel"
    event.slug = "neuer-titel"
    event.save_revision().publish()
    event.refresh_from_db()
    second = vevents(parse(client.get(event.url + "ical/")))[0]["UID"]
    assert first == second


def test_text_with_special_characters_is_escaped_and_round_trips(client, event_index):
    title = "Workshop; Teil 1, Kennzahlen\\Ziele"
    teaser = "Zeile eins\nZeile zwei; mit Komma, und Semikolon"
    event = EventPageFactory(
        parent=event_index, title=title, teaser=teaser, start=future(), end=future(hour=12), venue_name="Saal A, 1. OG"
    )
    response = client.get(event.url + "ical/")
    raw = response.content.decode()
    assert "Workshop\\; Teil 1\\, Kennzahlen\\\\Ziele" in raw
    (vevent,) = vevents(parse(response))
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]).startswith(teaser)
    assert str(vevent["LOCATION"]).startswith("Saal A, 1. OG")


def test_all_day_multi_day_event_is_exported_as_dates_with_exclusive_end(client, event_index):
    event = EventPageFactory(parent=event_index, start=at(2017, 11, 27), end=at(2017, 11, 28), all_day=True)
    (vevent,) = vevents(parse(client.get(event.url + "ical/")))
    assert vevent.decoded("DTSTART") == datetime.date(2017, 11, 27)
    assert vevent.decoded("DTEND") == datetime.date(2017, 11, 29)


@pytest.mark.parametrize(
    ("start_utc", "end_utc", "local_start", "local_end"),
    [
        # 28.3.2027, last Sunday in March: 01:00 CET to 04:00 CEST is two real hours.
        ((2027, 3, 28, 0), (2027, 3, 28, 2), (1, 0), (4, 0)),
        # 25.10.2026, last Sunday in October: 01:00 CEST to 04:00 CET is four real hours.
        ((2026, 10, 24, 23), (2026, 10, 25, 3), (1, 0), (4, 0)),
    ],
)
def test_daylight_saving_change_is_right_in_page_and_ics(
    client, event_index, start_utc, end_utc, local_start, local_end
):
    start = datetime.datetime(*start_utc, tzinfo=datetime.UTC)
    end = datetime.datetime(*end_utc, tzinfo=datetime.UTC)
    event = EventPageFactory(parent=event_index, start=start, end=end)
    page = client.get(event.url).content.decode()
    assert f"{local_start[0]:02d}:00–{local_end[0]:02d}:00 Uhr" in page
    response = client.get(event.url + "ical/")
    raw = response.content.decode()
    day = start.astimezone(BERLIN).strftime("%Y%m%d")
    assert f"DTSTART;TZID=Europe/Berlin:{day}T{local_start[0]:02d}0000" in raw
    assert f"DTEND;TZID=Europe/Berlin:{day}T{local_end[0]:02d}0000" in raw
    cal = parse(response)
    (vevent,) = vevents(cal)
    assert vevent.decoded("DTSTART").astimezone(datetime.UTC) == start
    assert vevent.decoded("DTEND").astimezone(datetime.UTC) == end
    (vtimezone,) = cal.walk("VTIMEZONE")
    kinds = {component.name for component in vtimezone.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}


def test_calendar_feed_lists_public_events_and_can_be_subscribed(client, event_index):
    event_type = EventTypeFactory(name="Fachtagung", slug="fachtagung")
    EventPageFactory(parent=event_index, title="Vergangen", start=at(2016, 11, 21, 13), end=at(2016, 11, 21, 17))
    EventPageFactory(parent=event_index, title="Kommend", start=future(), end=future(hour=12), event_type=event_type)
    response = client.get(event_index.url + "ical/")
    assert not response.cookies
    cal = parse(response)
    assert cal["X-WR-CALNAME"]
    events = {str(vevent["SUMMARY"]): vevent for vevent in vevents(cal)}
    assert set(events) == {"Vergangen", "Kommend"}
    assert len({str(v["UID"]) for v in events.values()}) == 2
    assert events["Kommend"]["CATEGORIES"].cats == ["Fachtagung"]
    assert "Europe/Berlin" in [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]


def test_calendar_feed_never_contains_internal_events_even_for_members(client, member, event_index, internal):
    EventPageFactory(parent=internal, title="Geheimes Treffen", start=future(), end=future(hour=12))
    EventPageFactory(parent=event_index, title="Öffentlich", start=future(), end=future(hour=12))
    for logged_in in (False, True):
        if logged_in:
            client.force_login(member)
        summaries = [str(v["SUMMARY"]) for v in vevents(parse(client.get(event_index.url + "ical/")))]
        assert summaries == ["Öffentlich"], logged_in


def test_anonymous_cannot_download_the_ics_of_an_internal_event(client, internal):
    event = EventPageFactory(parent=internal, title="Geheimes Treffen", start=future(), end=future(hour=12))
    response = client.get(event.url + "ical/")
    assert response.status_code in (302, 403, 404)
    assert b"Geheimes" not in response.content


def test_member_can_download_the_ics_of_an_internal_event_privately(member_client, internal):
    event = EventPageFactory(parent=internal, title="Geheimes Treffen", start=future(), end=future(hour=12))
    response = member_client.get(event.url + "ical/")
    assert [str(v["SUMMARY"]) for v in vevents(parse(response))] == ["Geheimes Treffen"]
    assert "private" in response["Cache-Control"]
