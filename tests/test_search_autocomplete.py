"""Autocomplete of the search fields: visible titles only, one query, cached for guests."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import StandardPageFactory


def _suggest(client, typed):
    return client.get(reverse("search_suggestions"), {"q": typed})


def test_suggestions_are_visible_titles_and_never_internal_ones_for_guests(member_client, home, internal):
    StandardPageFactory(parent=home, title="Fachtagung Arbeitsmarkt")
    StandardPageFactory(parent=internal, title="Fachtagung intern geheim")
    guest = _suggest(Client(), "Fachta")
    assert "Fachtagung Arbeitsmarkt" in guest.json()["suggestions"]
    assert "Fachtagung intern geheim" not in guest.json()["suggestions"]
    assert "public" in guest["Cache-Control"]
    member = _suggest(member_client, "Fachta")
    assert "Fachtagung intern geheim" in member.json()["suggestions"]
    assert "private" in member["Cache-Control"]
    # The members' answer is not reused for guests.
    assert "Fachtagung intern geheim" not in _suggest(Client(), "Fachta").json()["suggestions"]


def test_at_most_one_query_per_request_and_none_when_cached_for_guests(home, site_tree):
    for index in range(12):
        StandardPageFactory(parent=home, title=f"Kennzahlen {index}")
    client = Client()
    _suggest(client, "Warm")  # the visibility facts of the site
    with CaptureQueriesContext(connection) as first:
        response = _suggest(client, "Kennz")
    assert len(response.json()["suggestions"]) == 8
    with CaptureQueriesContext(connection) as second:
        _suggest(client, "Kennz")
    assert len(first) <= 2  # visibility rule (memoised per request) and the titles
    assert len(second) <= len(first) - 1


def test_short_and_hostile_input_gives_an_empty_list(client, home):
    for typed in ("", "a", "\x00", "%' OR 1=1 --", "<script>"):
        response = _suggest(client, typed)
        assert response.status_code == 200
        assert response.json() == {"suggestions": []}


def test_search_fields_point_to_the_script_from_static_files(client, home):
    html = client.get(reverse("search")).content.decode()
    assert 'data-autocomplete-url="/suche/vorschlaege/"' in html
    assert "search-autocomplete" in html and "<script>" not in html
