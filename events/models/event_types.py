from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class EventType(index.Indexed, models.Model):
    """An editable kind of event (Fachtagung, Workshop, Vergleichsring-Treffen, Online-Veranstaltung).

    A snippet rather than fixed choices, so editors can add kinds without a deployment. The slug is
    what the calendar filter uses in its address (``?typ=fachtagung``).
    """

    name = models.CharField("Bezeichnung", max_length=100, unique=True, help_text="z. B. „Fachtagung“.")
    slug = models.SlugField(
        "Kurzname für Adressen",
        max_length=100,
        unique=True,
        help_text="Wird im Filter des Kalenders verwendet (…/fachtagungen/?typ=fachtagung). Nur Kleinbuchstaben, "
        "Ziffern und Bindestriche.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "Reihenfolge", default=0, help_text="Kleinere Zahlen stehen im Filter weiter vorn."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "Veranstaltungsart"
        verbose_name_plural = "Veranstaltungsarten"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
