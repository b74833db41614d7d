from django.core.management.base import BaseCommand

from ops import mail


class Command(BaseCommand):
    help = "Sendet wartende und fehlgeschlagene E-Mails aus dem Postausgang erneut (periodischer Job)."

    def handle(self, *args, **options):
        sent, failed = mail.send_queued()
        purged = mail.purge_old()
        if options["verbosity"] > 1 or sent or failed:
            self.stdout.write(
                f"Postausgang: {sent} versendet, {failed} fehlgeschlagen, {purged} alte Einträge gelöscht"
            )
