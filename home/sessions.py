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
from django.utils import timezone
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

    def _get_session_from_db(self):
        """Django's lookup (a live session with this key), as one precompiled statement: the
        ORM would build and compile the same join on every logged-in request."""
        from django.db import connections, router

        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        statement = _session_statement(connection)
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return statement.instances(alias, connection, row)

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_pk(data.get(auth.SESSION_KEY))
        return instance


class _SessionStatement:
    """SELECT session JOIN user for one database connection's vendor, with the converters the
    ORM would apply to each column (SQLite returns dates as text, for example)."""

    def __init__(self, connection):
        from home.models.sessions import UserSession

        user_model = auth.get_user_model()
        quote = connection.ops.quote_name
        self.session_fields = list(UserSession._meta.concrete_fields)
        self.user_fields = list(user_model._meta.concrete_fields)
        columns = [f"s.{quote(f.column)}" for f in self.session_fields]
        columns += [f"u.{quote(f.column)}" for f in self.user_fields]
        user_field = UserSession._meta.get_field("user")
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {quote(UserSession._meta.db_table)} s "  # noqa: S608 - names from the models
            f"LEFT OUTER JOIN {quote(user_model._meta.db_table)} u "
            f"ON u.{quote(user_model._meta.pk.column)} = s.{quote(user_field.column)} "
            f"WHERE s.{quote(UserSession._meta.pk.column)} = %s "
            f"AND s.{quote(UserSession._meta.get_field('expire_date').column)} > %s"
        )
        self.converters = [
            (
                [*connection.ops.get_db_converters(f.get_col("s")), *f.get_db_converters(connection)],
                f.get_col("s"),
            )
            for f in self.session_fields + self.user_fields
        ]
        self.user_field = user_field
        self.session_model = UserSession
        self.user_model = user_model
        self.vendor = connection.vendor

    def instances(self, alias, connection, row):
        values = list(row)
        for index, (converters, expression) in enumerate(self.converters):
            for converter in converters:
                values[index] = converter(values[index], expression, connection)
        split = len(self.session_fields)
        session = self.session_model.from_db(alias, [f.attname for f in self.session_fields], values[:split])
        user_values = values[split:]
        user = None
        if user_values[self.user_fields.index(self.user_model._meta.pk)] is not None:
            user = self.user_model.from_db(alias, [f.attname for f in self.user_fields], user_values)
        self.user_field.set_cached_value(session, user)
        return session


_STATEMENTS: dict[str, _SessionStatement] = {}


def _session_statement(connection) -> _SessionStatement:
    statement = _STATEMENTS.get(connection.alias)
    if statement is None or statement.vendor != connection.vendor:
        statement = _STATEMENTS[connection.alias] = _SessionStatement(connection)
    return statement


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
