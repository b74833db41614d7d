from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.models.pages import IntroBodyPage


@register_snippet
class DocumentCategory(models.Model):
    """A category of the document library (e.g. Präsentation, Dokumentation, Bericht)."""

    name = models.CharField("Name", max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Dokumentkategorie"
        verbose_name_plural = "Dokumentkategorien"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class BlokDocument(AbstractDocument):
    """Document with the metadata the library and the search need."""

    description = models.TextField("Beschreibung", blank=True, help_text="Worum geht es in dem Dokument?")
    category = models.ForeignKey(
        DocumentCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name="Kategorie",
    )
    publication_date = models.DateField(
        "Veröffentlichungsdatum", null=True, blank=True, help_text="Datum des Dokuments (nicht des Hochladens)."
    )
    extracted_text = models.TextField(
        "Extrahierter Volltext", blank=True, editable=False, help_text="Automatisch aus der Datei gewonnen."
    )

    admin_form_fields = (*Document.admin_form_fields, "description", "category", "publication_date")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"


class DocumentIndexPage(IntroBodyPage):
    """The Dokumente library page."""

    parent_page_types = ["home.HomePage", "home.InternalAreaPage"]
    subpage_types = []
    template = "documents_app/document_index_page.html"

    class Meta:
        verbose_name = "Dokumentbibliothek"
        verbose_name_plural = "Dokumentbibliotheken"
