from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    """BITV 2.0 § 4 and § 7: Leichte Sprache, Deutsche Gebärdensprache, "Barriere melden"."""

    name = "accessibility"
    verbose_name = "Barrierefreiheit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import mimetypes

        # Browsers only use caption tracks served as text/vtt.
        mimetypes.add_type("text/vtt", ".vtt")
        mimetypes.add_type("video/webm", ".webm")

    def load_demo_content(self, loader, stdout):
        from accessibility import demo

        demo.load(loader, stdout)
