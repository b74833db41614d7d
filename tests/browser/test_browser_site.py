"""The site in a real browser (Debian's Chromium through Playwright), with axe-core checks."""

import pytest

from tests.test_navigation import MENU

from .conftest import PASSWORD
from .support import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


PUBLIC_PAGE_TYPES = {
    "Startseite": "/",
    "Inhaltsseite": "/projektstruktur/",
    "Projektteilnehmer": "/projektteilnehmer/",
    "Fachtagungen": "/fachtagungen/",
    "Dokumente": "/dokumente/",
    "Impressum": "/impressum/",
    "Datenschutz": "/datenschutz/",
    "Barrierefreiheit": "/barrierefreiheit/",
    "Suche": "/suche/?q=Optionskommunen",
    "Anmeldung": "/anmelden/",
    "Fehlerseite 404": "/gibt-es-nicht/",
}


def test_desktop_menu_shows_all_entries_and_marks_current(page, site_url):
    page.goto(f"{site_url}/projektziele/")
    links = page.locator("#hauptnavigation a")
    assert links.all_inner_texts() == MENU
    assert page.locator('#hauptnavigation a[aria-current="page"]').inner_text() == "Projektziele"
    assert page.locator(".menu-toggle").is_hidden()
    page.get_by_role("link", name="Fachtagungen", exact=True).first.click()
    page.wait_for_url(f"{site_url}/fachtagungen/")
    assert page.locator("h1").inner_text() == "Fachtagungen"


def test_mobile_menu_opens_and_closes_with_the_button(mobile_page, site_url):
    page = mobile_page
    page.goto(site_url + "/")
    toggle = page.get_by_role("button", name="Menü")
    nav = page.locator("#hauptnavigation")
    assert toggle.is_visible()
    assert nav.is_hidden()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    assert page.locator("#hauptnavigation a").all_inner_texts() == MENU
    page.keyboard.press("Escape")
    assert nav.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"


def test_mobile_menu_without_javascript_is_simply_open(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.locator("#hauptnavigation").is_visible()
    assert page.locator(".menu-toggle").is_hidden()
    context.close()


def test_skip_link_moves_focus_to_content(page, site_url):
    page.goto(site_url + "/projektziele/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_member_logs_in_and_reaches_the_internal_area(page, site_url, browser_member):
    page.goto(site_url + "/interner-bereich/")
    assert "/anmelden/" in page.url
    page.get_by_label("Benutzername oder E-Mail").fill("mitglied")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{site_url}/interner-bereich/")
    assert page.locator("h1").inner_text() == "Interner Bereich"
    assert "Protokolle des Arbeitskreises Option" in page.locator(".section-nav").inner_text()


@pytest.mark.parametrize("name", PUBLIC_PAGE_TYPES)
def test_page_type_has_no_wcag_violations(page, site_url, name):
    page.goto(site_url + PUBLIC_PAGE_TYPES[name])
    assert axe_violations(page) == []


def test_internal_area_has_no_wcag_violations_for_members(page, site_url, browser_member):
    page.goto(site_url + "/anmelden/?next=/interner-bereich/")
    page.get_by_label("Benutzername oder E-Mail").fill("mitglied")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{site_url}/interner-bereich/")
    assert axe_violations(page) == []


def test_mobile_start_page_has_no_wcag_violations(mobile_page, site_url):
    mobile_page.goto(site_url + "/")
    assert axe_violations(mobile_page) == []
