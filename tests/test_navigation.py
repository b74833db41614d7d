import pytest
from bs4 import BeautifulSoup

from .factories import StandardPageFactory

MENU = [
    "Startseite",
    "Projektziele",
    "Projektstruktur",
    "Projektteilnehmer",
    "Fachtagungen",
    "Dokumente",
    "Interner Bereich",
    "Impressum",
]

pytestmark = pytest.mark.django_db


def menu_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("#hauptnavigation a")]


def test_main_menu_shows_exactly_the_eight_entries_in_order(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    assert menu_titles(response) == MENU


def test_every_public_menu_entry_answers_200(client, site_tree):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    for link in soup.select("#hauptnavigation a"):
        if link["href"] == "/interner-bereich/":
            continue
        assert client.get(link["href"]).status_code == 200, link["href"]


def test_internal_area_redirects_anonymous_reader_to_login(client, site_tree):
    response = client.get("/interner-bereich/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=/interner-bereich/")


def test_current_page_is_marked_in_menu(client, site_tree):
    soup = BeautifulSoup(client.get("/projektziele/").content, "html.parser")
    current = soup.select('#hauptnavigation a[aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == ["Projektziele"]


def test_breadcrumbs_lead_back_to_start_page(client, site_tree):
    parent = site_tree.home.get_children().get(slug="projektstruktur")
    child = StandardPageFactory(parent=parent, title="Vergleichsringe im Detail", slug="vergleichsringe")
    soup = BeautifulSoup(client.get(child.url).content, "html.parser")
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Startseite", "Projektstruktur", "Vergleichsringe im Detail"]


def test_footer_links_legal_pages(client, site_tree):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    footer = [a.get_text(strip=True) for a in soup.select(".site-footer__nav a")]
    # "Barriere melden" (BITV 2.0 § 7) follows the statement; Leichte Sprache and Gebärdensprache
    # appear once those pages exist (tests/test_accessibility.py).
    assert footer[:4] == ["Impressum", "Datenschutz", "Barrierefreiheit", "Barriere melden"]
    assert footer[-1].startswith("Kommunen für Arbeit")


def test_anonymous_reader_never_sees_internal_pages_in_section_menu(client, site_tree, internal):
    StandardPageFactory(parent=internal, title="Geheime Sitzungsunterlagen", show_in_menus=True)
    for url in ["/", "/projektziele/", "/impressum/"]:
        assert b"Geheime Sitzungsunterlagen" not in client.get(url).content


def test_member_sees_internal_pages_in_section_menu(member_client, site_tree, internal):
    StandardPageFactory(parent=internal, title="Geheime Sitzungsunterlagen", show_in_menus=True)
    response = member_client.get("/interner-bereich/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Geheime Sitzungsunterlagen" in [a.get_text(strip=True) for a in soup.select(".section-nav a")]


def test_unknown_url_gets_designed_404(client, site_tree):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert 'lang="de"' in response.content.decode()


def test_page_query_count_does_not_grow_with_the_tree(client, site_tree, home, internal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = home.get_children().get(slug="projektstruktur").specific
    child = StandardPageFactory(parent=section, title="Unterseite", show_in_menus=True)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    before = {url: count(url) for url in ("/", "/projektstruktur/", child.url)}
    for number in range(25):
        StandardPageFactory(parent=home, title=f"Weitere Seite {number}", show_in_menus=True)
        StandardPageFactory(parent=section, title=f"Unterseite {number}", show_in_menus=True)
        StandardPageFactory(parent=internal, title=f"Intern {number}", show_in_menus=True)
    after = {url: count(url) for url in before}
    assert after == before
    assert max(after.values()) <= 13
