"""German date formatting of events, including the daylight-saving changes."""

import datetime

import pytest

from events import dates
from events.dates import BERLIN


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def test_single_day_event_with_times_reads_like_the_original_announcement():
    assert (
        dates.format_event_date(at(2016, 11, 21, 13), at(2016, 11, 21, 17))
        == "Montag, 21. November 2016, 13:00–17:00 Uhr"
    )


def test_all_day_event_shows_no_times():
    assert dates.format_event_date(at(2015, 5, 12), at(2015, 5, 12), all_day=True) == "Dienstag, 12. Mai 2015"


def test_multi_day_event_in_one_month_is_a_short_range():
    assert dates.format_event_date(at(2017, 11, 27), at(2017, 11, 28), all_day=True) == "27.–28. November 2017"


def test_multi_day_event_across_months_and_years():
    assert (
        dates.format_event_date(at(2017, 11, 30), at(2017, 12, 1), all_day=True) == "30. November – 1. Dezember 2017"
    )
    assert dates.format_event_date(at(2017, 12, 30), at(2018, 1, 2), all_day=True) == (
        "30. Dezember 2017 – 2. Januar 2018"
    )


def test_timed_multi_day_event_lists_begin_and_end_times():
    start, end = at(2019, 11, 25, 10), at(2019, 11, 26, 15, 30)
    assert dates.format_event_date(start, end) == "25.–26. November 2019"
    assert dates.format_event_times(start, end) == "Beginn 10:00 Uhr, Ende 15:30 Uhr"


def test_timed_event_ending_at_midnight_covers_only_its_first_day():
    start, end = at(2016, 11, 21, 19), at(2016, 11, 22, 0)
    assert list(dates.days(start, end)) == [datetime.date(2016, 11, 21)]
    assert dates.format_event_date(start, end) == "Montag, 21. November 2016, 19:00–00:00 Uhr"


def test_utc_values_are_shown_in_berlin_time():
    start = datetime.datetime(2016, 11, 21, 12, tzinfo=datetime.UTC)
    end = datetime.datetime(2016, 11, 21, 16, tzinfo=datetime.UTC)
    assert dates.format_event_date(start, end) == "Montag, 21. November 2016, 13:00–17:00 Uhr"


@pytest.mark.parametrize(
    ("utc_start", "utc_end", "expected"),
    [
        # Last Sunday in March 2027 (28.3.): clocks go from 02:00 CET to 03:00 CEST.
        ((2027, 3, 28, 0), (2027, 3, 28, 2), "Sonntag, 28. März 2027, 01:00–04:00 Uhr"),
        # Last Sunday in October 2026 (25.10.): clocks go back from 03:00 CEST to 02:00 CET.
        ((2026, 10, 24, 23), (2026, 10, 25, 3), "Sonntag, 25. Oktober 2026, 01:00–04:00 Uhr"),
    ],
)
def test_daylight_saving_change_is_applied_to_the_displayed_times(utc_start, utc_end, expected):
    start = datetime.datetime(*utc_start, tzinfo=datetime.UTC)
    end = datetime.datetime(*utc_end, tzinfo=datetime.UTC)
    assert dates.format_event_date(start, end) == expected


def test_month_label_is_german():
    assert dates.format_month(2016, 3) == "März 2016"
