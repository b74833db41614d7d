"""Upload rules for documents: an allow-list checked by the file's content, not its name.

A file is accepted when its extension is on the list *and* its structure is what that extension
promises:

* PDF: ``%PDF-`` at offset 0 (no HTML/PDF polyglots) and a trailer that parses — ``startxref``
  with an offset inside the file that points at a cross-reference table or stream, and ``%%EOF``.
* OOXML (docx, xlsx, pptx): a ZIP package whose ``[Content_Types].xml`` parses (no DTD, so no
  entity bombs) and declares the main part of that very format; macro-enabled and ActiveX content
  types and ``vbaProject.bin`` are refused.
* OpenDocument: the right ``mimetype`` entry and no Basic macros.
* ZIP packages (OOXML and ODF): at most ``DOCUMENT_MAX_ZIP_ENTRIES`` entries, at most
  ``DOCUMENT_MAX_UNCOMPRESSED_MB`` unpacked, no entry larger than 1 MB that unpacks more than
  ``DOCUMENT_MAX_COMPRESSION_RATIO`` times its packed size (zip bombs). Python's ``zipfile`` never
  unpacks more than an entry declares, so the declared sizes bound every later reader.
* An OLE2 compound file for the old Office formats, readable text (UTF-8 or Windows-1252, no
  binary control bytes) for CSV and TXT.

Messages are German, for editors in the admin.
"""

import re
import unicodedata
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from documents_app.filetypes import FILE_TYPES, extension_of

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE_BYTES = 1024 * 1024
# Control bytes other than tab, line feed, form feed, carriage return and escape mean "binary".
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")

ALLOWED_TEXT = "PDF, Word, Excel, PowerPoint, OpenDocument, CSV, Text, Video (MP4, WebM) und WebVTT-Untertitel"
PDF_TAIL_BYTES = 4096
MACRO_MESSAGE = "Dokumente mit Makros sind nicht erlaubt. Bitte ohne Makros speichern und erneut hochladen."
BOMB_MESSAGE = (
    "Die Datei entpackt sich zu ungewöhnlich großen Datenmengen und wird deshalb nicht angenommen. "
    "Bitte speichern Sie sie neu (z. B. als PDF) und laden Sie sie erneut hoch."
)
# The main part each OOXML format must declare in [Content_Types].xml.
OOXML_MAIN_TYPES = {
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    },
    "pptx": {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    },
}
_ACTIVE_CONTENT = re.compile(r"macroenabled|vbaproject|vbadata|activex|ms-office\.vba", re.IGNORECASE)


def _zip_limits():
    return (
        settings.DOCUMENT_MAX_ZIP_ENTRIES,
        settings.DOCUMENT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        settings.DOCUMENT_MAX_COMPRESSION_RATIO,
    )


def max_upload_size() -> int:
    # Wagtail reads None as "no limit"; the content checks here never run unlimited.
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE or 50 * 1024 * 1024


def _read_head(uploaded, size):
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _refuse(message):
    raise ValidationError(message, code="invalid_document")


