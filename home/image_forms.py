from wagtail.images.forms import BaseImageForm

PUBLIC_IMAGES_NOTE = (
    "Achtung: Bilder sind immer öffentlich abrufbar, auch wenn sie nur im Internen Bereich verwendet "
    "werden. Interne Grafiken (z. B. Diagramme aus Sitzungsunterlagen) bitte als Dokument in die "
    "Sammlung „Intern“ hochladen."
)


class PublicImageForm(BaseImageForm):
    """Wagtail's image form with the note that images cannot be protected (add, edit, chooser)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            existing = self.fields["file"].help_text
            self.fields["file"].help_text = f"{PUBLIC_IMAGES_NOTE} {existing}".strip()
        from home.collections import IMAGE_COLLECTION_HELP, limit_collection_field

        limit_collection_field(self, public_only=True, help_text=IMAGE_COLLECTION_HELP)

    def clean_collection(self):
        from home.collections import clean_collection

        return clean_collection(self)
