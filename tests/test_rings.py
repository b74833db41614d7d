"""Vergleichsringe: groups follow the Kommune, closed workspaces, and a leak crawl per ring.

For members of ring A, ring B, the AK Option, the Moderation, a member without ring and for
anonymous readers, unique words are planted in every workspace (page title, intro, body, a child
page, a meeting, a document title, PDF text, link labels on a public page). Each reader crawls the
site (menus, listings, calendar, search, sitemap, feeds, downloads) and reads their personal
calendar feed and their digest: they find exactly the words they may see and nothing else.
"""

import datetime
import io

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from documents_app.pdf import make_pdf
from home.site_setup import MEMBERS_GROUP
from participants import digest, rings
from participants.models import Kommune, MemberProfile, RingWorkspacePage, Vergleichsring

from .factories import (
    DocumentFactory,
    EventPageFactory,
    EventTypeFactory,
    KommuneFactory,
    StandardPageFactory,
    UserFactory,
)
from .test_leaks import Secrets, _query_of, crawl

pytestmark = pytest.mark.django_db

AREAS = ("alpha", "bravo", "akopt")


def word(area, field):
    return f"Xq{area.capitalize()}{field}Zk"


class RingSite:
    def __init__(self):
        self.secrets = {area: Secrets() for area in AREAS}
        self.users = {}
        self.workspaces = {}

    def all_words(self):
        return {w: (area, where) for area, s in self.secrets.items() for w, where in s.words.items()}


def make_member(username, kommune=None, **flags):
    user = UserFactory(username=username, groups=[Group.objects.get(name=MEMBERS_GROUP)])
    MemberProfile.objects.create(user=user, kommune=kommune, **flags)
    user.refresh_from_db()
    return user


@pytest.fixture
def ring_site(site_tree, home, internal):
    site = RingSite()
    ring_a = Vergleichsring.objects.create(number=1)
    ring_b = Vergleichsring.objects.create(number=2)
    site.ring_a, site.ring_b = ring_a, ring_b
    site.kommune_a = KommuneFactory(name="Landkreis Alphadorf", vergleichsring=ring_a, contact_name="Anna Alpha")
    site.kommune_b = KommuneFactory(name="Landkreis Bravostadt", vergleichsring=ring_b, contact_name="Bernd Bravo")
    meeting_type = EventTypeFactory(name="Vergleichsring-Treffen", slug="vergleichsring-treffen")
    public_links = []
    for area, ring in (("alpha", ring_a), ("bravo", ring_b), ("akopt", None)):
        s = site.secrets[area]
        internal.refresh_from_db()
        workspace, _ = rings.ensure_workspace(
            internal,
            ring=ring,
            title=f"Bereich {s.add(word(area, 'Titel'), 'workspace title')}",
            intro=f"Einleitung {s.add(word(area, 'Intro'), 'workspace intro')}",
            body=[("paragraph", RichText(f"<p>Text {s.add(word(area, 'Body'), 'workspace body')}</p>"))],
        )
        site.workspaces[area] = workspace
        child = StandardPageFactory(
            parent=workspace,
            title=f"Protokoll {s.add(word(area, 'Kind'), 'child page title')}",
            slug="protokoll",
            show_in_menus=True,
        )
        meeting = EventPageFactory(
            parent=workspace,
            title=f"Workshop {s.add(word(area, 'Treffen'), 'meeting title')}",
            slug="workshop",
            event_type=meeting_type,
            start=timezone.now() + datetime.timedelta(days=20),
            end=timezone.now() + datetime.timedelta(days=21),
        )
        collection = (
            rings.workspace_collection(workspace)
            if ring is None
            else Vergleichsring.objects.get(pk=ring.pk).collection
        )
        pdf_word = s.add(word(area, "Pdf"), "PDF text")
        document = DocumentFactory(
            title=f"Auswertung {s.add(word(area, 'Dok'), 'document title')}",
            collection=collection,
            file=ContentFile(make_pdf("Auswertung", [f"Inhalt {pdf_word}"]), name=f"auswertung-{area}.pdf"),
        )
        for target in (child, meeting):
            target.save_revision().publish()  # as editors do: sets last_published_at (digest)
        for target in (workspace, child, meeting):
            s.internal_urls.add(target.url)
        s.internal_urls.add(document.url)
        s.document_urls.add(document.url)
        link_word = s.add(word(area, "Link"), "rich-text link label on a public page")
        public_links.append(f'<a linktype="page" id="{child.pk}">Verweis {link_word}</a>')
        public_links.append(f'<a linktype="document" id="{document.pk}">Datei {link_word}</a>')
        site.__dict__[f"{area}_document"] = document
    links = StandardPageFactory(parent=home, title="Ringverweise", slug="ringverweise", show_in_menus=True)
    links.body = [("paragraph", RichText("<p>" + " ".join(public_links) + "</p>"))]
    links.save_revision().publish()

    site.users = {
        "alpha": make_member("alpha", site.kommune_a),
        "bravo": make_member("bravo", site.kommune_b),
        "akopt": make_member("akopt", site.kommune_b, ak_option=True),
        "moderation": make_member("moderation", None, moderation=True),
        "plain": make_member("plain", KommuneFactory(name="Landkreis Ohnering")),
    }
    return site


