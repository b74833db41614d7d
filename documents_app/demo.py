"""Demo content of the document library, built idempotently by ``load_initial_data``.

Small real PDFs are generated in code. Documents are looked up by title within their collection
before anything is created; documents that editors changed or deleted-and-recreated are left alone.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.models import Page

from documents_app.models import BlokDocument, DocumentCategory, DocumentIndexPage
from documents_app.pdf import make_pdf

CATEGORIES = ["Projektinformation", "Dokumentation", "Programm", "Protokoll"]

# The unique word in the internal demo document: the leak tests (and people trying the site) can
# search for it and must find it only when logged in as a member.
INTERNAL_SEARCH_WORD = "Quartalskennzahlenabgleich"

PUBLIC_DOCUMENTS = [
    {
        "title": "Projektbeschreibung Benchlearning der Optionskommunen",
        "filename": "projektbeschreibung-benchlearning.pdf",
        "category": "Projektinformation",
        "publication_date": datetime.date(2012, 9, 1),
        "description": "Ziele, Aufbau und Arbeitsweise des Benchlearnings der Optionskommunen (Beispieldokument).",
        "lines": [
            "Beispieldokument der Demo-Inhalte.",
            "Das Benchlearning der Optionskommunen setzt das 2005 begonnene Benchmarking fort.",
            "Der Deutsche Landkreistag und der Deutsche Städtetag haben das Projekt ausgeschrieben;",
            "der Auftrag wurde zum Projektstart am 1.9.2012 vergeben.",
            "Kern der Arbeit sind 10 Vergleichsringe, die sich dreimal im Jahr treffen.",
        ],
    },
    {
        "title": "Dokumentation Tag der Optionskommunen 2015",
        "filename": "dokumentation-tag-der-optionskommunen-2015.pdf",
        "category": "Dokumentation",
        "publication_date": datetime.date(2015, 5, 12),
        "description": (
            "„Perspektiven des SGB II: Was erwartet uns in zehn Jahren?“ – Berlin, 12.5.2015 (Beispieldokument)."
        ),
        "lines": [
            "Beispieldokument der Demo-Inhalte.",
            "Tag der Optionskommunen am 12.5.2015 im Leonardo Royal Hotel, Berlin.",
            "Thema: Perspektiven des SGB II: Was erwartet uns in zehn Jahren?",
            "Es lagen über 300 Anmeldungen vor.",
        ],
    },
    {
        "title": "Programm Tag der kommunalen Jobcenter 2016",
        "filename": "programm-tag-der-kommunalen-jobcenter-2016.pdf",
        "category": "Programm",
        "publication_date": datetime.date(2016, 11, 21),
        "description": "Programm der Fachtagung am 21.11.2016 in Berlin, 13 bis 17 Uhr (Beispieldokument).",
        "lines": [
            "Beispieldokument der Demo-Inhalte.",
            "Tag der kommunalen Jobcenter, 21.11.2016, Berlin, 13 bis 17 Uhr.",
            "Kommunen spielen Schlüsselrolle bei der Integration von Flüchtlingen.",
        ],
    },
]

INTERNAL_DOCUMENTS = [
    {
        "title": "Sitzungsunterlagen Arbeitskreis Option (intern)",
        "filename": "sitzungsunterlagen-ak-option.pdf",
        "category": "Protokoll",
        "publication_date": datetime.date(2016, 10, 4),
        "description": "Interne Arbeitsunterlage für die Mitglieder (Beispieldokument).",
        "lines": [
            "Beispieldokument der Demo-Inhalte – nur für Mitglieder.",
            f"Tagesordnungspunkt 3: {INTERNAL_SEARCH_WORD} der Vergleichsringe.",
            "Diese Unterlage ist nur im Internen Bereich abrufbar.",
        ],
    },
]

INTERNAL_LIBRARY = {
    "title": "Interne Dokumente",
    "slug": "interne-dokumente",
    "intro": "Arbeitsunterlagen, Protokolle und Präsentationen für die Mitglieder.",
}


def _document(collection, data, categories, stdout):
    existing = BlokDocument.objects.filter(collection=collection, title=data["title"]).first()
    if existing is not None:
        return existing
    document = BlokDocument(
        title=data["title"],
        collection=collection,
        description=data["description"],
        category=categories[data["category"]],
        publication_date=data["publication_date"],
    )
    document.file.save(data["filename"], ContentFile(make_pdf(data["title"], data["lines"])), save=False)
    document._set_document_file_metadata()
    document.save()
    if stdout is not None:
        stdout.write(f"Dokument angelegt: {document.title}")
    return document


def _set_collections(library, collections):
    if library.collections.exists() or library.has_unpublished_changes:
        return
    library.collections.set(collections)
    library.save()
    library.save_revision().publish()


def load(loader, stdout=None):
    categories = {}
    for order, name in enumerate(CATEGORIES):
        categories[name], _ = DocumentCategory.objects.get_or_create(name=name, defaults={"sort_order": order})
    public = loader.collections["Öffentlich"]
    internal = loader.collections["Intern"]
    for data in PUBLIC_DOCUMENTS:
        _document(public, data, categories, stdout)
    for data in INTERNAL_DOCUMENTS:
        _document(internal, data, categories, stdout)

    # The public library lists every document (no collection chosen: all of them, internal ones
    # to members only), so nothing public is missing from it; the internal one lists the internal
    # documents. Libraries that editors configured stay as they are.
    # Fresh from the database: sorting the menu may have moved the Interner Bereich (new tree path).
    internal_area = Page.objects.get(pk=loader.internal.pk)
    internal_library = loader.child(internal_area, DocumentIndexPage, INTERNAL_LIBRARY)
    _set_collections(DocumentIndexPage.objects.get(pk=internal_library.pk), [internal])
    return categories
