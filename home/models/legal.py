"""Legal pages that German public bodies must publish.

Impressum: § 5 DDG and § 18 Abs. 2 MStV. Barrierefreiheitserklärung: BITV 2.0 § 7
(Stand der Vereinbarkeit, nicht barrierefreie Inhalte, Feedback-Mechanismus, Schlichtungsverfahren).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock

from .mixins import BasePage

LEGAL_PARENTS = ["home.HomePage"]


class LegalPage(BasePage):
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="Weitere Inhalte")

    parent_page_types = LEGAL_PARENTS
    subpage_types = []
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True


class ImpressumPage(LegalPage):
    """Anbieterkennzeichnung nach § 5 DDG und § 18 Abs. 2 MStV."""

    provider_name = models.CharField(
        "Anbieter (Name der Organisation)", max_length=255, help_text="Vollständiger Name des Diensteanbieters."
    )
    legal_form = models.CharField("Rechtsform", max_length=255, blank=True, help_text="z. B. „eingetragener Verein“.")
    street = models.CharField("Straße und Hausnummer", max_length=255)
    postcode = models.CharField("Postleitzahl", max_length=10)
    city = models.CharField("Ort", max_length=100)
    represented_by = models.CharField(
        "Vertreten durch", max_length=255, help_text="Vertretungsberechtigte Person(en) mit Funktion."
    )
    email = models.EmailField("E-Mail", help_text="Adresse für eine schnelle elektronische Kontaktaufnahme.")
    phone = models.CharField("Telefon", max_length=50, blank=True)
    register_entry = models.CharField(
        "Registereintrag", max_length=255, blank=True, help_text="Register und Registernummer, falls vorhanden."
    )
    vat_id = models.CharField("Umsatzsteuer-Identifikationsnummer", max_length=50, blank=True)
    supervisory_authority = models.CharField(
        "Aufsichtsbehörde", max_length=255, blank=True, help_text="Zuständige Aufsichtsbehörde, falls vorhanden."
    )
    responsible_name = models.CharField(
        "Inhaltlich verantwortlich (Name)",
        max_length=255,
        help_text="Verantwortlich nach § 18 Abs. 2 MStV: Name der Person.",
    )
    responsible_address = models.TextField(
        "Inhaltlich verantwortlich (Anschrift)", help_text="Anschrift der verantwortlichen Person."
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("provider_name"),
                FieldPanel("legal_form"),
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("represented_by"),
            ],
            heading="Anbieter (§ 5 DDG)",
        ),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading="Kontakt"),
        MultiFieldPanel(
            [FieldPanel("register_entry"), FieldPanel("vat_id"), FieldPanel("supervisory_authority")],
            heading="Weitere Pflichtangaben (falls zutreffend)",
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_name"), FieldPanel("responsible_address")],
            heading="Verantwortlich nach § 18 Abs. 2 MStV",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*LegalPage.search_fields, index.SearchField("provider_name")]
    template = "home/impressum_page.html"

    class Meta:
        verbose_name = "Impressum"
        verbose_name_plural = "Impressum"


class PrivacyPage(LegalPage):
    """Datenschutzerklärung (Art. 13 DSGVO) with the controller and the data protection officer."""

    controller = models.TextField(
        "Verantwortliche Stelle", help_text="Name und Anschrift des Verantwortlichen im Sinne der DSGVO."
    )
    dpo_contact = models.TextField(
        "Datenschutzbeauftragte/r", blank=True, help_text="Kontaktdaten der oder des Datenschutzbeauftragten."
    )

    content_panels = [*Page.content_panels, FieldPanel("controller"), FieldPanel("dpo_contact"), FieldPanel("body")]
    template = "home/privacy_page.html"

    class Meta:
        verbose_name = "Datenschutzerklärung"
        verbose_name_plural = "Datenschutzerklärungen"


class AccessibilityPage(LegalPage):
    """Erklärung zur Barrierefreiheit nach BITV 2.0."""

    CONFORMANCE_CHOICES = [
        ("full", "vollständig vereinbar"),
        ("partial", "teilweise vereinbar"),
        ("none", "nicht vereinbar"),
    ]
    conformance_status = models.CharField(
        "Stand der Vereinbarkeit",
        max_length=10,
        choices=CONFORMANCE_CHOICES,
        default="partial",
        help_text="Wie weit die Website die Anforderungen der BITV 2.0 erfüllt.",
    )
    conformance_text = RichTextField(
        "Erläuterung zum Stand", features=RICH_TEXT_FEATURES, blank=True, help_text="Grundlage der Bewertung."
    )
    non_accessible_content = RichTextField(
        "Nicht barrierefreie Inhalte",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Welche Inhalte nicht barrierefrei sind, warum, und welche Alternativen es gibt.",
    )
    assessment_method = models.CharField(
        "Methode der Bewertung", max_length=255, default="Selbstbewertung", help_text="z. B. „Selbstbewertung“."
    )
    statement_date = models.DateField("Erstellt am", help_text="Datum, an dem die Erklärung erstellt wurde.")
    reviewed_date = models.DateField("Zuletzt überprüft am", null=True, blank=True)
    feedback_contact = models.CharField(
        "Feedback: Ansprechperson oder Stelle", max_length=255, help_text="Wer Rückmeldungen zu Barrieren bearbeitet."
    )
    feedback_email = models.EmailField("Feedback: E-Mail")
    feedback_phone = models.CharField("Feedback: Telefon", max_length=50, blank=True)
    enforcement_text = RichTextField(
        "Schlichtungsverfahren",
        features=RICH_TEXT_FEATURES,
        help_text="Hinweis auf die Schlichtungsstelle nach § 16 BGG mit Kontaktdaten.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("conformance_status"),
                FieldPanel("conformance_text"),
                FieldPanel("assessment_method"),
                FieldPanel("statement_date"),
                FieldPanel("reviewed_date"),
            ],
            heading="Stand der Vereinbarkeit",
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [FieldPanel("feedback_contact"), FieldPanel("feedback_email"), FieldPanel("feedback_phone")],
            heading="Feedback-Mechanismus",
        ),
        FieldPanel("enforcement_text"),
        FieldPanel("body"),
    ]
    template = "home/accessibility_page.html"

    class Meta:
        verbose_name = "Barrierefreiheitserklärung"
        verbose_name_plural = "Barrierefreiheitserklärungen"
