from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from accessibility.leichte_sprache import check_page
from accessibility.models import LeichteSprachePage


class Command(BaseCommand):
    help = (
        "Prints the Leichte-Sprache findings (BITV 2.0 Anlage 2) for a page (its latest draft), "
        "or for every page in Leichter Sprache. Advice only; exits 0."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "page_id", nargs="?", type=int, help="ID der Seite (ohne: alle Seiten in Leichter Sprache)"
        )

    def handle(self, *args, page_id=None, **options):
        if page_id is not None:
            page = Page.objects.filter(pk=page_id).first()
            if page is None:
                raise CommandError(f"Keine Seite mit der ID {page_id}.")
            pages = [page.specific]
        else:
            pages = list(LeichteSprachePage.objects.all())
            if not pages:
                self.stdout.write("Es gibt keine Seite in Leichter Sprache.")
        for page in pages:
            findings = check_page(page.get_latest_revision_as_object())
            self.stdout.write(f"{page.title} (ID {page.pk}): {len(findings)} Hinweis(e)")
            for finding in findings:
                where = f"[{finding.field}] " if finding.field else ""
                hint = f" – {finding.hint}" if finding.hint else ""
                self.stdout.write(f"  - {finding.rule_text}\n    {where}„{finding.text}“{hint}")
