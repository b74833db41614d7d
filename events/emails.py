"""Emails to people who registered, with the event's .ics attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from events.ical import event_ics


def send_registration_email(registration, request=None, *, promoted=False):
    event = registration.event
    context = {"registration": registration, "event": event, "event_url": event.get_full_url(request)}
    if promoted:
        subject = f"Ihr Platz ist bestätigt: {event.title}"
        template = "events/emails/registration_promoted.txt"
    elif registration.status == registration.Status.WAITING:
        subject = f"Warteliste: {event.title}"
        template = "events/emails/registration_waiting.txt"
    else:
        subject = f"Anmeldebestätigung: {event.title}"
        template = "events/emails/registration_confirmed.txt"
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach(f"{event.slug}.ics", event_ics(event, request), "text/calendar")
    message.send()
    return message
