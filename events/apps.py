from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Fachtagungen: event pages, the calendar, feeds and registrations."""

    name = "events"
    verbose_name = "Fachtagungen"

    def ready(self):
        from events import signal_handlers

        signal_handlers.connect()

    def load_demo_content(self, loader, stdout):
        from events import demo

        demo.load(loader, stdout)
