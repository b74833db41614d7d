"""German input formats for every form (admin and public): what editors type.

Replaces Django's ``de`` input formats (FORMAT_MODULE_PATH). A date and time needs both parts;
day, month and hour may have one or two digits (``16.9.2027 9:30``), the year four. Django also
accepts ISO 8601 (``2027-09-16 09:30``) in every date field. The Wagtail admin's picker writes
``WAGTAIL_DATETIME_FORMAT`` (``16.09.2027 09:30``), which is the first format here.
"""

DATE_INPUT_FORMATS = ["%d.%m.%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y, %H:%M"]
