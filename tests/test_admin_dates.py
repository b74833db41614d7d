"""Editors type German dates in the admin; anything else is refused in German, never replaced."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from events.demo import grant_editor_permissions
from events.models import EventPage

from .factories import StandardPageFactory
from .test_events_admin import add_url, event_form

pytestmark = pytest.mark.django_db
BERLIN = datetime.timezone(datetime.timedelta(hours=2))  # CEST in September


@pytest.fixture
def editor_client(client, publisher):
    grant_editor_permissions()
    client.force_login(publisher)
    return client


def test_admin_widgets_speak_german_and_keep_typed_text():
    assert settings.WAGTAIL_DATETIME_FORMAT == "%d.%m.%Y %H:%M"
    config = AdminDateTimeInput().get_config()
    assert config["format"] == "d.m.Y H:i"
    assert config["validateOnBlur"] is False  # the picker never swaps typed text for "now"
    assert AdminDateInput().get_config()["format"] == "d.m.Y"
    assert AdminTimeInput().get_config()["validateOnBlur"] is False
    value = datetime.datetime(2027, 9, 16, 9, 30)
    assert AdminDateTimeInput().format_value(value) == "16.09.2027 09:30"


@pytest.mark.parametrize("typed", ["16.09.2027 09:30", "16.9.2027 9:30", "16.09.2027 09:30:00"])
def test_event_accepts_german_dates(editor_client, event_index, typed):
    response = editor_client.post(
        add_url(event_index), event_form(start=typed, end="16.09.2027 17:00", registration_deadline="")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="neue-fachtagung")
    assert event.start == datetime.datetime(2027, 9, 16, 9, 30, tzinfo=BERLIN)
    assert event.end == datetime.datetime(2027, 9, 16, 17, 0, tzinfo=BERLIN)


@pytest.mark.parametrize("typed", ["16.09.27 09:30", "09/16/2027 09:30", "morgen", "16.09.2027", "32.09.2027 09:30"])
def test_event_refuses_other_dates_in_german_and_keeps_the_input(editor_client, event_index, typed):
    response = editor_client.post(add_url(event_index), event_form(start=typed, end="16.09.2027 17:00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte Datum und Uhrzeit in der Form TT.MM.JJJJ hh:mm eingeben, z. B. 16.09.2027 09:30." in html
    assert f'value="{typed}"' in html  # what the editor typed stays in the field
    assert not EventPage.objects.filter(slug="neue-fachtagung").exists()


def test_event_edit_form_shows_stored_dates_in_german(editor_client, event_index):
    editor_client.post(add_url(event_index), event_form(start="16.9.2027 9:30", end="16.09.2027 17:00"))
    event = EventPage.objects.get(slug="neue-fachtagung")
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert 'value="16.09.2027 09:30"' in html
    assert 'value="16.09.2027 17:00"' in html


def test_go_live_date_is_german(editor_client, home):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    page = StandardPageFactory(parent=home, title="Meldung", slug="meldung")
    data = nested_form_data(
        {
            "title": "Meldung",
            "slug": "meldung",
            "intro": "Einleitung",
            "body": streamfield([]),
            "go_live_at": "1.10.2027 8:00",
        }
    )
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    revision = page.latest_revision
    assert revision.as_object().go_live_at == datetime.datetime(2027, 10, 1, 8, 0, tzinfo=BERLIN)

    data["go_live_at"] = "nächste Woche"
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200
    assert "TT.MM.JJJJ hh:mm" in response.content.decode()


def test_document_publication_date_is_german():
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    field = form_class.base_fields["publication_date"]
    assert field.widget.format_value(datetime.date(2027, 3, 5)) == "05.03.2027"
    assert field.clean("5.3.2027") == datetime.date(2027, 3, 5)
    assert field.clean("05.03.2027") == datetime.date(2027, 3, 5)
    with pytest.raises(ValidationError, match="TT.MM.JJJJ"):
        field.clean("2027/03/05")


def test_new_pages_are_not_autosaved_into_hidden_drafts(editor_client, home):
    from wagtail.models import Page

    html = editor_client.get(
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    ).content.decode()
    assert "data-w-autosave-interval-value" not in html
    before = Page.objects.count()
    edit = StandardPageFactory(parent=home, title="Bestehend", slug="bestehend")
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(edit.pk,))).content.decode()
    assert "data-w-autosave-interval-value" not in html
    assert Page.objects.count() == before + 1
