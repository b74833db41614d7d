"""German date entry in the Wagtail admin.

Wagtail's date picker (jQuery xdsoft datetimepicker) "validates on blur": text it cannot parse is
silently replaced by the current date and time. Switched off for every admin date widget, the
text the editor typed stays in the field; the form then parses it with the German input formats
(blok_cms/formats/de) or rejects it with a German message naming the expected form
(locale/de). The widgets' formats come from WAGTAIL_DATE_FORMAT etc.

Date and time fields of admin forms also need the time: Django would read "16.09.2027" alone as
midnight, an easy mistake for an event's start.
"""

import re

from django import forms
from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import datetime as wagtail_datetime

PICKER_OPTIONS = {"validateOnBlur": False}


def _keep_typed_text(widget_class):
    original = widget_class.get_config
    if getattr(original, "keeps_typed_text", False):
        return

    def get_config(self):
        return {**original(self), **PICKER_OPTIONS}

    get_config.keeps_typed_text = True
    widget_class.get_config = get_config


TIME_PART = re.compile(r"\d{1,2}:\d{2}")


class DateTimeWithTimeField(forms.DateTimeField):
    """A date and time field that refuses a date without a time instead of assuming 00:00."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not TIME_PART.search(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def configure_date_widgets():
    register_form_field_override(
        models.DateTimeField,
        override={"widget": wagtail_datetime.AdminDateTimeInput, "form_class": DateTimeWithTimeField},
    )
    for widget_class in (
        wagtail_datetime.AdminDateInput,
        wagtail_datetime.AdminTimeInput,
        wagtail_datetime.AdminDateTimeInput,
    ):
        _keep_typed_text(widget_class)
