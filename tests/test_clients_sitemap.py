"""sitemap.xml and robots.txt as crawlers read them: every ``<loc>`` on the host the site is
served under, which is the Site record's address (the single public address)."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Site

pytestmark = [pytest.mark.clients, pytest.mark.django_db]

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def public_site(site_tree):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "blok.example.org", 443
    site.save()
    return site


def test_every_sitemap_loc_is_on_the_serving_host(client, public_site):
    response = client.get("/sitemap.xml", HTTP_HOST="blok.example.org", secure=True)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap, in a test
    locs = [loc.text for loc in root.iter(f"{NS}loc")]
    assert locs
    assert [loc for loc in locs if not loc.startswith("https://blok.example.org/")] == []
    assert "https://blok.example.org/" in locs


def test_robots_txt_names_the_sitemap_on_the_site_address(client, public_site):
    # Asked under another name of the same server, robots.txt still names the public address.
    response = client.get("/robots.txt", HTTP_HOST="127.0.0.1")
    sitemap_lines = [line for line in response.content.decode().splitlines() if line.startswith("Sitemap:")]
    assert sitemap_lines == ["Sitemap: https://blok.example.org/sitemap.xml"]
