"""CSV exports that a spreadsheet cannot mistake for formulas ("CSV injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula for
Excel and LibreOffice — ``=HYPERLINK(…)`` typed into a public registration form would become a
clickable link in the editors' export. Such a cell gets a leading apostrophe (OWASP's advice), so
the spreadsheet shows the text as typed.

Every CSV export of the admin goes through Wagtail's ``SpreadsheetExportMixin`` (wagtail-modeladmin
lists such as Anmeldungen and Optionskommunen, Wagtail's viewsets and reports); :func:`install`
(called from ``OpsConfig.ready``) makes its CSV cell function neutralise. XLSX exports need
nothing: Wagtail already writes formula-like cells as text there.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value for a CSV cell: text starting like a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_blok_csv_neutralised", False):
        return
    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        result = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            result = neutralise(result)
        return result

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._blok_csv_neutralised = True
