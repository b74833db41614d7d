"""iCalendar (RFC 5545) export, built with the ``icalendar`` package.

UIDs are stable (the page's translation key), every VEVENT has a DTSTAMP, timed events carry
TZID=Europe/Berlin with a matching VTIMEZONE, all-day events are DATE values with an exclusive
DTEND, and text is escaped by the library.

The VTIMEZONE is written the way calendar clients (Thunderbird, Apple Calendar, Outlook) write
Europe/Berlin themselves: one DAYLIGHT and one STANDARD observance, each with a yearly RRULE.
icalendar's ``add_missing_timezones()`` writes one DTSTART plus a long multi-valued RDATE list
instead, of which Mozilla's ical.js and vobject read only the first value, so summer times
shifted by an hour there. The EU rule (last Sunday in March 01:00 UTC → CEST, last Sunday in
October 01:00 UTC → CET) holds since 1996; tests compare every exported instant with zoneinfo.
"""

from __future__ import annotations

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from events import dates
from home import response_privacy, visibility

PRODID = "-//Benchlearning der Optionskommunen//BLOK Fachtagungen//DE"
CALENDAR_NAME = "BLOK – Fachtagungen"
#: The subscribable feed carries the most recent events (by start), up to this many.
FEED_MAX_EVENTS = 1000


def _calendar(name=CALENDAR_NAME) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property has no value type of its own in icalendar: escape it like any TEXT value.
    cal.add("x-wr-calname", icalendar.vText(name))
    cal.add("x-wr-timezone", dates.BERLIN.key)
    return cal


def berlin_vtimezone() -> icalendar.Timezone:
    """Europe/Berlin as calendar clients write it (see the module docstring)."""
    tz = icalendar.Timezone()
    tz.add("tzid", dates.BERLIN.key)
    tz.add("x-lic-location", dates.BERLIN.key)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    # 02:00 local standard time (01:00 UTC) becomes 03:00 summer time.
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    # 03:00 local summer time (01:00 UTC) becomes 02:00 standard time.
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def event_component(page, request=None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", page.ical_uid)
    stamp = page.last_published_at or page.latest_revision_created_at or timezone.now()
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    if page.all_day:
        event.add("dtstart", page.first_day)
        event.add("dtend", page.last_day + datetime.timedelta(days=1))
    else:
        event.add("dtstart", dates.local(page.start))
        event.add("dtend", dates.local(page.end))
    event.add("summary", page.title)
    url = page.get_full_url(request)
    organiser = f"Veranstalter: {page.organiser}" if page.organiser else ""
    description = "\n\n".join(part for part in (page.teaser, organiser, url) if part)
    event.add("description", description)
    if url:
        event.add("url", url)
    if page.place_display:
        event.add("location", page.place_display)
    if page.event_type_id:
        event.add("categories", [page.event_type.name])
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(pages, request=None, name=CALENDAR_NAME) -> icalendar.Calendar:
    cal = _calendar(name)
    pages = list(pages)
    if any(not page.all_day for page in pages):
        cal.add_component(berlin_vtimezone())
    for page in pages:
        cal.add_component(event_component(page, request))
    return cal


def event_ics(page, request=None) -> bytes:
    return build_calendar([page], request, name=page.title).to_ical()


def ics_response(body: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    """Public calendar files may be cached for five minutes; ``home.response_privacy`` turns that
    into ``private, no-store`` for internal events and logged-in visitors. ``private=True`` is for
    personal feeds whose view has marked the request already (their header says so from the start)."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def event_ics_response(request, page) -> HttpResponse:
    if visibility.is_internal(request, page):
        response_privacy.depends_on_visitor(request)
    return ics_response(event_ics(page, request), f"{page.slug}.ics")


def feed_events(request=None):
    """The events the subscribable feed carries: public ones only (subscribers are not logged in)."""
    from events.models import EventPage

    events = visibility.visible_pages(None, EventPage.objects.all())
    return events.for_listing().order_by("-start", "-pk")[:FEED_MAX_EVENTS]


def calendar_feed(request, index_page) -> HttpResponse:
    cal = build_calendar(feed_events(request), request)
    cal.add("x-published-ttl", "PT6H")
    cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"value": "DURATION"})
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fachtagungen.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response
