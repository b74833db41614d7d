"""Uploads are checked by their real structure and bounded; text extraction runs in a child process
with memory and time limits, and a bomb leaves the document stored without text and a note."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from documents_app import extraction
from documents_app.models import BlokDocument
from documents_app.pdf import make_pdf
from documents_app.tasks import extract_document_text_task

from .factories import DocumentFactory
from .test_document_uploads import docx_bytes, form_errors, upload

pytestmark = pytest.mark.django_db

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def package(entries, content_types=None):
    """An OOXML-like ZIP package: ``entries`` maps names to bytes."""
    buffer = io.BytesIO()
    types = content_types or (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/></Types>'
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pdf_with_trailer(body: bytes) -> bytes:
    head = b"%PDF-1.4\n" + body + b"\n"
    return head + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n%d\n%%%%EOF\n" % len(head)


# --- structure ---------------------------------------------------------------------------------------


def test_html_pdf_polyglot_is_refused(editor_client, site_tree):
    polyglot = b"<html><script>alert(1)</script>" + make_pdf("Bericht", ["Zeile"])
    response = upload(editor_client, site_tree, "bericht.pdf", polyglot)
    assert response.status_code == 200
    assert "beginnt nicht mit" in form_errors(response)
    assert not BlokDocument.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n%test\n",
        b"%PDF-1.4\n" + b"x" * 5000 + b"\nstartxref\n999999\n%%EOF\n",
        b"%PDF-1.4\n" + b"x" * 5000 + b"\nstartxref\n20\n%%EOF\n",
    ],
    ids=["no-trailer", "offset-beyond-the-file", "offset-not-at-a-cross-reference"],
)
def test_pdf_without_a_parseable_trailer_is_refused(editor_client, site_tree, content):
    response = upload(editor_client, site_tree, "bericht.pdf", content)
    assert response.status_code == 200
    assert "PDF-Datei ist beschädigt" in form_errors(response)


def test_real_pdfs_and_incrementally_updated_pdfs_are_accepted(editor_client, site_tree):
    assert upload(editor_client, site_tree, "a.pdf", make_pdf("A", ["Zeile"])).status_code == 302
    assert upload(editor_client, site_tree, "b.pdf", pdf_with_trailer(b"1 0 obj\n<< >>\nendobj")).status_code == 302


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-office.vbaProject",
        "application/vnd.ms-office.activeX+xml",
    ],
)
def test_macro_and_active_content_types_are_refused(editor_client, site_tree, content_type):
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
        f'<Override PartName="/word/extra.bin" ContentType="{content_type}"/></Types>'
    )
    content = package({"word/document.xml": b"<w:document/>", "word/extra.bin": b"x"}, types)
    response = upload(editor_client, site_tree, "bericht.docx", content)
    assert response.status_code == 200
    assert "Makros sind nicht erlaubt" in form_errors(response)


def test_ooxml_must_declare_its_own_format(editor_client, site_tree):
    excel = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    response = upload(editor_client, site_tree, "bericht.docx", package({"word/document.xml": b"<x/>"}, excel))
    assert "ist aber kein Word-Dokument" in form_errors(response)


def test_content_types_with_entities_are_refused(editor_client, site_tree):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<Types><Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>&lol2;</Types>'
    )
    response = upload(editor_client, site_tree, "bericht.docx", package({"word/document.xml": b"<x/>"}, laughs))
    assert "beschädigt" in form_errors(response)


def test_zip_bomb_docx_is_refused(editor_client, site_tree):
    bomb = package({"word/document.xml": b"<w:document/>", "word/media/bombe.bin": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 200 * 1024
    response = upload(editor_client, site_tree, "bericht.docx", bomb)
    assert response.status_code == 200
    assert "ungewöhnlich großen Datenmengen" in form_errors(response)
    assert not BlokDocument.objects.exists()


def test_too_much_unpacked_data_is_refused(editor_client, site_tree, settings):
    settings.DOCUMENT_MAX_UNCOMPRESSED_MB = 1
    content = package({"word/document.xml": b"<w:document/>", "word/a.bin": bytes(range(256)) * 8000})
    assert "ungewöhnlich großen Datenmengen" in form_errors(upload(editor_client, site_tree, "a.docx", content))


def test_ordinary_office_files_still_pass(editor_client, site_tree):
    assert upload(editor_client, site_tree, "notiz.docx", docx_bytes("Fallmanagement")).status_code == 302


# --- extraction in a child process ------------------------------------------------------------------


def test_extraction_runs_in_a_child_process_with_limits(site_tree, settings):
    document = DocumentFactory(file=ContentFile(make_pdf("Bericht", ["Eingliederungsbilanz"]), name="b.pdf"))
    assert "Eingliederungsbilanz" in extraction.extract_text_isolated(document)


def test_a_bomb_leaves_the_document_stored_without_text_and_a_note(
    editor_client, site_tree, settings, django_capture_on_commit_callbacks
):
    # Within the upload limits (so it is stored), but far too big to parse within the memory limit.
    settings.DOCUMENT_MAX_COMPRESSION_RATIO = 100_000
    settings.DOCUMENT_EXTRACTION_MEMORY_MB = 250
    paragraph = b"<w:p><w:r><w:t>Bombe</w:t></w:r></w:p>"
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + paragraph * 3_000_000 + b"</w:body></w:document>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, site_tree, "bombe.docx", package({"word/document.xml": xml}))
    assert response.status_code == 302
    document = BlokDocument.objects.get()
    assert document.extracted_text == ""
    assert document.extraction_note.startswith("Der Text dieser Datei konnte nicht für die Suche gelesen werden")
    edit = editor_client.get(f"/admin/documents/edit/{document.pk}/")
    assert "konnte nicht für die Suche gelesen werden" in edit.content.decode()
    assert editor_client.get(document.url).status_code == 200  # stored and downloadable


def test_a_later_successful_extraction_clears_the_note(site_tree):
    document = DocumentFactory(file=ContentFile(make_pdf("A", ["Neufassung"]), name="a.pdf"))
    BlokDocument.objects.filter(pk=document.pk).update(extraction_note="alt", extracted_from_hash="")
    extract_document_text_task.call(document.pk)
    document.refresh_from_db()
    assert document.extraction_note == "" and "Neufassung" in document.extracted_text
