"""Every page type on a phone (Chromium at 320 and 390 px): nothing wider than the screen, a
compact header with the search behind a button, the month table scrolling in its own region, and
after a failed submit the focus on the error summary."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from tests.clients.site import page_urls
from tests.factories import UserFactory

pytestmark = pytest.mark.clients

WIDTHS = (320, 390)
HEIGHT = 844

# Elements sticking out on the right, outside any region that scrolls or clips by itself.
OFFENDERS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter((e) => !clipped(e) && (e.getBoundingClientRect().right > width + 0.5
      || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')))
    .slice(0, 5)
    .map((e) => {
      const right = Math.round(e.getBoundingClientRect().right);
      return `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} (${right} px)`;
    });
}"""


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone(width, *, javascript=True, session=None, base_url=None):
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": width, "height": HEIGHT},
            is_mobile=True,
            has_touch=True,
            java_script_enabled=javascript,
        )
        if session:
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def member_session(site_url):
    member = UserFactory(username="phone-mitglied", groups=[Group.objects.get(name="Mitglieder")])
    client = Client()
    client.force_login(member)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_no_page_type_is_wider_than_a_phone(phone, site_url, member_session):
    urls = page_urls()
    problems = []
    for width in WIDTHS:
        guest = phone(width)
        member = phone(width, session=member_session, base_url=site_url)
        for name, url, as_member in urls:
            tab = member if as_member else guest
            tab.goto(site_url + url)
            scroll_width, client_width = tab.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll_width > client_width:
                problems.append(f"{width} px, {name} ({url}): {scroll_width} px wide – {tab.evaluate(OFFENDERS_JS)}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_month_table_scrolls_in_its_own_region_with_a_visible_cue(phone, site_url, width):
    tab = phone(width)
    tab.goto(site_url + "/fachtagungen/kalender/")
    region = tab.locator(".month-calendar__scroll")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label").startswith("Monatstabelle")
    assert region.get_attribute("tabindex") == "0"  # keyboard users can scroll it
    inner, outer = region.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert inner > outer, "the table fits; then no cue is needed – check the test data"
    assert tab.locator(".month-calendar__hint").is_visible()
    region.focus()
    for _attempt in range(20):  # keyboard scrolling is smooth: give it a moment
        tab.keyboard.press("ArrowRight")
        if region.evaluate("(e) => e.scrollLeft") > 0:
            break
        tab.wait_for_timeout(100)
    assert region.evaluate("(e) => e.scrollLeft") > 0


@pytest.mark.parametrize("width", WIDTHS)
def test_participants_map_fits(phone, site_url, width):
    tab = phone(width)
    tab.goto(site_url + "/projektteilnehmer/")
    right = tab.locator(".participants-map").evaluate("(e) => e.getBoundingClientRect().right")
    assert right <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_header_is_compact_and_search_opens_behind_a_button(phone, site_url, width):
    tab = phone(width)
    tab.goto(site_url + "/")
    header_height = tab.locator("header.site-header").evaluate("(e) => e.getBoundingClientRect().height")
    assert header_height <= 0.12 * HEIGHT, header_height
    search = tab.locator("#site-search")
    toggle = tab.get_by_role("button", name="Suche", exact=True)
    assert search.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "site-search"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert tab.evaluate("document.activeElement.id") == "site-search-q"
    tab.keyboard.type("Kennzahlen")
    tab.keyboard.press("Escape")
    assert search.is_hidden()
    assert tab.evaluate("document.activeElement.className") == "search-toggle"
    toggle.click()
    tab.keyboard.type("Kennzahlen")  # Escape in a search field also empties it
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/suche/?q=Kennzahlen")
    # The menu button still opens the navigation, and with it the account link.
    tab.get_by_role("button", name="Menü").click()
    assert tab.get_by_role("link", name="Anmelden").is_visible()


def test_search_without_javascript_is_a_link_to_the_search_page(phone, site_url):
    tab = phone(390, javascript=False)
    tab.goto(site_url + "/")
    assert tab.locator("#site-search").is_hidden()
    assert tab.locator(".search-toggle").is_hidden()
    tab.get_by_role("link", name="Suche", exact=True).click()
    tab.wait_for_url("**/suche/")
    assert tab.locator("main input[type=search]").is_visible()


def test_failed_registration_moves_focus_to_the_error_summary(phone, site_url):
    tab = phone(390)
    url = next(url for name, url, _member in page_urls() if name == "Anmeldung")
    tab.goto(site_url + url)
    tab.get_by_role("button", name="Verbindlich anmelden").click()
    tab.wait_for_load_state()
    assert tab.evaluate("document.activeElement.id") == "fehler"
    summary = tab.locator("#fehler")
    assert "Einwilligung" in summary.inner_text()
    # The consent error reads as a line, not as a narrow column beside the box.
    error_width = tab.locator("#id_consent_error").evaluate("(e) => e.getBoundingClientRect().width")
    assert error_width > 200, error_width
    # The first link of the summary leads to its field.
    summary.locator("a").first.click()
    assert tab.evaluate("document.activeElement.id") == "id_name"


def test_failed_login_moves_focus_to_the_error_summary(phone, site_url):
    tab = phone(390)
    tab.goto(site_url + "/anmelden/")
    tab.get_by_label("Benutzername oder E-Mail").fill("niemand@example.org")
    tab.locator("#id_password").fill("falsch")
    tab.get_by_role("button", name="Anmelden").click()
    tab.wait_for_load_state()
    assert tab.evaluate("document.activeElement.id") == "fehler"
    assert tab.get_by_label("Benutzername oder E-Mail").input_value() == "niemand@example.org"
