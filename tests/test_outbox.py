"""The outbox: mail is stored, sent after commit, never breaks a request, retried, visible to editors."""

import datetime
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from ops.mail import send_mail_later
from ops.models import OutgoingMail

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port that refuses connections: bind, never listen, keep it reserved."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock, sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    sock, port = closed_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    yield
    sock.close()


@pytest.fixture
def smtp_hung(settings):
    """A mail server that accepts the connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.getsockname()[1]
    settings.EMAIL_TIMEOUT = 1
    yield
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.fixture
def event(event_index):
    start = timezone.now() + datetime.timedelta(days=10)
    return EventPageFactory(
        parent=event_index,
        title="Workshop Kennzahlen",
        start=start,
        end=start + datetime.timedelta(hours=3),
        registration_enabled=True,
        registration_capacity=10,
    )


def register(client, event, email="erika@kommune.example"):
    return client.post(
        event.url + "anmeldung/",
        {"name": "Erika Mustermann", "email": email, "people": "1", "consent": "on", "organisation": "Kreis"},
    )


def test_mail_is_sent_only_after_the_transaction_commits(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail_later("Betreff", "Text", "a@example.org", kind="registration")
    assert mail.outbox == []
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.QUEUED
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["a@example.org"]
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_rolled_back_mail_is_neither_stored_nor_sent(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_mail_later("Betreff", "Text", ["a@example.org"])
        raise RuntimeError
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_sent_mail_keeps_its_record_but_not_its_content(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later(
            "Betreff",
            "geheimer Link",
            ["a@example.org"],
            html_body="<p>geheimer Link</p>",
            attachments=[("a.ics", "BEGIN:VCALENDAR", "text/calendar"), ("b.bin", b"\x00\x01", None)],
            reply_to="redaktion@example.org",
        )
    (message,) = mail.outbox
    assert message.reply_to == ["redaktion@example.org"]
    assert message.alternatives[0][0] == "<p>geheimer Link</p>"
    assert [a[0] for a in message.attachments] == ["a.ics", "b.bin"]
    assert message.attachments[1][1] == b"\x00\x01"
    record = OutgoingMail.objects.get()
    assert record.sent_at is not None and record.attempts == 1
    assert record.body == "" and record.html_body == "" and record.attachments == []


def test_smtp_down_leaves_a_failed_mail_that_the_retry_sends(
    client, event, smtp_down, settings, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event)
    assert response.status_code == 302
    assert response["Location"].endswith("status=bestaetigt")
    assert Registration.objects.filter(event=event).count() == 1
    record = OutgoingMail.objects.get()
    assert record.kind == "registration"
    assert record.status == OutgoingMail.Status.FAILED
    assert record.attempts == 1
    assert "Connection refused" in record.last_error or "ConnectionRefused" in record.last_error
    assert "not sent" in caplog.text
    # A second try of the same person is a duplicate, but the confirmation is not lost:
    assert register(client, event).status_code == 200

    # Too early: nothing to do.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")
    assert mail.outbox == []
    OutgoingMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("send_queued_mail")
    (message,) = mail.outbox
    assert message.subject == "Anmeldebestätigung: Workshop Kennzahlen"
    assert message.attachments[0][2] == "text/calendar"
    record.refresh_from_db()
    assert record.status == OutgoingMail.Status.SENT and record.attempts == 2


def test_a_hung_mail_server_holds_the_request_only_for_the_mail_timeout(
    client, event, smtp_hung, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event)
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 4
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.FAILED


def test_password_reset_answers_alike_when_the_mail_server_is_down(
    client, member, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    record = OutgoingMail.objects.get()
    assert record.kind == "password_reset"
    assert record.status == OutgoingMail.Status.FAILED


def test_mail_is_given_up_after_the_last_attempt(site_tree, smtp_down, settings, django_capture_on_commit_callbacks):
    settings.OUTGOING_MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later("Betreff", "Text", ["a@example.org"])
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail")
    record = OutgoingMail.objects.get()
    assert record.status == OutgoingMail.Status.ABANDONED
    assert record.attempts == 2
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail")
    assert OutgoingMail.objects.get().attempts == 2


def test_a_mail_is_sent_once_even_if_queued_twice_for_sending(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = send_mail_later("Betreff", "Text", ["a@example.org"])
    from ops.mail import deliver

    assert deliver(record.pk) is False
    call_command("send_queued_mail")
    assert len(mail.outbox) == 1


def test_old_outbox_entries_are_deleted(site_tree, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later("Alt", "Text", ["a@example.org"])
        send_mail_later("Neu", "Text", ["a@example.org"])
    OutgoingMail.objects.filter(subject="Alt").update(
        created_at=timezone.now() - datetime.timedelta(days=settings.OUTGOING_MAIL_RETENTION_DAYS + 1)
    )
    call_command("send_queued_mail")
    assert list(OutgoingMail.objects.values_list("subject", flat=True)) == ["Neu"]


def test_send_queued_mail_is_a_periodic_job(settings):
    assert ("send_queued_mail", 60) in settings.PERIODIC_JOBS


# --- the outbox in the admin -------------------------------------------------------------------


def test_editor_sees_which_confirmations_failed(client, editor, event, smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)
    client.force_login(editor)
    response = client.get(reverse("postausgang:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Postausgang" in html or "Ausgehende E-Mails" in html
    assert "Anmeldebestätigung: Workshop Kennzahlen" in html
    assert "erika@kommune.example" in html
    assert "Fehlgeschlagen – neuer Versuch folgt" in html
    response = client.get(reverse("postausgang:index") + "?status=failed")
    assert "Workshop Kennzahlen" in response.content.decode()
    record = OutgoingMail.objects.get()
    response = client.get(reverse("postausgang:inspect", args=[record.pk]))
    assert response.status_code == 200
    assert "Connection refused" in response.content.decode() or "ConnectionRefused" in response.content.decode()


def test_the_admin_never_shows_mail_bodies(client, editor, site_tree, smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later("Passwort", "https://example.org/konto/passwort-neu/GEHEIM-TOKEN/", ["m@example.org"])
    client.force_login(editor)
    record = OutgoingMail.objects.get()
    for url in (reverse("postausgang:index"), reverse("postausgang:inspect", args=[record.pk])):
        assert "GEHEIM-TOKEN" not in client.get(url).content.decode()


def test_nobody_adds_or_edits_outbox_mails(client, admin_user, site_tree):
    record = OutgoingMail.objects.create(subject="x", to=["a@example.org"])
    client.force_login(admin_user)
    assert client.get(reverse("postausgang:index")).status_code == 200
    assert client.get(reverse("postausgang:add")).status_code in (302, 403)
    assert client.get(reverse("postausgang:edit", args=[record.pk])).status_code in (302, 403)


def test_members_cannot_see_the_outbox(client, member):
    client.force_login(member)
    response = client.get(reverse("postausgang:index"))
    assert response.status_code == 302
