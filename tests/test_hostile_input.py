"""A list of hostile requests against every page type: no 5xx, no traceback, ever.

URLs, query strings, headers, cookies, methods and form posts that attackers, broken clients and
scanners send. Each is tried on every page type (start page, standard and legal pages, the
Interner Bereich, the Fachtagungen calendar with its sub-pages and feeds, an event with its
registration, the document library, the participants directory, search, login, password reset,
downloads, robots.txt, sitemap, health check). Runs on SQLite and PostgreSQL (which refuses NUL).
"""

import datetime
import itertools

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from documents_app.pdf import make_pdf
from participants.models import ParticipantIndexPage

from .factories import DocumentFactory, EventPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

QUERY_PAYLOADS = [
    "q=%00",
    "q=a%00b",
    "q=Fachtagung&page=%C2%B2",
    "q=Fachtagung&page=%E2%91%A0",
    "page=-1",
    "page=0",
    "page=99999999999999999999999",
    "page=1e3",
    "page[]=1&page[]=2",
    "q=%27%20OR%201%3D1--",
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "q=%ff%fe%fd",
    "q=" + "A" * 3000,
    "q=%",
    "q=%%%25%",
    "q=%1b%5b31m",
    "q=%0d%0aSet-Cookie:%20x=1",
    "kategorie=abc&jahr=99999999999999999999&typ=%00&sortierung=%00",
    "land=%00&art=%E2%91%A0",
    "typ=%00",
    "status=%00",
    "next=%00",
    "a=" + "&a=".join(["1"] * 500),
    "%00=%00",
    "q=Fachtagung&page=2",
    "q=" + "%E2%80%AE" * 50,
]

HEADER_PAYLOADS = [
    {"HTTP_COOKIE": "sessionid=%00"},
    {"HTTP_COOKIE": "sessionid=\x00abc"},
    {"HTTP_COOKIE": "sessionid=" + "a" * 5000},
    {"HTTP_COOKIE": "csrftoken=\x01\x02; messages=kaputt"},
    {"HTTP_COOKIE": '=;;;"\\'},
    {"HTTP_ACCEPT_LANGUAGE": "xx-" + "a" * 500 + ",;q=abc"},
    {"HTTP_ACCEPT_ENCODING": "gzip;q=nan, br;q=-1"},
    {"HTTP_X_FORWARDED_FOR": "nicht, eine, adresse, \x00"},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_RANGE": "bytes=999999999-1"},
    {"HTTP_IF_MODIFIED_SINCE": "gestern"},
    {"HTTP_IF_NONE_MATCH": '"' + "x" * 2000 + '"'},
    {"HTTP_USER_AGENT": "\x00" + "M" * 8000},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "testserver:99999"},
    {"HTTP_REFERER": "javascript:alert(1)"},
]

METHODS = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]

BAD_PATHS = [
    "/%00/",
    "/projektziele%00/",
    "/..%2f..%2fetc/passwd",
    "/fachtagungen/%ff/",
    "/fachtagungen/kalender/0/13/",
    "/fachtagungen/kalender/99999/1/",
    "/fachtagungen/kalender/2026/0/",
    "/fachtagungen/archiv/0/",
    "/fachtagungen/archiv/99999999999999999999/",
    "/downloads/999999/x.pdf",
    "/downloads/abc/",
    "/downloads/1/%00.pdf",
    "/" + "a/" * 300,
    "/suche/%00/",
    "/konto/passwort-neu/%00/%00/",
    "/konto/passwort-neu/MQ/" + "x" * 500 + "/",
    "/admin/login/?next=%00",
    "/_util/authenticate_with_password/999999/999999/",
    "/_util/authenticate_with_password/abc/",
    "/documents/authenticate_with_password/999999/",
]


