"""German word forms and umlaut folding work the same on SQLite and PostgreSQL."""

import pytest
from wagtail.models import Page

from events.models import EventIndexPage
from search import text
from search.highlight import QueryTerms, highlight, snippet

from .factories import DocumentFactory, EventPageFactory, StandardPageFactory
from .search_helpers import result_titles, search


def test_fold_treats_umlauts_and_their_transcriptions_alike():
    assert text.fold("Öffentlich") == text.fold("Oeffentlich") == "offentlich"
    assert text.fold("Straße") == text.fold("Strasse") == "strasse"
    assert text.fold("Quelle") == "quelle"  # "ue" after "q" is not an umlaut


def test_stems_reduce_plural_and_singular_to_one_stem():
    assert text.stems("Fachtagungen") == text.stems("Fachtagung") == ["fachtag"]
    assert text.stems("der Landkreise") == ["landkreis"]  # stop word dropped


def test_highlight_marks_word_forms_and_escapes_html():
    terms = QueryTerms("Fachtagung")
    html = str(highlight("<b>Fachtagungen</b> & mehr", terms))
    assert html == "&lt;b&gt;<mark>Fachtagungen</mark>&lt;/b&gt; &amp; mehr"


def test_snippet_shows_the_text_around_the_first_match():
    terms = QueryTerms("Integration")
    source = " ".join(["Wort"] * 60) + " die Integration von Geflüchteten " + " ".join(["Ende"] * 60)
    html = str(snippet(source, terms))
    assert "<mark>Integration</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")


@pytest.fixture
def fachtagungen(home):
    events = EventIndexPage.objects.child_of(home).get()
    event = EventPageFactory(
        parent=events, title="Tag der kommunalen Jobcenter", teaser="Die jährlichen Fachtagungen."
    )
    page = StandardPageFactory(parent=home, title="Rückblick", intro="Berichte von unseren Fachtagungen in Berlin.")
    return event, page


@pytest.mark.parametrize("query", ["Fachtagung", "Fachtagungen", "fachtagung"])
def test_fachtagung_finds_fachtagungen_pages_and_events(client, fachtagungen, query):
    titles = result_titles(search(client, query))
    assert "Tag der kommunalen Jobcenter" in titles
    assert "Rückblick" in titles


def test_singular_in_text_is_found_by_plural_query(client, home):
    StandardPageFactory(parent=home, title="Einladung", intro="Zur Fachtagung laden wir herzlich ein.")
    assert "Einladung" in result_titles(search(client, "Fachtagungen"))


@pytest.mark.parametrize(
    ("indexed", "query"),
    [
        ("Öffentliche Sitzung", "Oeffentlich"),
        ("Oeffentliche Sitzung", "öffentlich"),
        ("Tagungswerk, Lindenstraße 85", "Lindenstrasse"),
        ("Tagungswerk, Lindenstrasse 85", "Lindenstraße"),
    ],
)
def test_umlauts_and_sharp_s_find_their_transcriptions(client, home, indexed, query):
    StandardPageFactory(parent=home, title="Ort", intro=indexed)
    assert "Ort" in result_titles(search(client, query))


def test_document_text_is_searched_with_word_forms(client, site_tree):
    DocumentFactory(
        title="Jahresbericht",
        collection=site_tree.collections["Öffentlich"],
        extracted_text="Die Kennzahlen der Jobcenter",
    )
    assert "Jahresbericht" in result_titles(search(client, "Kennzahl"))


def test_a_compound_part_finds_the_compound_and_is_highlighted(client, fachtagungen):
    response = search(client, "Tagung")
    assert "Rückblick" in result_titles(response)
    assert "<mark>Fachtagungen</mark>" in response.content.decode()


def test_wagtail_search_api_uses_the_same_analysis(fachtagungen):
    titles = {page.title for page in Page.objects.live().search("Fachtagung")}
    assert {"Tag der kommunalen Jobcenter", "Rückblick"} <= titles


def test_autocomplete_folds_umlauts(home):
    StandardPageFactory(parent=home, title="Öffentlichkeitsarbeit")
    titles = {page.title for page in Page.objects.autocomplete("Oeffentl")}
    assert "Öffentlichkeitsarbeit" in titles


@pytest.mark.postgres
def test_postgres_stems_with_the_german_configuration(fachtagungen):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('german', %s)::text", [text.fold("Fachtagungen")])
        assert "fachtag" in cursor.fetchone()[0]
