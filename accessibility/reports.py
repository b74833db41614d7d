"""Barrier reports: rate limit, mail to the feedback address (through the outbox), retention."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from home import public_address
from ops.mail import send_mail_later

logger = logging.getLogger(__name__)

RATE_LIMIT = 5  # reports per client address …
RATE_WINDOW = 3600  # … per hour


def retention_days() -> int:
    return int(settings.BARRIER_REPORT_RETENTION_DAYS)


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


def mail_report(report):
    to = feedback_address()
    if not to:
        logger.warning("No feedback address for barrier report %s", report.pk)
        return
    admin_url = public_address.absolute(reverse("wagtailsnippets_accessibility_barrierreport:edit", args=[report.pk]))
    body = (
        "Über das Formular „Barriere melden“ ist eine neue Meldung eingegangen.\n\n"
        f"Eingegangen am: {timezone.localtime(report.created_at):%d.%m.%Y %H:%M} Uhr\n"
        f"Seite: {report.page_url or '(keine Angabe)'}\n"
        f"E-Mail für Rückfragen: {report.email or '(keine Angabe)'}\n\n"
        f"Beschreibung:\n{report.problem}\n\n"
        "Bitte antworten Sie unverzüglich, spätestens innerhalb eines Monats.\n"
        f"Meldung in der Redaktionsoberfläche: {admin_url}\n"
    )
    # The outbox stores the mail and sends it after the commit; SMTP failures are retried later.
    send_mail_later(
        "Barriere gemeldet", body, [to], reply_to=[report.email] if report.email else None, kind="barrier_report"
    )


def delete_old_reports(now=None) -> int:
    from accessibility.models import BarrierReport

    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    deleted, _ = BarrierReport.objects.filter(created_at__lt=cutoff).delete()
    return deleted
