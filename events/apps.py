from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Fachtagungen: event pages, the calendar, feeds and registrations."""

    name = "events"
    verbose_name = "Fachtagungen"
