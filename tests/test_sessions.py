"""The session engine (home/sessions.py): a logged-in request reads session and user in one
query, and Django's rules for who is logged in still hold."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import UserSession

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    response = client.post("/anmelden/", {"username": user.username, "password": "geheim-Passwort-123"})
    assert response.status_code == 302
    return client


def _logged_in_as(client):
    response = client.get("/")
    return response.wsgi_request.user


def test_the_session_row_names_its_user(client, member, site_tree):
    _login(client, member)
    row = UserSession.objects.get(session_key=client.session.session_key)
    assert row.user_id == member.pk
    assert row.get_decoded()[SESSION_KEY] == str(member.pk)


def test_a_logged_in_request_reads_session_and_user_in_one_query(client, member, site_tree):
    _login(client, member)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.wsgi_request.user == member
    user_queries = [q["sql"] for q in queries.captured_queries if '"auth_user"' in q["sql"]]
    assert len(user_queries) == 1, user_queries
    assert "blok_session" in user_queries[0]


def test_a_deactivated_account_is_logged_out_at_its_next_request(client, member, site_tree):
    _login(client, member)
    assert _logged_in_as(client) == member
    member.is_active = False
    member.save()
    assert not _logged_in_as(client).is_authenticated


def test_a_password_change_elsewhere_ends_the_session(client, member, site_tree):
    _login(client, member)
    member.set_password("ein-ganz-neues-Passwort-456")
    member.save()
    assert not _logged_in_as(client).is_authenticated


def test_the_user_column_is_not_trusted_over_the_session_data(client, member, site_tree):
    other = UserFactory()
    _login(client, member)
    UserSession.objects.filter(session_key=client.session.session_key).update(user=other)
    assert _logged_in_as(client) == member


def test_deleting_a_user_deletes_their_sessions(client, member, site_tree):
    _login(client, member)
    assert UserSession.objects.filter(user=member).exists()
    member.delete()
    assert not UserSession.objects.exists()
    assert not _logged_in_as(client).is_authenticated


def test_logout_removes_the_session(client, member, site_tree):
    _login(client, member)
    key = client.session.session_key
    client.post("/abmelden/")
    assert not UserSession.objects.filter(session_key=key).exists()
    assert not _logged_in_as(client).is_authenticated


def test_the_user_read_with_the_session_has_the_columns_of_an_orm_read(client, member, site_tree):
    import datetime

    from django.contrib.auth import get_user_model

    _login(client, member)
    user = _logged_in_as(client)
    fresh = get_user_model().objects.get(pk=member.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(fresh, field.attname), field.name
    assert isinstance(user.last_login, datetime.datetime) and user.last_login.tzinfo is not None
    assert user._state.adding is False and user._state.db == "default"
