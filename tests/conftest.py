import os
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from home.demo.setup import Loader, build_site
from home.site_setup import EDITORS_GROUP, MEMBERS_GROUP, PUBLISHERS_GROUP

from .factories import UserFactory
from .snapshot import SNAPSHOTS, TableSnapshot, clear_local_caches

PASSWORD = "geheim-Passwort-123"


def pytest_report_header(config):
    from tests.browser.support import chromium_path, skip_reason

    reason = skip_reason()
    if reason:
        return f"Browser-Tests: ÜBERSPRUNGEN – {reason}"
    return f"Browser-Tests: Chromium unter {chromium_path()}"


def _skip_postgres_tests(items):
    is_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(skip_pg)


@pytest.fixture
def site_tree(db):
    """The site's page tree, groups, workflow and privacy as ``load_initial_data`` builds them
    (without the feature apps' demo content).

    Built once and shared (see ``_shared_database_state``): every test gets fresh objects and
    its changes are rolled back when it ends."""
    if _SHARED.key is None:  # transactional tests build it themselves
        return build_site()
    return _site_tree_objects()


@pytest.fixture
def demo_site(db):
    """The whole demo site as ``load_initial_data`` builds it (page tree and the feature apps'
    demo content). Built once and shared like ``site_tree``."""
    if _SHARED.key != "demo_site":
        call_command("load_initial_data", stdout=StringIO())
    return _site_tree_objects()


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
    before any transactional test empties it (``tests/snapshot.py``)."""
    with django_db_blocker.unblock():
        return TableSnapshot("migrated").take()


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
    from wagtail.models import Page

    if "site_url" in request.fixturenames and "demo" in SNAPSHOTS:
        return  # the browser tests' site_url puts the whole demo site back itself
    if Page.objects.exists():
        return
    migrated_data.restore()
    clear_local_caches()


# --- shared database states --------------------------------------------------------------------
#
# Most tests need the page tree (``site_tree``) and some the whole demo site (``demo_site``).
# Building them takes seconds, so they are built once and kept in a transaction that stays open
# around the tests: pytest-django's per-test transaction becomes a savepoint inside it and rolls
# back each test's changes. The state is rolled back before a test that must not see it (one
# without these fixtures, or a transactional test, which needs real commits) and rebuilt when the
# next test needs it again; the tests are ordered so that this happens rarely.

# --- parallel runs (pytest-xdist, ``make test``) -----------------------------------------------
#
# Each worker is a test process of its own: own test database (pytest-django suffixes it with the
# worker's name), own media folder, own browser, own fault-injection ports (tests/faults.py). The
# scheduler hands out the tests one by one in the order of ``pytest_collection_modifyitems``, so
# every worker sees them grouped by shared state too and builds each state at most once. Only the
# modules below go to one worker as a whole: they build something expensive once for all their
# tests (a production server on its own database, the whole site rendered for the outside judges).

ONE_WORKER_MODULES = ("tests/test_faults.py", "tests/test_clients_html.py", "tests/test_clients_cookies.py")


def _one_worker_module(nodeid):
    return nodeid.split("::", 1)[0] in ONE_WORKER_MODULES


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``-n N`` (pytest-xdist's ``--dist load``): tests one by one, the modules above as a whole."""
    if config.getvalue("dist") != "load":
        return None  # the other modes as pytest-xdist defines them
    from xdist.scheduler import LoadScopeScheduling

    class StateOrderScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return nodeid.split("::", 1)[0] if _one_worker_module(nodeid) else nodeid

    return StateOrderScheduling(config, log)


# Fixture name → rank in the test order; the first one a test uses decides its state.
SHARED_STATES = {"demo_site": 2, "site_tree": 1}

_SHARED = SimpleNamespace(key=None, atomic=None, pks=None)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
        or "django_db_reset_sequences" in fixtures
    )


