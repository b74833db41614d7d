"""Vergleichsringe: groups, workspaces, collections and members' personal tokens.

Everything that decides *who sees what* stays in ``home.visibility``. This module only keeps the
inputs of that rule right:

* every ring has a group ``Vergleichsring <n>``; there are two more managed groups,
  ``Arbeitskreis Option`` (seat assigned by editors) and ``Moderation`` (the contractor's staff);
* a member's groups follow their profile: the Kommune's ring, the AK-Option seat, the moderation
  flag — and nothing while the account is deactivated (``sync_member``);
* every ring (and the AK Option) has a workspace page and a document collection, each with a
  group view restriction for its group plus ``Moderation``.

Signals (``participants/signals.py``) call these functions when an editor moves a Kommune to
another ring, changes a member's Kommune or flags, or deactivates an account.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AnonymousUser, Group
from django.core import signing
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

AK_OPTION_GROUP = "Arbeitskreis Option"
MODERATION_GROUP = "Moderation"
RING_GROUP_PREFIX = "Vergleichsring "
INTERNAL_COLLECTION = "Intern"
UNSUBSCRIBE_SALT = "participants.digest.unsubscribe"


# --- groups -----------------------------------------------------------------------------------


def special_group(name) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    return group


def ensure_ring_group(ring) -> Group:
    """The ring's group, created or renamed to ``Vergleichsring <n>``."""
    group = ring.group
    if group is None:
        group, _ = Group.objects.get_or_create(name=ring.group_name)
        type(ring).objects.filter(pk=ring.pk).update(group=group)
        ring.group = group
    elif group.name != ring.group_name:
        group.name = ring.group_name
        group.save(update_fields=["name"])
    return group


def managed_group_ids() -> set[int]:
    from participants.models import Vergleichsring

    ids = set(Vergleichsring.objects.exclude(group=None).values_list("group_id", flat=True))
    ids.update(Group.objects.filter(name__in=[AK_OPTION_GROUP, MODERATION_GROUP]).values_list("id", flat=True))
    return ids


def desired_group_ids(user, profile) -> set[int]:
    if profile is None or not user.is_active:
        return set()
    wanted = set()
    ring = profile.kommune.vergleichsring if profile.kommune_id else None
    if ring is not None:
        wanted.add(ensure_ring_group(ring).pk)
    if profile.ak_option:
        wanted.add(special_group(AK_OPTION_GROUP).pk)
    if profile.moderation:
        wanted.add(special_group(MODERATION_GROUP).pk)
    return wanted


def sync_member(user) -> bool:
    """Bring the user's ring/AK/moderation groups in line with the profile. True if they changed.

    A change of these groups changes what the member may see: the personal calendar address is
    revoked (the member creates a new one on /konto/kalender/).
    """
    from participants.models import MemberProfile

    profile = MemberProfile.objects.filter(user=user).select_related("kommune__vergleichsring").first()
    managed = managed_group_ids()
    wanted = desired_group_ids(user, profile)
    managed |= wanted
    current = set(user.groups.filter(pk__in=managed).values_list("id", flat=True))
    if current == wanted:
        return False
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))
    if profile is not None:
        revoke_calendar_token(profile)
    return True


def sync_kommune_members(kommune) -> int:
    """Re-sync every member of a Kommune (after it moved to another ring)."""
    from participants.models import MemberProfile

    changed = 0
    for profile in MemberProfile.objects.filter(kommune=kommune).select_related("user"):
        changed += sync_member(profile.user)
    return changed


# --- collections and workspaces ----------------------------------------------------------------


def _set_groups(restriction, groups):
    wanted = {group.pk for group in groups}
    current = set(restriction.groups.values_list("id", flat=True))
    if current != wanted:
        restriction.groups.set(groups)


def _collection_parent() -> Collection:
    root = Collection.get_first_root_node()
    internal = root.get_children().filter(name=INTERNAL_COLLECTION).first()
    return internal or root


def _ensure_collection(name, existing=None) -> Collection:
    if existing is not None:
        if existing.name != name:
            existing.name = name
            existing.save(update_fields=["name"])
        return existing
    parent = _collection_parent()
    collection = parent.get_children().filter(name=name).first()
    if collection is None:
        collection = parent.add_child(name=name)
    return Collection.objects.get(pk=collection.pk)


def _restrict_collection(collection, groups):
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    _set_groups(restriction, groups)


def ensure_ring_collection(ring) -> Collection:
    """The ring's document collection (below "Intern"), restricted to the ring and Moderation."""
    collection = _ensure_collection(ring.group_name, ring.collection)
    if ring.collection_id != collection.pk:
        type(ring).objects.filter(pk=ring.pk).update(collection=collection)
        ring.collection = collection
    _restrict_collection(collection, [ensure_ring_group(ring), special_group(MODERATION_GROUP)])
    return collection


def ensure_ak_option_collection() -> Collection:
    parent = _collection_parent()
    collection = _ensure_collection(AK_OPTION_GROUP, parent.get_children().filter(name=AK_OPTION_GROUP).first())
    _restrict_collection(collection, [special_group(AK_OPTION_GROUP), special_group(MODERATION_GROUP)])
    return collection


def ensure_ring(ring):
    """Group and collection of a ring (called when a ring is saved)."""
    ensure_ring_group(ring)
    ensure_ring_collection(ring)


