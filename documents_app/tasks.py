"""Background work for documents, enqueued the way Wagtail enqueues its own tasks (django_tasks).

With the default immediate backend the task runs right after the upload's transaction commits;
a queue backend in ``TASKS`` moves it off the request without code changes.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def extract_document_text_task(document_id: int) -> None:
    """Store the document's full text and reindex it. A failure is logged, never raised."""
    from wagtail.search import index

    from documents_app.extraction import ExtractionFailed, extract_text_isolated
    from documents_app.models import BlokDocument

    document = BlokDocument.objects.filter(pk=document_id).first()
    if document is None:
        return
    file_hash = document.file_hash or ""
    if file_hash and document.extracted_from_hash == file_hash:
        return
    note = ""
    try:
        text = extract_text_isolated(document)
    except ExtractionFailed as error:  # limits hit or the file is broken: the document stays stored
        logger.warning("Text extraction failed for document %s (%s): %s", document.pk, document.filename, error.reason)
        text, note = "", error.note
    except Exception:  # every library has its own errors; none may stop the upload
        logger.warning("Text extraction failed for document %s (%s)", document.pk, document.filename, exc_info=True)
        text = ""
    BlokDocument.objects.filter(pk=document.pk).update(
        extracted_text=text, extracted_from_hash=file_hash, extraction_note=note
    )
    document.extracted_text = text
    document.extracted_from_hash = file_hash
    document.extraction_note = note
    try:
        index.insert_or_update_object(document)
    except Exception:
        logger.warning("Search index update failed for document %s", document.pk, exc_info=True)
