"""Demo content: the 104 Optionskommunen from the bundled CSV (KomtrZV, state of 29.5.2017), the ten
Vergleichsringe with an example assignment ("Beispielzuordnung"), and the workspaces of the rings
and of the Arbeitskreis Option."""

import datetime
from pathlib import Path

from django.utils import timezone

from home.demo.content import notice, p
from participants import rings
from participants.importer import import_file
from participants.models import Kommune, Vergleichsring

DATA_FILE = Path(__file__).resolve().parent / "data" / "optionskommunen.csv"
RING_COUNT = 10
EXAMPLE_MARK = "Beispielzuordnung"

ASSIGNMENT_NOTE = notice(
    EXAMPLE_MARK,
    "Die Zuordnung der Kommunen zu diesem Vergleichsring ist eine Beispielzuordnung der Demo-Inhalte "
    "(die tatsächliche Zuordnung ist nicht öffentlich bekannt). Bitte unter „Projektteilnehmer → "
    "Vergleichsringe“ durch die tatsächliche Zuordnung ersetzen.",
    kind="warning",
)


def _ring_body(ring):
    return [
        ASSIGNMENT_NOTE,
        p(
            f"Hier arbeitet der Vergleichsring {ring.number}: Protokolle, Präsentationen und Kennzahlenauswertungen "
            "der Workshops, die Termine der nächsten Treffen und die Ansprechpersonen der beteiligten "
            "Kommunen. Sichtbar nur für die Mitglieder dieses Rings und die Moderation (gfa | public)."
        ),
    ]


AK_BODY = [
    p(
        "Der Arbeitskreis Option (ein Sitz je drei Optionskommunen) berät hier die Berichte der "
        "Projektleitung Benchlearning. Sichtbar nur für die Mitglieder des Arbeitskreises und die Moderation."
    ),
]


def _example_assignment(ring_objects):
    """Spread the Kommunen over the rings, grouped by Land (an example, not the real assignment)."""
    kommunen = list(Kommune.objects.filter(vergleichsring=None).order_by("bundesland", "name"))
    size = -(-len(kommunen) // len(ring_objects)) if kommunen else 0
    for index, kommune in enumerate(kommunen):
        kommune.vergleichsring = ring_objects[min(index // size, len(ring_objects) - 1)]
        kommune.save(update_fields=["vergleichsring"])
    return len(kommunen)


def _example_meeting(workspace, ring, event_type, today):
    from events.demo import EXAMPLE_NOTE, berlin
    from events.models import EventPage

    day = today + datetime.timedelta(days=30 + 7 * ring.number)
    if EventPage.objects.child_of(workspace).filter(end__gte=timezone.now()).exists():
        return None
    start = berlin(day.year, day.month, day.day, 10)
    page = EventPage(
        title=f"Beispieltermin: Workshop des Vergleichsrings {ring.number}",
        slug=f"beispieltermin-workshop-{day:%Y-%m-%d}",
        start=start,
        end=berlin(day.year, day.month, day.day, 13) + datetime.timedelta(days=1),
        event_type=event_type,
        venue_name="Kreishaus (Beispiel)",
        city="Musterstadt",
        teaser="Beispieltermin: eineinhalbtägiger Workshop des Rings, moderiert von gfa | public.",
        body=[EXAMPLE_NOTE],
        show_in_menus=False,
    )
    workspace.add_child(instance=page)
    page.save_revision().publish()
    return page


def _log(loader, message):
    log = getattr(loader, "log", None)
    if callable(log):
        log(message)


def _created(loader, title):
    created = getattr(loader, "created", None)
    if created is not None:
        created.append(title)


def load(loader, stdout=None):
    # only_new: a second run changes nothing, and editors' changes to existing Kommunen stay.
    report = import_file(DATA_FILE, only_new=True)
    if report.created and stdout is not None:
        stdout.write(f"Optionskommunen importiert: {len(report.created)}")

    ring_objects = []
    for number in range(1, RING_COUNT + 1):
        ring, created = Vergleichsring.objects.get_or_create(
            number=number, defaults={"name": f"Vergleichsring {number} ({EXAMPLE_MARK})"}
        )
        if created:
            _log(loader, f"Vergleichsring angelegt: {ring}")
        ring_objects.append(ring)
    rings.special_group(rings.AK_OPTION_GROUP)
    rings.special_group(rings.MODERATION_GROUP)
    rings.ensure_ak_option_collection()
    # Only when no Kommune has a ring yet: editors' assignments are never overwritten.
    if not Kommune.objects.exclude(vergleichsring=None).exists():
        assigned = _example_assignment(ring_objects)
        _log(loader, f"{EXAMPLE_MARK}: {assigned} Kommunen auf {len(ring_objects)} Vergleichsringe verteilt")

    internal = getattr(loader, "internal", None)
    if internal is None:
        return report
    from events.models import EventType

    event_type = EventType.objects.filter(slug="vergleichsring-treffen").first()
    today = timezone.localdate()
    for ring in ring_objects:
        internal.refresh_from_db()
        workspace, created = rings.ensure_workspace(
            internal,
            ring=ring,
            title=ring.group_name,
            intro=f"Arbeitsbereich des Vergleichsrings {ring.number}: Treffen, Dokumente und Ansprechpersonen.",
            body=_ring_body(ring),
        )
        if created:
            _created(loader, workspace.title)
            _log(loader, f"Arbeitsbereich angelegt: {workspace.title}")
            _example_meeting(workspace, ring, event_type, today)
    internal.refresh_from_db()
    workspace, created = rings.ensure_workspace(
        internal,
        title=rings.AK_OPTION_GROUP,
        intro="Arbeitsbereich des Arbeitskreises Option.",
        body=AK_BODY,
    )
    if created:
        _created(loader, workspace.title)
    return report
