"""Typo suggestions and synonyms: they help readers and never reveal what a reader may not see."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from search.models import SynonymGroup, forget_synonyms
from search.suggest import forget_vocabulary

from .factories import StandardPageFactory
from .search_helpers import result_titles, search


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    """Synonyms and vocabularies are cached across requests; tests roll back the database."""
    forget_synonyms()
    forget_vocabulary()
    yield
    forget_synonyms()
    forget_vocabulary()


@pytest.fixture
def pages(site_tree, home, internal):
    StandardPageFactory(parent=home, title="Fachtagung Arbeitsmarkt", intro="Bericht von der Fachtagung.")
    StandardPageFactory(parent=internal, title="Zwergenhaushalt intern", intro="Vertrauliche Planung.")
    return home


def test_a_typo_without_hits_searches_the_suggestion_and_says_so(client, pages):
    html = search(client, "Fachtagnug").content.decode()
    assert "Keine Treffer für „Fachtagnug“" in html
    assert "Angezeigt werden die Treffer für" in html
    assert 'href="/suche/?q=Fachtagung"' in html
    assert "Fachtagung Arbeitsmarkt" in result_titles(search(client, "Fachtagnug"))


def test_an_internal_title_is_never_suggested_to_a_guest(member_client, pages):
    guest_html = search(Client(), "Zwergenhaushlt").content.decode()
    assert "Zwergenhaushalt" not in guest_html
    assert "Meinten Sie" not in guest_html
    member_html = search(member_client, "Zwergenhaushlt").content.decode()
    assert "Zwergenhaushalt" in member_html


def test_a_cached_member_vocabulary_is_not_used_for_guests(member_client, pages):
    search(member_client, "Zwergenhaushlt")  # fills the members' vocabulary
    assert "Zwergenhaushalt" not in search(Client(), "Zwergenhaushlt").content.decode()


def test_synonyms_apply_at_once_and_only_to_visible_pages(member_client, pages, internal):
    client = Client()
    StandardPageFactory(parent=pages, title="Angebote für Geflüchtete", intro="Sprachkurse.")
    StandardPageFactory(parent=internal, title="Interne Liste Asylberechtigte", intro="Vertraulich.")
    assert result_titles(search(client, "Flüchtlinge")) == []
    SynonymGroup.objects.create(terms="Flüchtlinge, Geflüchtete, Asylberechtigte")
    guest = result_titles(search(client, "Flüchtlinge"))
    assert guest == ["Angebote für Geflüchtete"]
    response = search(client, "Flüchtlinge")
    assert "<mark>Geflüchtete</mark>" in response.content.decode()
    assert "Interne Liste Asylberechtigte" in result_titles(search(member_client, "Flüchtlinge"))


def test_editors_maintain_synonyms_in_the_german_admin(client, editor, pages):
    editor.groups.first().permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__endswith="synonymgroup")
    )
    client.force_login(editor)
    url = reverse("wagtailsnippets_search_synonymgroup:add")
    page = client.get(url).content.decode()
    assert "Begriffe" in page and "durch Komma getrennt" in page
    response = client.post(url, {"terms": "Konferenz, Fachtagung", "note": ""})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list == ["Konferenz", "Fachtagung"]
    client.logout()
    assert "Fachtagung Arbeitsmarkt" in result_titles(search(client, "Konferenz"))


def test_a_group_needs_two_terms_and_keeps_the_input(admin_client, pages):
    response = admin_client.post(reverse("wagtailsnippets_search_synonymgroup:add"), {"terms": "Konferenz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "mindestens zwei verschiedene Begriffe" in html
    assert "Konferenz" in html
    assert not SynonymGroup.objects.exists()


def _queries(client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search(client, query)  # warm caches of the site (menus, visibility, vocabulary)
    with CaptureQueriesContext(connection) as captured:
        search(client, query)
    return len(captured)


def test_query_count_with_synonyms_and_suggestions_is_constant(client, pages):
    SynonymGroup.objects.create(terms="Fachtagung, Konferenz")
    for index in range(12):
        StandardPageFactory(parent=pages, title=f"Konferenz {index}", intro="Konferenz der Fachtagung")
    before = {query: _queries(client, query) for query in ("Fachtagnug", "Konferenz")}
    for index in range(15):
        StandardPageFactory(parent=pages, title=f"Fachtagung {index}", intro="Konferenz der Fachtagung")
    after = {query: _queries(client, query) for query in ("Fachtagnug", "Konferenz")}
    assert after == before