@pytest.fixture
def hostile_site(site_tree, home, internal, event_index):
    start = timezone.now() + datetime.timedelta(days=20)
    event = EventPageFactory(
        parent=event_index,
        title="Fachtagung Kennzahlen",
        slug="fachtagung-kennzahlen",
        start=start,
        end=start + datetime.timedelta(hours=6),
        registration_enabled=True,
        registration_capacity=50,
    )
    internal_page = StandardPageFactory(parent=internal, title="Intern", slug="intern")
    public_doc = DocumentFactory(
        title="Bericht",
        collection=site_tree.collections["Öffentlich"],
        file=ContentFile(make_pdf("Bericht", ["Inhalt"]), name="bericht.pdf"),
    )
    participants = ParticipantIndexPage.objects.first()
    pages = [
        "/",
        "/projektziele/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        internal.url,
        internal_page.url,
        event_index.url,
        event_index.url + "kalender/2026/11/",
        event_index.url + "archiv/2016/",
        event_index.url + "ical/",
        event_index.url + "rss/",
        event_index.url + "atom/",
        event.url,
        event.url + "ical/",
        event.url + "anmeldung/",
        event.url + "anmeldung/danke/",
        "/dokumente/",
        participants.url if participants else "/projektteilnehmer/",
        "/suche/",
        "/anmelden/",
        "/konto/passwort-vergessen/",
        public_doc.url,
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
    ]
    return {"pages": pages, "event": event}


class Check:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.count = 0
        self.failures = []

    def __call__(self, method, path, **kwargs):
        self.count += 1
        try:
            response = getattr(self.client, method.lower())(path, **kwargs)
        except Exception as error:  # the test client itself must not be able to crash the site
            self.failures.append((method, path[:120], f"exception {type(error).__name__}: {error}"))
            return None
        content = b"" if response.streaming else response.content
        if response.status_code >= 500 or b"Traceback" in content:
            self.failures.append((method, path[:120], response.status_code))
        return response


def test_hostile_query_strings_on_every_page_type(hostile_site):
    check = Check()
    for page, payload in itertools.product(hostile_site["pages"], QUERY_PAYLOADS):
        check("GET", f"{page}?{payload}")
    assert check.count >= 250
    assert check.failures == []


def test_the_five_known_500s_are_answered(hostile_site):
    client = Client(raise_request_exception=False)
    for url in ("/dokumente/?q=%00", "/suche/?q=a%00b", "/suche/?q=Fachtagung&page=%C2%B2"):
        assert client.get(url).status_code == 200, url
    assert client.get("/suche/?q=Fachtagung&page=%E2%91%A0").status_code in (200, 404)
    response = client.post("/anmelden/", {"username": "u" * 256, "password": "x"})
    assert response.status_code == 200


def test_hostile_headers_and_cookies_on_every_page_type(hostile_site):
    check = Check()
    for page, headers in itertools.product(hostile_site["pages"], HEADER_PAYLOADS):
        check("GET", page, **headers)
    assert check.failures == []


def test_unusual_methods_and_broken_paths(hostile_site):
    check = Check()
    for page, method in itertools.product(hostile_site["pages"], METHODS):
        check(method, page)
    for page in hostile_site["pages"]:
        check("HEAD", page)
        check("POST", page, data="kaputt", content_type="application/json")
    for path in BAD_PATHS:
        check("GET", path)
        check("POST", path, data={"a": "\x00"})
    assert check.failures == []


FORM_POSTS = [
    {"name": "\x00", "email": "a@b.example", "people": "1", "consent": "on"},
    {"name": "Erika", "email": "\x00@kommune.example", "people": "1", "consent": "on"},
    {"name": "Erika", "email": "erika@kommune.example", "people": "99999999999999999999", "consent": "on"},
    {"name": "Erika", "email": "erika@kommune.example", "people": "-5", "consent": "on"},
    {"name": "E" * 10000, "email": "x" * 300 + "@kommune.example", "people": "1", "consent": "on"},
    {"name": '=HYPERLINK("http://evil")', "email": "h@kommune.example", "people": "1", "consent": "on"},
    {"name": "Erika", "email": "e2@kommune.example", "people": "1", "consent": "on", "kommune": "%00"},
    {"name": "Erika", "email": "e3@kommune.example", "people": "1", "consent": "on", "kommune": "999999999999"},
    {"name": ["a", "b"], "email": ["e4@kommune.example", "x"], "people": ["1", "2"], "consent": "on"},
    {"remarks": "\x00" * 100},
]


