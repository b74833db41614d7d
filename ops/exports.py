"""CSV exports that a spreadsheet cannot mistake for formulas ("CSV injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula for
Excel and LibreOffice — ``=HYPERLINK(…)`` typed into a public registration form would become a
clickable link in the editors' export. Such a cell gets a leading apostrophe (OWASP's advice), so
the spreadsheet shows the text as typed.

Every CSV export of the admin writes its rows through Wagtail's
``SpreadsheetExportMixin.write_csv_row`` (wagtail-modeladmin lists such as Anmeldungen and
Optionskommunen with ``home.exports.GermanExportIndexView``, Wagtail's viewsets and reports).
:func:`install` (called from ``OpsConfig.ready``) hands that method a writer that neutralises each
cell *after* the view's own ``preprocess_field_value`` — so views that format cells their own way
(German dates, "Ja"/"Nein") are covered without doing anything. Exports written without Wagtail's
mixin call :func:`neutralise` themselves (``participants/admin_views.py``). XLSX exports need
nothing: Wagtail already writes formula-like cells as text there.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value for a CSV cell: text starting like a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class NeutralisingWriter:
    """A ``csv`` writer whose rows (dicts, as ``csv.DictWriter`` takes them) are neutralised."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({field: neutralise(value) for field, value in row.items()})


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_blok_csv_neutralised", False):
        return
    original = SpreadsheetExportMixin.write_csv_row

    def write_csv_row(self, writer, row_dict):
        return original(self, NeutralisingWriter(writer), row_dict)

    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin._blok_csv_neutralised = True
