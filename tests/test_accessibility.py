"""BITV 2.0 § 4 and § 7: Leichte Sprache, Gebärdensprache videos, the Leichte-Sprache check and
"Barriere melden" — tested through the public site, the admin and the management commands."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accessibility import demo
from accessibility.leichte_sprache import RULES, check_text, compound_split
from accessibility.models import BarrierReport, GebaerdensprachePage, LeichteSprachePage
from documents_app.models import BlokDocument
from documents_app.video import make_test_video
from ops.models import OutgoingMail

pytestmark = pytest.mark.django_db


class FailingSMTPBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("SMTP-Server nicht erreichbar")


def video_bytes(**kwargs):
    buffer = io.BytesIO()
    make_test_video(buffer, seconds=kwargs.pop("seconds", 2), **kwargs)
    return buffer.getvalue()


@pytest.fixture
def bitv_site(site_tree):
    demo.load(site_tree)
    return site_tree


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- § 4: the pages --------------------------------------------------------------------------


def test_fresh_site_start_page_links_both_pages(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_initial_data", stdout=io.StringIO())
    html = client.get("/").content.decode()
    assert 'aria-label="Service"' in html
    assert 'href="/leichte-sprache/"' in html
    assert 'href="/gebaerdensprache/"' in html
    assert "img/icons/leichte-sprache.svg" in html and "img/icons/gebaerdensprache.svg" in html
    # Idempotent: a second run creates nothing.
    out = io.StringIO()
    call_command("load_initial_data", stdout=out)
    assert LeichteSprachePage.objects.count() == 1 and GebaerdensprachePage.objects.count() == 1
    assert BlokDocument.objects.filter(title__startswith="Beispielvideo DGS").count() == 4


def test_every_page_footer_links_service_pages_and_barrier_report(client, bitv_site):
    html = client.get("/projektziele/").content.decode()
    footer = html[html.index("site-footer") :]
    assert "/leichte-sprache/" in footer and "/gebaerdensprache/" in footer
    assert "/barriere-melden/?seite=/projektziele/" in footer


def test_leichte_sprache_page_shows_the_four_required_parts(client, bitv_site):
    html = client.get("/leichte-sprache/").content.decode()
    for heading in [
        "Informationen zum Inhalt",
        "Hinweise zur Bedienung",
        "Das Wichtigste zur Barrierefreiheit",
        "Weitere Informationen in Leichter Sprache",
    ]:
        assert f">{heading}</h2>" in html
    assert "Options-Kommunen" in html


@pytest.mark.parametrize("missing", ["main_content", "navigation", "accessibility", "further_content"])
def test_leichte_sprache_page_requires_each_part(bitv_site, missing):
    page = LeichteSprachePage.objects.get()
    setattr(page, missing, "")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert missing in error.value.message_dict


@pytest.mark.parametrize("missing", ["main_content", "navigation", "accessibility", "further_content"])
def test_gebaerdensprache_page_requires_one_video_per_part(bitv_site, missing):
    page = GebaerdensprachePage.objects.get()
    setattr(page, f"{missing}_video", None)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert f"{missing}_video" in error.value.message_dict


def test_only_one_page_of_each_kind_below_the_start_page(bitv_site):
    assert not LeichteSprachePage.can_create_at(bitv_site.home)
    assert not GebaerdensprachePage.can_create_at(bitv_site.home)


def test_gebaerdensprache_page_refuses_a_pdf_as_video(bitv_site):
    page = GebaerdensprachePage.objects.get()
    page.navigation_video = page.main_content_captions
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Bitte ein Video wählen" in str(error.value)


def test_new_pages_appear_in_search_and_sitemap(client, bitv_site):
    from django.core.management import call_command as run

    run("update_index", stdout=io.StringIO())
    results = client.get("/suche/", {"q": "Options-Kommunen"}).content.decode()
    assert "/leichte-sprache/" in results
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/leichte-sprache/" in sitemap and "/gebaerdensprache/" in sitemap


# --- § 4 / Anlage 2: DGS videos ----------------------------------------------------------------


def upload_video(client, site_tree, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "DGS-Video",
            "file": SimpleUploadedFile(name, content),
            "collection": site_tree.collections["Öffentlich"].pk,
            "description": "",
        },
    )


def file_errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_video_below_320x240_is_refused_with_german_message(editor_client, site_tree):
    response = upload_video(editor_client, site_tree, "klein.mp4", video_bytes(width=319, height=240))
    assert response.status_code == 200
    assert "319 × 240 Pixel" in file_errors(response) and "mindestens 320 × 240" in file_errors(response)
    assert not BlokDocument.objects.filter(title="DGS-Video").exists()


def test_video_with_24_fps_is_refused_with_german_message(editor_client, site_tree):
    response = upload_video(editor_client, site_tree, "kino.mp4", video_bytes(fps=24))
    assert "24 Bilder pro Sekunde" in file_errors(response)
    assert "mindestens 25 Bilder pro Sekunde" in file_errors(response)
    assert not BlokDocument.objects.filter(title="DGS-Video").exists()


def test_video_that_is_no_video_is_refused(editor_client, site_tree):
    response = upload_video(editor_client, site_tree, "film.mp4", b"\x00\x00\x00\x18ftypmp42" + b"x" * 500)
    assert "kein lesbares Video" in file_errors(response)


def test_webm_named_mp4_is_refused(editor_client, site_tree):
    response = upload_video(editor_client, site_tree, "film.mp4", video_bytes(fmt="webm"))
    assert "MP4 mit H.264" in file_errors(response)


def test_valid_video_is_accepted_and_shown_with_size_and_duration(editor_client, client, bitv_site):
    content = video_bytes(width=320, height=240, fps=25, seconds=65)
    response = upload_video(editor_client, bitv_site, "dgs-inhalt.mp4", content)
    assert response.status_code == 302, file_errors(response)
    video = BlokDocument.objects.get(title="DGS-Video")
    page = GebaerdensprachePage.objects.get()
    page.main_content_video = video
    page.save_revision().publish()

    html = client.get("/gebaerdensprache/").content.decode()
    section = html[html.index('id="video-1"') : html.index('id="video-2"')]
    assert "<video controls" in section and "autoplay" not in section
    assert "gebaerdensprache.svg" in section
    assert f'src="{video.url}"' in section and "download" in section
    size = f"{len(content) / 1_000_000:.2f}".replace(".", ",")
    assert f"{size} MB" in section
    assert "Laufzeit 01:05 Minuten" in section
    assert '<track kind="captions"' in section  # the demo captions stay attached


def test_webvtt_upload_needs_webvtt_header(editor_client, site_tree):
    response = upload_video(editor_client, site_tree, "untertitel.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHallo\n")
    assert "keine WebVTT-Untertiteldatei" in file_errors(response)
    ok = upload_video(editor_client, site_tree, "untertitel.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n")
    assert ok.status_code == 302


# --- Anlage 2: the Leichte-Sprache check -------------------------------------------------------

PLANTED = """Die Fachtagung wurde von der Kommune geplant.
Bringen Sie z. B. einen Stift mit.
Sie kommen nicht zu spät.
Das Haus des Landkreises ist groß.
Das wäre schön.
Es kommen dreizehn Gäste.
Wir laden Sie zur Fach-Tagung ein.
Wir gehen heute mit allen Menschen aus der Stadt und vom Land gemeinsam in einen sehr großen Park am Fluss."""

CLEAN = """Auf dieser Internet-Seite finden Sie Informationen.
Die Informationen sind von den Job-Centern.
Oben auf jeder Seite ist das Menü.
Sie können auch suchen.
Es gibt 104 Options-Kommunen.
Wir helfen Ihnen gern."""


def test_check_reports_each_rule_on_planted_text():
    findings = check_text(PLANTED)
    by_rule = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    assert set(by_rule) == set(RULES)
    assert any(f.text == "z. B." for f in by_rule["abbreviation"])
    assert any(f.text == "nicht" for f in by_rule["negation"])
    assert any("geplant" in f.hint for f in by_rule["passive"])
    assert any(f.text == "des Landkreises" for f in by_rule["genitive"])
    assert any(f.text == "wäre" for f in by_rule["subjunctive"])
    assert any(f.text == "Fachtagung" and f.hint == "Besser: Fach-Tagung" for f in by_rule["compound"])
    assert any(f.text == "dreizehn" for f in by_rule["number_word"])
    assert any("Fach-Tagung" in f.text and "Fachtagung" in f.text for f in by_rule["inconsistent_term"])
    assert any("20 Wörter" in f.hint for f in by_rule["long_sentence"])


def test_check_finds_nothing_on_clean_leichte_sprache():
    assert check_text(CLEAN) == []


def test_demo_leichte_sprache_text_passes_the_check(bitv_site):
    from accessibility.leichte_sprache import check_page

    assert check_page(LeichteSprachePage.objects.get()) == []


def test_compound_split_suggestions():
    assert compound_split("Fachtagung") == "Fach-Tagung"
    assert compound_split("Barrierefreiheitserklärung") == "Barriere-Freiheits-Erklärung"
    assert compound_split("Verwaltung") is None


def test_synonyms_for_the_same_thing_are_inconsistent():
    findings = check_text("Das ist unsere Webseite.\nAuf der Homepage steht mehr.")
    assert any(f.rule == "inconsistent_term" for f in findings)


def test_command_prints_findings_for_a_page(bitv_site):
    page = LeichteSprachePage.objects.get()
    page.navigation = "<p>Das Menü wurde nicht geändert.</p>"
    page.save_revision()
    out = io.StringIO()
    call_command("check_leichte_sprache", str(page.pk), stdout=out)
    text = out.getvalue()
    assert RULES["negation"] in text and RULES["passive"] in text
    assert "[Hinweise zur Bedienung]" in text


def test_editor_sees_findings_in_the_edit_view_and_can_still_publish(editor_client, bitv_site):
    page = LeichteSprachePage.objects.get()
    page.main_content = "<p>Die Fachtagung ist nicht teuer.</p>"
    page.save_revision()
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Prüfung auf Leichte Sprache" in edit
    assert RULES["negation"] in edit and "Besser: Fach-Tagung" in edit
    assert reverse("leichte_sprache_check", args=[page.pk]) in edit  # "Auf Leichte Sprache prüfen"
    # Any page can be checked on demand.
    other = bitv_site.home.get_children().get(slug="projektziele")
    response = editor_client.get(reverse("leichte_sprache_check", args=[other.pk]))
    assert response.status_code == 200 and "Prüfung auf Leichte Sprache" in response.content.decode()


def test_findings_never_block_publishing(bitv_site):
    page = LeichteSprachePage.objects.get()
    page.main_content = "<p>Die Fachtagung wurde nicht abgesagt.</p>"
    page.full_clean()  # advice only: no validation error
    page.save_revision().publish()
    page.refresh_from_db()
    assert "abgesagt" in page.main_content and page.live


# --- § 7: "Barriere melden" --------------------------------------------------------------------


def report_data(**extra):
    return {
        "problem": "Das Video auf der Startseite hat keine Untertitel.",
        "page_url": "/projektziele/",
        "email": "leserin@example.org",
        "consent": "on",
        "website": "",
        **extra,
    }


def test_report_is_stored_and_mailed_to_the_feedback_address(client, bitv_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barriere-melden/", report_data())
    assert response.status_code == 302 and response["Location"] == "/barriere-melden/danke/"
    report = BarrierReport.objects.get()
    assert report.status == "neu" and report.page_url == "/projektziele/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["barrierefreiheit@example.org"]  # from the statement page
    assert message.reply_to == ["leserin@example.org"]
    assert "keine Untertitel" in message.body
    done = client.get(response["Location"]).content.decode()
    assert "spätestens innerhalb eines Monats" in done


@override_settings(EMAIL_BACKEND="tests.test_accessibility.FailingSMTPBackend")
def test_report_survives_smtp_failure(client, bitv_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barriere-melden/", report_data())
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 1
    # The mail waits in the outbox for the retry job.
    queued = OutgoingMail.objects.get(kind="barrier_report")
    assert queued.status != OutgoingMail.Status.SENT and queued.to == ["barrierefreiheit@example.org"]


def test_bad_input_keeps_values_with_german_messages(client, bitv_site):
    response = client.post(
        "/barriere-melden/", report_data(problem="Kurz", email="keine-adresse", consent="", page_url="/dokumente/")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "mindestens 10 Zeichen" in html
    assert "gültige E-Mail-Adresse" in html
    assert "Bitte stimmen Sie zu" in html
    assert "keine-adresse" in html and "Kurz</textarea>" in html and 'value="/dokumente/"' in html
    assert not BarrierReport.objects.exists()


def test_problem_is_required(client, bitv_site):
    response = client.post("/barriere-melden/", report_data(problem=""))
    assert "Bitte beschreiben Sie die Barriere." in response.content.decode()


def test_form_is_prefilled_with_the_referring_page(client, bitv_site):
    html = client.get("/barriere-melden/", HTTP_REFERER="http://testserver/fachtagungen/").content.decode()
    assert 'value="/fachtagungen/"' in html
    html = client.get("/barriere-melden/", {"seite": "/dokumente/"}).content.decode()
    assert 'value="/dokumente/"' in html
    foreign = client.get("/barriere-melden/", HTTP_REFERER="https://evil.example/x/").content.decode()
    assert "evil.example" not in foreign


def test_honeypot_discards_the_report(client, bitv_site):
    response = client.post("/barriere-melden/", report_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not BarrierReport.objects.exists()


def test_rate_limit_stops_a_flood(client, bitv_site):
    from django.core.cache import cache

    cache.clear()
    statuses = [client.post("/barriere-melden/", report_data()).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert BarrierReport.objects.count() == 5


def test_post_from_another_origin_is_refused(client, bitv_site):
    response = client.post("/barriere-melden/", report_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and not BarrierReport.objects.exists()


def test_no_cookie_on_other_pages(client, bitv_site):
    for url in ["/", "/leichte-sprache/", "/gebaerdensprache/", "/barrierefreiheit/", "/projektziele/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, f"{url} setzt Cookies: {list(response.cookies)}"
    assert not client.get("/barriere-melden/").cookies


def test_statement_page_has_the_form_and_the_schlichtungsstelle(client, bitv_site):
    html = client.get("/barrierefreiheit/").content.decode()
    assert 'action="/barriere-melden/"' in html
    assert "Schlichtungsstelle nach § 16 BGG" in html
    assert "Mauerstraße 53" in html and "10117 Berlin" in html and "schlichtungsstelle-bgg.de" in html


def test_editors_list_reports_with_status_and_can_set_it(editor_client, bitv_site):
    report = BarrierReport.objects.create(problem="Kontrast im Menü ist zu schwach.", page_url="/")
    listing = editor_client.get("/admin/snippets/accessibility/barrierreport/", {"status": "neu"})
    assert listing.status_code == 200 and "Kontrast im Menü" in listing.content.decode()
    edit_url = f"/admin/snippets/accessibility/barrierreport/edit/{report.pk}/"
    response = editor_client.post(edit_url, {"status": "in_bearbeitung", "note": "Antwort am 3.12. geschickt"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_bearbeitung" and report.problem == "Kontrast im Menü ist zu schwach."


def test_old_reports_are_deleted_by_the_periodic_job(bitv_site, settings):
    settings.BARRIER_REPORT_RETENTION_DAYS = 30
    old = BarrierReport.objects.create(
        problem="Alte Meldung zum Menü", created_at=timezone.now() - datetime.timedelta(days=31)
    )
    new = BarrierReport.objects.create(problem="Neue Meldung zum Menü")
    call_command("delete_old_barrier_reports", stdout=io.StringIO())
    assert not BarrierReport.objects.filter(pk=old.pk).exists()
    assert BarrierReport.objects.filter(pk=new.pk).exists()
    assert ("delete_old_barrier_reports", 86400) in settings.PERIODIC_JOBS


def test_service_navigation_costs_no_extra_queries(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        client.get(url)  # warm caches the way a running site has them
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    before = count("/projektziele/")
    demo.load(site_tree)
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    assert count("/projektziele/") <= before


def test_internal_dgs_video_is_hidden_from_anonymous_readers(client, bitv_site, member):
    page = GebaerdensprachePage.objects.get()
    video = page.navigation_video
    video.collection = bitv_site.collections["Intern"]
    video.save()
    anonymous = client.get("/gebaerdensprache/").content.decode()
    assert video.url not in anonymous
    client.force_login(member)
    assert video.url in client.get("/gebaerdensprache/").content.decode()


def test_hostile_report_text_is_escaped_in_the_admin(editor_client, bitv_site):
    BarrierReport.objects.create(problem='<script>alert("x")</script> Menü kaputt', page_url='"><img src=x>')
    html = editor_client.get("/admin/snippets/accessibility/barrierreport/").content.decode()
    assert '<script>alert("x")</script>' not in html and "<img src=x>" not in html
