"""The search index stays current when editors change content; update_index rebuilds it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from documents_app.models import BlokDocument
from documents_app.pdf import make_pdf

from .factories import DocumentFactory, StandardPageFactory
from .search_helpers import result_titles, search


def test_published_page_is_found_and_edits_are_indexed(client, home):
    page = StandardPageFactory(parent=home, title="Neuigkeit", intro="Apfelkuchen")
    assert result_titles(search(client, "Apfelkuchen")) == ["Neuigkeit"]
    page.intro = "Birnenkompott"
    page.save_revision().publish()
    assert result_titles(search(client, "Birnenkompott")) == ["Neuigkeit"]
    assert result_titles(search(client, "Apfelkuchen")) == []


def test_unpublished_page_disappears_from_results(client, home):
    page = StandardPageFactory(parent=home, title="Neuigkeit", intro="Apfelkuchen")
    page.unpublish()
    assert result_titles(search(client, "Apfelkuchen")) == []


def test_page_moved_into_the_members_area_is_hidden_from_anonymous_readers(client, home, internal, member):
    page = StandardPageFactory(parent=home, title="Wandernde Seite", intro="Zugvogel")
    assert result_titles(search(client, "Zugvogel")) == ["Wandernde Seite"]
    page.move(internal, pos="last-child")
    assert result_titles(search(client, "Zugvogel")) == []
    member_client = Client()
    member_client.force_login(member)
    assert result_titles(search(member_client, "Zugvogel")) == ["Wandernde Seite"]


def test_deleted_page_leaves_the_index(client, home):
    page = StandardPageFactory(parent=home, title="Vergänglich", intro="Eintagsfliege")
    page_id = page.pk
    Page.objects.get(pk=page_id).delete()
    assert result_titles(search(client, "Eintagsfliege")) == []
    assert not IndexEntry.objects.filter(object_id=str(page_id)).exists()


def test_uploaded_document_is_found(admin_client, client, site_tree):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Satzung des Arbeitskreises",
            "collection": site_tree.collections["Öffentlich"].pk,
            "file": SimpleUploadedFile("satzung.pdf", make_pdf("Satzung", ["Text"]), content_type="application/pdf"),
            "description": "Geschäftsordnung",
        },
    )
    assert response.status_code in (200, 302)
    assert BlokDocument.objects.filter(title="Satzung des Arbeitskreises").exists()
    assert result_titles(search(client, "Geschäftsordnung")) == ["Satzung des Arbeitskreises"]


def test_extracted_text_saved_later_is_indexed(client, site_tree):
    document = DocumentFactory(title="Bericht", collection=site_tree.collections["Öffentlich"])
    document.extracted_text = "Steuerungskennzahlen im Vergleich"
    document.save()
    assert result_titles(search(client, "Steuerungskennzahl")) == ["Bericht"]


def test_document_moved_to_the_internal_collection_is_hidden(client, site_tree):
    document = DocumentFactory(title="Wechselpapier", collection=site_tree.collections["Öffentlich"])
    assert result_titles(search(client, "Wechselpapier")) == ["Wechselpapier"]
    document.collection = site_tree.collections["Intern"]
    document.save()
    assert result_titles(search(client, "Wechselpapier")) == []


def test_update_index_rebuilds_the_analysed_index(client, home):
    StandardPageFactory(parent=home, title="Wiederaufbau", intro="Fachtagungen")
    IndexEntry.objects.all().delete()
    assert result_titles(search(client, "Fachtagung")) == []
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "Wiederaufbau" in result_titles(search(client, "Fachtagung"))