ALLOWED = {
    "anonymous": set(),
    "plain": set(),
    "alpha": {"alpha"},
    "bravo": {"bravo"},
    "akopt": {"bravo", "akopt"},
    "moderation": {"alpha", "bravo", "akopt"},
}


def test_groups_follow_kommune_ring_flags_and_deactivation(ring_site):
    names = {key: set(user.groups.values_list("name", flat=True)) for key, user in ring_site.users.items()}
    assert names["alpha"] == {"Mitglieder", "Vergleichsring 1"}
    assert names["bravo"] == {"Mitglieder", "Vergleichsring 2"}
    assert names["akopt"] == {"Mitglieder", "Vergleichsring 2", "Arbeitskreis Option"}
    assert names["moderation"] == {"Mitglieder", "Moderation"}
    assert names["plain"] == {"Mitglieder"}
    alpha = ring_site.users["alpha"]
    alpha.is_active = False
    alpha.save()
    assert set(alpha.groups.values_list("name", flat=True)) == {"Mitglieder"}
    alpha.is_active = True
    alpha.save()
    assert alpha.groups.filter(name="Vergleichsring 1").exists()
    # Changing the member's Kommune moves the member.
    profile = alpha.blok_profile
    profile.kommune = ring_site.kommune_b
    profile.save()
    assert set(alpha.groups.values_list("name", flat=True)) == {"Mitglieder", "Vergleichsring 2"}
    # Renumbering a ring renames its group; its members stay in it.
    ring_site.ring_b.number = 7
    ring_site.ring_b.save()
    assert alpha.groups.filter(name="Vergleichsring 7").exists()


def test_every_ring_has_a_restricted_collection_and_workspace(ring_site):
    for area, groups in (
        ("alpha", {"Vergleichsring 1", "Moderation"}),
        ("bravo", {"Vergleichsring 2", "Moderation"}),
        ("akopt", {"Arbeitskreis Option", "Moderation"}),
    ):
        workspace = ring_site.workspaces[area]
        restriction = workspace.view_restrictions.get()
        assert set(restriction.groups.values_list("name", flat=True)) == groups
        collection = rings.workspace_collection(workspace)
        assert set(collection.view_restrictions.get().groups.values_list("name", flat=True)) == groups
        assert collection.get_parent().name == "Intern"


