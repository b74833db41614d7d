"""Dokumente and the members' login in a real browser, with axe-core checks."""

import pytest

from .conftest import PASSWORD
from .support import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    ["/dokumente/?typ=pdf&sortierung=titel", "/konto/passwort-vergessen/", "/dokumente/?q=nichts-zu-finden"],
)
def test_document_and_account_pages_have_no_wcag_violations(page, site_url, path):
    page.goto(site_url + path)
    assert axe_violations(page) == []


def test_library_filter_narrows_the_list(page, site_url):
    page.goto(f"{site_url}/dokumente/")
    page.get_by_label("Kategorie").select_option(label="Programm")
    page.get_by_role("button", name="Anzeigen").click()
    titles = page.locator(".library-entry__title a").all_inner_texts()
    assert titles == ["Programm Tag der kommunalen Jobcenter 2016"]


def test_failed_login_message_has_no_wcag_violations(page, site_url, browser_member):
    page.goto(f"{site_url}/anmelden/")
    page.get_by_label("Benutzername oder E-Mail").fill("mitglied")
    page.get_by_label("Passwort").fill("falsch")
    page.locator("main").get_by_role("button", name="Anmelden").click()
    assert "Die Anmeldung ist fehlgeschlagen" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []


def test_member_logs_in_and_downloads_internal_document(page, site_url, browser_member):
    page.goto(f"{site_url}/anmelden/?next=/interner-bereich/interne-dokumente/")
    page.get_by_label("Benutzername oder E-Mail").fill("mitglied")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{site_url}/interner-bereich/interne-dokumente/")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.locator(".library-entry__title a").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
