"""What a logged-in user's requests ask about them on every page — their groups (which
restricted subtrees they pass, ``home/visibility.py``) and their model permissions (Wagtail's
user bar asks for ``wagtailadmin.access_admin``) — read once per change, not per request.

Without it a member's page costs three queries more than a reader's: the groups and Django's
two permission queries (the user's own and their groups'). The session and the user row are still
read on every request, so a deactivated user or a logout takes effect at once.

Rules:

* Entries live in the page cache's store (shared by all processes), keyed by the user's id, their
  ``is_active``/``is_superuser`` flags and a version token of their own. The token changes on
  commit of every change that can alter an answer: group memberships, a user's or a group's
  permissions, saving or deleting a user (except the login's ``last_login`` update), a group or a
  permission. A request that read the old token can only store under the old token.
* Only plain values are stored (ids and permission names), never model instances.
* ``DATA_CACHE_ENABLED=0`` switches the storing off: the facts are then read once per request
  (one query for an active user who is not a superuser); an unreachable cache costs that query,
  nothing else.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from ops import datacache, pagecache

logger = logging.getLogger(__name__)

VERSION_KEY = "authfacts:version"
_REQUEST_ATTR = "_blok_auth_facts"


def invalidate():
    """Make every stored answer unreachable (on commit)."""
    pagecache.bump_on_commit(VERSION_KEY, "auth facts")


def _build(user):
    """Groups and permission names of ``user`` — for an active user who is not a superuser in one
    query (Django's backend needs three: groups, own permissions, the groups' permissions)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission
    from django.db.models import CharField, IntegerField, Value

    if not user.is_active or user.is_superuser:
        backend = ModelBackend()
        return {
            "groups": tuple(sorted(user.groups.values_list("id", flat=True))),
            "user_perms": tuple(sorted(backend.get_user_permissions(user))),
            "group_perms": tuple(sorted(backend.get_group_permissions(user))),
        }

    def kind(name):
        return Value(name, output_field=CharField())

    none = Value("", output_field=CharField())
    # As ModelBackend._get_group_permissions: permissions of the groups the user belongs to.
    through_groups = "group__" + get_user_model()._meta.get_field("groups").related_query_name()
    rows = (
        user.groups.order_by()
        .values_list(kind("group"), "id", none, none)
        .union(
            user.user_permissions.order_by().values_list(
                kind("user"), Value(0, output_field=IntegerField()), "content_type__app_label", "codename"
            ),
            Permission.objects.filter(**{through_groups: user})
            .order_by()
            .values_list(
                kind("via-group"), Value(0, output_field=IntegerField()), "content_type__app_label", "codename"
            ),
            all=True,
        )
    )
    groups, user_perms, group_perms = set(), set(), set()
    for row_kind, group_id, app_label, codename in rows:
        if row_kind == "group":
            groups.add(group_id)
        else:
            (user_perms if row_kind == "user" else group_perms).add(f"{app_label}.{codename}")
    return {
        "groups": tuple(sorted(groups)),
        "user_perms": tuple(sorted(user_perms)),
        "group_perms": tuple(sorted(group_perms)),
    }


def facts(request, user):
    """The user's group ids and permission names (memoised on the request)."""
    cached = getattr(request, _REQUEST_ATTR, None)
    if cached is not None:
        return cached
    value = key = None
    if datacache.enabled():
        try:  # a broken cache must not break the site: it costs the queries
            cache = pagecache._cache()
            version = pagecache.token(VERSION_KEY, cache)
            key = f"authfacts:{version}:{user.pk}:{int(user.is_active)}:{int(user.is_superuser)}"
            value = cache.get(key)
        except Exception:
            logger.exception("auth facts cache unavailable")
            key = None
    if value is None:
        value = _build(user)
        if key is not None:
            try:
                cache.set(key, value, pagecache._timeout())
            except Exception:
                logger.exception("auth facts cache store failed")
    setattr(request, _REQUEST_ATTR, value)
    return value


def group_ids(request) -> frozenset[int] | None:
    """The groups of the request's user if this middleware has read them, else None."""
    value = getattr(request, _REQUEST_ATTR, None)
    return None if value is None else frozenset(value["groups"])


class AuthFactsMiddleware:
    """After ``AuthenticationMiddleware``: fills the request's user with the stored answers (the
    attributes Django's ``ModelBackend`` memoises its permission queries in). Only for requests
    that carry a session cookie: readers without one never load a session or a user here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without the data cache the facts are read per request, still in one query.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                value = facts(request, user)
                user._user_perm_cache = set(value["user_perms"])
                user._group_perm_cache = set(value["group_perms"])
                user._perm_cache = {*value["user_perms"], *value["group_perms"]}
        return self.get_response(request)


def _on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def _on_user_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # every login saves last_login; nothing asked here depends on it
    invalidate()


def _on_change(sender, raw=False, **kwargs):
    if not raw:
        invalidate()


def connect_signals():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"blok_authfacts_m2m_{through.__name__}")
    post_save.connect(_on_user_save, sender=user_model, dispatch_uid="blok_authfacts_user_save")
    post_delete.connect(_on_change, sender=user_model, dispatch_uid="blok_authfacts_user_delete")
    for model in (Group, Permission):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"blok_authfacts_save_{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"blok_authfacts_delete_{model.__name__}")
