"""The Projektteilnehmer page: grouped list, counts, filters, map, member-only fields."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from participants import demo
from participants.models import Kommune

from .factories import KommuneFactory, VergleichsringFactory

URL = "/projektteilnehmer/"


@pytest.fixture
def all_kommunen(site_tree):
    demo.load(site_tree)
    return Kommune.objects.all()


def test_page_lists_104_optionskommunen_in_13_laendern(client, all_kommunen):
    html = client.get(URL).content.decode()
    assert "104 Optionskommunen in 13 Ländern" in html
    assert len(re.findall(r'<tr id="kommune-\d+">', html)) == 104
    assert '<h2 id="land-ni-titel">Niedersachsen <span class="participants-land__count">(16)</span></h2>' in html


def test_filter_by_bundesland_and_type(client, all_kommunen):
    html = client.get(URL, {"land": "BY", "art": "kreisfreie_stadt"}).content.decode()
    rows = re.findall(r'<tr id="kommune-\d+">', html)
    expected = Kommune.objects.filter(bundesland="BY", kind="kreisfreie_stadt").count()
    assert len(rows) == expected > 0
    assert f"{expected} von 104 Optionskommunen" in html
    assert '<option value="BY" selected>' in html


@pytest.mark.parametrize("params", [{"land": "XX"}, {"art": "dorf"}, {"land": "<script>"}, {"land": ["BY", "NI"]}])
def test_bad_filter_values_are_ignored(client, all_kommunen, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert len(re.findall(r'<tr id="kommune-\d+">', response.content.decode())) in (104, 16)


def test_website_links_are_shown(client, site_tree):
    KommuneFactory(name="Landkreis Webseite", website="https://www.example.org/")
    html = client.get(URL).content.decode()
    assert '<a href="https://www.example.org/" rel="external">Landkreis Webseite' in html


def test_map_is_inline_svg_shaded_by_count_without_inline_styles(client, all_kommunen):
    html = client.get(URL).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    assert svg.count("<path") == 16
    assert 'class="map-land map-land--4"><title>Niedersachsen: 16 Optionskommunen</title>' in svg
    assert 'class="map-land map-land--0"><title>Berlin: 0 Optionskommunen</title>' in svg
    assert "style=" not in html
    assert not re.search(r'<text x="[0-9]+,[0-9]', svg)  # coordinates are never localised (German comma)
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_summary_table_is_the_accessible_alternative(client, all_kommunen):
    html = client.get(URL).content.decode()
    assert "<caption>Optionskommunen je Land</caption>" in html
    assert '<th scope="row"><a href="?land=HE">Hessen</a></th>' in html


def _kommune_with_contact():
    return KommuneFactory(
        name="Landkreis Kontakt",
        contact_name="Erika Mustermann",
        contact_email="erika@example.org",
        contact_phone="0123 456",
        vergleichsring=VergleichsringFactory(number=7),
    )


def test_anonymous_readers_cannot_see_member_only_contact_fields(client, site_tree):
    _kommune_with_contact()
    html = client.get(URL).content.decode()
    assert "Erika Mustermann" not in html
    assert "erika@example.org" not in html
    assert "0123 456" not in html
    assert "Vergleichsring 7" in html


def test_logged_in_non_members_cannot_see_contact_fields(site_tree):
    from .factories import UserFactory

    _kommune_with_contact()
    client = Client()
    client.force_login(UserFactory())
    assert "Erika Mustermann" not in client.get(URL).content.decode()


def test_members_see_contact_fields_and_the_page_is_not_cached(member_client):
    _kommune_with_contact()
    response = member_client.get(URL)
    html = response.content.decode()
    assert "Erika Mustermann" in html and "mailto:erika@example.org" in html and "0123 456" in html
    assert "private" in response["Cache-Control"]


def test_anonymous_page_sets_no_cookies(client, all_kommunen):
    assert client.get(URL).cookies == {}


def _queries(client, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, params or {}).status_code == 200
    return len(context.captured_queries)


def test_query_count_is_constant(client, site_tree):
    KommuneFactory(vergleichsring=VergleichsringFactory())
    few = _queries(client)
    ring = VergleichsringFactory()
    for n in range(40):
        KommuneFactory(bundesland=["BY", "NI", "HE", "NW"][n % 4], vergleichsring=ring)
    assert _queries(client) == few


def test_query_count_is_constant_for_members(member_client, site_tree):
    KommuneFactory()
    few = _queries(member_client)
    for _n in range(20):
        KommuneFactory(contact_name="Jemand")
    assert _queries(member_client) == few


def test_demo_content_is_idempotent_and_keeps_editors_changes(site_tree):
    demo.load(site_tree)
    Kommune.objects.filter(name="Landkreis Biberach").update(since=2012)
    report = demo.load(site_tree)
    assert Kommune.objects.count() == 104
    assert not report.created
    assert Kommune.objects.get(name="Landkreis Biberach").since == 2012


def test_fresh_site_lists_all_104_after_load_initial_data(client, db):
    from django.core.management import call_command

    call_command("load_initial_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get(URL).content.decode()
    assert "104 Optionskommunen in 13 Ländern" in html
    assert len(re.findall(r'<tr id="kommune-\d+">', html)) == 104
