from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock

from .mixins import BasePage


class IntroBodyPage(BasePage):
    """Abstract page with an introduction and a StreamField body."""

    intro = models.TextField(
        "Einleitung", blank=True, help_text="Ein kurzer Absatz, der unter der Überschrift hervorgehoben wird."
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="Inhalt")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(IntroBodyPage):
    """The Startseite: introduction, the next events (Terminankündigung) and free content."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "events.EventIndexPage",
        "documents_app.DocumentIndexPage",
        "participants.ParticipantIndexPage",
        "home.InternalAreaPage",
        "home.ImpressumPage",
        "home.PrivacyPage",
        "home.AccessibilityPage",
        "accessibility.LeichteSprachePage",
        "accessibility.GebaerdensprachePage",
    ]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = "Startseite"
        verbose_name_plural = "Startseiten"

    def json_ld(self, request=None):
        """schema.org Organization (BLOK) and WebSite (with the site search) for search engines."""
        from home.structured_data import home_page_graph

        return home_page_graph(self, request)


class StandardPage(IntroBodyPage):
    """A content page built from the block library (Projektziele, Projektstruktur, …)."""

    parent_page_types = ["home.HomePage", "home.StandardPage", "home.InternalAreaPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = "Inhaltsseite"
        verbose_name_plural = "Inhaltsseiten"


class InternalAreaPage(IntroBodyPage):
    """The Interner Bereich: root of everything members-only.

    All restricted content lives below this page, so the visibility rule stays a single path
    condition. ``load_initial_data`` restricts it to the group "Mitglieder".
    """

    members_note = RichTextField(
        "Hinweis für Mitglieder",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Wird angemeldeten Mitgliedern oben im Internen Bereich angezeigt.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "home.StandardPage",
        "events.EventPage",
        "documents_app.DocumentIndexPage",
        "participants.RingWorkspacePage",
    ]
    max_count = 1
    template = "home/internal_area_page.html"
    content_panels = [*IntroBodyPage.content_panels, FieldPanel("members_note")]

    class Meta:
        verbose_name = "Interner Bereich"
        verbose_name_plural = "Interne Bereiche"
