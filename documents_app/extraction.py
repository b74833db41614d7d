"""Full-text extraction from uploaded documents, for the site search.

Each format is read with its library (pypdf, python-docx, python-pptx, openpyxl, odfpy). The old
binary Office formats (doc, xls, ppt) are accepted but not extracted.

:func:`extract_text_isolated` (what the task uses) runs the extractor in a child process
(``documents_app/extract_worker.py``) with an address-space limit (``DOCUMENT_EXTRACTION_MEMORY_MB``),
a CPU limit and a wall-clock timeout (``DOCUMENT_EXTRACTION_SECONDS``): a decompression bomb or a
pathological file is stopped there and reported as :class:`ExtractionFailed` with a German note for
the editors; the document itself stays stored. :func:`extract_text` is the in-process variant.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

from documents_app.filetypes import extension_of
from documents_app.validation import decode_text

MAX_PDF_PAGES = 2000


def _pdf(stream):
    from pypdf import PdfReader

    reader = PdfReader(stream)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])


def _docx(stream):
    import docx

    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pptx(stream):
    from pptx import Presentation

    parts = []
    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def _xlsx(stream):
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    parts = []
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                parts.append(" ".join(str(value) for value in row if value is not None))
    finally:
        workbook.close()
    return "\n".join(part for part in parts if part)


def _odf(stream):
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import load

    document = load(stream)
    elements = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
    return "\n".join(teletype.extractText(element) for element in elements)


def _text(stream):
    return decode_text(stream.read()) or ""


EXTRACTORS = {
    "pdf": _pdf,
    "docx": _docx,
    "pptx": _pptx,
    "xlsx": _xlsx,
    "odt": _odf,
    "ods": _odf,
    "odp": _odf,
    "txt": _text,
    "csv": _text,
}


def extract_text(document) -> str:
    """The document's text, whitespace-normalised and capped; empty for formats we do not read."""
    extractor = EXTRACTORS.get(extension_of(document.filename))
    if extractor is None:
        return ""
    with document.open_file() as handle:
        data = handle.read()
    text = extractor(io.BytesIO(data))
    text = " ".join(text.split())
    return text[: settings.DOCUMENT_TEXT_MAX_CHARS]


class ExtractionFailed(Exception):
    """The text could not be read; ``note`` says why, in German, for the editors."""

    def __init__(self, note, reason):
        super().__init__(reason)
        self.note = note
        self.reason = reason


NOTE_PREFIX = "Der Text dieser Datei konnte nicht für die Suche gelesen werden"
NOTE_SUFFIX = (
    "Die Datei ist gespeichert und kann heruntergeladen werden; die Suche findet sie über Titel und Beschreibung."
)
NOTES = {
    "memory": "sie entpackt sich zu sehr großen Datenmengen (möglicherweise eine „Zip-Bombe“)",
    "time": "das Auslesen dauerte zu lange",
    "error": "sie ist beschädigt oder nicht lesbar",
}


def _note(reason):
    return f"{NOTE_PREFIX}: {NOTES[reason]}. {NOTE_SUFFIX}"


def _limits():
    memory = settings.DOCUMENT_EXTRACTION_MEMORY_MB * 1024 * 1024
    seconds = settings.DOCUMENT_EXTRACTION_SECONDS
    return memory, seconds


def _apply_limits(memory, seconds):
    def apply():  # runs in the child between fork and exec
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    return apply


def extract_text_isolated(document) -> str:
    """The document's text, read in a child process with memory and time limits."""
    extension = extension_of(document.filename)
    if extension not in EXTRACTORS:
        return ""
    memory, seconds = _limits()
    max_chars = settings.DOCUMENT_TEXT_MAX_CHARS
    with tempfile.TemporaryDirectory(prefix="blok-extract-") as folder:
        path = Path(folder) / f"document.{extension}"
        with document.open_file() as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        try:
            result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
                [sys.executable, "-m", "documents_app.extract_worker", str(path), extension, str(max_chars)],
                cwd=settings.BASE_DIR,
                env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
                capture_output=True,
                timeout=seconds + 5,
                preexec_fn=_apply_limits(memory, seconds),  # noqa: PLW1509 - no threads between fork and exec
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ExtractionFailed(_note("time"), "timeout") from error
    if result.returncode == 0:
        return result.stdout.decode("utf-8", "replace")
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode == 3 or "MemoryError" in stderr or "Cannot allocate memory" in stderr:
        raise ExtractionFailed(_note("memory"), "memory limit")
    if result.returncode in (-9, -24, 137, 152) or "SIGXCPU" in stderr:  # SIGKILL / SIGXCPU
        raise ExtractionFailed(_note("time"), f"stopped ({result.returncode})")
    raise ExtractionFailed(_note("error"), stderr.strip().splitlines()[-1] if stderr.strip() else "failed")
