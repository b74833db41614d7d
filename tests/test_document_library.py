"""The Dokumente library page and the "Dokumentliste" block."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Collection

from documents_app.models import DocumentCategory

from .factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree, home):
    return home.get_children().get(slug="dokumente").specific


@pytest.fixture
def collections(site_tree):
    return site_tree.collections


def entries(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.select_one(".library-entry__title a").get_text(strip=True) for li in soup.select(".library-entry")]


def make_docs(collection, count, **kwargs):
    return [DocumentFactory(collection=collection, title=f"Bericht {i:03d}", **kwargs) for i in range(count)]


def test_entry_shows_title_description_date_type_size_and_download_link(client, library, collections):
    category = DocumentCategory.objects.create(name="Bericht")
    document = DocumentFactory(
        title="Jahresbericht 2016",
        description="Alle Kennzahlen des Jahres.",
        collection=collections["Öffentlich"],
        category=category,
        publication_date=datetime.date(2016, 11, 21),
        file_size=1258291,
    )
    response = client.get(library.url)
    assert response.status_code == 200
    entry = BeautifulSoup(response.content, "html.parser").select_one(".library-entry")
    text = " ".join(entry.get_text(" ", strip=True).split())
    assert "Jahresbericht 2016" in text
    assert "Alle Kennzahlen des Jahres." in text
    assert "21. November 2016" in text
    assert "PDF, 1,2 MB" in text
    assert "Bericht" in text
    assert entry.find("a", string="Herunterladen")["href"] == document.url


def test_anonymous_reader_sees_only_public_documents_member_sees_internal_too(client, member, library, collections):
    DocumentFactory(title="Öffentliches Papier", collection=collections["Öffentlich"])
    DocumentFactory(title="Internes Papier", collection=collections["Intern"])
    assert entries(client.get(library.url)) == ["Öffentliches Papier"]
    client.force_login(member)
    assert sorted(entries(client.get(library.url))) == ["Internes Papier", "Öffentliches Papier"]


def test_library_lists_only_its_collections(client, library, collections):
    other = Collection.get_first_root_node().add_child(name="Archiv")
    library.collections.set([collections["Öffentlich"]])
    library.save_revision().publish()
    DocumentFactory(title="Im Archiv", collection=other)
    DocumentFactory(title="Öffentlich", collection=collections["Öffentlich"])
    assert entries(client.get(library.url)) == ["Öffentlich"]


def test_filters_by_category_year_type_and_text(client, library, collections):
    report = DocumentCategory.objects.create(name="Bericht")
    slides = DocumentCategory.objects.create(name="Präsentation")
    public = collections["Öffentlich"]
    DocumentFactory(
        title="Bericht 2015", category=report, publication_date=datetime.date(2015, 5, 12), collection=public
    )
    DocumentFactory(
        title="Folien 2016",
        category=slides,
        publication_date=datetime.date(2016, 11, 21),
        collection=public,
        file=ContentFile(b"PK", name="folien.pptx"),
        description="Vortrag zur Integration",
    )
    url = library.url
    assert entries(client.get(url, {"kategorie": report.pk})) == ["Bericht 2015"]
    assert entries(client.get(url, {"jahr": 2016})) == ["Folien 2016"]
    assert entries(client.get(url, {"typ": "powerpoint"})) == ["Folien 2016"]
    assert entries(client.get(url, {"typ": "pdf"})) == ["Bericht 2015"]
    assert entries(client.get(url, {"q": "integration"})) == ["Folien 2016"]
    assert entries(client.get(url, {"q": "bericht", "jahr": 2016})) == []


def test_sorts_by_newest_and_by_title(client, library, collections):
    public = collections["Öffentlich"]
    DocumentFactory(title="B älter", publication_date=datetime.date(2015, 1, 1), collection=public)
    DocumentFactory(title="A neuer", publication_date=datetime.date(2020, 1, 1), collection=public)
    DocumentFactory(title="C mittel", publication_date=datetime.date(2018, 1, 1), collection=public)
    assert entries(client.get(library.url)) == ["A neuer", "C mittel", "B älter"]
    assert entries(client.get(library.url, {"sortierung": "titel"})) == ["A neuer", "B älter", "C mittel"]


def test_paginates_and_keeps_filters_in_page_links(client, library, collections):
    library.per_page = 5
    library.save_revision().publish()
    make_docs(collections["Öffentlich"], 12)
    response = client.get(library.url, {"sortierung": "titel"})
    assert len(entries(response)) == 5
    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "sortierung=titel" in next_link
    assert entries(client.get(library.url + next_link))[0] == "Bericht 005"


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999"},
        {"jahr": "zwanzig"},
        {"jahr": "99999999999999999999"},
        {"kategorie": "x"},
        {"typ": "exe"},
        {"sortierung": "'; DROP TABLE"},
        {"q": "x" * 5000},
        {"q": "<script>alert(1)</script>"},
    ],
)
def test_bad_filter_values_never_cause_an_error(client, library, collections, params):
    make_docs(collections["Öffentlich"], 3)
    response = client.get(library.url, params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_query_count_does_not_grow_with_number_of_documents(client, library, collections, member):
    client.force_login(member)
    category = DocumentCategory.objects.create(name="Bericht")
    make_docs(collections["Öffentlich"], 3, category=category)
    make_docs(collections["Intern"], 2)
    client.get(library.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(library.url).status_code == 200
    make_docs(collections["Öffentlich"], 15, category=category)
    make_docs(collections["Intern"], 10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(library.url).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 25


def test_anonymous_library_page_stays_within_fifteen_queries(
    client, library, collections, django_assert_max_num_queries
):
    make_docs(collections["Öffentlich"], 20)
    client.get(library.url)
    # The page itself needs 5 (collections, years, categories, count, entries); the rest is the
    # shared frame (site, routing, restrictions, menu, breadcrumbs, settings).
    with django_assert_max_num_queries(15):
        client.get(library.url)


# --- the "Dokumentliste" block ---------------------------------------------------------------


def test_document_list_block_by_category_respects_visibility(client, member, home, collections):
    protocols = DocumentCategory.objects.create(name="Protokoll")
    DocumentFactory(title="Öffentliches Protokoll", category=protocols, collection=collections["Öffentlich"])
    DocumentFactory(title="Internes Protokoll", category=protocols, collection=collections["Intern"])
    DocumentFactory(title="Anderes", collection=collections["Öffentlich"])
    page = StandardPageFactory(parent=home, title="Protokolle", slug="protokolle")
    page.body = [("document_list", {"heading": "Protokolle", "documents": [], "category": protocols, "limit": 10})]
    page.save_revision().publish()

    def titles(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return sorted(
            a.get_text(strip=True).removesuffix("herunterladen").strip() for a in soup.select(".document-item a")
        )

    assert titles(client.get(page.url)) == ["Öffentliches Protokoll"]
    client.force_login(member)
    assert titles(client.get(page.url)) == ["Internes Protokoll", "Öffentliches Protokoll"]


def test_document_list_block_query_count_does_not_grow(client, home, collections):
    page = StandardPageFactory(parent=home, title="Liste", slug="liste")

    def publish_with(count):
        documents = make_docs(collections["Öffentlich"], count)
        page.body = [("document_list", {"heading": "Dateien", "documents": documents, "category": None, "limit": 10})]
        page.save_revision().publish()

    publish_with(2)
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    publish_with(12)
    with CaptureQueriesContext(connection) as many:
        client.get(page.url)
    assert len(many) == len(few)


def test_document_list_block_requires_documents_or_category():
    from wagtail.blocks import StreamBlockValidationError
    from wagtail.blocks.struct_block import StructBlockValidationError

    from home.blocks import DocumentListBlock

    block = DocumentListBlock()
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError)):
        block.clean(block.to_python({"heading": "Leer", "documents": [], "category": None, "limit": 10}))


def test_publisher_creates_library_page_in_admin(client, publisher, home, internal, collections):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from documents_app.models import DocumentIndexPage

    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:add", args=["documents_app", "documentindexpage", internal.pk])
    data = nested_form_data(
        {
            "title": "Sitzungsunterlagen",
            "slug": "sitzungsunterlagen",
            "intro": "",
            "body": streamfield([]),
            "per_page": 10,
            "listing_summary": "",
        }
    )
    data["collections"] = [collections["Intern"].pk]
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = DocumentIndexPage.objects.get(slug="sitzungsunterlagen")
    assert list(page.collections.all()) == [collections["Intern"]]


def test_library_page_refuses_out_of_range_page_size_in_german(client, publisher, home, internal):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:add", args=["documents_app", "documentindexpage", internal.pk])
    data = nested_form_data(
        {"title": "Zu viel", "slug": "zu-viel", "intro": "", "body": streamfield([]), "per_page": 1000}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "per_page" in response.context["form"].errors
    assert "kleiner oder gleich 100" in " ".join(response.context["form"].errors["per_page"])


def test_year_filter_reads_one_row_per_year_not_every_document(client, library, collections):
    make_docs(collections["Öffentlich"], 12)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(library.url)
    assert response.status_code == 200
    # The query that selects the years (not the list, which only orders by the date).
    year_queries = [q["sql"] for q in queries if re.search(r"extract\s*\(\s*'?year", q["sql"], re.IGNORECASE)]
    assert year_queries, [q["sql"][:120] for q in queries]
    for sql in year_queries:
        assert "DISTINCT" in sql, sql
    this_year = str(timezone.localdate().year)
    assert f'value="{this_year}"' in response.content.decode()


def test_library_list_does_not_read_the_extracted_texts(client, library, collections):
    make_docs(collections["Öffentlich"], 3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(library.url).status_code == 200
    reads = [q["sql"] for q in queries if '"documents_app_blokdocument"."extracted_text"' in q["sql"]]
    assert not reads, reads[0][:200]


def test_a_change_of_the_librarys_collections_shows_at_the_next_request_with_the_data_cache(
    client, library, collections, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    caches["pages"].clear()
    settings.DATA_CACHE_ENABLED = True
    other = Collection.get_first_root_node().add_child(name="Archiv")
    DocumentFactory(title="Im Archiv", collection=other)
    DocumentFactory(title="Öffentlich", collection=collections["Öffentlich"])
    with django_capture_on_commit_callbacks(execute=True):
        library.collections.set([collections["Öffentlich"]])
        library.save_revision().publish()
    assert entries(client.get(library.url)) == ["Öffentlich"]
    with django_capture_on_commit_callbacks(execute=True):
        library.collections.set([other])
        library.save_revision().publish()
    assert entries(client.get(library.url)) == ["Im Archiv"]
    caches["pages"].clear()