def _wanted_state(item):
    if _is_transactional(item) or getattr(item, "cls", None) is not None:
        return None
    fixtures = getattr(item, "fixturenames", ())
    for name in SHARED_STATES:
        if name in fixtures:
            return name
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (plain database tests, transactional tests, the rest): group
    the plain database tests by the shared state they need, so that each state is built once.

    With pytest-xdist (``make test``) each worker gets the tests in this order too (see
    ``pytest_xdist_make_scheduler``)."""

    def order(item):
        fixtures = getattr(item, "fixturenames", ())
        if _one_worker_module(item.nodeid):
            return (-1, 0)  # sent first, they do not hold up the end of a parallel run
        if _is_transactional(item):
            return (1, 0)
        if "db" in fixtures or item.get_closest_marker("django_db"):
            state = _wanted_state(item)
            return (0, SHARED_STATES[state] if state else 0)
        return (2, 0)

    items.sort(key=order)
    _skip_postgres_tests(items)


def _leave_shared_state():
    from django.db import connection, transaction

    if _SHARED.atomic is not None and _SHARED.atomic in connection.atomic_blocks:
        transaction.set_rollback(True)
        _SHARED.atomic.__exit__(None, None, None)
    _SHARED.key = _SHARED.atomic = _SHARED.pks = None
    clear_local_caches()


def _enter_shared_state(key):
    from django.db import transaction

    atomic = transaction.atomic()
    # Marked like the transactions of Django's TestCase, so that ``atomic(durable=True)`` in the
    # code under test is allowed inside it.
    atomic._from_testcase = True
    atomic.__enter__()
    _SHARED.atomic = atomic
    try:
        if key == "demo_site":
            call_command("load_initial_data", stdout=StringIO())
            loader = None
        else:
            loader = build_site()
        from home.models import HomePage, InternalAreaPage

        home = HomePage.objects.get()
        internal = InternalAreaPage.objects.get()
    except BaseException:
        _leave_shared_state()  # a failed build is not kept: the next test tries again
        raise
    _SHARED.key = key
    _SHARED.pks = {
        "home": home.pk,
        "internal": internal.pk,
        "created": list(loader.created) if loader else [],
    }
    clear_local_caches()


def _site_tree_objects():
    """A loader like the one ``build_site`` returns, with objects fetched afresh for every test."""
    from wagtail.models import Collection

    from home.models import HomePage, InternalAreaPage
    from home.site_setup import INTERNAL_COLLECTION, PUBLIC_COLLECTION

    root_collection = Collection.get_first_root_node()
    collections = {
        name: root_collection.get_children().get(name=name) for name in (PUBLIC_COLLECTION, INTERNAL_COLLECTION)
    }
    loader = Loader()
    loader.home = HomePage.objects.get(pk=_SHARED.pks["home"])
    loader.internal = InternalAreaPage.objects.get(pk=_SHARED.pks["internal"])
    loader.collections = collections
    loader.created = list(_SHARED.pks["created"])
    return loader


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Leave a shared state the test must not see before any of its fixtures starts (the live
    server, a session fixture, shares the in-memory database connection)."""
    if _SHARED.key is not None and _wanted_state(item) != _SHARED.key:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _leave_shared_state()


@pytest.fixture(scope="session")
def _shared_states_session(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _leave_shared_state()


@pytest.fixture
def _shared_database_state(request, _shared_states_session, django_db_blocker):
    """Enter the shared state this test needs (or none) before its own transaction begins."""
    wanted = _wanted_state(request.node)
    with django_db_blocker.unblock():
        if wanted != _SHARED.key:
            _leave_shared_state()
            if wanted is not None:
                _enter_shared_state(wanted)
        if wanted is not None:
            # Each test starts with the caches as building the tree leaves them: empty, except
            # for the sites' root paths, which the build itself reads.
            clear_local_caches()
            from wagtail.models import Site

            Site.get_site_root_paths()


@pytest.fixture
def _django_db_helper(_shared_database_state, _django_db_helper):
    """pytest-django's per-test database setup, inside the shared state."""
    return _django_db_helper
