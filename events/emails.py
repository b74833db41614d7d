"""Emails to people who registered, with the event's .ics attached (sent through the outbox)."""

from django.template.loader import render_to_string

from events.ical import event_ics
from ops.mail import send_mail_later


def send_registration_email(registration, request=None, *, promoted=False):
    event = registration.event
    context = {"registration": registration, "event": event, "event_url": event.get_full_url(request)}
    if promoted:
        subject = f"Ihr Platz ist bestätigt: {event.title}"
        template = "events/emails/registration_promoted.txt"
        kind = "registration_promoted"
    elif registration.status == registration.Status.WAITING:
        subject = f"Warteliste: {event.title}"
        template = "events/emails/registration_waiting.txt"
        kind = "registration_waiting"
    else:
        subject = f"Anmeldebestätigung: {event.title}"
        template = "events/emails/registration_confirmed.txt"
        kind = "registration"
    return send_mail_later(
        subject,
        render_to_string(template, context),
        [registration.email],
        attachments=[(f"{event.slug}.ics", event_ics(event, request), "text/calendar")],
        kind=kind,
    )
