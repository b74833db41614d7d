import json
import os

import pytest
from django.contrib.auth.models import Group

from home.demo.setup import EDITORS_GROUP, MEMBERS_GROUP, PUBLISHERS_GROUP, build_site

from .factories import UserFactory

PASSWORD = "geheim-Passwort-123"


def pytest_report_header(config):
    from tests.browser.support import chromium_path, skip_reason

    reason = skip_reason()
    if reason:
        return f"Browser-Tests: ÜBERSPRUNGEN – {reason}"
    return f"Browser-Tests: Chromium unter {chromium_path()}"


def pytest_collection_modifyitems(config, items):
    is_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(skip_pg)


@pytest.fixture
def site_tree(db):
    """The site's page tree, groups, workflow and privacy as ``load_initial_data`` builds them
    (without the feature apps' demo content)."""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree.home


@pytest.fixture
def internal(site_tree):
    return site_tree.internal


@pytest.fixture
def member(site_tree):
    return UserFactory(groups=[Group.objects.get(name=MEMBERS_GROUP)])


@pytest.fixture
def editor(site_tree):
    return UserFactory(groups=[Group.objects.get(name=EDITORS_GROUP)])


@pytest.fixture
def publisher(site_tree):
    return UserFactory(groups=[Group.objects.get(name=PUBLISHERS_GROUP)])


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


# --- events (Fachtagungen) ----------------------------------------------------------------------


@pytest.fixture
def event_index(site_tree):
    """The Fachtagungen calendar page that ``load_initial_data`` builds."""
    from events.models import EventIndexPage

    return EventIndexPage.objects.get()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The database as the migrations leave it (root page, site, locale, collections), taken
    before any transactional test flushes it."""
    from django.db import connection

    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: restoring other objects (e.g. Wagtail tasks) may look them up.
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.fixture(scope="session", autouse=True)
def _snapshot_migrated_data(request):
    """Take the snapshot of the migrated database before any transactional test flushes it."""
    if any(_is_transactional(item) for item in request.session.items):
        request.getfixturevalue("migrated_data")


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """Transactional tests (browser, races, backup) empty all tables when they end, including
    what the migrations created (root page, default site, locale, collection root). Put it back
    before the next transactional test, so that every test starts from a migrated database."""
    if not _is_transactional(request.node):
        return
    migrated_data = request.getfixturevalue("migrated_data")
    request.getfixturevalue("transactional_db")
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    if Page.objects.exists():
        return
    # The flush re-created content types and permissions with new ids: empty the tables again
    # and restore the migrated state with its original ids.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    ContentType.objects.clear_cache()  # it holds the ids that the flush's post_migrate created
    connection.creation.deserialize_db_from_string(migrated_data)
    ContentType.objects.clear_cache()
