"""Front end: semantic, accessible HTML and no request to any other host."""

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/projektziele/",
    "/projektstruktur/",
    "/projektteilnehmer/",
    "/fachtagungen/",
    "/dokumente/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/anmelden/",
    "/suche/?q=Optionskommunen",
]

# Attributes that make a browser load something by itself (links the reader clicks are fine).
AUTO_LOADING = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
    ("embed", "src"),
]


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


@pytest.fixture
def full_site(demo_site):
    """The demo site, built once for all tests that use it (tests/conftest.py)."""
    return demo_site


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_loads_nothing_from_another_host(client, full_site, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for tag, attribute in AUTO_LOADING:
        for element in soup.find_all(tag):
            if tag == "link" and not set(element.get("rel", [])) & LOADING_RELS:
                continue  # canonical, alternate: references, not loads
            value = element.get(attribute) or ""
            for candidate in re.split(r"[\s,]+", value):
                assert not re.match(r"^(https?:)?//", candidate), f"{url}: <{tag} {attribute}={value}>"
    assert "@import" not in response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_is_german_and_has_landmarks(client, full_site, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.html["lang"] == "de"
    assert soup.find("a", class_="skip-link")["href"] == "#inhalt"
    assert soup.find("main", id="inhalt")
    assert soup.find("header") and soup.find("footer") and soup.find("nav")
    assert len(soup.find_all("h1")) == 1
    assert soup.title.string.strip()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_headings_do_not_skip_levels(client, full_site, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    main = soup.find("main")
    levels = [int(h.name[1]) for h in main.find_all(re.compile(r"^h[1-6]$"))]
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"{url}: heading levels {levels}"


def test_public_pages_have_no_inline_scripts_or_styles(client, full_site):
    for url in PUBLIC_URLS:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        assert not soup.find_all(style=True), url
        assert not soup.find_all("style"), url


def test_meta_description_and_open_graph_from_promote_fields(client, full_site):
    soup = BeautifulSoup(client.get("/projektziele/").content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("Die fünf Ziele")
    assert soup.find("meta", property="og:title")["content"] == "Projektziele"
    assert soup.find("meta", property="og:locale")["content"] == "de_DE"


def test_html_ids_are_unique(client, full_site):
    for url in PUBLIC_URLS:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        ids = [element["id"] for element in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), url


def test_impressum_shows_the_legally_required_parts(client, full_site):
    html = client.get("/impressum/").content.decode()
    assert "Angaben gemäß § 5 DDG" in html
    assert "§ 18 Abs. 2 MStV" in html
    assert "Platzhalter" in html


def test_accessibility_statement_has_the_bitv_parts(client, full_site):
    html = client.get("/barrierefreiheit/").content.decode()
    for part in ("Stand der Vereinbarkeit", "Nicht barrierefreie Inhalte", "Feedback", "Schlichtungsverfahren"):
        assert part in html


@pytest.mark.parametrize("url", [*PUBLIC_URLS, "/gibt-es-nicht/"])
def test_public_page_is_valid_html5(client, full_site, url):
    import html5lib

    parser = html5lib.HTMLParser(strict=True)
    parser.parse(client.get(url).content.decode())
