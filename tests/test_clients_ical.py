"""iCalendar as real calendar clients read it: Mozilla's ical.js (Thunderbird) and vobject.

Every event of the subscribable feed and of a per-event file must resolve to the same UTC instant
as Python's zoneinfo says — in winter, in summer, next to and across both daylight-saving changes.
"""

import datetime

import pytest
import vobject

from events.dates import BERLIN

from .clients.support import ical_js
from .factories import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clients]

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


# (title, start, end) in Berlin wall-clock time; zoneinfo decides the offsets.
TIMED = [
    ("Winter", at(2027, 1, 14, 10), at(2027, 1, 14, 16)),
    ("Sommer", at(2027, 6, 17, 9, 30), at(2027, 6, 17, 17)),
    ("Vor der Sommerzeit", at(2027, 3, 28, 0, 30), at(2027, 3, 28, 1, 45)),
    ("Über die Sommerzeit", at(2027, 3, 27, 18), at(2027, 3, 28, 12)),
    ("Nach der Sommerzeit", at(2027, 3, 28, 3), at(2027, 3, 28, 4)),
    ("Vor der Winterzeit", at(2027, 10, 30, 23), at(2027, 10, 31, 1, 30)),
    ("Über die Winterzeit", at(2027, 10, 30, 18), at(2027, 10, 31, 12)),
    ("Nach der Winterzeit", at(2027, 10, 31, 3, 30), at(2027, 10, 31, 5)),
    ("Tagung 2016", at(2016, 11, 21, 13), at(2016, 11, 21, 17)),
    ("Sommer 2017", at(2017, 7, 4, 10), at(2017, 7, 4, 15)),
    ("Sommer 2031", at(2031, 8, 12, 9), at(2031, 8, 13, 16)),
]


@pytest.fixture
def events(event_index):
    pages = [EventPageFactory(parent=event_index, title=title, start=start, end=end) for title, start, end in TIMED]
    pages.append(
        EventPageFactory(
            parent=event_index, title="Ganztägig", all_day=True, start=at(2027, 5, 5, 0), end=at(2027, 5, 6, 0)
        )
    )
    return pages


def expected(pages):
    out = {}
    for page in pages:
        if page.all_day:
            out[page.ical_uid] = ("date", page.first_day.isoformat(), page.last_day + datetime.timedelta(days=1))
        else:
            out[page.ical_uid] = (
                "utc",
                int(page.start.astimezone(UTC).timestamp()),
                int(page.end.astimezone(UTC).timestamp()),
            )
    return out


def ical_js_instants(ics):
    parsed = ical_js(ics)
    out = {}
    for event in parsed["events"]:
        if "date" in event["start"]:
            end = datetime.date.fromisoformat(event["end"]["date"])
            out[event["uid"]] = ("date", event["start"]["date"], end)
        else:
            assert event["start"]["tzid"] == "Europe/Berlin", event
            out[event["uid"]] = ("utc", event["start"]["utc"], event["end"]["utc"])
    return parsed, out


def vobject_instants(ics):
    cal = vobject.readOne(ics.decode("utf-8"))
    out = {}
    for vevent in cal.vevent_list:
        start, end = vevent.dtstart.value, vevent.dtend.value
        if isinstance(start, datetime.datetime):
            assert start.tzinfo is not None, vevent
            out[vevent.uid.value] = (
                "utc",
                int(start.astimezone(UTC).timestamp()),
                int(end.astimezone(UTC).timestamp()),
            )
        else:
            out[vevent.uid.value] = ("date", start.isoformat(), end)
    return cal, out


def readable(instants):
    return {
        uid: (kind, datetime.datetime.fromtimestamp(start, UTC) if kind == "utc" else start)
        for uid, (kind, start, _end) in instants.items()
    }


def test_feed_resolves_to_zoneinfo_instants_in_ical_js_and_vobject(client, event_index, events):
    response = client.get(event_index.url + "ical/")
    assert response.status_code == 200
    want = expected(events)
    parsed, got = ical_js_instants(response.content)
    assert parsed["timezones"] == ["Europe/Berlin"]
    assert readable(got) == readable(want)
    assert got == want
    _cal, got = vobject_instants(response.content)
    assert readable(got) == readable(want)
    assert got == want


def test_every_per_event_file_resolves_to_zoneinfo_instant(client, events):
    for page in events:
        response = client.get(page.url + "ical/")
        assert response.status_code == 200
        want = expected([page])
        _parsed, got = ical_js_instants(response.content)
        assert got == want, page.title
        _cal, got = vobject_instants(response.content)
        assert got == want, page.title


def test_vtimezone_is_written_with_yearly_rules_like_calendar_clients(client, events):
    raw = client.get(events[1].url + "ical/").content.decode().replace("\r\n ", "")
    assert "RDATE" not in raw
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in raw or "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in raw
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in raw or "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in raw
    daylight = raw.split("BEGIN:DAYLIGHT")[1].split("END:DAYLIGHT")[0]
    standard = raw.split("BEGIN:STANDARD")[1].split("END:STANDARD")[0]
    # Onsets in the local time before the change: 02:00 CET → 03:00 CEST, 03:00 CEST → 02:00 CET.
    assert "DTSTART:19700329T020000" in daylight and "TZOFFSETFROM:+0100" in daylight
    assert "TZOFFSETTO:+0200" in daylight
    assert "DTSTART:19701025T030000" in standard and "TZOFFSETFROM:+0200" in standard
    assert "TZOFFSETTO:+0100" in standard


def test_rule_matches_zoneinfo_around_every_change_from_1996_to_2040():
    """The written rule against tzdata in every year from 1996 (the EU rule) to 2040."""
    import icalendar

    from events.ical import berlin_vtimezone

    tz = berlin_vtimezone()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    cal.add_component(tz)
    parsed = vobject.readOne(cal.to_ical().decode())
    tzinfo = parsed.vtimezone.gettzinfo()
    instants = []
    for year in range(1996, 2041):
        instants += [datetime.datetime(year, 1, 15, 12, tzinfo=UTC), datetime.datetime(year, 7, 15, 12, tzinfo=UTC)]
        for month in (3, 10):  # hour by hour through the last week of March and of October
            first = datetime.datetime(year, month, 24, tzinfo=UTC)
            instants += [first + datetime.timedelta(hours=hour) for hour in range(9 * 24)]
    wrong = [i for i in instants if i.astimezone(tzinfo).utcoffset() != i.astimezone(BERLIN).utcoffset()]
    assert wrong == []


@pytest.mark.parametrize("title", ["BLOK; Tagung, Teil 1\\2", "Zeile\neins"])
def test_calendar_name_is_escaped_like_text(client, event_index, title):
    page = EventPageFactory(parent=event_index, title=title.replace("\n", " "), start=at(2027, 6, 1, 10))
    page.title = title  # a title with a line break cannot be typed, but the escaping must hold anyway
    from events.ical import event_ics

    ics = event_ics(page)
    assert ical_js(ics)["calname"] == title
    assert vobject.readOne(ics.decode()).x_wr_calname.value == title
