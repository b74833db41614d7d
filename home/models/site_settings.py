from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact data and footer content that editors maintain in the admin."""

    contact_name = models.CharField(
        "Kontakt: Name", max_length=255, blank=True, help_text="Stelle oder Person für allgemeine Anfragen."
    )
    contact_email = models.EmailField("Kontakt: E-Mail", blank=True)
    contact_phone = models.CharField("Kontakt: Telefon", max_length=50, blank=True)
    contact_address = models.TextField("Kontakt: Anschrift", blank=True)
    footer_text = models.TextField(
        "Fußzeilentext", blank=True, help_text="Kurzer Text im Seitenfuß, z. B. die Träger des Projekts."
    )
    external_link_label = models.CharField(
        "Externer Link: Text", max_length=100, default="Kommunen für Arbeit", help_text="Linktext im Seitenfuß."
    )
    external_link_url = models.URLField(
        "Externer Link: Adresse",
        blank=True,
        help_text="Adresse des Angebots „Kommunen für Arbeit“; leer lassen, um den Link auszublenden.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Kontakt",
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("external_link_label"), FieldPanel("external_link_url")],
            heading="Seitenfuß",
        ),
    ]

    class Meta:
        verbose_name = "Website-Einstellungen"
