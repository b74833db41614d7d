import signal
import threading

from django.core.management.base import BaseCommand

from ops.scheduler import Scheduler


class Command(BaseCommand):
    help = (
        "Führt die periodischen Aufgaben aus settings.PERIODIC_JOBS aus (veröffentlichen nach Zeitplan, "
        "Löschfristen, …). Läuft dauerhaft; mit --once einmal alle fälligen Aufgaben (für cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Fällige Aufgaben einmal ausführen und enden.")
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="Enden, sobald dieser Elternprozess (make run, gunicorn) endet.",
        )

    def handle(self, *args, once, parent_pid, **options):
        scheduler = Scheduler()
        if once:
            try:
                results = scheduler.run_due()
            finally:
                scheduler.release()
            if not scheduler.jobs:
                self.stdout.write("Keine periodischen Aufgaben konfiguriert.")
            elif not results and not scheduler.is_leader:
                self.stdout.write("Ein anderer Scheduler läuft bereits – nichts ausgeführt.")
            failed = [name for name, ok in results.items() if not ok]
            if failed:
                self.stderr.write("Fehlgeschlagen: " + ", ".join(failed))
                raise SystemExit(1)
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, lambda *_: stop.set())
        scheduler.run_forever(stop=stop, parent_pid=parent_pid)
