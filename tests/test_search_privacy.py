"""Search results pass the visibility rule: anonymous readers never see internal content."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from search.site_search import SiteSearch

from .factories import DocumentFactory, EventPageFactory, StandardPageFactory
from .search_helpers import result_titles, search

SECRET = "Zauberwortprotokoll"


@pytest.fixture
def internal_content(site_tree, internal):
    page = StandardPageFactory(parent=internal, title="Internes Protokoll", intro=f"Stichwort {SECRET}.")
    event = EventPageFactory(parent=internal, title="Interne Sitzung", teaser=f"Es geht um {SECRET}.")
    document = DocumentFactory(
        title="Internes Papier", collection=site_tree.collections["Intern"], extracted_text=f"Nur hier: {SECRET}"
    )
    return page, event, document


def test_anonymous_search_hides_internal_pages_events_and_documents(client, internal_content):
    response = search(client, SECRET)
    html = response.content.decode()
    assert response.status_code == 200
    assert result_titles(response) == []
    for title in ("Internes Protokoll", "Interne Sitzung", "Internes Papier"):
        assert title not in html
    assert "Keine Treffer" in html


def test_anonymous_search_does_not_count_internal_hits(client, internal_content, home):
    StandardPageFactory(parent=home, title="Öffentlich", intro=f"Auch hier steht {SECRET}.")
    response = search(client, SECRET)
    assert result_titles(response) == ["Öffentlich"]
    assert "1 Treffer" in response.content.decode()


def test_member_finds_internal_pages_events_and_documents(member_client, internal_content):
    response = search(member_client, SECRET)
    assert set(result_titles(response)) == {"Internes Protokoll", "Interne Sitzung", "Internes Papier"}
    assert "3 Treffer" in response.content.decode()
    assert response.content.decode().count('<span class="badge">intern</span>') == 3


def test_word_only_inside_an_internal_pdf_is_found_by_members_only(member_client, site_tree):
    DocumentFactory(
        title="Protokoll AK Option", collection=site_tree.collections["Intern"], extracted_text="Benchlearningquote"
    )
    # Guests may get public pages through the compound's parts ("Benchlearning"), never the PDF.
    assert "Protokoll AK Option" not in result_titles(search(Client(), "Benchlearningquote"))
    assert result_titles(search(member_client, "Benchlearningquote"))[0] == "Protokoll AK Option"


def test_logged_in_user_outside_members_group_sees_no_internal_results(client, internal_content):
    from .factories import UserFactory

    client.force_login(UserFactory())
    assert result_titles(search(client, SECRET)) == []


def test_pages_under_any_restriction_are_hidden(client, home):
    secret_section = StandardPageFactory(parent=home, title="Passwortbereich", intro="Kennwortgeschützt")
    PageViewRestriction.objects.create(page=secret_section, restriction_type="password", password="x")  # noqa: S106
    StandardPageFactory(parent=secret_section, title="Geheime Unterseite", intro="Kennwortgeschützt")
    assert result_titles(search(client, "Kennwortgeschützt")) == []


def test_documents_in_restricted_subcollections_are_hidden(member_client, site_tree):
    sub = site_tree.collections["Intern"].add_child(name="Vorstand")
    DocumentFactory(title="Vorstandspapier", collection=sub)
    assert result_titles(search(Client(), "Vorstandspapier")) == []
    assert result_titles(search(member_client, "Vorstandspapier")) == ["Vorstandspapier"]


def test_draft_and_unpublished_pages_are_not_found(client, home):
    page = StandardPageFactory(parent=home, title="Entwurfsseite", intro="Entwurfswort")
    page.unpublish()
    assert result_titles(search(client, "Entwurfswort")) == []


def test_promotion_of_an_internal_page_is_hidden_from_anonymous_readers(member_client, internal_content):
    page = internal_content[0]
    SearchPromotion.objects.create(query=Query.get("Jahresplanung"), page=page, sort_order=0, description="Intern")
    assert "Internes Protokoll" not in search(Client(), "Jahresplanung").content.decode()
    member_html = search(member_client, "Jahresplanung").content.decode()
    assert "Empfohlene Treffer" in member_html and "Internes Protokoll" in member_html


def test_promoted_public_page_is_shown_first(client, home):
    page = StandardPageFactory(parent=home, title="Projektstruktur erklärt", intro="Gremien")
    SearchPromotion.objects.create(query=Query.get("Gremien"), page=page, sort_order=0)
    html = search(client, "Gremien").content.decode()
    assert html.index("Empfohlene Treffer") < html.index("Projektstruktur erklärt")
    assert html.count("Projektstruktur erklärt") == 1  # not repeated in the organic list


def test_external_search_backend_strategy_also_filters_by_visibility(rf, internal_content, monkeypatch):
    """With a search server (no SQL path filters) the hits are intersected with the visible querysets."""
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/suche/")
    request.user = AnonymousUser()
    site_search = SiteSearch(request, SECRET)
    monkeypatch.delattr(type(site_search.backend), "scores_ascending")
    outcome = site_search.run("1")
    assert outcome.total == 0 and outcome.results == []


def test_member_group_restriction_is_what_counts(client, site_tree):
    other = Group.objects.create(name="Andere")
    collection = Collection.get_first_root_node().add_child(name="Sonder")
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.add(other)
    DocumentFactory(title="Sonderdokument", collection=collection)
    assert result_titles(search(client, "Sonderdokument")) == []
