"""Editors' work in the Wagtail admin: event validation, event types, registrations (modeladmin)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.demo import grant_editor_permissions
from events.models import EventPage, EventType, Registration

from .factories import EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/events/registration/"


def event_form(**overrides):
    data = {
        "title": "Neue Fachtagung",
        "slug": "neue-fachtagung",
        "start": "2027-03-28 10:00",
        "end": "2027-03-28 16:00",
        "city": "Berlin",
        "organiser": "BLOK",
        "teaser": "Kurz",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "registration_max_people": "5",
        "registration_waiting_list": "on",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, publisher):
    grant_editor_permissions()  # load_initial_data does this for the editors' groups
    client.force_login(publisher)
    return client


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_editor_can_create_an_event_in_the_admin(editor_client, event_index):
    response = editor_client.post(add_url(event_index), event_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="neue-fachtagung")
    assert event.start == datetime.datetime(2027, 3, 28, 8, tzinfo=datetime.UTC)  # 10:00 CEST


def test_end_before_start_is_refused_with_a_german_message(editor_client, event_index):
    response = editor_client.post(add_url(event_index), event_form(end="2027-03-27 16:00"))
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not EventPage.objects.filter(slug="neue-fachtagung").exists()


def test_event_needs_a_venue_or_online(editor_client, event_index):
    response = editor_client.post(add_url(event_index), event_form(city=""))
    assert "Bitte geben Sie einen Veranstaltungsort an" in response.content.decode()
    response = editor_client.post(add_url(event_index), event_form(city="", is_online="on"))
    assert response.status_code == 302


def test_deadline_after_the_event_is_refused(editor_client, event_index):
    response = editor_client.post(add_url(event_index), event_form(registration_deadline="2027-04-01 10:00"))
    assert "Der Anmeldeschluss darf nicht nach dem Ende" in response.content.decode()


def test_internal_event_can_be_created_under_the_internal_area(editor_client, internal):
    assert editor_client.post(add_url(internal), event_form()).status_code == 302


def test_editor_manages_event_types_as_snippets(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_events_eventtype:add"), {"name": "Workshop", "slug": "workshop", "sort_order": "1"}
    )
    assert response.status_code == 302
    assert EventType.objects.filter(slug="workshop").exists()


# --- registrations ------------------------------------------------------------------------------


@pytest.fixture
def registrations(event_index):
    start = timezone.now() + datetime.timedelta(days=10)
    event = EventPageFactory(
        parent=event_index,
        title="Workshop Kennzahlen",
        start=start,
        end=start + datetime.timedelta(hours=3),
        registration_enabled=True,
        registration_capacity=2,
    )
    other = EventPageFactory(parent=event_index, title="Andere Tagung", start=start, end=start)
    return {
        "event": event,
        "confirmed": RegistrationFactory(event=event, name="Anna Bestätigt", email="anna@kommune.example", people=2),
        "waiting": RegistrationFactory(
            event=event, name="Wera Warteliste", email="wera@kommune.example", status=Registration.Status.WAITING
        ),
        "other": RegistrationFactory(event=other, name="Otto Anders", email="otto@kommune.example"),
    }


def test_registration_list_filters_by_event_and_status_and_searches(editor_client, registrations):
    content = editor_client.get(INDEX).content.decode()
    for name in ("Anna Bestätigt", "Wera Warteliste", "Otto Anders"):
        assert name in content
    by_event = editor_client.get(INDEX, {"veranstaltung": registrations["event"].pk}).content.decode()
    assert "Anna Bestätigt" in by_event and "Otto Anders" not in by_event
    waiting = editor_client.get(INDEX, {"status__exact": "waiting"}).content.decode()
    assert "Wera Warteliste" in waiting and "Anna Bestätigt" not in waiting
    found = editor_client.get(INDEX, {"q": "otto@kommune"}).content.decode()
    assert "Otto Anders" in found and "Anna Bestätigt" not in found


def test_registrations_export_as_csv_and_excel(editor_client, registrations):
    response = editor_client.get(INDEX, {"export": "csv", "veranstaltung": registrations["event"].pk})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Veranstaltung", "Name", "Organisation"]
    assert sorted(row[1] for row in rows[1:]) == ["Anna Bestätigt", "Wera Warteliste"]
    response = editor_client.get(INDEX, {"export": "xlsx"})
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 4


def test_editor_moves_someone_from_the_waiting_list_to_confirmed(
    editor_client, registrations, django_capture_on_commit_callbacks
):
    waiting = registrations["waiting"]
    index = editor_client.get(INDEX).content.decode()
    confirm_url = f"{INDEX}confirm/{waiting.pk}/"
    assert confirm_url in index
    page = editor_client.get(confirm_url)
    assert "steht auf der Warteliste" in page.content.decode()
    assert "Platzzahl überschritten" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(confirm_url)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    (message,) = mail.outbox
    assert message.to == ["wera@kommune.example"]
    assert message.subject.startswith("Ihr Platz ist bestätigt")
    assert message.attachments[0][2] == "text/calendar"


def test_member_without_admin_rights_cannot_see_registrations(client, member, registrations):
    client.force_login(member)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "Anna Bestätigt" not in response.content.decode()


def test_event_edit_view_links_to_its_registrations(editor_client, registrations):
    event = registrations["event"]
    content = editor_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert f"{INDEX}?veranstaltung={event.pk}" in content


def test_admin_forms_and_lists_render(editor_client, event_index, registrations):
    assert editor_client.get(add_url(event_index)).status_code == 200
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=(registrations["event"].pk,)))
    assert "Anmeldeschluss" in edit.content.decode()
    assert editor_client.get(reverse("wagtailsnippets_events_eventtype:list")).status_code == 200
    assert editor_client.get(f"{INDEX}edit/{registrations['confirmed'].pk}/").status_code == 200
