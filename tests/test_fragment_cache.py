"""Fragments shared by visibility fingerprint (ops/fragmentcache.py), cached routes and view
restrictions (ops/datacache.py): what one reader's render left in the cache must never show
another reader what they may not see."""

import datetime
import itertools
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.site_setup import MEMBERS_GROUP
from ops import fragmentcache

from .factories import EventPageFactory, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_caches(settings):
    store = caches["pages"]
    store.clear()
    settings.DATA_CACHE_ENABLED = True
    yield store
    store.clear()


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


class Rings:
    """Two closed meetings, one per ring, and a public one; a member of each ring and a guest."""

    def __init__(self, event_index, internal):
        members = Group.objects.get(name=MEMBERS_GROUP)
        self.group_a = Group.objects.create(name="Ring Alpha")
        self.group_b = Group.objects.create(name="Ring Bravo")
        self.public = EventPageFactory(parent=event_index, title="Offene Fachtagung Qpub", start=soon(3))
        self.meeting_a = EventPageFactory(parent=internal, title="Ringtreffen Qalpha", start=soon(4))
        self.meeting_b = EventPageFactory(parent=internal, title="Ringtreffen Qbravo", start=soon(5))
        for meeting, group in ((self.meeting_a, self.group_a), (self.meeting_b, self.group_b)):
            restriction = PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.set([group])
        self.clients = {"guest": Client()}
        for name, group in (("alpha", self.group_a), ("bravo", self.group_b)):
            client = Client()
            client.force_login(UserFactory(username=f"ring-{name}", groups=[members, group]))
            self.clients[name] = client

    EXPECTED = {
        "guest": {"Qpub"},
        "alpha": {"Qpub", "Qalpha"},
        "bravo": {"Qpub", "Qbravo"},
    }


@pytest.fixture
def rings(site_tree, event_index, internal):
    return Rings(event_index, internal)


def seen(response):
    assert response.status_code == 200
    return set(re.findall(r"Q(?:pub|alpha|bravo)", response.content.decode()))


def urls(event_index):
    today = timezone.localdate()
    in_five = soon(5).date()
    months = {(today.year, today.month), (in_five.year, in_five.month)}
    return [event_index.url, "/"] + [event_index.url + f"kalender/{y}/{m:02d}/" for y, m in sorted(months)]


@pytest.mark.parametrize(
    "order", list(itertools.permutations(["guest", "alpha", "bravo"])), ids=lambda order: "-".join(order)
)
def test_a_fragment_rendered_for_one_ring_never_reaches_the_other_ring_or_a_guest(
    shared_caches, rings, event_index, order
):
    for url in urls(event_index):
        for _round in range(2):  # the second round is answered from the fragments of the first
            for reader in order:
                found = seen(rings.clients[reader].get(url))
                if url == "/" or "kalender" in url:
                    # The start page shows the next three events; the month view those of its month.
                    assert found <= Rings.EXPECTED[reader], (url, reader)
                else:
                    assert found == Rings.EXPECTED[reader], (url, reader)
    fragments = [key for key in shared_caches._cache if ":data2:" in key]
    assert fragments, "the fragments were stored"


def test_readers_with_the_same_visibility_share_one_fingerprint_and_different_rings_do_not(rings, rf):
    from django.contrib.auth.models import AnonymousUser

    def fingerprint(user):
        request = rf.get("/")
        request.user = user
        request.session = {}
        return fragmentcache.fingerprint(request)

    alpha = rings.clients["alpha"].session["_auth_user_id"]
    bravo = rings.clients["bravo"].session["_auth_user_id"]
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    another_alpha = UserFactory(groups=[Group.objects.get(name=MEMBERS_GROUP), rings.group_a])
    prints = {
        "guest": fingerprint(AnonymousUser()),
        "alpha": fingerprint(users.get(pk=alpha)),
        "alpha2": fingerprint(another_alpha),
        "bravo": fingerprint(users.get(pk=bravo)),
    }
    assert prints["alpha"] == prints["alpha2"]
    assert len({prints["guest"], prints["alpha"], prints["bravo"]}) == 3


def test_a_restriction_added_after_a_guest_render_hides_the_event_at_the_next_request(
    shared_caches, rings, event_index, django_capture_on_commit_callbacks
):
    guest = rings.clients["guest"]
    assert "Qpub" in seen(guest.get(event_index.url))
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=rings.public, restriction_type=PageViewRestriction.LOGIN)
    assert "Qpub" not in seen(guest.get(event_index.url))
    assert "Qpub" in seen(rings.clients["alpha"].get(event_index.url))
    assert guest.get(rings.public.url).status_code in (302, 404)


def test_moving_a_ring_to_another_group_changes_what_its_members_see_at_the_next_request(
    shared_caches, rings, event_index, django_capture_on_commit_callbacks
):
    alpha, bravo = rings.clients["alpha"], rings.clients["bravo"]
    assert seen(alpha.get(event_index.url)) == {"Qpub", "Qalpha"}
    assert alpha.get(rings.meeting_a.url).status_code == 200
    restriction = PageViewRestriction.objects.get(page=rings.meeting_a)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.set([rings.group_b])  # only the groups change (m2m), not the row
    assert seen(alpha.get(event_index.url)) == {"Qpub"}
    assert seen(bravo.get(event_index.url)) == {"Qpub", "Qalpha", "Qbravo"}
    assert alpha.get(rings.meeting_a.url).status_code in (302, 403, 404)


