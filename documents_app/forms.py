from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from documents_app.validation import clean_filename, validate_document_upload


class BlokDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the site's upload rules.

    Set as ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, so the add, edit and multiple-upload views of the
    admin all refuse files that are not what they claim to be, with a German message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from home.collections import DOCUMENT_COLLECTION_HELP, limit_collection_field

        limit_collection_field(self, help_text=DOCUMENT_COLLECTION_HELP)

        note = getattr(self.instance, "extraction_note", "") if self.instance and self.instance.pk else ""
        if note and "file" in self.fields:
            # The editor learns why the document is found only by its title and description.
            existing = self.fields["file"].help_text or ""
            self.fields["file"].help_text = f"Hinweis: {note} {existing}".strip()

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            validate_document_upload(uploaded)
            uploaded.name = clean_filename(uploaded.name)
        return uploaded

    def clean_collection(self):
        from home.collections import clean_collection

        return clean_collection(self)
