"""CSV exports cannot carry formulas; the page cache keys only on the parameters a page uses;
Wagtail's password-restriction views are off."""

import csv
import io

import openpyxl
import pytest
from django.core.cache import caches
from django.test import Client

from events.demo import grant_editor_permissions
from ops.exports import neutralise

from .factories import DocumentFactory, EventPageFactory, KommuneFactory, RegistrationFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example","Klick")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\t=1", "\r=1"]


def csv_rows(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_prefixes_formula_cells(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Erika Mustermann") == "Erika Mustermann"
    assert neutralise(3) == 3


def test_registration_export_neutralises_formulas(client, publisher, event_index):
    grant_editor_permissions()
    event = EventPageFactory(parent=event_index, title="Fachtagung", registration_enabled=True)
    for index, name in enumerate(HOSTILE):
        RegistrationFactory(event=event, name=name, remarks=name, email=f"p{index}@kommune.example")
    client.force_login(publisher)
    rows = csv_rows(client.get("/admin/events/registration/", {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    for value in HOSTILE:
        assert "'" + value in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get("/admin/events/registration/", {"export": "xlsx"}).streaming_content))
    ).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_participants_export_neutralises_formulas(admin_client, site_tree):
    KommuneFactory(name="=1+1 Landkreis", contact_name="@Admin", contact_phone="+49 30 1234")
    rows = csv_rows(admin_client.get("/admin/participants/kommune/", {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+1 Landkreis" in cells and "'@Admin" in cells and "'+49 30 1234" in cells


def test_wagtails_own_report_exports_neutralise_formulas(admin_client, site_tree):
    # Wagtail's views (here the search terms report) write through the same neutralising writer.
    from wagtail.contrib.search_promotions.models import Query

    Query.get('=HYPERLINK("http://evil.example")').add_hit()
    response = admin_client.get("/admin/reports/suchbegriffe/", {"export": "csv"})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    assert any(cell.startswith("'=hyperlink") for cell in cells), cells
    assert not any(cell.startswith("=") for cell in cells)


# --- page cache keys -------------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def entries(cache):
    """The stored pages (not the version token, not the remembered allow-lists)."""
    return [
        key for key in cache._cache if ":pagecache:" in key and not key.endswith(":version") and ":params:" not in key
    ]


def test_unknown_query_parameters_share_the_pages_entry(page_cache, site_tree):
    page = StandardPageFactory(parent=site_tree.home, title="Zwischenbericht", slug="zwischenbericht")
    client = Client()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    for index in range(30):
        response = client.get(f"{page.url}?utm_source=x{index}&fbclid={index}")
        assert response["X-Page-Cache"] == "hit"
    assert len(entries(page_cache)) == 1


def test_first_request_with_unknown_parameters_is_stored_under_the_plain_key(page_cache, site_tree):
    page = StandardPageFactory(parent=site_tree.home, title="Bericht", slug="bericht")
    assert Client().get(f"{page.url}?zufall=1")["X-Page-Cache"] == "miss"
    assert Client().get(page.url)["X-Page-Cache"] == "hit"


def test_allow_listed_parameters_are_part_of_the_key(page_cache, site_tree, monkeypatch):
    from search import site_search

    monkeypatch.setattr(site_search, "SHARED_RANKING_MIN_HITS", 1)  # stored like a broad term
    DocumentFactory(title="Jahresbericht", collection=site_tree.collections["Öffentlich"])
    client = Client()
    assert client.get("/dokumente/?q=Jahresbericht")["X-Page-Cache"] == "miss"
    assert client.get("/dokumente/?q=Anderes")["X-Page-Cache"] == "miss"
    assert client.get("/dokumente/?zufall=7&q=Jahresbericht")["X-Page-Cache"] == "hit"
    assert client.get("/suche/?q=Projekt&zufall=1")["X-Page-Cache"] == "miss"
    assert client.get("/suche/?zufall=2&q=Projekt")["X-Page-Cache"] == "hit"


def test_views_without_an_allow_list_are_not_stored_with_a_query_string(page_cache, site_tree, settings):
    settings.PAGE_CACHE_QUERY_PARAMS = {}
    for index in range(5):
        assert "X-Page-Cache" not in Client().get(f"/?zufall={index}")
    assert entries(page_cache) == []


# --- password restrictions ---------------------------------------------------------------------------


def test_password_restriction_views_answer_alike(site_tree, home):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home, title="Mit Passwort", slug="mit-passwort")
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",  # noqa: S106
    )
    client = Client()
    urls = [
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        f"/_util/authenticate_with_password/{restriction.pk + 999}/{page.pk + 999}/",
        "/downloads/authenticate_with_password/1/",
        "/downloads/authenticate_with_password/999999/",
    ]
    answers = {(client.get(url).status_code, client.post(url, {"password": "geheim"}).status_code) for url in urls}
    assert answers == {(404, 404)}


def test_editors_are_not_offered_shared_passwords(settings):
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}
