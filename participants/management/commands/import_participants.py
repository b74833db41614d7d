from django.core.management.base import BaseCommand, CommandError

from participants.importer import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "Importiert Optionskommunen aus einer CSV-Datei (Spalten name,type,bundesland,since). "
        "Prüft zuerst alle Zeilen; bei einem Fehler wird nichts gespeichert. Gleicht über den Namen ab."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur CSV-Datei (UTF-8)")
        parser.add_argument(
            "--only-new", action="store_true", help="Nur fehlende Kommunen anlegen, vorhandene nicht ändern."
        )

    def handle(self, *args, **options):
        try:
            report = import_file(options["file"], only_new=options["only_new"])
        except ImportFailed as failure:
            raise CommandError(
                "Import abgebrochen, es wurde nichts gespeichert:\n" + "\n".join(failure.errors)
            ) from failure
        self.stdout.write(self.style.SUCCESS(report.summary()))
