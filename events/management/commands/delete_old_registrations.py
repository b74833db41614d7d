import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.models import Registration


class Command(BaseCommand):
    help = (
        "Löscht Anmeldungen (personenbezogene Daten) eine einstellbare Zahl von Tagen nach dem Ende "
        "der Veranstaltung. Standard: EVENTS_REGISTRATION_RETENTION_DAYS (30)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EVENTS_REGISTRATION_RETENTION_DAYS,
            help="Tage nach dem Ende der Veranstaltung, nach denen gelöscht wird.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days darf nicht negativ sein.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = Registration.objects.filter(event__end__lt=cutoff)
        count = old.count()
        if dry_run:
            self.stdout.write(f"{count} Anmeldungen würden gelöscht (Veranstaltungsende vor {cutoff:%d.%m.%Y}).")
            return
        old.delete()
        self.stdout.write(self.style.SUCCESS(f"{count} Anmeldungen gelöscht."))
