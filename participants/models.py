from django.db import models

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

    number = models.PositiveSmallIntegerField("Nummer", unique=True)
    name = models.CharField("Bezeichnung", max_length=100, blank=True)

    class Meta:
        verbose_name = "Vergleichsring"
        verbose_name_plural = "Vergleichsringe"
        ordering = ["number"]

    def __str__(self):
        return self.name or f"Vergleichsring {self.number}"


class Kommune(models.Model):
    """An Optionskommune (zugelassener kommunaler Träger nach KomtrZV)."""

    KIND_CHOICES = [("landkreis", "Landkreis"), ("kreisfreie_stadt", "kreisfreie Stadt")]

    name = models.CharField("Name", max_length=200, unique=True)
    kind = models.CharField("Art", max_length=20, choices=KIND_CHOICES)
    bundesland = models.CharField("Bundesland", max_length=2, choices=BUNDESLAENDER)
    since = models.PositiveSmallIntegerField(
        "Optionskommune seit", null=True, blank=True, help_text="Jahr der Zulassung; leer, wenn unbekannt."
    )
    website = models.URLField("Website", blank=True)
    jobcenter_name = models.CharField("Name des Jobcenters", max_length=200, blank=True)
    vergleichsring = models.ForeignKey(
        Vergleichsring,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kommunen",
        verbose_name="Vergleichsring",
    )
    contact_name = models.CharField(
        "Ansprechperson (nur Mitglieder)", max_length=200, blank=True, help_text="Nur für Mitglieder sichtbar."
    )
    contact_email = models.EmailField("E-Mail (nur Mitglieder)", blank=True, help_text="Nur für Mitglieder sichtbar.")
    contact_phone = models.CharField(
        "Telefon (nur Mitglieder)", max_length=50, blank=True, help_text="Nur für Mitglieder sichtbar."
    )

    class Meta:
        verbose_name = "Optionskommune"
        verbose_name_plural = "Optionskommunen"
        ordering = ["bundesland", "name"]

    def __str__(self):
        return self.name


class ParticipantIndexPage(IntroBodyPage):
    """The Projektteilnehmer page: the directory of the Optionskommunen."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "participants/participant_index_page.html"

    class Meta:
        verbose_name = "Projektteilnehmer-Verzeichnis"
        verbose_name_plural = "Projektteilnehmer-Verzeichnisse"
