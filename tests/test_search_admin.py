"""Editors manage promoted results and see the popular search terms — in German."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import demo

from .factories import StandardPageFactory, UserFactory


@pytest.fixture
def editor_client(client, editor, site_tree):
    demo.load(site_tree)
    client.force_login(editor)
    return client


def test_editor_sees_popular_search_terms_report_in_german(editor_client):
    Query.get("Fachtagung").add_hit()
    Query.get("Fachtagung").add_hit()
    response = editor_client.get("/admin/reports/suchbegriffe/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beliebte Suchbegriffe" in html
    assert "fachtagung" in html
    assert "Suchbegriff" in html


def test_report_is_in_the_german_reports_menu(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Beliebte Suchbegriffe" in html


def test_report_can_be_exported(editor_client):
    Query.get("Optionskommune").add_hit()
    response = editor_client.get("/admin/reports/suchbegriffe/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"optionskommune" in content


def test_members_cannot_see_the_report(client, member):
    client.force_login(member)
    response = client.get("/admin/reports/suchbegriffe/")
    assert response.status_code in (302, 403)


def test_staff_without_promotion_permission_is_refused(client, site_tree):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/reports/suchbegriffe/")
    assert response.status_code in (302, 403)


def test_editor_creates_a_promoted_result_in_the_admin(editor_client, home):
    page = StandardPageFactory(parent=home, title="Projektziele im Überblick")
    response = editor_client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "Ziele",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(page.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Die fünf Ziele",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchPromotion.objects.filter(query__query_string="ziele", page=page).exists()
    html = editor_client.get("/suche/", {"q": "Ziele"}).content.decode()
    assert "Empfohlene Treffer" in html and "Die fünf Ziele" in html


def test_demo_content_adds_an_example_promotion_once(site_tree):
    demo.load(site_tree)
    demo.load(site_tree)
    assert SearchPromotion.objects.filter(query__query_string="tag der kommunalen jobcenter").count() == 1


def test_promotions_menu_uses_the_words_of_the_site(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Empfohlene Treffer" in html