def workspace_groups(page) -> list[Group]:
    if page.kind == page.KIND_AK_OPTION:
        primary = special_group(AK_OPTION_GROUP)
    elif page.ring_id:
        primary = ensure_ring_group(page.ring)
    else:
        primary = None
    return [group for group in (primary, special_group(MODERATION_GROUP)) if group is not None]


def ensure_workspace_restriction(page) -> None:
    """The workspace's view restriction: exactly its group plus Moderation."""
    restriction = PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.GROUPS).first()
    if restriction is None:
        PageViewRestriction.objects.filter(page=page).delete()
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    _set_groups(restriction, workspace_groups(page))
    if page.kind == page.KIND_AK_OPTION:
        ensure_ak_option_collection()


def workspace_collection(page):
    if page.kind == page.KIND_AK_OPTION:
        return Collection.objects.filter(name=AK_OPTION_GROUP).first()
    if page.ring_id and page.ring.collection_id:
        return page.ring.collection
    return None


def ensure_workspace(internal, *, ring=None, title=None, intro="", body=None):
    """The workspace page of ``ring`` (or of the AK Option), created below ``internal`` if missing."""
    from participants.models import RingWorkspacePage

    if ring is not None:
        existing = RingWorkspacePage.objects.filter(ring=ring).first()
    else:
        existing = RingWorkspacePage.objects.filter(kind=RingWorkspacePage.KIND_AK_OPTION).first()
    if existing is not None:
        return existing, False
    kind = RingWorkspacePage.KIND_RING if ring is not None else RingWorkspacePage.KIND_AK_OPTION
    title = title or (str(ring) if ring is not None else AK_OPTION_GROUP)
    slug = f"vergleichsring-{ring.number}" if ring is not None else "arbeitskreis-option"
    page = RingWorkspacePage(title=title, slug=slug, kind=kind, ring=ring, intro=intro, show_in_menus=True)
    if body is not None:
        page.body = body
    internal.add_child(instance=page)
    page.save_revision().publish()
    return RingWorkspacePage.objects.get(pk=page.pk), True


def workspace_context(page, request) -> dict:
    """What a workspace shows: Kommunen and contacts, meetings, documents (all through the rule)."""
    from events.models import EventPage
    from home import visibility
    from participants.models import Kommune

    if page.kind == page.KIND_AK_OPTION:
        kommunen = Kommune.objects.filter(member_profiles__ak_option=True, member_profiles__user__is_active=True)
    elif page.ring_id:
        kommunen = Kommune.objects.filter(vergleichsring_id=page.ring_id)
    else:
        kommunen = Kommune.objects.none()
    meetings = visibility.visible_pages(request, EventPage.objects.descendant_of(page)).select_related("event_type")
    now = timezone.now()
    collection = workspace_collection(page)
    documents = []
    if collection is not None:
        from wagtail.documents import get_document_model

        queryset = get_document_model().objects.filter(collection__path__startswith=collection.path)
        documents = (
            visibility.visible_documents(request, queryset).select_related("collection").order_by("-created_at")[:50]
        )
    return {
        "ring_kommunen": kommunen.distinct().order_by("name"),
        "upcoming_meetings": meetings.upcoming(now),
        "past_meetings": meetings.past(now)[:20],
        "ring_documents": documents,
    }


# --- reading as a member (calendar feed, digest) -----------------------------------------------


class MemberReader:
    """Stands for a request of ``user`` where there is none (calendar feed, digest mail).

    The visibility rule memoises its facts on this object, like on a request."""

    session = None

    def __init__(self, user=None):
        self.user = user if user is not None and user.is_active else AnonymousUser()


# --- personal calendar address -----------------------------------------------------------------


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_calendar_token(profile) -> str:
    """A new secret calendar address token (returned once; only its hash is stored)."""
    raw = secrets.token_urlsafe(32)
    type(profile).objects.filter(pk=profile.pk).update(
        calendar_token_hash=hash_token(raw), calendar_token_created_at=timezone.now()
    )
    profile.calendar_token_hash = hash_token(raw)
    return raw


def revoke_calendar_token(profile) -> None:
    if profile.calendar_token_hash:
        type(profile).objects.filter(pk=profile.pk).update(calendar_token_hash="", calendar_token_created_at=None)
        profile.calendar_token_hash = ""
        profile.calendar_token_created_at = None


def profile_for_calendar_token(raw: str):
    from participants.models import MemberProfile

    if not raw or len(raw) > 100:
        return None
    profile = (
        MemberProfile.objects.select_related("user")
        .filter(calendar_token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    return profile


# --- digest unsubscribe ------------------------------------------------------------------------


def unsubscribe_token(profile) -> str:
    return signing.dumps(profile.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def profile_for_unsubscribe_token(token: str):
    from participants.models import MemberProfile

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return MemberProfile.objects.filter(pk=pk).first()


def get_profile(user, *, create=False):
    from participants.models import MemberProfile

    if user is None or not user.is_authenticated:
        return None
    profile = MemberProfile.objects.select_related("kommune__vergleichsring").filter(user=user).first()
    if profile is None and create:
        with transaction.atomic():
            profile, _ = MemberProfile.objects.get_or_create(user=user)
    return profile
