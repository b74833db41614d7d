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

        from wagtail.documents import get_document_model
        from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from search.suggest import forget_vocabulary

        page_published.connect(forget_vocabulary, dispatch_uid="search_vocabulary_published")
        page_unpublished.connect(forget_vocabulary, dispatch_uid="search_vocabulary_unpublished")
        post_page_move.connect(forget_vocabulary, dispatch_uid="search_vocabulary_moved")
        for model in (PageViewRestriction, CollectionViewRestriction):
            post_save.connect(forget_vocabulary, sender=model, dispatch_uid=f"search_vocabulary_{model.__name__}_s")
            post_delete.connect(forget_vocabulary, sender=model, dispatch_uid=f"search_vocabulary_{model.__name__}_d")
        post_delete.connect(forget_vocabulary, sender=Page, dispatch_uid="search_vocabulary_page_deleted")
        post_save.connect(forget_vocabulary, sender=get_document_model(), dispatch_uid="search_vocabulary_document")
        post_delete.connect(forget_vocabulary, sender=get_document_model(), dispatch_uid="search_vocabulary_doc_del")

    def load_demo_content(self, loader, stdout):
        from search import demo

        demo.load(loader, stdout)
