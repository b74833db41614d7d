"""Barrier reports: rate limit, mail to the feedback address, retention."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

RATE_LIMIT = 5  # reports per client address …
RATE_WINDOW = 3600  # … per hour


def retention_days() -> int:
    return int(getattr(settings, "BARRIER_REPORT_RETENTION_DAYS", 365))


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"barrier-report-rate:{digest}"


def over_rate_limit(request) -> bool:
    """Count this attempt; True once a client sent more than ``RATE_LIMIT`` in the window.

    Without a working cache the limit is off (the form stays usable, the honeypot still works).
    """
    key = client_key(request)
    try:
        if cache.add(key, 1, RATE_WINDOW):
            return False
        return cache.incr(key) > RATE_LIMIT
    except Exception:  # noqa: BLE001
        logger.warning("Rate limit for barrier reports unavailable (cache error)", exc_info=True)
        return False


def feedback_address():
    """The feedback e-mail address from the live Barrierefreiheitserklärung, else the site contact."""
    from home.models import AccessibilityPage, SiteSettings

    statement = AccessibilityPage.objects.live().order_by("path").first()
    if statement and statement.feedback_email:
        return statement.feedback_email
    site_settings = SiteSettings.objects.filter(contact_email__gt="").first()
    return site_settings.contact_email if site_settings else ""


def _send_mail(subject, body, to, reply_to):
    """Through the project's outgoing-mail queue where it exists, else directly; never raises."""
    try:
        from ops.mail import send_mail_later
    except ImportError:
        send_mail_later = None
    if send_mail_later is not None:
        send_mail_later(subject, body, to, reply_to=reply_to, kind="barrier_report")
        return
    from django.core.mail import EmailMessage

    try:
        EmailMessage(subject, body, to=to, reply_to=reply_to).send()
    except Exception:  # noqa: BLE001 - SMTP down: the report is stored and listed in the admin
        logger.exception("Mail for barrier report could not be sent")


def mail_report(report, request=None):
    to = feedback_address()
    if not to:
        logger.warning("No feedback address for barrier report %s", report.pk)
        return
    admin_url = (
        f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/snippets/accessibility/barrierreport/edit/{report.pk}/"
    )
    body = (
        "Über das Formular „Barriere melden“ ist eine neue Meldung eingegangen.\n\n"
        f"Eingegangen am: {timezone.localtime(report.created_at):%d.%m.%Y %H:%M} Uhr\n"
        f"Seite: {report.page_url or '(keine Angabe)'}\n"
        f"E-Mail für Rückfragen: {report.email or '(keine Angabe)'}\n\n"
        f"Beschreibung:\n{report.problem}\n\n"
        "Bitte antworten Sie unverzüglich, spätestens innerhalb eines Monats.\n"
        f"Meldung in der Redaktionsoberfläche: {admin_url}\n"
    )
    _send_mail("Barriere gemeldet", body, [to], [report.email] if report.email else None)


def delete_old_reports(now=None) -> int:
    from accessibility.models import BarrierReport

    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    deleted, _ = BarrierReport.objects.filter(created_at__lt=cutoff).delete()
    return deleted
