"""The session engine (``SESSION_ENGINE = "home.sessions"``): Django's database sessions, whose
row also names the logged-in user, and the user read in the same query as the session.

Django reads a logged-in request's session (one query), then its user (a second query, in the
authentication backend's ``get_user``). Here the session row is read together with its user
(``UserSession``: a ``select_related`` join); ``get_user`` in ``AuthenticationMiddleware`` below
hands that user to the backend, which takes it only if it is the user the session's data names.
Everything else is Django's own code path: the backend check, the session hash verification (a
changed password still logs out every other session), ``is_active`` — the user row is read on
every request, so a deactivated account is logged out at its next request.
"""

from __future__ import annotations

import contextvars

from django.contrib import auth
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.utils.functional import SimpleLazyObject

_session_user = contextvars.ContextVar("blok_session_user", default=None)


class SessionStore(db.SessionStore):
    preloaded_user = None

    @classmethod
    def get_model_class(cls):
        from home.models.sessions import UserSession

        return UserSession

    def load(self):
        row = self._get_session_from_db()
        self.preloaded_user = row.user if row is not None else None
        return self.decode(row.session_data) if row else {}

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_pk(data.get(auth.SESSION_KEY))
        return instance


def _user_pk(raw):
    if raw is None:
        return None
    try:
        return auth.get_user_model()._meta.pk.to_python(raw)
    except Exception:  # noqa: BLE001 - an unreadable id names no user; Django's get_user decides
        return None


def session_user(user_id):
    """For authentication backends: the user read with the session, if it is ``user_id``."""
    user = _session_user.get()
    if user is not None and str(user.pk) == str(user_id):
        return user
    return None


def get_user(request):
    """``django.contrib.auth.get_user`` with the session's user at hand for the backend."""
    session = request.session
    session.get(auth.SESSION_KEY)  # loads the session row and its user
    token = _session_user.set(getattr(session, "preloaded_user", None))
    try:
        return auth.get_user(request)
    finally:
        _session_user.reset(token)


def _cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))
