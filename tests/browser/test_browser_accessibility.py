"""BITV 2.0 § 4 and § 7 pages in Chromium: axe-core, the DGS player, the form "Barriere melden"."""

import pytest

from accessibility.models import BarrierReport

from .support import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

BITV_PAGES = {
    "Leichte Sprache": "/leichte-sprache/",
    "Gebärdensprache": "/gebaerdensprache/",
    "Barriere melden": "/barriere-melden/",
    "Barrierefreiheitserklärung mit Formular": "/barrierefreiheit/",
}


@pytest.mark.parametrize("name", BITV_PAGES)
def test_bitv_page_has_no_wcag_violations(page, site_url, name):
    page.goto(site_url + BITV_PAGES[name])
    assert axe_violations(page) == []


def test_service_navigation_leads_from_the_start_page_to_both_pages(page, site_url):
    page.goto(site_url + "/")
    service = page.get_by_role("navigation", name="Service")
    service.get_by_role("link", name="Leichte Sprache").click()
    page.wait_for_url(f"{site_url}/leichte-sprache/")
    assert page.locator("h1").inner_text().strip() == "Leichte Sprache"
    page.get_by_role("navigation", name="Service").get_by_role("link", name="Gebärdensprache").click()
    page.wait_for_url(f"{site_url}/gebaerdensprache/")
    assert page.locator("video").count() == 4


def test_dgs_video_loads_in_the_browser_without_autoplay(page, site_url):
    page.goto(site_url + "/gebaerdensprache/")
    video = page.locator("video").first
    video.evaluate("v => v.readyState >= 1 || new Promise(r => v.addEventListener('loadedmetadata', r))")
    state = video.evaluate("v => ({duration: v.duration, paused: v.paused, autoplay: v.autoplay, w: v.videoWidth})")
    assert state["paused"] and not state["autoplay"]
    assert round(state["duration"]) == 3 and state["w"] == 320


def test_broken_report_keeps_values_and_a_valid_one_is_stored(page, site_url):
    page.goto(site_url + "/projektziele/")
    page.locator(".site-footer").get_by_role("link", name="Barriere melden").click()
    page.wait_for_url("**/barriere-melden/**")
    assert page.get_by_label("Auf welcher Seite?").input_value() == "/projektziele/"
    page.get_by_label("Welche Barriere haben Sie gefunden?").fill("Kurz")
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("keine-adresse")
    page.get_by_role("button", name="Meldung absenden").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").input_value() == "keine-adresse"
    assert axe_violations(page) == []
    page.get_by_label("Welche Barriere haben Sie gefunden?").fill("Der Kontrast der Links im Fuß ist zu schwach.")
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("leserin@example.org")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Meldung absenden").click()
    page.wait_for_url("**/barriere-melden/danke/")
    assert "spätestens innerhalb eines Monats" in page.content()
    assert BarrierReport.objects.get().page_url == "/projektziele/"
    assert page.context.cookies() == []


def test_header_with_service_navigation_fits_320_pixels(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    for url in ["/", "/leichte-sprache/", "/gebaerdensprache/"]:
        tab.goto(site_url + url)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
    context.close()
