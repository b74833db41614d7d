"""One public address: every absolute URL names the Site record's address, whatever allowed host
name a request came in under (``home.public_address``)."""

import datetime
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in tests
from io import StringIO

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accessibility import reports
from accessibility.models import BarrierReport
from events.dates import BERLIN
from participants import digest, rings
from participants.models import MemberProfile

from .factories import EventPageFactory, KommuneFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://blok.example.org"
OTHER_HOST = "127.0.0.1"  # another name the same server answers to (ALLOWED_HOSTS)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def public_site(site_tree):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "blok.example.org", 443
    site.save()
    return site


@pytest.fixture
def event(event_index, public_site):
    day = timezone.localdate() + datetime.timedelta(days=10)
    start = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
    return EventPageFactory(
        parent=event_index,
        title="Fachtagung Adresse",
        start=start,
        end=start + datetime.timedelta(hours=6),
        registration_enabled=True,
        registration_capacity=10,
    )


def get(client, path):
    response = client.get(path, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200, (path, response.status_code)
    return response


def urls_in(text):
    return re.findall(r"(?:https?|webcal)://[^\s\"'<>]+", text)


def test_canonical_og_url_and_json_ld_name_the_site_address(client, home, public_site):
    for page in (home, home.get_children().live().first()):
        soup = BeautifulSoup(get(client, page.url).content, "html.parser")
        expected = PUBLIC + page.url
        assert soup.select_one('link[rel="canonical"]')["href"] == expected
        assert soup.select_one('meta[property="og:url"]')["content"] == expected
    soup = BeautifulSoup(get(client, home.url).content, "html.parser")
    graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
    found = urls_in(json.dumps(graph))
    assert found and all(url.startswith(PUBLIC + "/") for url in found), found


def test_rss_and_atom_feeds_name_the_site_address(client, event_index, event):
    rss = ET.fromstring(get(client, event_index.url + "rss/").content)  # noqa: S314
    channel = rss.find("channel")
    links = [channel.findtext("link"), *(item.findtext("link") for item in channel.findall("item"))]
    links += [link.get("href") for link in channel.findall(f"{ATOM}link")]
    assert PUBLIC + event.url in links
    assert all(link.startswith(PUBLIC + "/") for link in links), links
    atom = ET.fromstring(get(client, event_index.url + "atom/").content)  # noqa: S314
    hrefs = [link.get("href") for link in atom.iter(f"{ATOM}link")]
    hrefs += [uri.text for uri in atom.iter(f"{ATOM}uri")]
    assert PUBLIC + event.url in hrefs and PUBLIC + event_index.url + "atom/" in hrefs
    assert all(href.startswith(PUBLIC + "/") for href in hrefs), hrefs


def test_robots_txt_and_sitemap_name_the_site_address(client, public_site):
    robots = get(client, "/robots.txt").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots.splitlines()
    root = ET.fromstring(get(client, "/sitemap.xml").content)  # noqa: S314
    locs = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert f"{PUBLIC}/" in locs
    assert all(loc.startswith(PUBLIC + "/") for loc in locs), locs


def test_ical_file_and_subscribe_link_name_the_site_address(client, event_index, event):
    (vevent,) = icalendar.Calendar.from_ical(get(client, event_index.url + "ical/").content).walk("VEVENT")
    assert str(vevent["URL"]) == PUBLIC + event.url
    soup = BeautifulSoup(get(client, event_index.url).content, "html.parser")
    webcal = [a["href"] for a in soup.select("a[href^='webcal:']")]
    assert webcal == ["webcal://blok.example.org" + event_index.url + "ical/"]


def test_registration_mail_names_the_site_address(client, event, django_capture_on_commit_callbacks):
    data = {"name": "Erika Mustermann", "organisation": "Landkreis Beispiel", "email": "erika@kommune.example"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.url + "anmeldung/", {**data, "people": "1", "consent": "on"}, HTTP_HOST=OTHER_HOST
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert PUBLIC + event.url in message.body
    assert all(url.startswith(PUBLIC + "/") for url in urls_in(message.body))
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["URL"]) == PUBLIC + event.url


def test_password_reset_mail_names_the_site_address(client, member, public_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": member.email}, HTTP_HOST=OTHER_HOST)
    (message,) = mail.outbox
    found = urls_in(message.body)
    assert any(url.startswith(f"{PUBLIC}/konto/passwort-neu/") for url in found), message.body
    assert all(url.startswith(PUBLIC + "/") for url in found), found


def test_member_invitation_from_the_admin_names_the_site_address(
    client, editor, public_site, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mitglieder:add"),
            {
                "username": "k.meier",
                "first_name": "Karla",
                "last_name": "Meier",
                "email": "k.meier@example.org",
                "is_active": "on",
                "kommune": KommuneFactory().pk,
            },
            HTTP_HOST=OTHER_HOST,
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    found = urls_in(message.body)
    assert f"{PUBLIC}/anmelden/" in found
    assert any(url.startswith(f"{PUBLIC}/konto/passwort-neu/") for url in found)
    assert all(url.startswith(PUBLIC + "/") for url in found), found


def test_digest_mail_names_the_site_address(home, public_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://localhost:9999"  # the Site decides, not this setting
    user = UserFactory(groups=[Group.objects.get(name="Mitglieder")])
    profile, _ = MemberProfile.objects.get_or_create(user=user, defaults={"kommune": KommuneFactory()})
    page = home.get_children().live().first().specific
    text, unsubscribe = digest.render_mail(profile, digest.Digest(pages=[page]), None)
    assert unsubscribe == PUBLIC + reverse("digest_unsubscribe", kwargs={"token": rings.unsubscribe_token(profile)})
    found = urls_in(text)
    assert PUBLIC + page.url in found and PUBLIC + reverse("account_settings") in found
    assert all(url.startswith(PUBLIC + "/") for url in found), found


def test_barrier_report_mail_links_the_admin_on_the_site_address(
    public_site, settings, django_capture_on_commit_callbacks
):
    from home.models import SiteSettings

    settings.WAGTAILADMIN_BASE_URL = "http://localhost:9999"
    SiteSettings.objects.update_or_create(site=public_site, defaults={"contact_email": "redaktion@example.org"})
    report = BarrierReport.objects.create(problem="Kontrast zu gering.", page_url="/projektziele/")
    with django_capture_on_commit_callbacks(execute=True):
        reports.mail_report(report)
    (message,) = mail.outbox
    edit = reverse("wagtailsnippets_accessibility_barrierreport:edit", args=[report.pk])
    assert PUBLIC + edit in urls_in(message.body)


def test_ensure_admin_prints_the_site_address(public_site, tmp_path, monkeypatch, settings):
    from home.management.commands import ensure_admin

    settings.WAGTAILADMIN_BASE_URL = "http://localhost:9999"
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password")
    monkeypatch.setattr(ensure_admin, "MEMBER_PASSWORD_FILE", tmp_path / "member-password")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert f"{PUBLIC}/admin/" in out.getvalue() and f"{PUBLIC}/anmelden/" in out.getvalue()
    assert "localhost:9999" not in out.getvalue()
