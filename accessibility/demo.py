"""Demo content for BITV 2.0 § 4, built idempotently by ``load_initial_data``.

The Leichte-Sprache page carries real text in Leichter Sprache (it passes the site's own check).
The Gebärdensprache page gets four small test-pattern videos made with PyAV when the content is
loaded, clearly marked "Beispiel", for the editors to replace with real DGS videos.
"""

import io

from django.core.files.base import ContentFile

from accessibility.models import GebaerdensprachePage, LeichteSprachePage
from documents_app.models import BlokDocument
from documents_app.video import make_test_video


def _p(*lines):
    return "".join(f"<p>{line}</p>" for line in lines)


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


LEICHTE_SPRACHE = {
    "title": "Leichte Sprache",
    "slug": "leichte-sprache",
    "search_description": "Informationen über das Projekt Bench-Learning in Leichter Sprache.",
    "main_content": _p(
        "Das ist die Internet-Seite vom Projekt Bench-Learning.",
        "Bench-Learning ist Englisch. Man spricht es so: Bensch-Lörning.",
        "Das Wort bedeutet: Wir lernen voneinander.",
        "In Deutschland gibt es Job-Center.",
        "Job-Center helfen Menschen bei der Suche nach Arbeit.",
        "Manche Job-Center gehören zu einer Stadt oder zu einem Land-Kreis.",
        "Diese Job-Center heißen: Options-Kommunen.",
        "Es gibt 104 Options-Kommunen.",
        "Die Options-Kommunen treffen sich oft.",
        "Sie zeigen sich gegenseitig gute Ideen. So lernen alle voneinander.",
        "Auf dieser Internet-Seite finden Sie:",
    )
    + _ul("Informationen über das Projekt", "Termine für Fach-Tagungen", "Dokumente zum Herunterladen"),
    "navigation": _p(
        "Oben auf jeder Seite ist das Menü.",
        "Im Menü finden Sie alle Bereiche von der Internet-Seite.",
        "Klicken Sie auf ein Wort im Menü. Dann kommen Sie zu dem Bereich.",
        "Oben ist auch das Such-Feld.",
        "Dort können Sie ein Wort eingeben.",
        "Dann sucht die Internet-Seite nach dem Wort.",
        "Ganz oben sind 2 Bilder mit Links:",
    )
    + _ul(
        "Ein Buch: Dort kommen Sie zu dieser Seite in Leichter Sprache.",
        "2 Hände: Dort kommen Sie zu den Videos in Gebärden-Sprache.",
    )
    + _p("Ganz unten auf jeder Seite sind auch Links.", "Zum Beispiel: Barriere melden."),
    "accessibility": _p(
        "Barriere-frei heißt: Alle Menschen können die Internet-Seite gut benutzen.",
        "Wir wollen eine barriere-freie Internet-Seite.",
        "Wir haben die Internet-Seite geprüft.",
        "Fast alle Teile sind barriere-frei.",
        "Manche alten Dokumente sind schwer zu lesen.",
        "Dann schreiben Sie uns bitte.",
        "Wir schicken Ihnen das Dokument in einer anderen Form.",
        "Haben Sie eine Barriere gefunden? Dann sagen Sie es uns.",
        "Unten auf jeder Seite ist der Link: Barriere melden.",
        "Dort können Sie uns schreiben.",
        "Wir antworten Ihnen in einem Monat.",
        "Sie sind mit der Antwort unzufrieden?",
        "Dann können Sie sich an die Schlichtungs-Stelle wenden.",
        "Schlichtung bedeutet: Jemand hilft bei einem Streit.",
        "Die Schlichtungs-Stelle hilft Ihnen kostenlos.",
    ),
    "further_content": _p(
        "Diese Informationen gibt es auch in Gebärden-Sprache.",
        "Klicken Sie dafür oben auf das Bild mit den 2 Händen.",
        "Die anderen Seiten sind in schwerer Sprache.",
        "Wir schreiben nach und nach mehr Texte in Leichter Sprache.",
    ),
}

GEBAERDENSPRACHE = {
    "title": "Gebärdensprache",
    "slug": "gebaerdensprache",
    "search_description": "Informationen über die Website in Deutscher Gebärdensprache (DGS).",
    "intro": (
        "Hier erklären wir die Website in Deutscher Gebärdensprache. Beispiel: Die Demo-Inhalte zeigen "
        "Testbilder statt echter Gebärdensprachvideos; die Redaktion ersetzt sie durch Videos einer "
        "Gebärdensprachdolmetscherin oder eines Gebärdensprachdolmetschers."
    ),
}

# (field stem, video title, file name stem)
VIDEOS = [
    ("main_content", "Beispielvideo DGS: Informationen zum Inhalt", "beispiel-dgs-inhalt"),
    ("navigation", "Beispielvideo DGS: Hinweise zur Bedienung", "beispiel-dgs-bedienung"),
    ("accessibility", "Beispielvideo DGS: Barrierefreiheit", "beispiel-dgs-barrierefreiheit"),
    ("further_content", "Beispielvideo DGS: Weitere Informationen", "beispiel-dgs-weitere-informationen"),
]
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:03.000\nBeispiel: Testbild statt eines Videos in Gebärdensprache.\n"


def _video(collection, title, filename, stdout):
    existing = BlokDocument.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    make_test_video(buffer, width=320, height=240, fps=25, seconds=3, label=f"Beispiel: {title}")
    document = BlokDocument(
        title=title,
        collection=collection,
        description="Beispiel: Testbild (Farbbalken) statt eines Videos in Deutscher Gebärdensprache.",
    )
    document.file.save(f"{filename}.mp4", ContentFile(buffer.getvalue()), save=False)
    document._set_document_file_metadata()
    document.save()
    if stdout is not None:
        stdout.write(f"Video angelegt: {title}")
    return document


def _captions(collection, stdout):
    title = "Beispiel-Untertitel DGS: Informationen zum Inhalt"
    existing = BlokDocument.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    document = BlokDocument(title=title, collection=collection, description="Beispiel: Untertitel im Format WebVTT.")
    document.file.save("beispiel-dgs-inhalt.vtt", ContentFile(CAPTIONS.encode()), save=False)
    document._set_document_file_metadata()
    document.save()
    if stdout is not None:
        stdout.write(f"Untertitel angelegt: {title}")
    return document


def load(loader, stdout=None):
    home = loader.home
    public = loader.collections["Öffentlich"]
    if not LeichteSprachePage.objects.exists():
        loader.child(home, LeichteSprachePage, LEICHTE_SPRACHE, in_menu=False)
    if not GebaerdensprachePage.objects.exists():
        extra = {f"{stem}_video": _video(public, title, filename, stdout) for stem, title, filename in VIDEOS}
        extra["main_content_captions"] = _captions(public, stdout)
        loader.child(home, GebaerdensprachePage, GEBAERDENSPRACHE, in_menu=False, **extra)