def test_hostile_form_posts(hostile_site):
    check = Check()
    registration = hostile_site["event"].url + "anmeldung/"
    for data in FORM_POSTS:
        check("POST", registration, data=data)
    for data in (
        {"username": "\x00", "password": "\x00"},
        {"username": "a" * 256, "password": "x"},
        {"username": "a@" + "b" * 300, "password": "x" * 5000},
        {"username": ["a", "b"], "password": ["c"]},
        {"username": "admin' --", "password": "' OR '1'='1"},
        {"next": "\x00", "username": "x", "password": "y"},
    ):
        check("POST", "/anmelden/", data=data)
    for email in ("\x00", "a" * 300 + "@b.example", "kein-at", "=cmd|' /C calc'!A0@b.example", ""):
        check("POST", "/konto/passwort-vergessen/", data={"email": email})
    for query in ("q=\x00", "jahr=\x00"):
        check("POST", f"/suche/?{query}", data={"q": "\x00"})
    assert check.failures == []


@pytest.mark.parametrize(
    "query", ["q=a%00b", "q=a%1Fb", "q=a%1fb", "q=a%7Fb", "q=a%7fb", "q=a%0Ab", "a%09b=1", "q=a\x01b"]
)
def test_every_control_character_in_a_query_string_is_cleaned(rf, query):
    from ops.middleware import InputGuardMiddleware

    request = rf.get("/suche/")
    request.META["QUERY_STRING"] = query
    seen = []
    InputGuardMiddleware(lambda r: seen.append(r) or None)(request)
    (params,) = [list(r.GET.lists()) for r in seen]
    assert all(not any(ord(c) < 32 or ord(c) == 127 for c in k + "".join(v)) for k, v in params), params
    assert "a b" in repr(params)


def test_a_query_string_without_control_characters_is_left_as_it_is(rf):
    from ops.middleware import InputGuardMiddleware

    request = rf.get("/suche/")
    request.META["QUERY_STRING"] = "q=%2500+%C3%A4&page=2"
    InputGuardMiddleware(lambda r: None)(request)
    assert request.META["QUERY_STRING"] == "q=%2500+%C3%A4&page=2"
    assert request.GET["q"] == "%00 ä"


def test_the_hostile_lists_through_the_page_cache_front(hostile_site, settings):
    """Anonymous GET and HEAD requests reach the page cache's front (blok_cms/wsgi.py) before
    Django: with every page in the cache, no hostile query, header or path makes it fail, and
    whatever it answers as a hit is exactly what Django's own path answers."""
    from urllib.parse import unquote_to_bytes

    from django.core.cache import caches

    from ops import pagecache

    from .test_pagecache_hits import Django, call, environ

    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    pagecache.local_pages.clear()
    django = Django()
    front = pagecache.ServeHitsFirst(django)
    pages = [page for page in hostile_site["pages"] if not page.startswith("/downloads/")]
    for page in pages:
        call(front, environ(page))  # every page stored that can be

    requests = [environ(page, payload) for page in pages for payload in QUERY_PAYLOADS]
    requests += [environ(page, **headers) for page in pages for headers in HEADER_PAYLOADS]
    requests += [environ(page, method="HEAD") for page in pages]
    for path in BAD_PATHS:
        raw, _, query = path.partition("?")
        # As a WSGI server passes it: percent-decoded, the bytes as latin-1.
        requests.append(environ(unquote_to_bytes(raw).decode("latin-1"), query))
    hits, failures = 0, []
    for env in requests:
        status, headers, body = call(front, dict(env))
        if int(status[:3]) >= 500 or b"Traceback" in body:
            failures.append((env["PATH_INFO"][:80], env["QUERY_STRING"][:80], status))
        if headers.get("X-Page-Cache") == "hit":
            hits += 1
            expected = call(django, dict(env))
            if expected != (status, headers, body):
                failures.append((env["PATH_INFO"][:80], env["QUERY_STRING"][:80], "differs from Django"))
    caches["pages"].clear()
    assert failures == []
    assert hits > 100  # the front really answered
