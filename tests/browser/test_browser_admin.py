"""Editors' work in the Wagtail admin in Chromium: German dates, lists at 1366 px, uploads."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from events.models import EventPage

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-Passwort-123"


@pytest.fixture
def admin_page(browser, site_url):
    """A logged-in editor (superuser) in a 1366×900 window, as on a common office laptop."""
    get_user_model().objects.create_superuser("redakteurin", "redaktion@example.org", PASSWORD)
    context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "/admin/login/")
    tab.fill("#id_username", "redakteurin")
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/admin/")
    yield tab
    context.close()


def test_editor_types_a_german_date_into_an_event_and_it_is_saved(admin_page, site_url):
    event = EventPage.objects.order_by("start").first()
    admin_page.goto(f"{site_url}/admin/pages/{event.pk}/edit/")
    start = admin_page.locator("#id_start")

    # Something that is not a date stays as typed (no silent "now") and is refused in German.
    start.fill("morgen früh")
    start.press("Tab")
    assert start.input_value() == "morgen früh"
    admin_page.get_by_role("button", name="Entwurf speichern").click()
    admin_page.wait_for_load_state()
    assert "Bitte Datum und Uhrzeit in der Form TT.MM.JJJJ hh:mm eingeben" in admin_page.content()
    assert admin_page.locator("#id_start").input_value() == "morgen früh"

    # A German date, typed the short way, is kept on leaving the field and saved.
    start = admin_page.locator("#id_start")
    start.fill("16.9.2027 9:30")
    start.press("Tab")
    assert start.input_value() == "16.9.2027 9:30"
    end = admin_page.locator("#id_end")
    end.fill("16.09.2027 17:00")
    end.press("Tab")
    deadline = admin_page.locator("#id_registration_deadline")
    if deadline.count():
        deadline.fill("")
    admin_page.get_by_role("button", name="Entwurf speichern").click()
    admin_page.wait_for_load_state()
    assert "Bitte Datum und Uhrzeit" not in admin_page.content()
    assert admin_page.locator("#id_start").input_value() == "16.09.2027 09:30"
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert draft.start == datetime.datetime(2027, 9, 16, 7, 30, tzinfo=datetime.UTC)  # 09:30 CEST
    assert draft.end == datetime.datetime(2027, 9, 16, 15, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("path", ["/admin/participants/kommune/", "/admin/events/registration/"])
def test_admin_lists_are_readable_at_1366_px(admin_page, site_url, path):
    if "registration" in path:
        from tests.factories import RegistrationFactory

        event = EventPage.objects.order_by("-start").first()
        for n in range(3):
            RegistrationFactory(event=event, name=f"Maximiliane Mustermann-Schulze {n}", organisation="Kreis Nord")
    admin_page.goto(site_url + path)
    table = admin_page.locator("table.listing").first
    table.wait_for()
    width = admin_page.viewport_size["width"]
    # No horizontal scrolling: the table fits the window.
    assert admin_page.evaluate("document.documentElement.scrollWidth") <= width
    rows = table.locator("tbody tr")
    assert rows.count() >= 3
    for index in range(3):
        row = rows.nth(index)
        row.hover()
        buttons = row.locator("ul.actions a, ul.actions button")
        assert buttons.count() >= 1
        for b in range(buttons.count()):
            box = buttons.nth(b).bounding_box()
            assert buttons.nth(b).is_visible()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, buttons.nth(b).inner_text()
        # The first column is wide enough for a name on one or two lines, never a word broken apart.
        first = row.locator("td").first
        assert admin_page.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1", first.element_handle())
    if "kommune" in path:
        names = [rows.nth(i).locator("td").first.inner_text().split("\n")[0] for i in range(5)]
        assert names == sorted(names, key=str.casefold)  # sorted by name


def test_editor_uploads_a_document_without_choosing_a_collection_and_readers_find_it(
    browser, page, site_url, tmp_path
):
    """An editor of the group "Redaktion" adds a document the way Wagtail's document list offers
    it (multiple upload), leaves "Zu Sammlung hinzufügen" as it is, and an anonymous reader finds
    it in the public library and downloads it: never a public document that no library lists."""
    from django.contrib.auth.models import Group

    from documents_app.models import BlokDocument
    from documents_app.pdf import make_pdf
    from tests.factories import UserFactory

    UserFactory(username="redaktion-upload", groups=[Group.objects.get(name="Redaktion")])
    upload = tmp_path / "protokoll-arbeitsmarktkonferenz.pdf"
    upload.write_bytes(make_pdf("Protokoll der Arbeitsmarktkonferenz", ["Ergebnisse und nächste Schritte"]))

    context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    editor = context.new_page()
    editor.goto(site_url + "/admin/login/")
    editor.fill("#id_username", "redaktion-upload")
    editor.fill("#id_password", PASSWORD)
    editor.locator("form button[type=submit]").click()
    editor.wait_for_url("**/admin/")
    editor.goto(site_url + "/admin/documents/")
    editor.get_by_role("link", name="Dokument hinzufügen").first.click()
    editor.wait_for_url("**/admin/documents/multiple/add/")
    editor.locator("#fileupload").set_input_files(str(upload))
    editor.locator("#upload-list li.upload-success").wait_for(timeout=30_000)
    context.close()

    document = BlokDocument.objects.get(file__contains="protokoll-arbeitsmarktkonferenz")
    assert document.collection.name == "Öffentlich"
    page.goto(site_url + "/dokumente/")
    link = page.locator("main a", has_text=document.title)
    assert link.count() == 1, f"{document.title!r} fehlt in /dokumente/"
    with page.expect_download() as download:
        link.first.click()
    assert download.value.suggested_filename.endswith(".pdf")
