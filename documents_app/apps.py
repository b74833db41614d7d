from django.apps import AppConfig


class DocumentsAppConfig(AppConfig):
    """The document library: custom document model, library page, upload rules, text extraction."""

    name = "documents_app"
    verbose_name = "Dokumente"

    def ready(self):
        from documents_app.signal_handlers import register_signal_handlers

        register_signal_handlers()

    def load_demo_content(self, loader, stdout):
        from documents_app import demo

        demo.load(loader, stdout)