@pytest.mark.parametrize("reader", ["anonymous", "plain", "alpha", "akopt", "moderation"])
def test_leak_crawl_per_ring_each_reader_finds_exactly_what_they_may_see(ring_site, reader):
    client = Client()
    user = ring_site.users.get(reader)
    if user is not None:
        client.force_login(user)
    secrets = Secrets()
    for s in ring_site.secrets.values():
        secrets.words.update(s.words)
        secrets.internal_urls |= s.internal_urls
    result = crawl(client, secrets)
    if user is not None:
        result.probe(["/konto/", "/konto/kalender/", "/konto/einstellungen/"])
    texts = {url: text for url, _status, text in result.texts()}
    allowed = ALLOWED[reader]
    found, leaks = set(), []
    for url, text in texts.items():
        echoed = _query_of(url)
        for w, (area, where) in ring_site.all_words().items():
            if w in text and w not in echoed:
                found.add(w)
                if area not in allowed:
                    leaks.append(f"{url}: {w} ({area}: {where})")
    assert not leaks, f"{reader} saw what is not theirs:\n" + "\n".join(leaks)
    expected = {w for area in allowed for w in ring_site.secrets[area].words}
    assert expected <= found, f"{reader} could not reach: {sorted(expected - found)}"
    # Downloads of other rings' documents never answer 200.
    for area in AREAS:
        for url in ring_site.secrets[area].document_urls:
            status = result.responses[url][0]
            assert (status == 200) == (area in allowed), (reader, url, status)

    # The personal calendar feed and the digest mail follow the same rule.
    if user is not None:
        profile = user.blok_profile
        token = rings.issue_calendar_token(profile)
        feed = client.get(f"/kalender/abo/{token}.ics")
        assert feed.status_code == 200
        assert feed["Cache-Control"].startswith("private") and "no-store" in feed["Cache-Control"]
        calendar = icalendar.Calendar.from_ical(feed.content)
        summaries = " ".join(str(e["summary"]) for e in calendar.walk("VEVENT"))
        mail_text, _ = digest.render_mail(
            profile, digest.compute(user, timezone.now() - datetime.timedelta(days=1)), None
        )
        for area in AREAS:
            assert (word(area, "Treffen") in summaries) == (area in allowed), (reader, area, "calendar")
            for field in ("Titel", "Kind", "Treffen", "Dok"):
                assert (word(area, field) in mail_text) == (area in allowed), (reader, area, field, "digest")


def test_foreign_workspace_is_a_plain_404_for_members_and_a_login_redirect_for_anonymous(client, ring_site):
    url = ring_site.workspaces["alpha"].url
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/anmelden/")
    client.force_login(ring_site.users["bravo"])
    response = client.get(url)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert word("alpha", "Titel") not in response.content.decode()
    assert client.get(ring_site.alpha_document.url).status_code == 404


def test_an_alias_of_another_rings_page_stays_that_rings(client, ring_site):
    source = Page.objects.get(path__startswith=ring_site.workspaces["alpha"].path, slug="protokoll")
    alias = source.create_alias(parent=ring_site.workspaces["bravo"], update_slug="protokoll-alpha")
    client.force_login(ring_site.users["bravo"])
    response = client.get(alias.url)
    assert response.status_code == 404
    assert word("alpha", "Kind") not in response.content.decode()
    workspace = client.get(ring_site.workspaces["bravo"].url).content.decode()
    assert word("bravo", "Titel") in workspace and word("alpha", "Kind") not in workspace
    assert alias.url not in client.get("/suche/", {"q": word("alpha", "Kind")}).content.decode()
    client.force_login(ring_site.users["alpha"])
    assert client.get(alias.url).status_code == 404  # alpha's members do not pass bravo's workspace
    client.force_login(ring_site.users["moderation"])
    assert word("alpha", "Kind") in client.get(alias.url).content.decode()


def test_moving_a_kommune_changes_what_its_members_see_at_the_next_request(client, ring_site):
    alpha = ring_site.users["alpha"]
    client.force_login(alpha)
    token = rings.issue_calendar_token(alpha.blok_profile)
    assert client.get(ring_site.workspaces["alpha"].url).status_code == 200
    assert client.get(ring_site.workspaces["bravo"].url).status_code == 404
    menu = client.get("/interner-bereich/").content.decode()
    assert word("alpha", "Titel") in menu and word("bravo", "Titel") not in menu

    kommune = Kommune.objects.get(pk=ring_site.kommune_a.pk)
    kommune.vergleichsring = ring_site.ring_b
    kommune.save()

    assert client.get(ring_site.workspaces["alpha"].url).status_code == 404
    assert client.get(ring_site.workspaces["bravo"].url).status_code == 200
    menu = client.get("/interner-bereich/").content.decode()
    assert word("bravo", "Titel") in menu and word("alpha", "Titel") not in menu
    account = client.get("/konto/").content.decode()
    assert word("bravo", "Treffen") in account and word("alpha", "Treffen") not in account
    # The old calendar address is dead; a new one carries ring B's meetings.
    assert client.get(f"/kalender/abo/{token}.ics").status_code == 404
    profile = MemberProfile.objects.get(user=alpha)
    feed = client.get(f"/kalender/abo/{rings.issue_calendar_token(profile)}.ics").content.decode()
    assert word("bravo", "Treffen") in feed and word("alpha", "Treffen") not in feed
    # The next digest lists ring B's news.
    news = digest.compute(alpha, timezone.now() - datetime.timedelta(days=1))
    titles = " ".join(p.title for p in news.pages + news.events) + " ".join(d.title for d in news.documents)
    assert word("bravo", "Dok") in titles and word("alpha", "Dok") not in titles


