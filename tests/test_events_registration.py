"""Registrations (Anmeldung): form, capacity, waiting list, deadline, duplicates, email, CSRF."""

import datetime

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.dates import BERLIN
from events.models import Registration
from events.registration import RegistrationError, register

from .factories import EventPageFactory, KommuneFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def future(days=10, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Workshop Digitalisierung",
        start=future(),
        end=future(hour=16),
        registration_enabled=True,
        registration_capacity=3,
        registration_max_people=2,
    )


def url(event):
    return event.url + "anmeldung/"


def data(**overrides):
    values = {
        "name": "Erika Mustermann",
        "organisation": "Landkreis Beispiel",
        "email": "erika@kommune.example",
        "people": "1",
        "remarks": "Rollstuhlgerechter Platz",
        "consent": "on",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def errors(response):
    return " ".join(
        p.get_text(" ", strip=True)
        for p in BeautifulSoup(response.content, "html.parser").select(".form__error, .form-errors li")
    )


def field_value(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one(f'[name="{name}"]')
    return field.get_text().strip() if field.name == "textarea" else field.get("value")


def test_event_page_links_to_the_registration_form(client, event):
    content = client.get(event.url).content.decode()
    assert f'href="{url(event)}"' in content
    assert "Jetzt anmelden" in content


def test_registration_form_shows_consent_linking_the_privacy_page(client, event):
    response = client.get(url(event))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    label = soup.select_one('label[for="id_consent"]')
    assert label.select_one("a")["href"] == "/datenschutz/"
    assert "no-store" in response["Cache-Control"]


def test_only_the_registration_form_sets_a_csrf_cookie(event):
    client = Client(enforce_csrf_checks=True)
    assert not client.get(event.url).cookies
    response = client.get(url(event))
    assert "csrftoken" in response.cookies
    assert "sessionid" not in response.cookies


def test_registration_with_csrf_token_succeeds_end_to_end(event):
    client = Client(enforce_csrf_checks=True)
    form_page = client.get(url(event))
    token = BeautifulSoup(form_page.content, "html.parser").select_one('[name="csrfmiddlewaretoken"]')["value"]
    response = client.post(url(event), data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert response["Location"].endswith("anmeldung/danke/?status=bestaetigt")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.consent_at is not None
    done = client.get(response["Location"])
    assert "Vielen Dank" in done.content.decode()


def test_post_without_csrf_token_is_refused(event):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url(event), data()).status_code == 403
    assert not Registration.objects.exists()


def test_confirmation_email_has_the_event_ics_attached(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(event), data())
    (message,) = mail.outbox
    assert message.to == ["erika@kommune.example"]
    assert message.subject == "Anmeldebestätigung: Workshop Digitalisierung"
    assert event.date_display in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["UID"]) == event.ical_uid


def test_kommune_can_be_chosen_from_the_participants_list(client, event):
    kommune = KommuneFactory(name="Landkreis Emsland")
    response = client.post(url(event), data(organisation="", kommune=str(kommune.pk)))
    assert response.status_code == 302
    assert Registration.objects.get().kommune == kommune


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"consent": None}, "stimmen Sie der Verarbeitung"),
        ({"people": "0"}, "mindestens eine Person"),
        ({"people": "1000"}, "Höchstens 2 Personen"),
        ({"people": "abc"}, "ganze Zahl"),
        ({"name": ""}, "Ihren Namen"),
        ({"organisation": ""}, "Kommune aus oder geben Sie Ihre Organisation"),
    ],
)
def test_bad_input_gets_a_german_message_and_keeps_the_form_filled(client, event, overrides, message):
    response = client.post(url(event), data(**overrides))
    assert response.status_code == 200
    assert message in errors(response)
    assert not Registration.objects.exists()
    assert not mail.outbox
    if "name" not in overrides:
        assert field_value(response, "name") == "Erika Mustermann"
    assert field_value(response, "remarks") == "Rollstuhlgerechter Platz"


def test_same_email_twice_is_refused_case_insensitively(client, event):
    assert client.post(url(event), data()).status_code == 302
    response = client.post(url(event), data(email="Erika@Kommune.example", name="Zweiter Versuch"))
    assert response.status_code == 200
    assert "bereits eine Anmeldung" in errors(response)
    assert field_value(response, "name") == "Zweiter Versuch"
    assert Registration.objects.count() == 1


def test_same_email_may_register_for_another_event(client, event, event_index):
    other = EventPageFactory(parent=event_index, start=future(20), end=future(20, 12), registration_enabled=True)
    client.post(url(event), data())
    assert client.post(url(other), data()).status_code == 302
    assert Registration.objects.count() == 2


