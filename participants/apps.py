from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    """Projektteilnehmer: the Optionskommunen, their Vergleichsringe and the directory page."""

    name = "participants"
    verbose_name = "Projektteilnehmer"

    def ready(self):
        from participants import signals  # noqa: F401

    def load_demo_content(self, loader, stdout):
        from participants import demo

        demo.load(loader, stdout)
