"""The Fachtagungen calendar: upcoming list, archive by year, month view, filter, bad input, privacy."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.dates import BERLIN

from .factories import EventPageFactory, EventTypeFactory

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".event-list .event-item__title a")]


def in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return at(day.year, day.month, day.day, hour)


def make_event(parent, title, start, end=None, **kwargs):
    return EventPageFactory(
        parent=parent, title=title, start=start, end=end or start + datetime.timedelta(hours=3), **kwargs
    )


# --- upcoming -----------------------------------------------------------------------------------


def test_upcoming_list_shows_future_events_soonest_first_and_hides_past_ones(client, event_index):
    make_event(event_index, "Später", in_days(20))
    make_event(event_index, "Bald", in_days(3))
    make_event(event_index, "Vorbei", in_days(-3))
    response = client.get(event_index.url)
    assert response.status_code == 200
    assert titles(response) == ["Bald", "Später"]


def test_event_that_is_running_now_is_still_upcoming(client, event_index):
    now = timezone.now()
    make_event(event_index, "Läuft gerade", now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1))
    assert titles(client.get(event_index.url)) == ["Läuft gerade"]


def test_upcoming_list_is_paginated_and_bad_page_numbers_do_not_fail(client, event_index):
    for n in range(25):
        make_event(event_index, f"Termin {n:02d}", in_days(n + 1))
    first = client.get(event_index.url)
    assert len(titles(first)) == 20
    second = client.get(event_index.url + "?page=2")
    assert titles(second) == [f"Termin {n:02d}" for n in range(20, 25)]
    assert client.get(event_index.url + "?page=abc").status_code == 200
    assert titles(client.get(event_index.url + "?page=999")) == titles(second)


def test_type_filter_shows_only_that_type(client, event_index):
    workshop = EventTypeFactory(name="Workshop", slug="workshop")
    tagung = EventTypeFactory(name="Fachtagung", slug="fachtagung")
    make_event(event_index, "Ein Workshop", in_days(2), event_type=workshop)
    make_event(event_index, "Eine Tagung", in_days(3), event_type=tagung)
    assert titles(client.get(event_index.url + "?typ=workshop")) == ["Ein Workshop"]


def test_unknown_type_shows_the_unfiltered_list_with_a_note(client, event_index):
    make_event(event_index, "Ein Termin", in_days(2))
    response = client.get(event_index.url + "?typ=unbekannt")
    assert response.status_code == 200
    assert titles(response) == ["Ein Termin"]
    assert "Diese Veranstaltungsart gibt es nicht" in response.content.decode()


# --- archive ------------------------------------------------------------------------------------


def test_archive_year_lists_the_past_events_of_that_year_with_year_navigation(client, event_index):
    make_event(event_index, "Tag 2016", at(2016, 11, 21, 13), at(2016, 11, 21, 17))
    make_event(event_index, "Tag 2017", at(2017, 11, 27), at(2017, 11, 28), all_day=True)
    response = client.get(event_index.url + "archiv/2016/")
    assert response.status_code == 200
    assert titles(response) == ["Tag 2016"]
    years = [a.get_text(strip=True) for a in soup(response).select(".event-years a")]
    assert years == ["2017", "2016"]
    assert "Montag, 21. November 2016, 13:00–17:00 Uhr" in response.content.decode()


def test_archive_index_redirects_to_the_latest_year(client, event_index):
    make_event(event_index, "Tag 2019", at(2019, 11, 25), at(2019, 11, 26), all_day=True)
    response = client.get(event_index.url + "archiv/")
    assert response.status_code == 302
    assert response["Location"].endswith("/archiv/2019/")


def test_past_event_stays_reachable_at_its_own_url(client, event_index):
    event = make_event(event_index, "Tag 2015", at(2015, 5, 12), at(2015, 5, 12), all_day=True)
    response = client.get(event.url)
    assert response.status_code == 200
    assert "Dienstag, 12. Mai 2015" in response.content.decode()


# --- month view ---------------------------------------------------------------------------------


def cell_for(response, label):
    for cell in soup(response).select("table.month-calendar td"):
        if cell.select_one(".visually-hidden") and cell.select_one(".visually-hidden").get_text() == label:
            return cell
    raise AssertionError(f"no cell {label}")


def test_month_view_is_a_table_with_weekday_headers_and_neighbour_links(client, event_index):
    response = client.get(event_index.url + "kalender/2016/11/")
    assert response.status_code == 200
    page = soup(response)
    table = page.select_one("table.month-calendar")
    assert table.caption.get_text(strip=True) == "Veranstaltungen im November 2016"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    assert page.select_one('a[rel="prev"]')["href"].endswith("/kalender/2016/10/")
    assert page.select_one('a[rel="next"]')["href"].endswith("/kalender/2016/12/")


def test_month_view_shows_multi_day_events_on_each_of_their_days(client, event_index):
    make_event(event_index, "Über den Monatswechsel", at(2017, 11, 30), at(2017, 12, 2), all_day=True)
    november = client.get(event_index.url + "kalender/2017/11/")
    assert "Über den Monatswechsel" in cell_for(november, "Donnerstag, 30. November 2017").get_text()
    assert "Über den Monatswechsel" not in cell_for(november, "Mittwoch, 29. November 2017").get_text()
    december = client.get(event_index.url + "kalender/2017/12/")
    for label in ("Freitag, 1. Dezember 2017", "Samstag, 2. Dezember 2017"):
        assert "Über den Monatswechsel" in cell_for(december, label).get_text()
    assert "Über den Monatswechsel" not in cell_for(december, "Sonntag, 3. Dezember 2017").get_text()


def test_month_view_places_late_evening_utc_events_on_the_berlin_day(client, event_index):
    start = datetime.datetime(2016, 11, 20, 23, 30, tzinfo=datetime.UTC)  # 21.11. 00:30 in Berlin
    make_event(event_index, "Nachtveranstaltung", start, start + datetime.timedelta(hours=1))
    response = client.get(event_index.url + "kalender/2016/11/")
    assert "Nachtveranstaltung" in cell_for(response, "Montag, 21. November 2016").get_text()
    assert "Nachtveranstaltung" not in cell_for(response, "Sonntag, 20. November 2016").get_text()


def test_calendar_index_redirects_to_the_current_month(client, event_index):
    today = timezone.localdate()
    response = client.get(event_index.url + "kalender/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kalender/{today.year}/{today.month}/")


@pytest.mark.parametrize(
    "suffix",
    [
        "kalender/2016/13/",
        "kalender/2016/0/",
        "kalender/99999/1/",
        "kalender/0/1/",
        "kalender/abc/1/",
        "archiv/abc/",
        "archiv/99999/",
        "archiv/0/",
        "archiv/2016/extra/",
    ],
)
def test_bad_calendar_addresses_are_404_not_500(client, event_index, suffix):
    assert client.get(event_index.url + suffix).status_code == 404


# --- privacy ------------------------------------------------------------------------------------


@pytest.fixture
def internal_event(internal):
    return make_event(internal, "Geheimes Ringtreffen", in_days(5))


@pytest.fixture
def internal_past_event(internal):
    return make_event(internal, "Geheimes Treffen 2016", at(2016, 11, 22, 10), at(2016, 11, 22, 12))


def test_anonymous_reader_sees_no_internal_event_in_listing_month_or_archive(
    client, event_index, internal_event, internal_past_event
):
    make_event(event_index, "Öffentliche Tagung 2016", at(2016, 11, 21, 13), at(2016, 11, 21, 17))
    start = internal_event.start
    pages = [
        event_index.url,
        event_index.url + f"kalender/{start.year}/{start.month}/",
        event_index.url + "kalender/2016/11/",
        event_index.url + "archiv/2016/",
        "/",
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert "Geheimes" not in content, url
    assert "Öffentliche Tagung 2016" in client.get(event_index.url + "archiv/2016/").content.decode()


def test_member_sees_internal_events_marked_intern(member_client, event_index, internal_event, internal_past_event):
    response = member_client.get(event_index.url)
    page = soup(response)
    item = next(li for li in page.select(".event-item") if "Geheimes Ringtreffen" in li.get_text())
    assert item.select_one(".badge").get_text() == "intern"
    month = member_client.get(event_index.url + "kalender/2016/11/")
    assert "Geheimes Treffen 2016" in month.content.decode()
    archive = member_client.get(event_index.url + "archiv/2016/")
    assert "Geheimes Treffen 2016" in archive.content.decode()


def test_anonymous_calendar_pages_set_no_cookies(client, event_index):
    event = make_event(event_index, "Ein Termin", in_days(5), registration_enabled=True)
    for url in [event_index.url, event_index.url + "kalender/2016/11/", event.url, "/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


# --- query counts -------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(parent, count, year=None):
    event_type = EventTypeFactory(name="Fachtagung", slug="fachtagung")
    for n in range(count):
        start = at(year, 1 + n % 12, 1 + n % 27, 10) if year else in_days(1 + n % 20)
        EventPageFactory(parent=parent, start=start, end=start + datetime.timedelta(hours=2), event_type=event_type)


@pytest.mark.parametrize(
    "suffix",
    ["", "?typ=fachtagung", "kalender/{year}/{month}/", "archiv/2016/"],
    ids=["upcoming", "filter", "month", "archive"],
)
def test_query_count_does_not_grow_with_the_number_of_events(client, site_tree, event_index, internal, suffix):
    today = timezone.localdate()
    url = event_index.url + suffix.format(year=today.year, month=today.month)
    fill(event_index, 3)
    fill(event_index, 2, year=2016)
    make_event(internal, "Intern", in_days(2))
    few = count_queries(client, url)
    fill(event_index, 30)
    fill(event_index, 30, year=2016)
    many = count_queries(client, url)
    assert many == few
    assert few <= 20


@pytest.mark.parametrize(
    "suffix",
    ["", "?typ=fachtagung", "kalender/{year}/{month}/", "archiv/2016/", "rss/", "atom/", "ical/"],
    ids=["upcoming", "filter", "month", "archive", "rss", "atom", "ical"],
)
def test_listings_do_not_read_the_events_bodies(member_client, site_tree, event_index, internal, suffix):
    today = timezone.localdate()
    fill(event_index, 3)
    fill(event_index, 2, year=2016)
    make_event(internal, "Intern", in_days(2))
    url = event_index.url + suffix.format(year=today.year, month=today.month)
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(url)
    assert response.status_code == 200
    body_reads = [q["sql"] for q in queries if '"events_eventpage"."body"' in q["sql"]]
    assert not body_reads, body_reads[0][:200]
