from django.db import models
from wagtail.search import index

from home import visibility
from home.models.pages import IntroBodyPage

BUNDESLAENDER = [
    ("BW", "Baden-Württemberg"),
    ("BY", "Bayern"),
    ("BE", "Berlin"),
    ("BB", "Brandenburg"),
    ("HB", "Bremen"),
    ("HH", "Hamburg"),
    ("HE", "Hessen"),
    ("MV", "Mecklenburg-Vorpommern"),
    ("NI", "Niedersachsen"),
    ("NW", "Nordrhein-Westfalen"),
    ("RP", "Rheinland-Pfalz"),
    ("SL", "Saarland"),
    ("SN", "Sachsen"),
    ("ST", "Sachsen-Anhalt"),
    ("SH", "Schleswig-Holstein"),
    ("TH", "Thüringen"),
]


class Vergleichsring(models.Model):
    """A benchmarking circle of roughly ten Optionskommunen that meets three times a year."""

    number = models.PositiveSmallIntegerField("Nummer", unique=True, help_text="Laufende Nummer des Vergleichsrings.")
    name = models.CharField(
        "Bezeichnung", max_length=100, blank=True, help_text="Optional; sonst „Vergleichsring <Nummer>“."
    )

    class Meta:
        verbose_name = "Vergleichsring"
        verbose_name_plural = "Vergleichsringe"
        ordering = ["number"]

    def __str__(self):
        return self.name or f"Vergleichsring {self.number}"


class Kommune(index.Indexed, models.Model):
    """An Optionskommune (zugelassener kommunaler Träger nach KomtrZV).

    Indexed for the site search with its public fields only: the member-only contact fields are
    never indexed, so nobody can find a Kommune by a contact person's name.
    """

    KIND_CHOICES = [("landkreis", "Landkreis"), ("kreisfreie_stadt", "kreisfreie Stadt")]

    name = models.CharField(
        "Name", max_length=200, unique=True, help_text="Schreibweise wie in der KomtrZV, z. B. „Landkreis Heidekreis“."
    )
    kind = models.CharField("Art", max_length=20, choices=KIND_CHOICES, help_text="Landkreis oder kreisfreie Stadt.")
    bundesland = models.CharField(
        "Bundesland", max_length=2, choices=BUNDESLAENDER, help_text="Land, in dem die Kommune liegt."
    )
    since = models.PositiveSmallIntegerField(
        "Optionskommune seit", null=True, blank=True, help_text="Jahr der Zulassung; leer, wenn unbekannt."
    )
    website = models.URLField("Website", blank=True, help_text="Vollständige Adresse mit https://.")
    jobcenter_name = models.CharField(
        "Name des Jobcenters", max_length=200, blank=True, help_text="z. B. „Jobcenter Landkreis Biberach“."
    )
    vergleichsring = models.ForeignKey(
        Vergleichsring,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kommunen",
        verbose_name="Vergleichsring",
        help_text="Der Vergleichsring, in dem die Kommune mitarbeitet.",
    )
    contact_name = models.CharField(
        "Ansprechperson (nur Mitglieder)", max_length=200, blank=True, help_text="Nur für Mitglieder sichtbar."
    )
    contact_email = models.EmailField("E-Mail (nur Mitglieder)", blank=True, help_text="Nur für Mitglieder sichtbar.")
    contact_phone = models.CharField(
        "Telefon (nur Mitglieder)", max_length=50, blank=True, help_text="Nur für Mitglieder sichtbar."
    )

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("jobcenter_name"),
        index.SearchField("get_kind_display"),
        index.SearchField("get_bundesland_display"),
        index.FilterField("id"),
        index.FilterField("bundesland"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "Optionskommune"
        verbose_name_plural = "Optionskommunen"
        ordering = ["bundesland", "name"]

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        """Fragment id of this Kommune's row on the Projektteilnehmer page."""
        return f"kommune-{self.pk}"

    @property
    def since_display(self):
        return str(self.since) if self.since else "unbekannt"

    @property
    def search_summary(self):
        """One line for search results (public fields only)."""
        parts = [self.get_kind_display(), self.get_bundesland_display(), f"Optionskommune seit {self.since_display}"]
        if self.jobcenter_name:
            parts.append(self.jobcenter_name)
        return " · ".join(parts)


def can_see_member_fields(request) -> bool:
    """Whether this request may see the member-only contact fields.

    Decided by the visibility rule: whoever may see the Interner Bereich is a member. Without an
    Interner Bereich nobody is.
    """
    from home.models import InternalAreaPage

    if request is None or not getattr(request, "user", None) or not request.user.is_authenticated:
        return False
    return visibility.visible_pages(request, InternalAreaPage.objects.all()).exists()


class ParticipantIndexPage(IntroBodyPage):
    """The Projektteilnehmer page: the directory of the Optionskommunen."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "participants/participant_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from participants import directory

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = directory.build(request)
        return context

    class Meta:
        verbose_name = "Projektteilnehmer-Verzeichnis"
        verbose_name_plural = "Projektteilnehmer-Verzeichnisse"
