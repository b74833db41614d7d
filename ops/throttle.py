"""Counting requests per key in a sliding window, in the database.

For limits that must hold across all worker processes and servers and survive a Redis outage
(password-reset mails). Keys are stored as SHA-256 digests: the table never holds an address.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import Q
from django.utils import timezone


def _digest(scope, key):
    return hashlib.sha256(f"{scope}\x00{key}".encode("utf-8", "surrogateescape")).hexdigest()


def hit(limits, *, window, now=None):
    """Record one request for every ``(scope, key, limit)`` in ``limits`` and return True when any
    of them is now over its limit. Refused requests count too (a blocked client stays blocked)."""
    from ops.models import ThrottleEvent

    now = now or timezone.now()
    since = now - window
    digests = {(scope, _digest(scope, key)): limit for scope, key, limit in limits}
    ThrottleEvent.objects.bulk_create(
        [ThrottleEvent(scope=scope, key=digest, created_at=now) for scope, digest in digests]
    )
    over = False
    for (scope, digest), limit in digests.items():
        if ThrottleEvent.objects.filter(scope=scope, key=digest, created_at__gt=since).count() > limit:
            over = True
    # Old events are no use to anybody: drop them as we go (cheap with the index).
    ThrottleEvent.objects.filter(Q(created_at__lt=now - max(window, datetime.timedelta(days=1)))).delete()
    return over