def test_calendar_page_creates_rotates_and_revokes_the_token(client, ring_site):
    alpha = ring_site.users["alpha"]
    client.force_login(alpha)
    page = client.get("/konto/kalender/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    created = client.post("/konto/kalender/", {"action": "create"}).content.decode()
    assert "webcal://" in created
    first = created.split("/kalender/abo/", 1)[1].split(".ics", 1)[0]
    assert len(first) >= 40
    profile = MemberProfile.objects.get(user=alpha)
    assert first not in profile.calendar_token_hash and len(profile.calendar_token_hash) == 64
    assert client.get(f"/kalender/abo/{first}.ics").status_code == 200
    rotated = client.post("/konto/kalender/", {"action": "rotate"}).content.decode()
    second = rotated.split("/kalender/abo/", 1)[1].split(".ics", 1)[0]
    assert second != first
    gone = client.get(f"/kalender/abo/{first}.ics")
    never_existed = client.get("/kalender/abo/" + "x" * 43 + ".ics")
    assert gone.status_code == never_existed.status_code == 404
    assert first.encode() not in gone.content and gone.content == never_existed.content
    assert client.get(f"/kalender/abo/{second}.ics").status_code == 200
    client.post("/konto/kalender/", {"action": "revoke"})
    assert client.get(f"/kalender/abo/{second}.ics").status_code == 404
    # Deactivation kills a token as well.
    third = rings.issue_calendar_token(MemberProfile.objects.get(user=alpha))
    alpha.is_active = False
    alpha.save()
    assert Client().get(f"/kalender/abo/{third}.ics").status_code == 404


def test_account_pages_need_login_and_are_never_cached(client, ring_site):
    for url in ("/konto/", "/konto/kalender/", "/konto/einstellungen/"):
        response = client.get(url)
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
    client.force_login(ring_site.users["akopt"])
    page = client.get("/konto/")
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "Landkreis Bravostadt" in html and "Vergleichsring 2" in html and "Arbeitskreis Option" in html
    assert word("akopt", "Treffen") in html and word("bravo", "Dok") in html
    assert word("alpha", "Treffen") not in html and word("alpha", "Dok") not in html
    for link in ("/konto/passwort-aendern/", "/konto/einstellungen/", "/konto/kalender/"):
        assert link in html


def test_digest_opt_in_send_unsubscribe_and_nothing_new_means_no_mail(client, ring_site, mailoutbox):
    from ops.models import OutgoingMail

    alpha = ring_site.users["alpha"]
    client.force_login(alpha)
    assert MemberProfile.objects.get(user=alpha).digest_opt_in is False
    client.post("/konto/einstellungen/", {"digest_opt_in": "on"})
    profile = MemberProfile.objects.get(user=alpha)
    assert profile.digest_opt_in
    # Subscribed "now": everything in the fixture is older, so the first run sends nothing.
    MemberProfile.objects.filter(pk=profile.pk).update(digest_checked_until=timezone.now())
    run = digest.send_digests(force=True)
    assert run.members_checked == 1 and run.mails_queued == 0
    assert not OutgoingMail.objects.filter(kind="digest").exists()
    # Something new in ring A and ring B: only ring A's reaches the mail.
    for area in ("alpha", "bravo"):
        page = ring_site.workspaces[area]
        page.title = f"Neu {word(area, 'Frisch')}"
        page.save_revision().publish()
    run = digest.send_digests(force=True)
    assert run.mails_queued == 1
    mail = OutgoingMail.objects.get(kind="digest")
    assert mail.to == [alpha.email]
    assert word("alpha", "Frisch") in mail.body and word("bravo", "Frisch") not in mail.body
    link = next(line for line in mail.body.splitlines() if "abbestellen" in line).split(": ", 1)[1]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client(enforce_csrf_checks=False)
    assert anonymous.get(path).status_code == 200
    assert MemberProfile.objects.get(user=alpha).digest_opt_in  # GET alone (mail scanners) changes nothing
    assert anonymous.post(path).status_code == 200
    assert MemberProfile.objects.get(user=alpha).digest_opt_in is False
    assert Client().get(path[:-3] + "xx/").status_code == 404
    # Not due again within the week, and a failing member never stops the run.
    assert digest.send_digests().members_checked == 0


def test_digest_run_goes_on_when_one_member_fails(ring_site, monkeypatch):
    for key in ("alpha", "bravo"):
        MemberProfile.objects.filter(user=ring_site.users[key]).update(
            digest_opt_in=True, digest_checked_until=timezone.now() - datetime.timedelta(days=30)
        )
    real = digest.compute

    def flaky(user, since):
        if user.username == "alpha":
            raise RuntimeError("boom")
        return real(user, since)

    monkeypatch.setattr(digest, "compute", flaky)
    run = digest.send_digests()
    assert run.members_checked == 2 and run.failures == 1 and run.mails_queued == 1


def test_initial_data_builds_ten_rings_with_workspaces_idempotently(site_tree):
    from home.demo.setup import Loader
    from participants import demo

    loader = Loader()
    loader.home, loader.internal = site_tree.home, site_tree.internal
    demo.load(loader)
    first = list(loader.created)
    demo.load(loader)
    assert loader.created == first  # the second run adds nothing
    assert Vergleichsring.objects.count() == 10
    assert RingWorkspacePage.objects.filter(kind="ring").count() == 10
    assert RingWorkspacePage.objects.filter(kind="ak_option").count() == 1
    assert all("Beispielzuordnung" in ring.name for ring in Vergleichsring.objects.all())
    assert not Kommune.objects.filter(vergleichsring=None).exists()
    assert Group.objects.filter(name__startswith="Vergleichsring ").count() == 10
    assert Group.objects.filter(name__in=["Arbeitskreis Option", "Moderation"]).count() == 2


def test_secret_token_paths_never_reach_a_log_line():
    import logging

    from gunicorn.config import Config

    from blok_cms.log_redaction import RedactingLogger, RedactSecretPaths

    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/kalender/abo/GEHEIM123.ics",), None
    )
    RedactSecretPaths().filter(record)
    assert "GEHEIM123" not in record.getMessage() and "/kalender/abo/[entfernt]" in record.getMessage()

    class Request:
        method, query, version, headers = "GET", "", (1, 1), []
        path = uri = "/kalender/abo/GEHEIM123.ics"

    class Response:
        status, response_length, sent, headers = "200 OK", 10, 10, []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": Request.uri,
        "PATH_INFO": Request.path,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = RedactingLogger(Config()).atoms(Response(), Request(), environ, datetime.timedelta(seconds=0.01))
    assert "GEHEIM123" not in " ".join(str(value) for value in atoms.values())


