"""Demo content of the calendar, built by load_initial_data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage, EventType
from home import visibility

pytestmark = pytest.mark.django_db


def test_demo_content_has_the_series_and_future_examples_and_is_idempotent(client, member):
    call_command("load_initial_data", stdout=StringIO())
    count = EventPage.objects.count()
    call_command("load_initial_data", stdout=StringIO())
    assert EventPage.objects.count() == count

    assert set(EventType.objects.values_list("name", flat=True)) == {
        "Fachtagung",
        "Workshop",
        "Vergleichsring-Treffen",
        "Online-Veranstaltung",
    }
    tag_2016 = EventPage.objects.get(slug="tag-der-kommunalen-jobcenter-2016")
    assert tag_2016.date_display == "Montag, 21. November 2016, 13:00–17:00 Uhr"
    tag_2017 = EventPage.objects.get(slug="tag-der-kommunalen-jobcenter-2017")
    assert tag_2017.date_display == "27.–28. November 2017"

    upcoming = EventPage.objects.upcoming()
    assert upcoming.filter(title__startswith="Beispieltermin", registration_enabled=True).exists()
    # A reader of a fresh site finds the next Fachtagung.
    assert upcoming.filter(event_type__slug="fachtagung", title__startswith="Beispieltermin").exists()
    anonymous_upcoming = visibility.visible_pages(None, upcoming)
    internal = upcoming.exclude(pk__in=anonymous_upcoming.values("pk"))
    assert internal.filter(title__startswith="Beispieltermin").exists()

    open_event = upcoming.filter(registration_enabled=True).first()
    assert open_event.registration_state(timezone.now()) == "open"
    assert client.get(open_event.url + "anmeldung/").status_code == 200
    home = client.get("/").content.decode()
    assert "Beispieltermin" in home
