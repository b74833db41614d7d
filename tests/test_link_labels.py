"""Link labels of link lists and calls to action, and the one privacy decision for responses."""

import pytest
from django.test import Client
from wagtail.rich_text import RichText

from home import response_privacy
from home.richtext import is_chooser_link, link_text_for_index

from .factories import DocumentFactory, EventPageFactory, StandardPageFactory
from .search_helpers import result_titles, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def linking_page(site_tree, home, internal):
    secret_page = StandardPageFactory(parent=internal, title="Internes Protokoll", slug="protokoll")
    secret_doc = DocumentFactory(title="Internes Papier", collection=site_tree.collections["Intern"])
    public_page = StandardPageFactory(parent=home, title="Öffentliche Seite", slug="oeffentlich")
    page = StandardPageFactory(parent=home, title="Linksammlung", slug="linksammlung")
    page.body = [
        ("paragraph", RichText("<p>Sammelseite Holunderblüte.</p>")),
        (
            "link_list",
            {
                "heading": "Verweise",
                "links": [
                    {"label": "Quittenlabel geheim", "page": secret_page, "document": None, "url": ""},
                    {"label": "Offenlabel frei", "page": public_page, "document": None, "url": ""},
                    {"label": "Fernlabel", "page": None, "document": None, "url": "https://example.org/"},
                ],
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Mehr lesen",
                "text": "Holunderblüte im Kasten",
                "link": {"label": "Mispelaufruf geheim", "page": None, "document": secret_doc, "url": ""},
            },
        ),
    ]
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("word", ["Quittenlabel", "Mispelaufruf"])
def test_labels_of_links_to_internal_targets_are_not_searchable(client, linking_page, word):
    assert result_titles(search(client, word)) == []


def test_labels_of_links_to_public_targets_stay_searchable(client, linking_page):
    assert result_titles(search(client, "Offenlabel")) == ["Linksammlung"]
    assert result_titles(search(client, "Fernlabel")) == ["Linksammlung"]


def test_snippets_never_show_labels_of_internal_links(member_client, linking_page):
    for visitor in (Client(), member_client):
        html = search(visitor, "Holunderblüte").content.decode()
        assert "Linksammlung" in html
        assert "Quittenlabel" not in html and "Mispelaufruf" not in html


def test_the_page_shows_members_only_to_anonymous_readers(member_client, linking_page):
    html = Client().get(linking_page.url).content.decode()
    assert "Quittenlabel" not in html and "Mispelaufruf" not in html
    assert "Inhalt nur für Mitglieder" in html
    assert "Offenlabel" in html
    member_html = member_client.get(linking_page.url).content.decode()
    assert "Quittenlabel" in member_html


def test_index_text_of_link_blocks(linking_page, site_tree, internal):
    secret = StandardPageFactory(parent=internal, title="Intern")
    assert link_text_for_index({"label": "x", "page": secret, "document": None, "url": ""}) == []
    assert link_text_for_index({"label": "y", "page": None, "document": None, "url": "https://a.example"}) == ["y"]
    assert is_chooser_link({"label": "z", "page": 5, "document": None, "url": ""})
    assert not is_chooser_link({"label": "z", "page": None, "document": None, "url": "https://a.example"})


# --- one privacy decision for responses ------------------------------------------------------------


def test_every_visitor_dependent_response_is_private(member_client, site_tree, internal, event_index):
    client = Client()
    internal_event = EventPageFactory(parent=internal, title="Interne Klausur")
    public_event = EventPageFactory(parent=event_index, title="Offene Tagung", registration_enabled=True)
    private_urls = [
        (member_client, "/suche/?q=Protokoll"),
        (member_client, "/projektteilnehmer/"),
        (member_client, "/"),
        (member_client, internal_event.url + "ical/"),
        (client, "/anmelden/"),
        (client, public_event.url + "anmeldung/"),
    ]
    for visitor, url in private_urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
    public = Client().get(public_event.url + "ical/")
    assert public["Cache-Control"] == "public, max-age=300"


def test_the_page_cache_asks_the_privacy_decision(rf, site_tree):
    from django.http import HttpResponse

    request = rf.get("/")
    response = HttpResponse("x")
    assert response_privacy.may_be_shared(request, response)
    response_privacy.depends_on_visitor(request)
    assert not response_privacy.may_be_shared(request, response)
    never = HttpResponse("x")
    never["Cache-Control"] = "no-cache"
    assert not response_privacy.may_be_shared(rf.get("/"), never)
