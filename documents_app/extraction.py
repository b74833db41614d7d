"""Full-text extraction from uploaded documents, for the site search.

Each format is read with its library (pypdf, python-docx, python-pptx, openpyxl, odfpy). The old
binary Office formats (doc, xls, ppt) are accepted but not extracted. Errors are the caller's
business: :func:`extract_text` raises, the task logs and carries on.
"""

import io

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
    return text[: getattr(settings, "DOCUMENT_TEXT_MAX_CHARS", 500_000)]
