"""Taking a registration: deadline, capacity, waiting list, one address per event.

The last seat is guarded by the database: the event's row is locked (``SELECT … FOR UPDATE``)
while seats are counted and the registration is written, so two people submitting at the same
moment are served one after the other and exactly one of them gets the seat. Duplicate addresses
are refused by a unique constraint as a second line of defence.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from events.models import EventPage, Registration

MSG_CLOSED = "Die Anmeldung für diese Veranstaltung ist geschlossen."
MSG_FULL = "Die Veranstaltung ist leider ausgebucht."
MSG_TOO_MANY = "Es sind nur noch {left} Plätze frei. Bitte verringern Sie die Anzahl der Personen."
MSG_DUPLICATE = "Mit dieser E-Mail-Adresse ist bereits eine Anmeldung für diese Veranstaltung eingegangen."


class RegistrationError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def register(event: EventPage, *, name, email, people, kommune=None, organisation="", remarks="", now=None):
    """Create a registration (confirmed or on the waiting list) or raise RegistrationError."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            # The lock: concurrent registrations for this event wait here until we commit.
            event = EventPage.objects.select_for_update().get(pk=event.pk)
            if not event.registration_enabled or now > event.effective_deadline:
                raise RegistrationError(MSG_CLOSED)
            if event.registrations.filter(email__iexact=email).exists():
                raise RegistrationError(MSG_DUPLICATE, field="email")
            status = Registration.Status.CONFIRMED
            if event.registration_capacity is not None:
                taken = (
                    event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(total=Sum("people"))[
                        "total"
                    ]
                    or 0
                )
                left = event.registration_capacity - taken
                if people > left:
                    if event.registration_waiting_list:
                        status = Registration.Status.WAITING
                    elif left > 0:
                        raise RegistrationError(MSG_TOO_MANY.format(left=left), field="people")
                    else:
                        raise RegistrationError(MSG_FULL)
            return Registration.objects.create(
                event=event,
                name=name,
                email=email,
                people=people,
                kommune=kommune,
                organisation=organisation,
                remarks=remarks,
                consent_at=now,
                status=status,
            )
    except IntegrityError as error:
        # Only the unique address constraint can fail here.
        raise RegistrationError(MSG_DUPLICATE, field="email") from error


def confirm_from_waiting_list(registration: Registration) -> bool:
    """Move a waiting registration to confirmed (editors decide; capacity may be exceeded knowingly)."""
    with transaction.atomic():
        EventPage.objects.select_for_update().only("pk").get(pk=registration.event_id)
        updated = Registration.objects.filter(pk=registration.pk, status=Registration.Status.WAITING).update(
            status=Registration.Status.CONFIRMED
        )
    if updated:
        registration.status = Registration.Status.CONFIRMED
        # update() sends no signal: the event's free seats change, so drop its cached page.
        from events.signal_handlers import EVENT_SUBPATHS
        from ops import pagecache

        pagecache.forget_pages([(EventPage.objects.get(pk=registration.event_id), EVENT_SUBPATHS)])
    return bool(updated)
