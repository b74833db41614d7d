"""The weekly "Neu für Sie" mail: new or changed pages, documents and dates a member may see.

Computed with the visibility rule for that member (``rings.MemberReader``), so a member of ring 3
never reads a title of ring 4. A member with nothing new gets no mail. Mails go through the outbox
(``ops.mail.send_mail_later``); an error with one member is logged and the run goes on.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home import public_address, visibility
from ops.mail import send_mail_later
from participants import rings

logger = logging.getLogger(__name__)

INTERVAL = datetime.timedelta(days=7)
MAX_ITEMS = 30
SUBJECT = "Neu für Sie im Benchlearning der Optionskommunen"


@dataclass
class Digest:
    pages: list = field(default_factory=list)
    events: list = field(default_factory=list)
    documents: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.pages or self.events or self.documents)


def compute(user, since) -> Digest:
    """What is new for ``user`` since ``since``, through the visibility rule."""
    from wagtail.models import Page

    from events.models import EventPage

    reader = rings.MemberReader(user)
    changed = visibility.visible_pages(reader, Page.objects.filter(last_published_at__gt=since, depth__gt=1))
    event_ids = set(EventPage.objects.filter(pk__in=changed.values("pk")).values_list("pk", flat=True))
    pages = list(changed.specific().order_by("-last_published_at")[: MAX_ITEMS * 2])
    events = sorted((p for p in pages if p.pk in event_ids), key=lambda p: p.start)[:MAX_ITEMS]
    pages = [p for p in pages if p.pk not in event_ids][:MAX_ITEMS]
    documents = list(
        visibility.visible_documents(reader)
        .filter(created_at__gt=since)
        .select_related("collection")
        .order_by("-created_at")[:MAX_ITEMS]
    )
    return Digest(pages=pages, events=events, documents=documents)


def _absolute(path):
    return public_address.absolute(path)


def render_mail(profile, digest: Digest, since):
    unsubscribe = _absolute(reverse("digest_unsubscribe", kwargs={"token": rings.unsubscribe_token(profile)}))
    context = {
        "user": profile.user,
        "digest": digest,
        "since": since,
        "pages": [(page.title, page.full_url or _absolute(page.url or "/")) for page in digest.pages],
        "events": [(event.title, event.date_display, event.full_url) for event in digest.events],
        "documents": [(doc.title, _absolute(doc.url)) for doc in digest.documents],
        "unsubscribe_url": unsubscribe,
        "settings_url": _absolute(reverse("account_settings")),
    }
    return render_to_string("participants/emails/digest.txt", context), unsubscribe


def due_profiles(now, *, force=False):
    from participants.models import MemberProfile

    profiles = MemberProfile.objects.filter(digest_opt_in=True, user__is_active=True).exclude(user__email="")
    if not force:
        from django.db.models import Q

        profiles = profiles.filter(Q(digest_checked_until=None) | Q(digest_checked_until__lte=now - INTERVAL))
    return profiles.select_related("user").order_by("pk")


def send_digests(*, force=False, now=None, stdout=None):
    """One run over every member whose week is over. Returns the ``DigestRun``."""
    from participants.models import DigestRun, MemberProfile

    now = now or timezone.now()
    run = DigestRun.objects.create()
    for profile in due_profiles(now, force=force):
        run.members_checked += 1
        since = profile.digest_checked_until or (now - INTERVAL)
        try:
            digest = compute(profile.user, since)
            if digest:
                body, _unsubscribe = render_mail(profile, digest, since)
                send_mail_later(SUBJECT, body, [profile.user.email], kind="digest")
                run.mails_queued += 1
                MemberProfile.objects.filter(pk=profile.pk).update(digest_last_sent_at=now)
            MemberProfile.objects.filter(pk=profile.pk).update(digest_checked_until=now)
        except Exception:  # one member's problem never stops the others
            run.failures += 1
            logger.exception("digest for member %s failed", profile.user_id)
    run.finished_at = timezone.now()
    run.save()
    if stdout is not None:
        stdout.write(
            f"„Neu für Sie“: {run.members_checked} Mitglieder geprüft, {run.mails_queued} Mails, {run.failures} Fehler"
        )
    return run
