"""Editors do their work in the German admin: create, submit for moderation, publish."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def list_block(items):
    data = {}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index), "id": ""}
    data["count"] = str(len(items))
    return data


def every_block(home, document, image):
    table = {
        "table_header_choice": "row",
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "data": [["Ring", "Treffen"], ["1", "3"]],
    }
    return streamfield(
        [
            ("heading", {"text": "Zwischenüberschrift", "level": "h2"}),
            ("paragraph", rich_text("<p>Ein <b>Absatz</b> mit Text.</p>")),
            ("image", {"image": str(image.pk), "caption": "Bildunterschrift", "credit": "Foto: Redaktion"}),
            ("quote", {"text": "Voneinander lernen.", "attribution": "AK Option"}),
            (
                "link_list",
                {
                    "heading": "Links",
                    "links": list_block(
                        [
                            {"label": "Start", "page": str(home.pk), "document": "", "url": ""},
                            {"label": "", "page": "", "document": str(document.pk), "url": ""},
                            {"label": "Extern", "page": "", "document": "", "url": "https://example.org/"},
                        ]
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Mitmachen",
                    "text": "Jetzt informieren.",
                    "link": {"label": "Zur Startseite", "page": str(home.pk), "document": "", "url": ""},
                },
            ),
            ("document_list", {"heading": "Unterlagen", "documents": list_block([str(document.pk)])}),
            ("table", {"caption": "Übersicht", "table": json.dumps(table)}),
            (
                "accordion",
                {
                    "heading": "Fragen",
                    "items": list_block([{"question": "Wer?", "answer": rich_text("<p>Alle.</p>")}]),
                },
            ),
            ("notice", {"kind": "info", "heading": "Hinweis", "text": rich_text("<p>Bitte beachten.</p>")}),
            (
                "contact_card",
                {
                    "name": "Erika Beispiel",
                    "role": "Projektleitung",
                    "organisation": "BLOK",
                    "email": "erika@example.org",
                    "phone": "030 123",
                    "address": "Musterstraße 1",
                },
            ),
            ("events_teaser", {"heading": "Termine", "count": "3", "event_type": ""}),
        ]
    )


def form_errors(response):
    form = response.context["form"] if response.context else None
    if form is None:
        return response.status_code
    errors = form.errors.as_data()
    for error in errors.get("body", []):
        if hasattr(error, "as_json_data"):
            return error.as_json_data()
    return errors


@pytest.fixture
def image(db):
    from wagtail.images.tests.utils import get_test_image_file

    from home.models import CustomImage

    return CustomImage.objects.create(title="Testbild", file=get_test_image_file(), alt_text="Ein Testbild")


def test_admin_is_german(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="de"' in content
    assert "Seiten" in content


def test_editor_creates_standard_page_with_every_block_and_submits_it(client, editor, home, image):
    document = DocumentFactory(title="Jahresbericht")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    data = nested_form_data(
        {
            "title": "Neue Seite mit allen Blöcken",
            "slug": "alle-bloecke",
            "intro": "Einleitung",
            "body": every_block(home, document, image),
            "action-submit": "Zur Freigabe einreichen",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    page = StandardPage.objects.get(slug="alle-bloecke")
    assert not page.live
    workflow_state = WorkflowState.objects.get(object_id=str(page.pk))
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    revision_body = page.get_latest_revision_as_object().body
    assert [block.block_type for block in revision_body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "link_list",
        "call_to_action",
        "document_list",
        "table",
        "accordion",
        "notice",
        "contact_card",
        "events_teaser",
    ]


def test_editor_cannot_publish_directly(client, editor, home):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    data = nested_form_data(
        {"title": "Direkt veröffentlichen?", "slug": "direkt", "body": streamfield([]), "action-publish": "1"}
    )
    client.post(url, data)
    page = Page.objects.get(slug="direkt")
    assert not page.live


def test_publisher_approves_submitted_page_and_it_goes_live(client, editor, publisher, home, image):
    document = DocumentFactory(title="Jahresbericht")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    client.post(
        url,
        nested_form_data(
            {
                "title": "Zur Freigabe",
                "slug": "zur-freigabe",
                "body": every_block(home, document, image),
                "action-submit": "1",
            }
        ),
    )
    page = StandardPage.objects.get(slug="zur-freigabe")
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")

    client.force_login(publisher)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": "Passt."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    public = client.get(page.url)
    assert public.status_code == 200
    html = public.content.decode()
    for text in ("Zwischenüberschrift", "Voneinander lernen.", "Erika Beispiel", "Jahresbericht", "Übersicht"):
        assert text in html


def test_member_has_no_admin_access(client, member):
    client.force_login(member)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or response["Location"].startswith("/anmelden/")


def test_site_settings_are_editable_in_admin_and_shown_in_footer(client, publisher, home):
    from wagtail.models import Site

    site = Site.objects.get(root_page=home)
    client.force_login(publisher)
    url = reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk))
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "contact_name": "Geschäftsstelle BLOK",
            "contact_email": "info@example.org",
            "contact_phone": "030 1234",
            "contact_address": "",
            "footer_text": "Gefördert von den Optionskommunen.",
            "external_link_label": "Kommunen für Arbeit",
            "external_link_url": "https://www.example.org/kfa/",
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Gefördert von den Optionskommunen." in html
    assert "https://www.example.org/kfa/" in html
    assert "Geschäftsstelle BLOK" in html


def test_slug_taken_by_a_sibling_names_and_links_the_existing_page(client, editor, home):
    existing = home.get_children().get(slug="projektziele")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    data = nested_form_data(
        {"title": "Unsere Ziele 2027", "slug": "projektziele", "body": streamfield([]), "action-submit": "1"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(string=lambda text: text and "Kurztitel „projektziele“" in text).find_parent()
    link = error.find("a")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[existing.pk])
    assert existing.title in link.get_text()
    assert "schon vergeben" in error.get_text()
    assert soup.select_one('input[name="title"]')["value"] == "Unsere Ziele 2027"  # nothing typed is lost
    assert not Page.objects.filter(title="Unsere Ziele 2027").exists()
    # Following the link opens the existing page's editor.
    assert client.get(link["href"]).status_code == 200


def test_renaming_a_page_to_a_siblings_slug_links_that_sibling(client, editor, home):
    existing = home.get_children().get(slug="projektstruktur").specific
    page = home.get_children().get(slug="projektziele").specific
    client.force_login(editor)
    data = nested_form_data(
        {"title": page.title, "slug": "projektstruktur", "body": streamfield([]), "action-submit": "1"}
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[existing.pk])}"' in html
    assert "Kurztitel „projektstruktur“ ist unter" in html
    page.refresh_from_db()
    assert page.slug == "projektziele"