# --- editors ---------------------------------------------------------------------------------


def test_editor_moves_kommune_in_ring_admin_and_members_follow(client, editor, ring_site):
    client.force_login(editor)
    listing = client.get("/admin/participants/vergleichsring/")
    assert listing.status_code == 200 and "aktive mitglieder" in listing.content.decode().lower()
    url = f"/admin/participants/vergleichsring/edit/{ring_site.ring_b.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "Was ist ein Vergleichsring?" in page.content.decode()
    response = client.post(
        url, {"number": "2", "name": "", "kommunen": [ring_site.kommune_b.pk, ring_site.kommune_a.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Kommune.objects.get(pk=ring_site.kommune_a.pk).vergleichsring_id == ring_site.ring_b.pk
    assert set(ring_site.users["alpha"].groups.values_list("name", flat=True)) == {"Mitglieder", "Vergleichsring 2"}


def test_editor_creates_ring_with_group_collection_and_workspace(client, editor, ring_site):
    client.force_login(editor)
    response = client.post("/admin/participants/vergleichsring/create/", {"number": "3", "name": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    ring = Vergleichsring.objects.get(number=3)
    assert ring.group.name == "Vergleichsring 3"
    assert ring.collection.name == "Vergleichsring 3"
    workspace = RingWorkspacePage.objects.get(ring=ring)
    assert set(workspace.view_restrictions.get().groups.values_list("name", flat=True)) == {
        "Vergleichsring 3",
        "Moderation",
    }


def test_member_admin_requires_a_kommune_and_sets_the_ring(client, editor, ring_site):
    client.force_login(editor)
    data = {"username": "neu", "first_name": "Nina", "last_name": "Neu", "email": "neu@example.org", "is_active": "on"}
    refused = client.post("/admin/mitglieder/new/", data)
    assert refused.status_code == 200 and "Bitte wählen Sie die Kommune" in refused.content.decode()
    assert client.post("/admin/mitglieder/new/", {**data, "kommune": ring_site.kommune_a.pk}).status_code == 302
    from home.models import Member

    member = Member.objects.get(username="neu")
    assert member.groups.filter(name="Vergleichsring 1").exists()
    edit = client.post(
        f"/admin/mitglieder/edit/{member.pk}/",
        {**data, "kommune": ring_site.kommune_b.pk, "ak_option": "on"},
    )
    assert edit.status_code == 302
    assert set(member.groups.values_list("name", flat=True)) == {
        "Mitglieder",
        "Vergleichsring 2",
        "Arbeitskreis Option",
    }


def test_ring_overview_and_formula_safe_exports(client, editor, ring_site):
    import openpyxl

    hostile = ring_site.users["alpha"]
    hostile.last_name = '=HYPERLINK("http://evil.example","x")'
    hostile.first_name = "+1"
    hostile.save()
    MemberProfile.objects.filter(user=hostile).update(digest_opt_in=True)
    digest.send_digests(force=True)
    client.force_login(editor)
    overview = client.get("/admin/vergleichsringe/mitglieder/").content.decode()
    assert "Vergleichsring 1" in overview and "Letzter Versand" in overview
    assert "1 von 5 aktiven Mitgliedern" in overview
    csv_response = client.get("/admin/vergleichsringe/mitglieder/1/?export=csv")
    text = csv_response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'+1;" in text and "\n=" not in text
    xlsx = client.get("/admin/vergleichsringe/mitglieder/1/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[0].startswith("'=") and values[1] == "'+1"
    assert client.get("/admin/vergleichsringe/mitglieder/ak-option/").status_code == 200
    assert client.get("/admin/vergleichsringe/mitglieder/99/").status_code == 404
    client.force_login(ring_site.users["moderation"])
    assert client.get("/admin/vergleichsringe/mitglieder/1/?export=csv").status_code in (302, 403)


# --- scale and caches ------------------------------------------------------------------------


def _grow(ring_site, documents=100, members_per_ring=50):
    """10 rings × 50 members × 100 documents (bulk, so the test stays fast)."""
    from django.contrib.auth import get_user_model

    from documents_app.models import BlokDocument

    internal = ring_site.workspaces["alpha"].get_parent()
    User = get_user_model()
    members_group = Group.objects.get(name=MEMBERS_GROUP)
    for number in range(3, 11):
        ring = Vergleichsring.objects.create(number=number)
        internal.refresh_from_db()
        rings.ensure_workspace(internal, ring=ring)
    for ring in Vergleichsring.objects.all():
        kommune = KommuneFactory(vergleichsring=ring)
        users = User.objects.bulk_create(
            [
                User(username=f"r{ring.number}m{i}", email=f"r{ring.number}m{i}@example.org")
                for i in range(members_per_ring)
            ]
        )
        MemberProfile.objects.bulk_create([MemberProfile(user=u, kommune=kommune) for u in users])
        through = User.groups.through
        through.objects.bulk_create(
            [through(user_id=u.pk, group_id=g) for u in users for g in (members_group.pk, ring.group_id)]
        )
        BlokDocument.objects.bulk_create(
            [
                BlokDocument(title=f"Dok {ring.number}-{i}", file=f"documents/d{i}.pdf", collection=ring.collection)
                for i in range(documents)
            ]
        )


def test_query_counts_stay_constant_with_ten_rings_fifty_members_and_hundred_documents(
    client, ring_site, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alpha = ring_site.users["alpha"]
    client.force_login(alpha)
    token = rings.issue_calendar_token(alpha.blok_profile)
    urls = [ring_site.workspaces["alpha"].url, "/konto/", f"/kalender/abo/{token}.ics", "/interner-bereich/", "/"]

    def counts():
        result = {}
        for url in urls:
            client.get(url)  # warm per-process caches (content types, site)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200, url
            result[url] = len(ctx)
        return result

    before = counts()
    _grow(ring_site)
    after = counts()
    assert after == before


def test_page_cache_never_stores_a_member_view(client, settings, ring_site):
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    member = Client()
    member.force_login(ring_site.users["alpha"])
    for url in ("/", "/interner-bereich/", ring_site.workspaces["alpha"].url, "/konto/"):
        response = member.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
    for url in ("/", "/interner-bereich/"):
        text = client.get(url).content.decode()
        assert word("alpha", "Titel") not in text and "Mein Bereich" not in text, url
    caches["pages"].clear()
