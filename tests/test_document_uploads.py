"""Upload rules for editors, tested through Wagtail's admin upload views."""

import io
import logging
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from documents_app.models import BlokDocument
from documents_app.pdf import make_pdf
from documents_app.validation import clean_filename

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def docx_bytes(text):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(client, site_tree, name, content, **extra):
    data = {
        "title": extra.pop("title", "Hochgeladenes Dokument"),
        "file": SimpleUploadedFile(name, content),
        "collection": site_tree.collections["Öffentlich"].pk,
        "description": "",
        **extra,
    }
    return client.post(reverse("wagtaildocs:add"), data)


def upload_multiple(client, name, content):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def form_errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_editor_uploading_renamed_executable_is_refused_with_german_message(editor_client, site_tree):
    response = upload(editor_client, site_tree, "bericht.pdf", EXE)
    assert response.status_code == 200
    assert "ist aber kein PDF-Dokument" in form_errors(response)
    assert not BlokDocument.objects.exists()


def test_multiple_uploader_refuses_renamed_executable(editor_client, site_tree):
    response = upload_multiple(editor_client, "bericht.pdf", EXE)
    payload = response.json()
    assert payload["success"] is False
    assert "ist aber kein PDF-Dokument" in payload["error_message"]
    assert not BlokDocument.objects.exists()


def test_executable_extension_is_refused(editor_client, site_tree):
    response = upload(editor_client, site_tree, "setup.exe", EXE)
    assert response.status_code == 200
    assert not BlokDocument.objects.exists()
    assert form_errors(response)


def test_empty_file_is_refused(editor_client, site_tree):
    response = upload(editor_client, site_tree, "leer.pdf", b"")
    assert response.status_code == 200
    assert "leer" in form_errors(response)
    assert not BlokDocument.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=2000)
def test_file_over_the_limit_is_refused(editor_client, site_tree):
    content = make_pdf("Groß", ["Zeile"] * 200)
    assert len(content) > 2000
    response = upload(editor_client, site_tree, "gross.pdf", content)
    assert response.status_code == 200
    assert "zu groß" in form_errors(response).lower()
    assert not BlokDocument.objects.exists()


def test_docx_renamed_to_xlsx_is_refused(editor_client, site_tree):
    response = upload(editor_client, site_tree, "tabelle.xlsx", docx_bytes("Text"))
    assert "ist aber kein Excel-Dokument" in form_errors(response)


def test_office_file_with_macros_is_refused(editor_client, site_tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00macro")
    response = upload(editor_client, site_tree, "makro.docx", buffer.getvalue())
    assert "Makros" in form_errors(response)


def test_binary_file_renamed_to_csv_is_refused(editor_client, site_tree):
    response = upload(editor_client, site_tree, "daten.csv", b"a,b\n\x00\x01\x02binary")
    assert "keinen lesbaren Text" in form_errors(response)


def test_valid_pdf_is_stored_with_clean_file_name(editor_client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, site_tree, "Bericht Ö 2024 (final).PDF", make_pdf("Bericht", ["Zeile"]))
    assert response.status_code == 302
    document = BlokDocument.objects.get()
    assert document.filename == "Bericht-Oe-2024-final.pdf"


def test_valid_csv_in_windows_encoding_is_accepted(editor_client, site_tree):
    response = upload(editor_client, site_tree, "liste.csv", "Kreis;Größe\nHeidekreis;1\n".encode("cp1252"))
    assert response.status_code == 302
    assert BlokDocument.objects.count() == 1


def test_pdf_text_is_extracted_on_upload(editor_client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, site_tree, "bericht.pdf", make_pdf("Bericht", ["Eingliederungsbilanz der Kreise"]))
    assert "Eingliederungsbilanz" in BlokDocument.objects.get().extracted_text


def test_docx_text_is_extracted_on_upload(editor_client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, site_tree, "notiz.docx", docx_bytes("Fallmanagementkonzept im Überblick"))
    assert "Fallmanagementkonzept" in BlokDocument.objects.get().extracted_text


def test_failed_extraction_is_logged_and_keeps_the_upload(
    editor_client, site_tree, django_capture_on_commit_callbacks, caplog
):
    # Structurally a PDF (header, cross-reference table, trailer), but without any readable content.
    body = b"%PDF-1.4\n" + b"\x00garbage" * 50 + b"\n"
    broken = body + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n%d\n%%%%EOF\n" % len(body)
    with (
        caplog.at_level(logging.WARNING, logger="documents_app.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = upload(editor_client, site_tree, "kaputt.pdf", broken)
    assert response.status_code == 302
    document = BlokDocument.objects.get()
    assert document.extracted_text == ""
    assert "Text extraction failed" in caplog.text


def test_replacing_a_file_extracts_the_new_text(editor_client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, site_tree, "a.pdf", make_pdf("A", ["Altfassungstext"]))
    document = BlokDocument.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "file": SimpleUploadedFile("b.pdf", make_pdf("B", ["Neufassungstext"])),
                "collection": document.collection_id,
                "description": "",
            },
        )
    document.refresh_from_db()
    assert "Neufassungstext" in document.extracted_text
    assert "Altfassungstext" not in document.extracted_text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bericht Ö 2024 (final).PDF", "Bericht-Oe-2024-final.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\x\\Straße.docx", "Strasse.docx"),
        (".htaccess.txt", "htaccess.txt"),
        ("ünïcödé—name.csv", "uenicoede-name.csv"),
    ],
)
def test_file_names_are_cleaned(name, expected):
    assert clean_filename(name) == expected


def test_image_upload_page_tells_editors_that_images_are_public(editor_client, site_tree):
    response = editor_client.get(reverse("wagtailimages:add_multiple"))
    assert "öffentlich" in response.content.decode()
    assert "Dokumente" in response.content.decode()
