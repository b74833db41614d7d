from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models.mixins import BasePage
from home.models.pages import IntroBodyPage


class EventIndexPage(IntroBodyPage):
    """The Fachtagungen calendar."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = "Veranstaltungskalender"
        verbose_name_plural = "Veranstaltungskalender"


class EventPage(BasePage):
    """One event: a Fachtagung, a workshop or a meeting, public or (under the Interner Bereich) internal."""

    start = models.DateTimeField("Beginn", help_text="Datum und Uhrzeit des Beginns (deutsche Zeit).")
    end = models.DateTimeField("Ende", help_text="Datum und Uhrzeit des Endes; nicht vor dem Beginn.")
    all_day = models.BooleanField("Ganztägig", default=False, help_text="Uhrzeiten werden dann nicht angezeigt.")
    teaser = models.TextField("Kurzbeschreibung", blank=True, help_text="Ein bis zwei Sätze für Listen und Feeds.")
    venue_name = models.CharField("Veranstaltungsort", max_length=255, blank=True, help_text="z. B. Hotelname.")
    street = models.CharField("Straße und Hausnummer", max_length=255, blank=True)
    postcode = models.CharField("Postleitzahl", max_length=10, blank=True)
    city = models.CharField("Ort", max_length=100, blank=True)
    is_online = models.BooleanField("Online-Veranstaltung", default=False)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="Inhalt")

    parent_page_types = ["events.EventIndexPage", "home.InternalAreaPage"]
    subpage_types = []
    template = "events/event_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")], heading="Termin"
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_online"),
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            ],
            heading="Ort",
        ),
        FieldPanel("teaser"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Das Ende darf nicht vor dem Beginn liegen."})
