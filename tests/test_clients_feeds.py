"""RSS and Atom as feed readers read them: feedparser, plus the essentials of RFC 4287 (Atom) and
RSS 2.0 that the W3C feed validator checks (the validator itself is not packaged for PyPI)."""

import datetime
import email.utils
import re
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from events.dates import BERLIN

from .factories import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clients]

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TAG_URI = re.compile(r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+$")


def future(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@pytest.fixture
def events(event_index):
    pages = [
        EventPageFactory(parent=event_index, title="Fachtagung <Kennzahlen> & Ziele", start=future(10)),
        EventPageFactory(parent=event_index, title="Sommerworkshop", start=future(200), teaser="Ein Teaser."),
    ]
    # One published through the normal way (with revision and publication dates), one straight from
    # the factory: both must give a complete entry.
    pages[1].save_revision().publish()
    return pages


def is_absolute_iri(value):
    if value.startswith("urn:uuid:"):
        uuid.UUID(value.removeprefix("urn:uuid:"))
        return True
    if value.startswith("tag:"):
        return bool(TAG_URI.match(value))
    parsed = urllib.parse.urlsplit(value)
    return bool(parsed.scheme and (parsed.netloc or parsed.scheme in {"urn", "mailto"}))


def rfc4287_problems(xml: bytes):
    """The MUSTs of RFC 4287 that apply to our feeds, as readable lines."""
    root = ET.fromstring(xml)  # noqa: S314 - the site's own feed, in a test
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not atom:feed"]

    def one(parent, name, where):
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} (exactly one required)")
            return None
        return found[0]

    def check_id(element, where):
        if element is not None and not is_absolute_iri((element.text or "").strip()):
            problems.append(f"{where}: atom:id {element.text!r} is not an absolute IRI")

    def check_date(element, where):
        if element is not None and not RFC3339.match((element.text or "").strip()):
            problems.append(f"{where}: atom:updated {element.text!r} is not an RFC 3339 date-time")

    def check_person(person, where):
        if len(person.findall(f"{ATOM}name")) != 1:
            problems.append(f"{where}: atom:author needs exactly one atom:name")

    check_id(one(root, "id", "feed"), "feed")
    one(root, "title", "feed")
    check_date(one(root, "updated", "feed"), "feed")
    feed_authors = root.findall(f"{ATOM}author")
    for author in feed_authors:
        check_person(author, "feed")
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(self_links) != 1:
        problems.append("feed: a feed SHOULD have one link rel=self (the validator warns)")
    for link in root.findall(f"{ATOM}link"):
        if not is_absolute_iri(link.get("href", "")):
            problems.append(f"feed: link href {link.get('href')!r} is not absolute")
    ids = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        entry_id = one(entry, "id", where)
        check_id(entry_id, where)
        if entry_id is not None:
            ids.append(entry_id.text)
        one(entry, "title", where)
        check_date(one(entry, "updated", where), where)
        entry_authors = entry.findall(f"{ATOM}author")
        for author in entry_authors:
            check_person(author, where)
        if not entry_authors and not feed_authors:
            problems.append(f"{where}: no atom:author, and the feed has none either")
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if not alternates and entry.find(f"{ATOM}content") is None:
            problems.append(f"{where}: neither content nor link rel=alternate")
        for link in entry.findall(f"{ATOM}link"):
            if not is_absolute_iri(link.get("href", "")):
                problems.append(f"{where}: link href {link.get('href')!r} is not absolute")
    if len(ids) != len(set(ids)):
        problems.append("entries share an atom:id")
    return problems


def rss_problems(xml: bytes):
    root = ET.fromstring(xml)  # noqa: S314 - the site's own feed, in a test
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["not RSS 2.0"]
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        if channel.find(name) is None or not (channel.find(name).text or "").strip():
            problems.append(f"channel: {name} missing")
    if not is_absolute_iri(channel.findtext("link", "")):
        problems.append("channel: link not absolute")
    if not [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]:
        problems.append("channel: no atom:link rel=self (the validator warns)")
    guids = []
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where}: neither title nor description")
        if item.find("link") is not None and not is_absolute_iri(item.findtext("link")):
            problems.append(f"{where}: link not absolute")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: no guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink", "true") == "true" and not is_absolute_iri(guid.text):
                problems.append(f"{where}: guid is a permalink but not a URL")
        for date_name in ("pubDate",):
            value = item.findtext(date_name)
            if value is not None and email.utils.parsedate_tz(value) is None:
                problems.append(f"{where}: {date_name} {value!r} is not an RFC 822 date")
    if len(guids) != len(set(guids)):
        problems.append("items share a guid")
    return problems


def test_atom_feed_meets_rfc_4287(client, event_index, events):
    response = client.get(event_index.url + "atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert rfc4287_problems(response.content) == []


def test_atom_feed_reads_in_feedparser_with_stable_ids(client, event_index, events):
    parsed = feedparser.parse(client.get(event_index.url + "atom/").content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.author
    assert {entry.id for entry in parsed.entries} == {f"urn:uuid:{page.translation_key}" for page in events}
    for entry in parsed.entries:
        assert entry.updated_parsed is not None
        assert entry.link.startswith(event_index.get_site().root_url + "/")  # the public address
    titles = {entry.title for entry in parsed.entries}
    assert "Fachtagung <Kennzahlen> & Ziele" in titles


def test_rss_feed_meets_rss_2_and_reads_in_feedparser(client, event_index, events):
    response = client.get(event_index.url + "rss/")
    assert response.status_code == 200
    assert rss_problems(response.content) == []
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert {entry.id for entry in parsed.entries} == {f"urn:uuid:{page.translation_key}" for page in events}


def test_the_checks_catch_what_they_are_for():
    """The hand-written RFC 4287 checks fail on the feed that main wrote before."""
    bad = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        b'<link href="http://x/" rel="alternate"/><id>http://x/</id><updated>2026-12-02T13:27:00+00:00</updated>'
        b'<entry><title>A</title><link href="http://x/a/" rel="alternate"/>'
        b"<id>25983669-9aea-4ac0-a60b-23680c596be3@blok.optionskommunen</id></entry></feed>"
    )
    problems = " | ".join(rfc4287_problems(bad))
    assert "not an absolute IRI" in problems
    assert "atom:updated" in problems
    assert "no atom:author" in problems
    assert "rel=self" in problems
