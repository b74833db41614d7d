from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Start page, standard and legal pages, shared blocks, site settings, navigation and the
    visibility rule that every channel of the site goes through."""

    name = "home"
    verbose_name = "Startseite und Inhaltsseiten"

    def ready(self):
        from .admin_dates import configure_date_widgets

        configure_date_widgets()
