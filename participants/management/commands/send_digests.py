from django.core.management.base import BaseCommand

from participants.digest import send_digests


class Command(BaseCommand):
    help = (
        "Sends the weekly „Neu für Sie“ mail to every subscribed member whose week is over (only when "
        "something is new for them). Runs by itself as a periodic job (PERIODIC_JOBS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Do not wait for the week to be over (for testing).")

    def handle(self, *args, force=False, **options):
        send_digests(force=force, stdout=self.stdout)
