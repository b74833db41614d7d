"""Editors choose collections knowingly: no uploads into the root, "Öffentlich" preselected,
every public document in the library, images never offered a restricted collection."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from documents_app.models import BlokDocument, DocumentIndexPage
from documents_app.pdf import make_pdf
from home.collections import ROOT_COLLECTION_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client, django_user_model, site_tree):
    client.force_login(django_user_model.objects.create_superuser("chefin", "chefin@example.org", "x"))
    return client


def options(html, select_id):
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S).group(0)
    return [
        (value, bool(selected), re.sub(r"<[^>]+>|&nbsp;|[\s↳]+", " ", label).strip())
        for value, selected, label in re.findall(
            r'<option value="(\d+)"( selected)?[^>]*>(.*?)</option>', select, re.S
        )
    ]


def test_root_collection_has_a_german_name(site_tree):
    assert Collection.get_first_root_node().name == ROOT_COLLECTION_NAME == "Alle Sammlungen"


@pytest.mark.parametrize("who", ["editor_client", "superuser_client"])
def test_document_upload_form_offers_named_collections_with_public_preselected(request, site_tree, who):
    client = request.getfixturevalue(who)
    html = client.get(reverse("wagtaildocs:add")).content.decode()
    choices = options(html, "id_collection")
    assert [label for _v, _s, label in choices] == ["Intern", "Öffentlich"]
    assert [label for _v, selected, label in choices if selected] == ["Öffentlich"]
    assert "nur angemeldete Mitglieder" in html and "Root" not in html
    # The Vergleichsring workspaces' collections below "Intern" are explained too.
    assert "nur die Mitglieder dieses Rings" in html


def test_multiple_upload_preselects_public_and_never_offers_the_root(superuser_client, site_tree):
    html = superuser_client.get(reverse("wagtaildocs:add_multiple")).content.decode()
    choices = options(html, "id_adddocument_collection")
    assert [label for _v, _s, label in choices] == ["Intern", "Öffentlich"]
    assert [label for _v, selected, label in choices if selected] == ["Öffentlich"]


def test_upload_without_touching_the_collection_lands_in_public_and_is_listed(editor_client, site_tree, client):
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("protokoll.pdf", make_pdf("Protokoll der Sitzung", ["Zeile"]))},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    document = BlokDocument.objects.get()
    assert document.collection.name == "Öffentlich"
    # Every library that lists all collections (the default) shows it to anonymous readers.
    from .factories import DocumentIndexPageFactory

    library = DocumentIndexPageFactory(parent=site_tree.home, title="Alle Dokumente", slug="alle-dokumente")
    client.logout()
    assert document.title in client.get(library.url).content.decode()


def test_uploading_into_the_root_is_refused(superuser_client, site_tree):
    root = Collection.get_first_root_node()
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {"title": "In die Wurzel", "file": SimpleUploadedFile("a.pdf", make_pdf("x", ["y"])), "collection": root.pk},
    )
    assert response.status_code == 200
    assert "collection" in response.context["form"].errors
    assert not BlokDocument.objects.filter(collection=root).exists()


def test_image_forms_do_not_offer_the_internal_collection(superuser_client, site_tree):
    html = superuser_client.get(reverse("wagtailimages:add")).content.decode()
    assert [label for _v, _s, label in options(html, "id_collection")] == ["Öffentlich"] or "id_collection" not in html
    assert "Bilder sind immer öffentlich" in html
    multiple = superuser_client.get(reverse("wagtailimages:add_multiple")).content.decode()
    assert [label for _v, _s, label in options(multiple, "id_addimage_collection")] == ["Öffentlich"]


def test_demo_public_library_lists_every_collection():
    from django.core.management import call_command

    call_command("load_initial_data", stdout=__import__("io").StringIO())
    public_library = DocumentIndexPage.objects.filter(depth=3).first()
    assert public_library is not None and not public_library.collections.exists()
