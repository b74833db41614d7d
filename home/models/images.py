from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Image with accessible alternative text and a credit line.

    Wagtail cannot protect images (renditions are public files): internal graphics belong into
    the document library, never here.
    """

    alt_text = models.CharField(
        "Alternativtext",
        max_length=255,
        blank=True,
        help_text="Beschreibt, was auf dem Bild zu sehen ist (für Screenreader). "
        "Pflicht, außer das Bild ist rein dekorativ.",
    )
    is_decorative = models.BooleanField(
        "Rein dekorativ",
        default=False,
        help_text="Nur ankreuzen, wenn das Bild keine Information trägt; es bekommt dann einen leeren Alternativtext.",
    )
    credit = models.CharField(
        "Bildnachweis",
        max_length=255,
        blank=True,
        help_text="Urheber oder Quelle, z. B. „Foto: Max Mustermann“.",
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "is_decorative", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "Bild"
        verbose_name_plural = "Bilder"

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.alt_text or "").strip():
            raise ValidationError(
                {"alt_text": "Bitte einen Alternativtext eingeben oder das Bild als rein dekorativ markieren."}
            )

    @property
    def default_alt_text(self):
        if self.is_decorative:
            return ""
        return self.alt_text or self.title


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
