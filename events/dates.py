"""German date formatting for events, in one place.

Every page, list, feed and email formats event dates through these helpers so that readers see
the same forms everywhere: "Montag, 21. November 2016, 13:00–17:00 Uhr" for a single day and
"27.–28. November 2017" for several days. Times are shown in Europe/Berlin.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.utils import dateformat, timezone, translation

BERLIN = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local(value: datetime.datetime) -> datetime.datetime:
    """The datetime in Europe/Berlin (naive values are taken to be Berlin time)."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=BERLIN)
    return value.astimezone(BERLIN)


def _fmt(value, pattern: str) -> str:
    with translation.override("de"):
        return dateformat.format(value, pattern)


def first_day(start: datetime.datetime) -> datetime.date:
    return local(start).date()


def last_day(start: datetime.datetime, end: datetime.datetime, all_day: bool = False) -> datetime.date:
    """The last calendar day (inclusive) an event covers.

    A timed event ending exactly at midnight does not cover the day that begins then.
    """
    end_local = local(end)
    day = end_local.date()
    if not all_day and end_local.time() == datetime.time(0) and end > start:
        day -= datetime.timedelta(days=1)
    return max(day, first_day(start))


def days(start, end, all_day=False):
    """Every calendar day the event covers."""
    day, last = first_day(start), last_day(start, end, all_day)
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def format_date(day) -> str:
    """'Montag, 21. November 2016'."""
    return _fmt(day, "l, j. F Y")


def format_time(value: datetime.datetime) -> str:
    return _fmt(local(value), "H:i")


def format_day_range(first: datetime.date, last: datetime.date) -> str:
    """'27.–28. November 2017', '30. November – 1. Dezember 2017', '30. Dezember 2017 – 2. Januar 2018'."""
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}.–{_fmt(last, 'j. F Y')}"
    if first.year == last.year:
        return f"{_fmt(first, 'j. F')} – {_fmt(last, 'j. F Y')}"
    return f"{_fmt(first, 'j. F Y')} – {_fmt(last, 'j. F Y')}"


def format_event_date(start, end, all_day=False) -> str:
    """The date line of an event as readers see it everywhere.

    >>> "Montag, 21. November 2016, 13:00–17:00 Uhr"  # one day with times
    >>> "Montag, 21. November 2016"                    # all day
    >>> "27.–28. November 2017"                         # several days
    """
    first, last = first_day(start), last_day(start, end, all_day)
    if first != last:
        return format_day_range(first, last)
    if all_day:
        return format_date(first)
    begin, finish = format_time(start), format_time(end)
    if begin == finish:
        return f"{format_date(first)}, {begin} Uhr"
    return f"{format_date(first)}, {begin}–{finish} Uhr"


def format_event_times(start, end, all_day=False) -> str:
    """Times of a multi-day event ('Beginn 10:00 Uhr, Ende 16:00 Uhr'); empty otherwise."""
    if all_day or first_day(start) == last_day(start, end, all_day):
        return ""
    return f"Beginn {format_time(start)} Uhr, Ende {format_time(end)} Uhr"


def format_month(year: int, month: int) -> str:
    """'November 2016'."""
    return _fmt(datetime.date(year, month, 1), "F Y")


def berlin_midnight(day: datetime.date) -> datetime.datetime:
    """The aware start of a Berlin calendar day."""
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=BERLIN)