def test_fragments_hold_nothing_user_specific(shared_caches, rings, event_index):
    alpha = rings.clients["alpha"]
    response = alpha.get(event_index.url)
    page = response.content.decode()
    assert "Abmelden" in page and "csrfmiddlewaretoken" in page  # the account form is on the page …
    stored = b"".join(value for value in shared_caches._cache.values() if isinstance(value, bytes))
    assert b"csrfmiddlewaretoken" not in stored  # … but in no shared entry
    assert b"ring-alpha" not in stored and b"Abmelden" not in stored
    # And each member still gets their own token on a page made of shared fragments.
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(event_index.url).content.decode()).group(1)
        for client in (alpha, rings.clients["bravo"])
    }
    assert len(tokens) == 2


def test_a_broken_cache_renders_the_page_instead_of_failing(shared_caches, rings, event_index):
    with (
        mock.patch.object(shared_caches, "get", side_effect=ConnectionError("cache down")),
        mock.patch.object(shared_caches, "set", side_effect=ConnectionError("cache down")),
        mock.patch.object(shared_caches, "add", side_effect=ConnectionError("cache down")),
    ):
        for reader, expected in Rings.EXPECTED.items():
            assert seen(rings.clients[reader].get(event_index.url)) == expected


def test_a_second_members_render_of_a_list_reads_no_list_rows(shared_caches, rings, event_index):
    alpha = rings.clients["alpha"]
    alpha.get(event_index.url)
    with CaptureQueriesContext(connection) as queries:
        assert seen(alpha.get(event_index.url)) == {"Qpub", "Qalpha"}
    listing = [q["sql"] for q in queries if "events_eventpage" in q["sql"] or "wagtailcore_page" in q["sql"]]
    assert not listing, listing


def test_an_unpublished_page_is_not_routed_from_the_cache(
    shared_caches, site_tree, home, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Kurzlebig", slug="kurzlebig")
    client = Client()
    assert client.get("/kurzlebig/").status_code == 200
    assert client.get("/kurzlebig/").status_code == 200  # routed from the cache
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/kurzlebig/").status_code == 404


def test_made_up_addresses_leave_no_route_entries(shared_caches, site_tree):
    client = Client()
    client.get("/")
    before = len(shared_caches._cache)
    for n in range(5):
        assert client.get(f"/gibt-es-nicht-{n}/").status_code == 404
    assert len(shared_caches._cache) == before  # neither routes nor fragments per made-up address


def test_a_draft_preview_never_fills_or_reads_the_fragments(shared_caches, rings, event_index):
    reader = rings.clients["guest"]
    assert "Qdraft" not in reader.get(event_index.url).content.decode()  # fragments stored
    draft = event_index.specific
    draft.intro = "Entwurf der Einleitung Qdraft"
    draft.save_revision()
    preview = draft.get_latest_revision_as_object().make_preview_request()
    assert "Qdraft" in preview.content.decode()  # the preview renders the draft, not a fragment
    assert "Qdraft" not in reader.get(event_index.url).content.decode()  # and left none behind


def test_a_search_with_a_new_term_reuses_the_menu_and_footer(shared_caches, site_tree):
    client = Client()
    assert client.get("/suche/", {"q": "Fachtagung"}).status_code == 200

    def frame_entries():
        return {key for key in shared_caches._cache if any(f"fragment:{n}:" in key for n in ("main-menu", "footer"))}

    before = frame_entries()
    assert len(before) == 2
    assert client.get("/suche/", {"q": "Kennzahlen"}).status_code == 200
    assert frame_entries() == before


def test_list_fragments_follow_the_declared_query_parameters(shared_caches, rings, event_index):
    from .factories import EventTypeFactory

    meeting = EventTypeFactory(name="Sitzung", slug="sitzung")
    rings.public.event_type = meeting
    rings.public.save_revision().publish()
    shared_caches.clear()
    guest = rings.clients["guest"]
    assert "Qpub" in seen(guest.get(event_index.url))
    assert "Qpub" in seen(guest.get(event_index.url, {"typ": "sitzung"}))
    other = EventTypeFactory(name="Workshop", slug="workshop")
    assert other.pk
    shared_caches.clear()
    assert "Qpub" not in seen(guest.get(event_index.url, {"typ": "workshop"}))
    assert "Qpub" in seen(guest.get(event_index.url, {"typ": "sitzung", "utm_source": "x"}))


def test_a_new_promotion_shows_at_the_next_search_and_other_terms_need_no_promotion_query(
    shared_caches, site_tree, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    client = Client()
    page = StandardPageFactory(parent=site_tree.home, title="Quittenernte im Überblick")
    assert "Empfohlene Treffer" not in client.get("/suche/", {"q": "Apfelernte"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        SearchPromotion.objects.create(query=Query.get("Apfelernte"), page=page, sort_order=0, description="Ernte")
    html = client.get("/suche/", {"q": "Apfelernte"}).content.decode()
    assert "Quittenernte im Überblick" in html
    with CaptureQueriesContext(connection) as queries:
        client.get("/suche/", {"q": "Birnenernte"})
    assert not [q for q in queries if "wagtailsearchpromotions_searchpromotion" in q["sql"]]
