"""Spreadsheet exports of the admin lists (wagtail-modeladmin) that open correctly in German Excel.

* CSV: ``;`` as separator and a UTF-8 byte order mark (German Excel reads a plain comma CSV as one
  column and UTF-8 without BOM as Latin-1), values as an editor reads them.
* Both formats: German column headings as written on the model ("Angemeldet am", not Wagtail's
  title-cased "Angemeldet Am"), choice fields with their German label ("Bestätigt", not
  "confirmed"), yes/no as "Ja"/"Nein", date and time in Berlin time to the minute.
* XLSX keeps dates as real Excel dates (Berlin time, format TT.MM.JJJJ hh:mm) so they sort.
"""

import csv
import datetime

from django.contrib.admin.utils import label_for_field, lookup_field
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from wagtail.admin.views.mixins import Echo
from wagtail_modeladmin.views import IndexView

BOM = "\ufeff"
CSV_DATETIME = "%d.%m.%Y %H:%M"
CSV_DATE = "%d.%m.%Y"
XLSX_DATETIME = "DD.MM.YYYY HH:MM"
XLSX_DATE = "DD.MM.YYYY"


def berlin_minute(value):
    """An aware datetime as naive local (Europe/Berlin) time without seconds."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(second=0, microsecond=0, tzinfo=None)


def display_value(value):
    if isinstance(value, bool):
        return "Ja" if value else "Nein"
    if value is None:
        return ""
    return value


class GermanExportIndexView(IndexView):
    """modeladmin's list view whose CSV and XLSX exports suit German Excel."""

    def get_heading(self, queryset, field):
        override = self.export_headings.get(field)
        if override:
            return force_str(override)
        try:
            return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))
        except (AttributeError, FieldDoesNotExist):
            return force_str(field)

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            field, _attr, value = lookup_field(name, item, self.model_admin)
            if field is not None and getattr(field, "flatchoices", None):
                value = dict(field.flatchoices).get(value, value)
            row[name] = display_value(value)
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = berlin_minute(value)
            return local if export_format == self.FORMAT_XLSX else local.strftime(CSV_DATETIME)
        if isinstance(value, datetime.date):
            return value if export_format == self.FORMAT_XLSX else value.strftime(CSV_DATE)
        # CSV cells that look like formulas are neutralised when the row is written (ops.exports).
        return force_str(value, strings_only=True) if value is not None else ""

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        from openpyxl.cell import WriteOnlyCell

        for field, value in row_dict.items():
            cell = WriteOnlyCell(worksheet, self.preprocess_field_value(field, value, self.FORMAT_XLSX))
            if cell.data_type == "f":
                cell.data_type = "s"  # never a formula
            if isinstance(value, datetime.datetime):
                cell.number_format = XLSX_DATETIME
            elif isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE
            yield cell

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield BOM.encode() + writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
