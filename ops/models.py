"""The outbox: every mail the site sends is stored here first (ops/mail.py)."""

from django.db import models

from ops.mail_kinds import kind_label


class OutgoingMail(models.Model):
    """One mail on its way out.

    Sending happens after the request's transaction commits; when the mail server is down or slow
    the mail stays here and ``manage.py send_queued_mail`` (a periodic job) tries again. Editors
    see in the admin which confirmations could not be delivered. The body is never shown in the
    admin (password links are in it) and is removed once the mail is sent.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Wartet auf Versand"
        SENDING = "sending", "Wird gesendet"
        SENT = "sent", "Versendet"
        FAILED = "failed", "Fehlgeschlagen – neuer Versuch folgt"
        ABANDONED = "abandoned", "Endgültig fehlgeschlagen"

    kind = models.CharField("Art", max_length=40, blank=True, db_index=True)
    subject = models.CharField("Betreff", max_length=998)
    to = models.JSONField("Empfänger", default=list)
    reply_to = models.JSONField("Antwort an", default=list, blank=True)
    from_email = models.CharField("Absender", max_length=254, blank=True)
    body = models.TextField("Text", blank=True)
    html_body = models.TextField("HTML-Text", blank=True)
    attachments = models.JSONField("Anhänge", default=list, blank=True)
    status = models.CharField("Status", max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField("Versuche", default=0)
    last_error = models.TextField("Letzter Fehler", blank=True)
    created_at = models.DateTimeField("Angelegt", auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField("Letzter Versuch", null=True, blank=True)
    next_attempt_at = models.DateTimeField("Nächster Versuch", null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField("Versendet am", null=True, blank=True)

    class Meta:
        verbose_name = "Ausgehende E-Mail"
        verbose_name_plural = "Ausgehende E-Mails"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"

    @property
    def recipients(self):
        return ", ".join(self.to)

    @property
    def kind_label(self):
        return kind_label(self.kind)


class ThrottleEvent(models.Model):
    """One counted request for a rate limit (ops/throttle.py); the key is a digest, never an address."""

    scope = models.CharField("Bereich", max_length=40)
    key = models.CharField("Schlüssel (Hash)", max_length=64)
    created_at = models.DateTimeField("Zeitpunkt", db_index=True)

    class Meta:
        verbose_name = "Zähler für Ratenbegrenzung"
        verbose_name_plural = "Zähler für Ratenbegrenzung"
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="ops_throttle_lookup")]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
