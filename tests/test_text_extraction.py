"""Full-text extraction for every accepted format, and the demo documents."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from documents_app.demo import INTERNAL_SEARCH_WORD
from documents_app.extraction import extract_text
from documents_app.models import BlokDocument
from documents_app.validation import validate_document_upload

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def xlsx_bytes(text):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Kreis", text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_bytes(text):
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = text
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def odt_bytes(text):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "builder"),
    [("tabelle.xlsx", xlsx_bytes), ("folien.pptx", pptx_bytes), ("text.odt", odt_bytes)],
)
def test_office_and_opendocument_text_is_extracted(site_tree, name, builder):
    content = builder("Vermittlungsquotenvergleich")
    uploaded = ContentFile(content, name=name)
    uploaded.size = len(content)
    validate_document_upload(uploaded)  # the real files pass the content check
    document = DocumentFactory(file=ContentFile(content, name=name))
    assert "Vermittlungsquotenvergleich" in extract_text(document)


def test_plain_text_in_windows_encoding_is_extracted(site_tree):
    document = DocumentFactory(file=ContentFile("Größenordnung".encode("cp1252"), name="notiz.txt"))
    assert extract_text(document) == "Größenordnung"


def test_demo_documents_are_built_idempotently_with_extracted_text(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_initial_data", stdout=io.StringIO())
    public = BlokDocument.objects.filter(collection__name="Öffentlich")
    first_count = public.count()
    call_command("load_initial_data", stdout=io.StringIO())
    assert public.count() == first_count
    # The library's three example files (the DGS example videos are public documents, too).
    assert public.exclude(file__endswith=".mp4").exclude(file__endswith=".vtt").count() == 3
    internal = BlokDocument.objects.get(collection__name="Intern")
    assert INTERNAL_SEARCH_WORD in internal.extracted_text
    assert internal.file_size > 0


def test_demo_internal_document_is_found_only_by_members(client, db):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    call_command("load_initial_data", stdout=io.StringIO())
    internal = BlokDocument.objects.get(collection__name="Intern")
    assert client.get(internal.url).status_code == 302
    assert internal.title not in client.get("/dokumente/").content.decode()
    client.force_login(UserFactory(groups=[Group.objects.get(name="Mitglieder")]))
    assert internal.title in client.get("/dokumente/").content.decode()
    assert client.get(internal.url).status_code == 200
