from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home import response_privacy, visibility
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

    group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="vergleichsring",
        verbose_name="Gruppe",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="vergleichsring",
        verbose_name="Dokumentensammlung",
    )

    class Meta:
        verbose_name = "Vergleichsring"
        verbose_name_plural = "Vergleichsringe"
        ordering = ["number"]

    def __str__(self):
        return self.name or self.group_name

    @property
    def group_name(self):
        """The name of the ring's group (fixed: ``Vergleichsring <Nummer>``)."""
        return f"Vergleichsring {self.number}"


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


class MemberProfile(models.Model):
    """What the site knows about a member beyond Django's user: Kommune, roles, subscriptions.

    The Kommune decides the member's Vergleichsring; the groups ``Vergleichsring <n>``,
    ``Arbeitskreis Option`` and ``Moderation`` follow from this profile (``participants.rings``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blok_profile", verbose_name="Konto"
    )
    kommune = models.ForeignKey(
        Kommune,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_profiles",
        verbose_name="Kommune",
        help_text="Die Optionskommune, für die das Mitglied arbeitet. Sie bestimmt den Vergleichsring.",
    )
    ak_option = models.BooleanField(
        "Arbeitskreis Option",
        default=False,
        help_text="Das Mitglied hat einen Sitz im Arbeitskreis Option und sieht dessen Arbeitsbereich.",
    )
    moderation = models.BooleanField(
        "Moderation",
        default=False,
        help_text="Mitarbeitende des Auftragnehmers (gfa | public): sehen die Arbeitsbereiche aller Ringe.",
    )
    digest_opt_in = models.BooleanField(
        "„Neu für Sie“ abonniert",
        default=False,
        help_text="Wöchentliche E-Mail mit neuen Seiten, Dokumenten und Terminen, die das Mitglied sehen darf.",
    )
    digest_checked_until = models.DateTimeField("Neuigkeiten geprüft bis", null=True, blank=True, editable=False)
    digest_last_sent_at = models.DateTimeField("Letzte „Neu für Sie“-Mail", null=True, blank=True, editable=False)
    calendar_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Mitgliedsprofil"
        verbose_name_plural = "Mitgliedsprofile"

    def __str__(self):
        return f"Profil von {self.user}"

    @property
    def vergleichsring(self):
        return self.kommune.vergleichsring if self.kommune_id and self.kommune else None


class DigestRun(models.Model):
    """One run of ``send_digests`` (shown to editors as "letzter Versand")."""

    started_at = models.DateTimeField("Beginn", auto_now_add=True)
    finished_at = models.DateTimeField("Ende", null=True, blank=True)
    members_checked = models.PositiveIntegerField("geprüfte Mitglieder", default=0)
    mails_queued = models.PositiveIntegerField("versandte Mails", default=0)
    failures = models.PositiveIntegerField("Fehler", default=0)

    class Meta:
        verbose_name = "„Neu für Sie“-Versand"
        verbose_name_plural = "„Neu für Sie“-Versände"
        ordering = ["-started_at"]

    def __str__(self):
        return f"Versand vom {self.started_at:%d.%m.%Y %H:%M}"


class RingWorkspacePage(IntroBodyPage):
    """The closed workspace of one Vergleichsring or of the Arbeitskreis Option.

    Lives below the Interner Bereich and carries its own ``PageViewRestriction`` (groups: the
    ring's group or "Arbeitskreis Option", plus "Moderation"), kept in place on every save. So the
    single visibility rule hides the workspace, its meetings (event pages below it) and anything
    else below it from everybody else, in every channel.
    """

    KIND_RING = "ring"
    KIND_AK_OPTION = "ak_option"
    KIND_CHOICES = [(KIND_RING, "Vergleichsring"), (KIND_AK_OPTION, "Arbeitskreis Option")]

    kind = models.CharField(
        "Art des Arbeitsbereichs",
        max_length=20,
        choices=KIND_CHOICES,
        default=KIND_RING,
        help_text="Arbeitsbereich eines Vergleichsrings oder des Arbeitskreises Option.",
    )
    ring = models.OneToOneField(
        Vergleichsring,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workspace",
        verbose_name="Vergleichsring",
        help_text="Nur bei Art „Vergleichsring“: wessen Arbeitsbereich ist das? Nur dieser Ring und die "
        "Moderation sehen ihn.",
    )

    parent_page_types = ["home.InternalAreaPage"]
    subpage_types = ["events.EventPage", "home.StandardPage"]
    template = "participants/ring_workspace_page.html"
    content_panels = [*IntroBodyPage.content_panels, FieldPanel("kind"), FieldPanel("ring")]

    class Meta:
        verbose_name = "Arbeitsbereich (Vergleichsring / AK Option)"
        verbose_name_plural = "Arbeitsbereiche (Vergleichsringe / AK Option)"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.kind == self.KIND_RING and not self.ring_id:
            raise ValidationError({"ring": "Bitte wählen Sie den Vergleichsring dieses Arbeitsbereichs."})
        if self.kind == self.KIND_AK_OPTION:
            self.ring = None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from participants import rings

        rings.ensure_workspace_restriction(self)

    def get_context(self, request, *args, **kwargs):
        from participants import rings

        context = super().get_context(request, *args, **kwargs)
        context.update(rings.workspace_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response_privacy.depends_on_visitor(request)  # a closed workspace: never in a shared cache
        return super().serve(request, *args, **kwargs)