def test_over_capacity_goes_to_the_waiting_list(client, event, django_capture_on_commit_callbacks):
    RegistrationFactory(event=event, people=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), data(people="2"))
    assert response["Location"].endswith("status=warteliste")
    registration = Registration.objects.get(email="erika@kommune.example")
    assert registration.status == Registration.Status.WAITING
    assert mail.outbox[0].subject.startswith("Warteliste")


def test_full_event_without_waiting_list_refuses_with_a_clear_message(client, event):
    event.registration_waiting_list = False
    event.save()
    RegistrationFactory(event=event, people=2)
    response = client.post(url(event), data(people="2"))
    assert response.status_code == 200
    assert "nur noch 1 Plätze frei" in errors(response)
    assert field_value(response, "name") == "Erika Mustermann"
    RegistrationFactory(event=event, people=1)
    response = client.get(url(event))
    assert "ausgebucht" in response.content.decode()
    response = client.post(url(event), data(email="neu@kommune.example"))
    assert "ausgebucht" in errors(response)
    assert Registration.objects.count() == 2


def test_registration_after_the_deadline_is_refused_and_nothing_saved(client, event):
    event.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    assert "Die Anmeldung ist geschlossen" in client.get(event.url).content.decode()
    response = client.post(url(event), data())
    assert response.status_code == 200
    assert "geschlossen" in errors(response)
    assert not Registration.objects.exists()


def test_event_without_registration_has_no_form(client, event_index):
    event = EventPageFactory(parent=event_index, start=future(), end=future(hour=12))
    assert client.get(url(event)).status_code == 404
    assert "anmeldung/" not in client.get(event.url).content.decode()


def test_anonymous_cannot_register_for_an_internal_event(client, internal):
    event = EventPageFactory(parent=internal, start=future(), end=future(hour=12), registration_enabled=True)
    response = client.post(url(event), data())
    assert response.status_code in (302, 403, 404)
    assert not Registration.objects.exists()


def test_register_service_refuses_a_duplicate_even_without_the_form(event):
    register(event, name="A", email="a@kommune.example", people=1, organisation="X")
    with pytest.raises(RegistrationError):
        register(event, name="B", email="A@KOMMUNE.example", people=1, organisation="Y")


# --- the page cache: a registration drops only its event's own pages ----------------------------


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    store = caches["pages"]
    store.clear()
    settings.PAGE_CACHE_ENABLED = True
    yield store
    store.clear()


def test_a_public_registration_drops_only_its_events_cached_pages(
    page_cache, event, event_index, django_capture_on_commit_callbacks
):
    other = EventPageFactory(parent=event_index, title="Andere Tagung", start=future(12), end=future(12, 16))
    event.registration_waiting_list = False
    event.save_revision().publish()
    guest = Client()
    addresses = [event.url, event.url + "ical/", other.url, event_index.url, "/"]
    with django_capture_on_commit_callbacks(execute=True):
        pass  # the publish above has invalidated; start from the current version
    for address in addresses:
        guest.get(address)
    assert all(guest.get(address)["X-Page-Cache"] == "hit" for address in addresses)
    assert "Jetzt anmelden" in guest.get(event.url).content.decode()

    visitor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post(url(event), data(people="2")).status_code == 302
        assert visitor.post(url(event), data(email="zweite@kommune.example")).status_code == 302

    page = guest.get(event.url)
    assert page["X-Page-Cache"] == "miss"  # the event's page is rendered again …
    assert "ausgebucht" in page.content.decode()  # … with the new state of its seats
    assert guest.get(event.url + "ical/")["X-Page-Cache"] == "miss"
    for address in (other.url, event_index.url, "/"):  # the rest of the site stays in the cache
        assert guest.get(address)["X-Page-Cache"] == "hit", address


def test_confirming_from_the_waiting_list_drops_the_events_cached_page(
    page_cache, event, django_capture_on_commit_callbacks
):
    from events.registration import confirm_from_waiting_list

    RegistrationFactory(event=event, people=2, email="a@kommune.example")
    waiting = RegistrationFactory(event=event, people=1, email="b@kommune.example", status=Registration.Status.WAITING)
    guest = Client()
    with django_capture_on_commit_callbacks(execute=True):
        pass
    guest.get(event.url)
    assert guest.get(event.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm_from_waiting_list(waiting)
    page = guest.get(event.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Alle Plätze sind vergeben" in page.content.decode()
