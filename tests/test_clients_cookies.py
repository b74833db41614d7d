"""The Datenschutz page says exactly which pages set which cookie (§ 25 Abs. 2 TDDDG), and the
site does what it says: a crawl of every page type as a guest records every Set-Cookie."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import transaction
from django.test import Client

from .clients.site import build_content, page_urls

pytestmark = [pytest.mark.clients, pytest.mark.django_db]

# Page types (names as in tests/clients/site.py) that set a cookie for a guest, and which.
FORM_PAGES = {"Anmeldung", "Anmelden", "Passwort vergessen"}


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        build_content()
        cookies = {}
        privacy_html = ""
        for name, url, as_member in page_urls():
            if as_member:
                continue
            client = Client(enforce_csrf_checks=True)
            response = client.get(url, follow=True)
            cookies[name] = sorted(client.cookies.keys())
            if name == "Datenschutz":
                privacy_html = response.content.decode()
        # The link from the password e-mail keeps its token in the session (Django's view).
        from django.contrib.auth import get_user_model
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        user = get_user_model().objects.get(username="judge-mitglied")
        uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
        client = Client(enforce_csrf_checks=True)
        client.get(f"/konto/passwort-neu/{uid}/{token}/", follow=True)
        cookies["Neues Passwort"] = sorted(client.cookies.keys())
        transaction.set_rollback(True)
    return cookies, privacy_html


def test_guests_get_cookies_only_on_the_form_pages(crawl):
    cookies, _html = crawl
    expected = {name: ([settings.CSRF_COOKIE_NAME] if name in FORM_PAGES else []) for name in cookies}
    expected["Neues Passwort"] = sorted([settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME])
    assert cookies == expected


def privacy_text(html):
    main = BeautifulSoup(html, "html.parser").find("main")
    return re.sub(r"\s+", " ", main.get_text(" "))


def test_privacy_text_names_every_cookie_the_site_sets(crawl):
    _cookies, html = crawl
    text = privacy_text(html)
    assert "ohne Anmeldung keine Cookies" not in text  # what the page said before: not true
    assert "§ 25 Abs. 2 Nr. 2 TDDDG" in text
    for cookie in (settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME):
        assert f"„{cookie}“" in text, cookie
    # Where the CSRF cookie comes from, in the words readers see.
    for page in (
        "Anmeldung zu einer Veranstaltung",
        "Anmeldung für Mitglieder",
        "Passwort vergessen",
        "Link aus der E-Mail",
    ):
        assert page in text, page


def test_cookie_lifetimes_are_what_the_text_says(crawl):
    _cookies, html = crawl
    text = privacy_text(html)
    # csrftoken: a browser-session cookie, gone when the browser closes.
    assert settings.CSRF_COOKIE_AGE is None
    assert "beim Schließen des Browsers" in text
    # sessionid: until logout, at most two weeks.
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert "längstens zwei Wochen" in text
