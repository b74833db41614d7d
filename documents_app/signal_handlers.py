from django.db import transaction
from django.db.models.signals import post_save

from documents_app.tasks import extract_document_text_task


def enqueue_text_extraction(sender, instance, raw=False, **kwargs):
    """After an upload (or a replaced file) is committed, extract its text in the background."""
    if raw or not instance.file:
        return
    if instance.file_hash and instance.extracted_from_hash == instance.file_hash:
        return
    document_id = instance.pk
    transaction.on_commit(lambda: extract_document_text_task.enqueue(document_id))


def register_signal_handlers():
    from documents_app.models import BlokDocument

    post_save.connect(enqueue_text_extraction, sender=BlokDocument, dispatch_uid="blok_document_text_extraction")
