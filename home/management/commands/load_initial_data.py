from django.apps import apps
from django.core.management.base import BaseCommand

from home.demo.setup import build_site


class Command(BaseCommand):
    help = (
        "Builds the page tree, groups, workflow and demo content. Idempotent: existing pages "
        "(and editors' changes to them) are kept, missing parts are added."
    )

    def handle(self, *args, **options):
        loader = build_site(self.stdout)
        # Feature apps add their own content (events, documents, participants) through a hook on
        # their AppConfig, so that home does not import them.
        for app_config in apps.get_app_configs():
            hook = getattr(app_config, "load_demo_content", None)
            if callable(hook):
                hook(loader, self.stdout)
        if loader.created:
            self.stdout.write(self.style.SUCCESS(f"Fertig: {len(loader.created)} Seiten angelegt."))
        else:
            self.stdout.write(self.style.SUCCESS("Fertig: Inhalte waren bereits vollständig vorhanden."))
