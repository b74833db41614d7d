"""A registration end to end in Chromium: bad input keeps the form, then a confirmed seat."""

import datetime
import shutil

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Registration

from .factories import EventPageFactory

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_registration_end_to_end_in_the_browser(live_server, event_index):
    playwright_api = pytest.importorskip("playwright.sync_api")
    start = timezone.now() + datetime.timedelta(days=14)
    event = EventPageFactory(
        parent=event_index,
        title="Workshop im Browser",
        start=start,
        end=start + datetime.timedelta(hours=4),
        registration_enabled=True,
        registration_capacity=10,
    )
    external = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.on("request", lambda r: None if r.url.startswith(live_server.url) else external.append(r.url))
        page.goto(live_server.url + event_index.url)
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
        page.fill("#id_email", "erika@kommune.example")
        page.check("#id_consent")
        page.locator(".event-registration form.form button[type=submit]").click()
        page.wait_for_url("**/anmeldung/danke/**")
        heading = page.inner_text("h1")
        browser.close()
    assert heading == "Vielen Dank für Ihre Anmeldung"
    assert external == []
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.remarks == "Bitte vegetarisch"
    assert [m.to for m in mail.outbox] == [["erika@kommune.example"]]