def _check_pdf(uploaded, file_type):
    if _read_head(uploaded, len(PDF_MAGIC)) != PDF_MAGIC:
        _refuse("Die Datei endet auf .pdf, ist aber kein PDF-Dokument (es beginnt nicht mit „%PDF-“).")
    size = uploaded.size
    uploaded.seek(max(0, size - PDF_TAIL_BYTES))
    tail = uploaded.read(PDF_TAIL_BYTES)
    # The last trailer counts (incremental updates append new ones).
    matches = list(re.finditer(rb"startxref\s+(\d{1,12})\s+%%EOF", tail))
    offset = int(matches[-1].group(1)) if matches else -1
    if not 0 < offset < size:
        uploaded.seek(0)
        _refuse("Die PDF-Datei ist beschädigt oder unvollständig (kein gültiger Abschluss). Bitte neu speichern.")
    uploaded.seek(offset)
    target = uploaded.read(64).lstrip()
    uploaded.seek(0)
    if not (target.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj\b", target)):
        _refuse("Die PDF-Datei ist beschädigt oder unvollständig (Querverweise fehlen). Bitte neu speichern.")


def _open_zip(uploaded, file_type):
    if not _read_head(uploaded, 4).startswith(ZIP_MAGIC):
        _refuse(f"Die Datei endet auf .{file_type.extension}, ist aber kein {file_type.label}-Dokument.")
    uploaded.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        _refuse(f"Die Datei ist beschädigt oder kein gültiges {file_type.label}-Dokument.")
    max_entries, max_total, max_ratio = _zip_limits()
    total = sum(info.file_size for info in infos)
    bomb = len(infos) > max_entries or total > max_total
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            bomb = True
    if bomb:
        archive.close()
        uploaded.seek(0)
        _refuse(BOMB_MESSAGE)
    return archive, [info.filename for info in infos]


def _content_types(archive, file_type):
    """The content types an OOXML package declares (Default and Override), lower-cased."""
    try:
        with archive.open("[Content_Types].xml") as handle:
            data = handle.read(1024 * 1024 + 1)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        _refuse(f"Die Datei ist beschädigt oder kein gültiges {file_type.label}-Dokument.")
    if len(data) > 1024 * 1024 or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        _refuse(f"Die Datei ist beschädigt oder kein gültiges {file_type.label}-Dokument.")
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - no DTD (checked above), so no entity expansion
    except ElementTree.ParseError:
        _refuse(f"Die Datei ist beschädigt oder kein gültiges {file_type.label}-Dokument.")
    return {(element.get("ContentType") or "").strip().lower() for element in root}


def _check_ooxml(uploaded, file_type):
    archive, names = _open_zip(uploaded, file_type)
    try:
        if "[Content_Types].xml" not in names or not any(n.startswith(file_type.ooxml_folder) for n in names):
            _refuse(f"Die Datei endet auf .{file_type.extension}, ist aber kein {file_type.label}-Dokument.")
        if any(name.lower().endswith(("vbaproject.bin", "vbadata.xml")) for name in names):
            _refuse(MACRO_MESSAGE)
        types = _content_types(archive, file_type)
        if any(_ACTIVE_CONTENT.search(content_type) for content_type in types):
            _refuse(MACRO_MESSAGE)
        expected = OOXML_MAIN_TYPES.get(file_type.extension, set())
        if expected and not types & expected:
            _refuse(f"Die Datei endet auf .{file_type.extension}, ist aber kein {file_type.label}-Dokument.")
    finally:
        archive.close()
        uploaded.seek(0)


def _check_odf(uploaded, file_type):
    archive, names = _open_zip(uploaded, file_type)
    try:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip() if "mimetype" in names else ""
        if mimetype != file_type.odf_mimetype:
            _refuse(f"Die Datei endet auf .{file_type.extension}, ist aber kein {file_type.label}-Dokument.")
        if any(name.lower().startswith(("basic/", "scripts/")) for name in names):
            _refuse(MACRO_MESSAGE)
    except (zipfile.BadZipFile, KeyError, OSError):
        _refuse(f"Die Datei ist beschädigt oder kein gültiges {file_type.label}-Dokument.")
    finally:
        archive.close()
        uploaded.seek(0)


def _check_ole(uploaded, file_type):
    if not _read_head(uploaded, 8).startswith(OLE2_MAGIC):
        _refuse(f"Die Datei endet auf .{file_type.extension}, ist aber kein {file_type.label}-Dokument.")


def decode_text(data: bytes, *, truncated: bool = False) -> str | None:
    """Text of a CSV/TXT file (UTF-8 with or without BOM, else Windows-1252), None if binary.

    ``truncated``: ``data`` is a sample cut from a longer file, so a UTF-8 sequence may be cut off.
    """
    if _BINARY_BYTES.search(data):
        return None
    candidates = [data, data[:-3]] if truncated else [data]
    for sample in candidates:
        try:
            return sample.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _check_text(uploaded, file_type):
    sample = _read_head(uploaded, TEXT_SAMPLE_BYTES)
    if decode_text(sample, truncated=len(sample) == TEXT_SAMPLE_BYTES) is None:
        _refuse(
            f"Die Datei endet auf .{file_type.extension}, enthält aber keinen lesbaren Text "
            "(erwartet: UTF-8 oder Windows-1252)."
        )


def _check_video(uploaded, file_type):
    from documents_app.video import VideoError, validate_video

    try:
        validate_video(uploaded, file_type.extension)
    except VideoError as error:
        _refuse(str(error))


def _check_vtt(uploaded, file_type):
    text = decode_text(_read_head(uploaded, TEXT_SAMPLE_BYTES), truncated=True)
    if text is None or not text.lstrip("\ufeff").startswith("WEBVTT"):
        _refuse("Die Datei endet auf .vtt, ist aber keine WebVTT-Untertiteldatei (erste Zeile „WEBVTT“).")


CHECKS = {
    "pdf": _check_pdf,
    "ooxml": _check_ooxml,
    "odf": _check_odf,
    "ole": _check_ole,
    "text": _check_text,
    "video": _check_video,
    "vtt": _check_vtt,
}


def validate_document_upload(uploaded):
    """Raise a German ``ValidationError`` unless the uploaded file may be stored."""
    extension = extension_of(uploaded.name or "")
    file_type = FILE_TYPES.get(extension)
    if file_type is None:
        shown = f"„.{extension}“" if extension else "ohne Endung"
        _refuse(f"Dateien {shown} sind nicht erlaubt. Erlaubt sind {ALLOWED_TEXT}.")
    if not uploaded.size:
        _refuse("Die Datei ist leer.")
    limit = max_upload_size()
    if uploaded.size > limit:
        _refuse(
            f"Die Datei ist zu groß ({filesizeformat(uploaded.size)}). Erlaubt sind höchstens {filesizeformat(limit)}."
        )
    CHECKS[file_type.kind](uploaded, file_type)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def clean_filename(name: str, max_length: int = 80) -> str:
    """A safe, readable file name: ASCII letters, digits, ``-``, ``_`` and one ``.`` before the extension.

    "Bericht Ö 2024 (final).PDF" → "Bericht-Oe-2024-final.pdf". No path parts, no hidden files.
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = "".join(
        char if char.isascii() else ("" if unicodedata.combining(char) else "-")
        for char in unicodedata.normalize("NFKD", stem.translate(_UMLAUTS))
    )
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_.") or "dokument"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    stem = stem[: max_length - len(extension) - 1].rstrip("-_")
    return f"{stem}.{extension}" if extension else stem
