"""Outgoing mail that never breaks a request.

``send_mail_later()`` stores the mail in the outbox (``ops.OutgoingMail``) and sends it once the
current transaction has committed. A mail server that is down, refuses or does not answer
(``EMAIL_TIMEOUT``) is logged and leaves the mail in the outbox; ``manage.py send_queued_mail``
(a periodic job, ``PERIODIC_JOBS``) tries again with growing pauses and gives up after
``OUTGOING_MAIL_MAX_ATTEMPTS``. Nothing here raises for mail errors.

Each mail is claimed with a conditional UPDATE before it is sent, so the request that queued it
and a concurrent run of ``send_queued_mail`` never send it twice.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# Pause before the n-th retry (minutes); the last value repeats.
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)
# A mail left "sending" this long (the worker died mid-send) is retried.
STALE_SENDING = datetime.timedelta(minutes=15)


def _max_attempts():
    return settings.OUTGOING_MAIL_MAX_ATTEMPTS


def _as_list(value):
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _encode_attachment(attachment):
    if isinstance(attachment, dict):
        filename, content, mimetype = attachment["filename"], attachment["content"], attachment.get("mimetype")
    else:
        filename, content, mimetype = (list(attachment) + [None])[:3]
    if isinstance(content, bytes):
        return {"filename": filename, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode()}
    return {"filename": filename, "mimetype": mimetype, "content": str(content)}


def send_mail_later(subject, body, to, *, html_body=None, attachments=None, reply_to=None, kind="", from_email=None):
    """Queue a mail and send it after the current transaction commits. Returns the outbox entry.

    ``attachments``: ``(filename, content, mimetype)`` tuples (content ``str`` or ``bytes``).
    """
    from ops.models import OutgoingMail

    mail = OutgoingMail.objects.create(
        kind=kind or "",
        subject="".join(str(subject).splitlines())[:998],
        to=_as_list(to),
        reply_to=_as_list(reply_to),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        body=body or "",
        html_body=html_body or "",
        attachments=[_encode_attachment(item) for item in attachments or ()],
    )
    transaction.on_commit(partial(deliver, mail.pk), robust=True)
    return mail


def build_message(mail, connection=None):
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email or settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=mail.reply_to or None,
        connection=connection,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for item in mail.attachments:
        content = base64.b64decode(item["content_b64"]) if "content_b64" in item else item["content"]
        message.attach(item["filename"], content, item.get("mimetype"))
    return message


def _claim(pk, now):
    """Take the mail for sending; False when it is sent, being sent, or given up."""
    from ops.models import OutgoingMail

    claimable = Q(status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.FAILED]) | Q(
        status=OutgoingMail.Status.SENDING, last_attempt_at__lt=now - STALE_SENDING
    )
    return bool(
        OutgoingMail.objects.filter(claimable, pk=pk).update(status=OutgoingMail.Status.SENDING, last_attempt_at=now)
    )


def deliver(pk, connection=None):
    """Send one queued mail now. Returns True when it went out. Never raises."""
    from ops.models import OutgoingMail

    try:
        now = timezone.now()
        if not _claim(pk, now):
            return False
        mail = OutgoingMail.objects.get(pk=pk)
        attempts = mail.attempts + 1
        try:
            build_message(mail, connection=connection).send()
        except Exception as error:  # every mail-server failure: refused, timeout, TLS, auth …
            give_up = attempts >= _max_attempts()
            pause = RETRY_MINUTES[min(attempts, len(RETRY_MINUTES)) - 1]
            OutgoingMail.objects.filter(pk=pk).update(
                status=OutgoingMail.Status.ABANDONED if give_up else OutgoingMail.Status.FAILED,
                attempts=attempts,
                last_error=f"{type(error).__name__}: {error}"[:2000],
                next_attempt_at=None if give_up else now + datetime.timedelta(minutes=pause),
            )
            logger.warning(
                "Mail %s (%s) not sent, attempt %s%s: %s",
                pk,
                mail.kind or "-",
                attempts,
                ", giving up" if give_up else f", retry in {pause} min",
                error,
            )
            return False
        # Sent: keep what editors need to see, drop the content (it may carry password links).
        OutgoingMail.objects.filter(pk=pk).update(
            status=OutgoingMail.Status.SENT,
            attempts=attempts,
            sent_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
            body="",
            html_body="",
            attachments=[],
        )
        return True
    except Exception:
        logger.exception("Mail %s: the outbox itself failed", pk)
        return False


def due_mail_ids(now=None, limit=200):
    from ops.models import OutgoingMail

    now = now or timezone.now()
    due = (
        Q(status=OutgoingMail.Status.QUEUED)
        | Q(status=OutgoingMail.Status.FAILED, next_attempt_at__lte=now)
        | Q(status=OutgoingMail.Status.SENDING, last_attempt_at__lt=now - STALE_SENDING)
    )
    return list(OutgoingMail.objects.filter(due).order_by("created_at", "pk").values_list("pk", flat=True)[:limit])


def send_queued(now=None):
    """Send every due mail over one connection. Returns (sent, failed)."""
    ids = due_mail_ids(now)
    sent = failed = 0
    if not ids:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        for pk in ids:
            if deliver(pk, connection=connection):
                sent += 1
            else:
                failed += 1
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection may fail again
            connection.close()
    return sent, failed


def purge_old(now=None):
    """Delete outbox entries older than ``OUTGOING_MAIL_RETENTION_DAYS`` (they carry addresses)."""
    from ops.models import OutgoingMail

    now = now or timezone.now()
    days = settings.OUTGOING_MAIL_RETENTION_DAYS
    deleted, _ = OutgoingMail.objects.filter(created_at__lt=now - datetime.timedelta(days=days)).delete()
    return deleted


def requeue(mail):
    """An editor asks for another try of a failed mail."""
    from ops.models import OutgoingMail

    updated = OutgoingMail.objects.filter(
        pk=mail.pk, status__in=[OutgoingMail.Status.FAILED, OutgoingMail.Status.ABANDONED]
    ).update(status=OutgoingMail.Status.QUEUED, next_attempt_at=None)
    if updated:
        transaction.on_commit(partial(deliver, mail.pk), robust=True)
    return bool(updated)
