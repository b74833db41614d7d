from django.core.management.base import BaseCommand

from accessibility.reports import delete_old_reports, retention_days


class Command(BaseCommand):
    help = "Deletes barrier reports older than BARRIER_REPORT_RETENTION_DAYS (privacy policy). Periodic job."

    def handle(self, *args, **options):
        deleted = delete_old_reports()
        self.stdout.write(f"{deleted} Barriere-Meldung(en) gelöscht (älter als {retention_days()} Tage).")
