from django.apps import AppConfig


class DocumentsAppConfig(AppConfig):
    """The document library: custom document model, library page, upload rules, text extraction."""

    name = "documents_app"
    verbose_name = "Dokumente"
