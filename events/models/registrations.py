from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower


class Registration(models.Model):
    """One Anmeldung for an event: personal data, deleted a set number of days after the event.

    The same email address can register only once per event (a unique constraint on the lower-cased
    address); the last seat is protected by a row lock on the event (see ``events.registration``).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Bestätigt"
        WAITING = "waiting", "Warteliste"
        CANCELLED = "cancelled", "Storniert"

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations", verbose_name="Veranstaltung"
    )
    name = models.CharField("Name", max_length=200, help_text="Vor- und Nachname.")
    kommune = models.ForeignKey(
        "participants.Kommune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Kommune",
        help_text="Die Optionskommune, für die die Person kommt.",
    )
    organisation = models.CharField(
        "Organisation", max_length=255, blank=True, help_text="Wenn keine Kommune aus der Liste passt."
    )
    email = models.EmailField("E-Mail-Adresse", help_text="An diese Adresse geht die Bestätigung.")
    people = models.PositiveSmallIntegerField(
        "Anzahl Personen",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="Wie viele Personen diese Anmeldung umfasst.",
    )
    remarks = models.TextField("Anmerkungen", blank=True, help_text="z. B. Hinweise zur Barrierefreiheit.")
    consent_at = models.DateTimeField(
        "Einwilligung erteilt am", help_text="Zeitpunkt der Einwilligung in die Datenverarbeitung."
    )
    status = models.CharField(
        "Status",
        max_length=20,
        choices=Status.choices,
        default=Status.CONFIRMED,
        help_text="Bestätigt, Warteliste oder storniert.",
    )
    created_at = models.DateTimeField("Angemeldet am", auto_now_add=True)

    class Meta:
        verbose_name = "Anmeldung"
        verbose_name_plural = "Anmeldungen"
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "event", name="events_registration_unique_email_per_event"),
            models.CheckConstraint(condition=models.Q(people__gte=1), name="events_registration_people_positive"),
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def organisation_display(self):
        return str(self.kommune) if self.kommune_id else self.organisation

    organisation_display.fget.short_description = "Organisation"
