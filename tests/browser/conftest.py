import os

import pytest
from django.core.management import call_command

from tests.factories import UserFactory
from tests.snapshot import SNAPSHOTS, TableSnapshot

from .support import CHROMIUM_FLAGS, chromium_path, skip_reason

PASSWORD = "geheim-Passwort-123"


def pytest_collection_modifyitems(config, items):
    reason = skip_reason()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"Browser-Tests übersprungen: {reason}"))


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; the site's own CSP is tested elsewhere.
    context = browser.new_context(locale="de-DE", bypass_csp=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(
        locale="de-DE", bypass_csp=True, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server with the site's full content as ``load_initial_data`` builds it.

    Built once per test process; every later test gets the same rows back from a snapshot
    (``tests/snapshot.py``), whatever the tests before it changed."""
    if "demo" in SNAPSHOTS:
        SNAPSHOTS["demo"].restore()
    else:
        call_command("load_initial_data")
        TableSnapshot("demo").take()
    return live_server.url


@pytest.fixture
def browser_member(site_url):
    from django.contrib.auth.models import Group

    return UserFactory(username="mitglied", groups=[Group.objects.get(name="Mitglieder")])
