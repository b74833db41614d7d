"""Demo content of the calendar: the "Tag der kommunalen Jobcenter" series and example dates.

Idempotent: event types and pages are looked up by slug before anything is created, and existing
pages are never changed. The example events ("Beispieltermin") are dated relative to the day the
content is loaded; a new one is only added when no example of its kind lies in the future, so the
calendar never runs empty.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from events.dates import BERLIN
from events.models import EventIndexPage, EventPage, EventType
from home.demo.content import notice, p
from home.site_setup import EDITORS_GROUP, PUBLISHERS_GROUP

EVENT_TYPES = [
    ("Fachtagung", "fachtagung"),
    ("Workshop", "workshop"),
    ("Vergleichsring-Treffen", "vergleichsring-treffen"),
    ("Online-Veranstaltung", "online-veranstaltung"),
]


def berlin(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# The series from the project's facts; dates, places and numbers exactly as given there.
SERIES = [
    {
        "slug": "tag-der-kommunalen-jobcenter-2015",
        "title": "Tag der kommunalen Jobcenter 2015",
        "start": berlin(2015, 5, 12),
        "end": berlin(2015, 5, 12),
        "all_day": True,
        "venue_name": "Leonardo Royal Hotel",
        "city": "Berlin",
        "teaser": "Perspektiven des SGB II: Was erwartet uns in zehn Jahren? Mit über 300 Anmeldungen.",
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2016",
        "title": "Tag der kommunalen Jobcenter 2016",
        "start": berlin(2016, 11, 21, 13),
        "end": berlin(2016, 11, 21, 17),
        "all_day": False,
        "city": "Berlin",
        "teaser": "Kommunen spielen Schlüsselrolle bei der Integration von Flüchtlingen.",
        "body": [
            p(
                "Arbeit für Flüchtlinge: Jobcenter spielen eine Schlüsselrolle bei der Integration. Sie "
                "helfen neu Angekommenen zu berufsbezogenen Sprachkenntnissen, qualifizieren sie und "
                "integrieren sie in Arbeit.",
                "Bestehende Konzepte müssen weiterentwickelt und für die große Zahl geflüchteter Menschen "
                "neue Strategien gefunden werden. Die Tagung beleuchtet die unterschiedlichen Sichtweisen "
                "und Herausforderungen.",
            )
        ],
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2017",
        "title": "Tag der kommunalen Jobcenter 2017",
        "start": berlin(2017, 11, 27),
        "end": berlin(2017, 11, 28),
        "all_day": True,
        "city": "Berlin",
        "teaser": "Herausforderungen meistern – Jobcenter stärken. Jahresthema: Personal.",
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2019",
        "title": "Tag der kommunalen Jobcenter 2019",
        "start": berlin(2019, 11, 25),
        "end": berlin(2019, 11, 26),
        "all_day": True,
        "venue_name": "Ellington Hotel",
        "city": "Berlin",
        "teaser": "Benchlearning Neustart 2020 – Digitalisierung voranbringen.",
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2020",
        "title": "Tag der kommunalen Jobcenter 2020",
        "start": berlin(2020, 11, 30),
        "end": berlin(2020, 11, 30),
        "all_day": True,
        "is_online": True,
        "type": "online-veranstaltung",
        "teaser": "Der Tag der kommunalen Jobcenter fand online statt, mit etwa 300 Teilnehmenden.",
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2021",
        "title": "Tag der kommunalen Jobcenter 2021",
        "start": berlin(2021, 11, 29),
        "end": berlin(2021, 11, 29),
        "all_day": True,
        "is_online": True,
        "type": "online-veranstaltung",
        "teaser": "Online mit über 400 Teilnehmenden.",
    },
    {
        "slug": "tag-der-kommunalen-jobcenter-2024",
        "title": "Tag der kommunalen Jobcenter 2024",
        "start": berlin(2024, 9, 19),
        "end": berlin(2024, 9, 20),
        "all_day": True,
        "venue_name": "Tagungswerk",
        "street": "Lindenstr. 85",
        "city": "Berlin",
        "teaser": "Der Tag der kommunalen Jobcenter im Tagungswerk in Berlin.",
    },
]

EXAMPLE_NOTE = notice(
    "Beispieltermin",
    "Dies ist ein Beispieltermin der Demo-Inhalte. Datum und Ort sind erfunden; bitte ersetzen oder löschen.",
)


def _examples(today):
    workshop_day = today + datetime.timedelta(days=28)
    ring_day = today + datetime.timedelta(days=42)
    online_day = today + datetime.timedelta(days=63)
    conference_day = today + datetime.timedelta(days=91)
    return [
        {
            "key": "beispieltermin-fachtagung",
            "internal": False,
            "title": "Beispieltermin: Fachtagung der Optionskommunen",
            "start": berlin(conference_day.year, conference_day.month, conference_day.day, 10),
            "end": berlin(conference_day.year, conference_day.month, conference_day.day, 17),
            "type": "fachtagung",
            "venue_name": "Tagungszentrum (Beispiel)",
            "street": "Musterstraße 1",
            "postcode": "10117",
            "city": "Berlin",
            "teaser": "Beispieltermin: die nächste Fachtagung der Optionskommunen mit Vorträgen und Foren.",
            "registration_enabled": True,
            "registration_capacity": 120,
            "registration_deadline": berlin(conference_day.year, conference_day.month, conference_day.day, 10)
            - datetime.timedelta(days=14),
            "registration_max_people": 3,
        },
        {
            "key": "beispieltermin-workshop",
            "internal": False,
            "title": "Beispieltermin: Workshop Digitalisierung im Jobcenter",
            "start": berlin(workshop_day.year, workshop_day.month, workshop_day.day, 10),
            "end": berlin(workshop_day.year, workshop_day.month, workshop_day.day, 16),
            "type": "workshop",
            "venue_name": "Tagungszentrum (Beispiel)",
            "street": "Musterstraße 1",
            "postcode": "10117",
            "city": "Berlin",
            "teaser": "Beispieltermin: ein Workshop zum Austausch über digitale Verfahren in den Jobcentern.",
            "registration_enabled": True,
            "registration_capacity": 30,
            "registration_deadline": berlin(workshop_day.year, workshop_day.month, workshop_day.day, 10)
            - datetime.timedelta(days=7),
            "registration_max_people": 3,
        },
        {
            "key": "beispieltermin-online",
            "internal": False,
            "title": "Beispieltermin: Kennzahlen nach § 48a SGB II – eine Einführung",
            "start": berlin(online_day.year, online_day.month, online_day.day, 14),
            "end": berlin(online_day.year, online_day.month, online_day.day, 16),
            "type": "online-veranstaltung",
            "is_online": True,
            "teaser": "Beispieltermin: Einführung in das Kennzahlensystem nach § 48a SGB II.",
        },
        # For all members (Interner Bereich); each ring's own meetings are in its workspace
        # (participants/demo.py).
        {
            "key": "beispieltermin-mitglieder",
            "internal": True,
            "title": "Beispieltermin: Erfahrungsaustausch aller Optionskommunen",
            "start": berlin(ring_day.year, ring_day.month, ring_day.day, 10),
            "end": berlin(ring_day.year, ring_day.month, ring_day.day, 16),
            "type": "workshop",
            "venue_name": "Kreishaus (Beispiel)",
            "city": "Musterstadt",
            "teaser": "Beispieltermin: Austausch der Optionskommunen über alle Vergleichsringe (nur für Mitglieder).",
        },
    ]


def load(loader, stdout=None):
    types = {}
    for sort_order, (name, slug) in enumerate(EVENT_TYPES):
        event_type = EventType.objects.filter(slug=slug).first()
        if event_type is None:
            event_type = EventType.objects.create(name=name, slug=slug, sort_order=sort_order)
            loader.log(f"Veranstaltungsart angelegt: {name}")
        types[slug] = event_type

    index = EventIndexPage.objects.child_of(loader.home).first()
    if index is None:
        return
    index = index.specific
    for data in SERIES:
        data = dict(data)
        data.setdefault("body", [])
        event_type = types[data.pop("type", "fachtagung")]
        loader.child(index, EventPage, data, in_menu=False, event_type=event_type)

    today = timezone.localdate()
    for example in _examples(today):
        example = dict(example)
        key, internal = example.pop("key"), example.pop("internal")
        parent = loader.internal if internal else index
        upcoming = EventPage.objects.child_of(parent).filter(slug__startswith=key, end__gte=timezone.now())
        if upcoming.exists():
            continue
        example["slug"] = f"{key}-{example['start']:%Y-%m-%d}"
        example["body"] = [EXAMPLE_NOTE]
        event_type = types[example.pop("type")]
        loader.child(parent, EventPage, example, in_menu=False, event_type=event_type)

    grant_editor_permissions()


def grant_editor_permissions():
    """Editors manage event types and registrations (and may export them)."""
    codenames = [
        "add_eventtype",
        "change_eventtype",
        "delete_eventtype",
        "view_registration",
        "change_registration",
        "delete_registration",
    ]
    permissions = list(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    for group in Group.objects.filter(name__in=[EDITORS_GROUP, PUBLISHERS_GROUP]):
        group.permissions.add(*permissions)
