"""A logged-in user's groups and permissions from the shared cache (ops/authcache.py): fewer
queries per member page, and every change to groups or permissions is seen at the next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.site_setup import MEMBERS_GROUP

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_cache(settings):
    caches["pages"].clear()
    settings.DATA_CACHE_ENABLED = True
    yield
    caches["pages"].clear()


@pytest.fixture
def internal_event(internal):
    return EventPageFactory(parent=internal, title="Klausur Steuerungskreis", slug="klausur")


def _auth_queries(queries):
    return [q["sql"] for q in queries.captured_queries if "auth_group" in q["sql"] or "auth_permission" in q["sql"]]


def test_a_members_second_page_reads_neither_groups_nor_permissions(member_client, data_cache, internal_event):
    member_client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get("/")
    assert "Klausur Steuerungskreis" in response.content.decode()
    assert _auth_queries(queries) == []


def test_without_the_data_cache_the_groups_are_read_per_request(member_client, settings, internal_event):
    settings.DATA_CACHE_ENABLED = False
    member_client.get("/")
    with CaptureQueriesContext(connection) as queries:
        member_client.get("/")
    assert _auth_queries(queries)


def test_leaving_the_group_hides_the_internal_content_at_the_next_request(
    member_client, member, data_cache, internal_event, django_capture_on_commit_callbacks
):
    assert "Klausur Steuerungskreis" in member_client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        member.groups.remove(Group.objects.get(name=MEMBERS_GROUP))
    assert "Klausur Steuerungskreis" not in member_client.get("/").content.decode()


def test_removing_a_member_from_the_group_side_is_seen_too(
    member_client, member, data_cache, internal_event, django_capture_on_commit_callbacks
):
    assert "Klausur Steuerungskreis" in member_client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=MEMBERS_GROUP).user_set.remove(member)
    assert "Klausur Steuerungskreis" not in member_client.get("/").content.decode()


def test_a_new_admin_permission_shows_the_user_bar_at_the_next_request(
    member_client, member, data_cache, site_tree, django_capture_on_commit_callbacks
):
    assert "wagtail-userbar" not in member_client.get("/").content.decode()
    group = Group.objects.create(name="Redaktion Test")
    with django_capture_on_commit_callbacks(execute=True):
        member.groups.add(group)
    assert "wagtail-userbar" not in member_client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert "wagtail-userbar" in member_client.get("/").content.decode()


def test_a_login_keeps_the_stored_answers_and_other_user_changes_drop_them(
    member_client, member, data_cache, site_tree, django_capture_on_commit_callbacks
):
    from ops import authcache

    store = caches["pages"]
    member_client.get("/")
    stored = store.get(authcache.VERSION_KEY)
    assert stored
    with django_capture_on_commit_callbacks(execute=True):
        member.last_login = None
        member.save(update_fields=["last_login"])  # what every login does
    assert store.get(authcache.VERSION_KEY) == stored
    with django_capture_on_commit_callbacks(execute=True):
        member.is_active = False
        member.save()
    assert store.get(authcache.VERSION_KEY) != stored


def test_a_broken_cache_costs_the_queries_not_the_page(member_client, data_cache, internal_event, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["pages"], "get", broken)
    response = member_client.get("/")
    assert response.status_code == 200
    assert "Klausur Steuerungskreis" in response.content.decode()
