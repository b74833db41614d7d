from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search with German word forms that respects the visibility rule."""

    name = "search"
    verbose_name = "Suche"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from search.models import SynonymGroup, forget_synonyms

        post_save.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
        post_delete.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")

    def load_demo_content(self, loader, stdout):
        from search import demo

        demo.load(loader, stdout)
