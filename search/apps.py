from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search with German word forms that respects the visibility rule."""

    name = "search"
    verbose_name = "Suche"

    def load_demo_content(self, loader, stdout):
        from search import demo

        demo.load(loader, stdout)
