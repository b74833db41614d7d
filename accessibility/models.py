"""Pages in Leichter Sprache and Deutscher Gebärdensprache (BITV 2.0 § 4) and barrier reports (§ 7).

BITV 2.0 § 4 asks public bodies to explain on the start page, in Leichter Sprache and in DGS:
(1) the main content, (2) the navigation, (3) the essentials of the accessibility statement and
(4) where further content in Leichter Sprache or DGS is. Each part is its own required field, so
that neither page can be published with a part missing.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accessibility.panels import LeichteSpracheCheckPanel
from home.blocks import BaseStreamBlock
from home.models.mixins import BasePage

# Leichte Sprache keeps formatting simple: paragraphs, bold, lists and links.
LS_FEATURES = ["bold", "ul", "ol", "link", "document-link"]

# The four parts of BITV 2.0 § 4, in the order of the regulation: (field stem, heading, help text).
REQUIRED_PARTS = [
    (
        "main_content",
        "Informationen zum Inhalt",
        "Pflichtteil 1 nach § 4 BITV 2.0: Worum geht es auf dieser Website? Kurze Sätze, "
        "ein Gedanke pro Satz, sprechen Sie die Leserin oder den Leser direkt an.",
    ),
    (
        "navigation",
        "Hinweise zur Bedienung",
        "Pflichtteil 2 nach § 4 BITV 2.0: Wie finde ich mich auf der Website zurecht? "
        "Menü, Suche, Service-Links oben und unten auf jeder Seite.",
    ),
    (
        "accessibility",
        "Das Wichtigste zur Barrierefreiheit",
        "Pflichtteil 3 nach § 4 BITV 2.0: Die wesentlichen Inhalte der Erklärung zur "
        "Barrierefreiheit: Was ist noch nicht barrierefrei? Wie melde ich eine Barriere? "
        "Wo kann ich mich beschweren?",
    ),
    (
        "further_content",
        "Weitere Informationen in Leichter Sprache",
        "Pflichtteil 4 nach § 4 BITV 2.0: Hinweise auf weitere Inhalte in Leichter Sprache "
        "oder in Gebärdensprache auf dieser Website. Gibt es keine, sagen Sie das hier.",
    ),
]
PART_HEADINGS = {stem: heading for stem, heading, _help in REQUIRED_PARTS}
HOME_PARENT = ["home.HomePage"]


class LeichteSprachePage(BasePage):
    """Explanations in Leichter Sprache (BITV 2.0 § 4 with the rules of Anlage 2 Teil 2).

    The editor sees the Leichte-Sprache check (accessibility/leichte_sprache.py) as the first panel:
    advice with the rule of Anlage 2, never a block on publishing.
    """

    main_content = RichTextField(PART_HEADINGS["main_content"], features=LS_FEATURES, help_text=REQUIRED_PARTS[0][2])
    navigation = RichTextField(PART_HEADINGS["navigation"], features=LS_FEATURES, help_text=REQUIRED_PARTS[1][2])
    accessibility = RichTextField(PART_HEADINGS["accessibility"], features=LS_FEATURES, help_text=REQUIRED_PARTS[2][2])
    further_content = RichTextField(
        PART_HEADINGS["further_content"], features=LS_FEATURES, help_text=REQUIRED_PARTS[3][2]
    )
    sections = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name="Weitere Abschnitte",
        help_text="Freiwillig: weitere Erklärungen in Leichter Sprache, z. B. zu einzelnen Angeboten.",
    )

    content_panels = [
        LeichteSpracheCheckPanel(heading="Prüfung auf Leichte Sprache"),
        *Page.content_panels,
        FieldPanel("main_content"),
        FieldPanel("navigation"),
        FieldPanel("accessibility"),
        FieldPanel("further_content"),
        FieldPanel("sections"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("main_content"),
        index.SearchField("navigation"),
        index.SearchField("accessibility"),
        index.SearchField("further_content"),
        index.SearchField("sections"),
    ]
    parent_page_types = HOME_PARENT
    subpage_types = []
    max_count = 1
    template = "accessibility/leichte_sprache_page.html"

    class Meta:
        verbose_name = "Leichte Sprache"
        verbose_name_plural = "Leichte Sprache"

    def parts(self):
        """The four required parts as (heading, rich text), in the order of § 4."""
        return [(heading, getattr(self, stem)) for stem, heading, _help in REQUIRED_PARTS]


def _video_field(stem):
    return models.ForeignKey(
        "documents_app.BlokDocument",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=f"Video: {PART_HEADINGS[stem]}",
        help_text=(
            "Pflichtvideo nach § 4 BITV 2.0. MP4 (H.264) oder WebM, mindestens 320 × 240 Pixel und "
            "25 Bilder pro Sekunde; das Hochladen prüft die Datei."
        ),
    )


def _captions_field(stem):
    return models.ForeignKey(
        "documents_app.BlokDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=f"Untertitel: {PART_HEADINGS[stem]}",
        help_text="Freiwillig: Untertitel als WebVTT-Datei (.vtt) zum Video.",
    )


class GebaerdensprachePage(BasePage):
    """Videos in Deutscher Gebärdensprache: one per required part of BITV 2.0 § 4.

    The videos are documents, so they can be downloaded (Anlage 2 asks for a download with file size
    and running time) and kept in a restricted collection if needed.
    """

    intro = models.TextField(
        "Einleitung",
        blank=True,
        help_text="Kurzer Text über den Videos, z. B. „Hier finden Sie Informationen in Deutscher Gebärdensprache.“",
    )
    main_content_video = _video_field("main_content")
    main_content_captions = _captions_field("main_content")
    navigation_video = _video_field("navigation")
    navigation_captions = _captions_field("navigation")
    accessibility_video = _video_field("accessibility")
    accessibility_captions = _captions_field("accessibility")
    further_content_video = _video_field("further_content")
    further_content_captions = _captions_field("further_content")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HelpPanel(
            content=(
                "<p>Laden Sie die Videos unter „Dokumente“ hoch (am besten in der Sammlung „Öffentlich“). "
                "Die Website zeigt sie mit dem Symbol für Gebärdensprache, einem Player ohne "
                "automatischen Start und einem Download-Link mit Dateigröße und Laufzeit.</p>"
            )
        ),
        *[
            MultiFieldPanel(
                [FieldPanel(f"{stem}_video"), FieldPanel(f"{stem}_captions")],
                heading=heading,
            )
            for stem, heading, _help in REQUIRED_PARTS
        ],
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = HOME_PARENT
    subpage_types = []
    max_count = 1
    template = "accessibility/gebaerdensprache_page.html"

    class Meta:
        verbose_name = "Gebärdensprache"
        verbose_name_plural = "Gebärdensprache"

    def clean(self):
        super().clean()
        errors = {}
        for stem, _heading, _help in REQUIRED_PARTS:
            video = getattr(self, f"{stem}_video")
            captions = getattr(self, f"{stem}_captions")
            if video is not None and not video.filename.lower().endswith((".mp4", ".webm")):
                errors[f"{stem}_video"] = "Bitte ein Video wählen (MP4 oder WebM), kein anderes Dokument."
            if captions is not None and not captions.filename.lower().endswith(".vtt"):
                errors[f"{stem}_captions"] = "Bitte eine WebVTT-Datei (.vtt) wählen."
        if errors:
            raise ValidationError(errors)

    def videos(self):
        """The four parts as (heading, video document, captions document or None)."""
        return [
            (heading, getattr(self, f"{stem}_video"), getattr(self, f"{stem}_captions"))
            for stem, heading, _help in REQUIRED_PARTS
        ]


class BarrierReport(models.Model):
    """A report from the feedback form "Barriere melden" (BITV 2.0 § 7 Abs. 1 Nr. 3 … feedback).

    Kept for ``BARRIER_REPORT_RETENTION_DAYS`` (privacy policy), then deleted by
    ``delete_old_barrier_reports`` (a periodic job).
    """

    STATUS_NEW, STATUS_IN_PROGRESS, STATUS_DONE = "neu", "in_bearbeitung", "erledigt"
    STATUS_CHOICES = [(STATUS_NEW, "neu"), (STATUS_IN_PROGRESS, "in Bearbeitung"), (STATUS_DONE, "erledigt")]

    problem = models.TextField("Beschreibung der Barriere", max_length=5000)
    page_url = models.CharField("Betroffene Seite", max_length=500, blank=True)
    email = models.EmailField("E-Mail für Rückfragen", blank=True)
    status = models.CharField("Status", max_length=20, choices=STATUS_CHOICES, default=STATUS_NEW)
    note = models.TextField(
        "Interne Notiz", blank=True, help_text="Nur für die Redaktion: was getan wurde, wann geantwortet wurde."
    )
    created_at = models.DateTimeField("Eingegangen am", default=timezone.now, db_index=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("note"),
        FieldPanel("problem", read_only=True),
        FieldPanel("page_url", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("created_at", read_only=True),
    ]

    class Meta:
        verbose_name = "Barriere-Meldung"
        verbose_name_plural = "Barriere-Meldungen"
        ordering = ["-created_at"]

    def __str__(self):
        text = " ".join(self.problem.split())
        return text if len(text) <= 60 else text[:57] + " …"
