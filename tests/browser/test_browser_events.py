"""The calendar and a registration in a real browser, with axe-core checks of the event pages."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration
from tests.factories import EventPageFactory

from .support import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def calendar(site_url):
    return EventIndexPage.objects.get()


@pytest.fixture
def open_event(calendar):
    start = timezone.now() + datetime.timedelta(days=14)
    return EventPageFactory(
        parent=calendar,
        title="Workshop im Browser",
        start=start,
        end=start + datetime.timedelta(hours=4),
        registration_enabled=True,
        registration_capacity=10,
    )


def test_registration_end_to_end_in_the_browser(page, site_url, calendar, open_event):
    external = []
    page.on("request", lambda r: None if r.url.startswith(site_url) else external.append(r.url))
    page.goto(site_url + calendar.url)
    assert page.context.cookies() == []
    page.click("text=Workshop im Browser")
    page.click("text=Jetzt anmelden")
    form = page.locator(".event-registration form.form")
    page.fill("#id_name", "Erika Mustermann")
    page.fill("#id_organisation", "Landkreis Beispiel")
    page.fill("#id_email", "keine-adresse")
    page.fill("#id_remarks", "Bitte vegetarisch")
    form.locator("button[type=submit]").click()
    errors = page.inner_text(".form-errors")
    assert "gültige E-Mail-Adresse" in errors
    assert "stimmen Sie der Verarbeitung" in errors
    assert page.input_value("#id_name") == "Erika Mustermann"
    assert page.input_value("#id_remarks") == "Bitte vegetarisch"
    assert axe_violations(page) == []
    page.fill("#id_email", "erika@kommune.example")
    page.check("#id_consent")
    page.locator(".event-registration form.form button[type=submit]").click()
    page.wait_for_url("**/anmeldung/danke/**")
    assert page.inner_text("h1") == "Vielen Dank für Ihre Anmeldung"
    assert external == []
    registration = Registration.objects.get(event=open_event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.remarks == "Bitte vegetarisch"
    assert [m.to for m in mail.outbox] == [["erika@kommune.example"]]


def test_month_calendar_navigates_between_months(page, site_url, calendar):
    page.goto(f"{site_url}{calendar.url}kalender/2016/11/")
    assert "November 2016" in page.locator("h1, h2").all_inner_texts()[0] + " ".join(
        page.locator("h1, h2").all_inner_texts()
    )
    assert "Tag der kommunalen Jobcenter" in page.locator("table").inner_text()
    page.get_by_role("link", name="Dezember 2016").first.click()
    page.wait_for_url(f"**{calendar.url}kalender/2016/12/")
    page.get_by_role("link", name="November 2016").first.click()
    page.wait_for_url(f"**{calendar.url}kalender/2016/11/")


@pytest.mark.parametrize(
    "path",
    ["", "kalender/2017/11/", "archiv/2016/"],
    ids=["kalender-liste", "monatsansicht", "archiv"],
)
def test_calendar_views_have_no_wcag_violations(page, site_url, calendar, path):
    page.goto(f"{site_url}{calendar.url}{path}")
    assert axe_violations(page) == []


def test_event_page_has_no_wcag_violations(page, site_url, calendar):
    event = EventPage.objects.live().filter(slug="tag-der-kommunalen-jobcenter-2017").get()
    page.goto(site_url + event.url)
    assert "27.–28. November 2017" in page.locator("main").inner_text()
    assert axe_violations(page) == []
