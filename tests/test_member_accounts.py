"""Members' login, logout, password change and reset; throttling; safe ``next=``; member admin."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from home.models import Member

from .conftest import PASSWORD
from .factories import KommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_login_page_is_in_site_design_and_never_cached(client, site_tree):
    response = client.get("/anmelden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmeldung für Mitglieder" in html
    assert 'id="hauptnavigation"' in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_member_logs_in_and_reaches_internal_area(client, member):
    response = login(client, member.username, next_url="/interner-bereich/")
    assert response.status_code == 302
    assert response["Location"] == "/interner-bereich/"
    page = client.get("/interner-bereich/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]


def test_member_logs_in_with_email_address(client, member):
    response = login(client, member.email.upper())
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_wrong_password_gets_german_message(client, member):
    response = login(client, member.username, "falsch")
    assert response.status_code == 200
    assert "Die Anmeldung ist fehlgeschlagen" in response.content.decode()


def test_unknown_user_gets_the_same_message(client, site_tree):
    response = login(client, "niemand", "falsch")
    assert "Die Anmeldung ist fehlgeschlagen" in response.content.decode()


def test_deactivated_member_cannot_log_in(client, member):
    member.is_active = False
    member.save()
    response = login(client, member.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Die Anmeldung ist fehlgeschlagen" in response.content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "http://testserver.evil.example/", "\\\\evil"],
)
def test_tampered_next_falls_back_to_internal_area(client, member, next_url):
    response = login(client, member.username, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/interner-bereich/"


def test_login_is_throttled_after_five_failures(client, member):
    for _ in range(5):
        login(client, member.username, "falsch")
    response = login(client, member.username)  # even the right password is refused now
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in html
    assert "15 Minuten" in html
    assert "_auth_user_id" not in client.session
    assert "no-store" in response["Cache-Control"]


def test_password_guessing_loop_stays_locked(client, member):
    statuses = [login(client, member.username, f"versuch{i}").status_code for i in range(12)]
    # The fifth failure already answers with the lock message; every later try is refused.
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}


def test_lock_expires_after_cool_off(client, member, settings):
    for _ in range(5):
        login(client, member.username, "falsch")
    assert login(client, member.username).status_code == 429
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    response = login(client, member.username)
    assert response.status_code == 302


def test_logout_ends_the_session(client, member):
    client.force_login(member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/interner-bereich/").status_code == 302


def test_member_changes_password(client, member):
    client.force_login(member)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Neues-Passwort-2024!", "new_password2": "Neues-Passwort-2024!"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Neues-Passwort-2024!")


def test_password_change_errors_are_german_and_keep_nothing_half_done(client, member):
    client.force_login(member)
    response = client.post(
        reverse("password_change"), {"old_password": "falsch", "new_password1": "a", "new_password2": "b"}
    )
    assert response.status_code == 200
    assert "Bitte korrigieren Sie" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_member_resets_forgotten_password_by_email(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/konto/passwort-neu/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": "Frisch-Gesetzt-99!", "new_password2": "Frisch-Gesetzt-99!"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Frisch-Gesetzt-99!")


def test_password_reset_for_unknown_address_reveals_nothing(client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "unbekannt@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 0


def test_password_reset_with_broken_link_gets_german_message(client, member):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "falsch-token"]))
    assert response.status_code == 200
    assert "ungültig oder abgelaufen" in response.content.decode()


def test_members_have_no_admin_access(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or response["Location"].startswith("/anmelden/")


# --- member management by editors -----------------------------------------------------------------


def test_editor_creates_member_who_gets_an_invitation(client, editor, django_capture_on_commit_callbacks):
    kommune = KommuneFactory()
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
                "kommune": kommune.pk,
            },
        )
    assert response.status_code == 302
    member = Member.objects.get(username="k.meier")
    assert member.groups.filter(name="Mitglieder").exists()
    assert not member.is_staff and not member.is_superuser
    assert not member.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/konto/passwort-neu/" in mail.outbox[0].body


def test_editor_deactivates_member(client, editor, member):
    client.force_login(editor)
    response = client.post(
        reverse("mitglieder:edit", args=[member.pk]),
        {"username": member.username, "first_name": "", "last_name": "", "email": member.email},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active is False


def test_member_admin_lists_only_members(client, editor, member):
    other_editor = UserFactory(username="redakteurin-x", groups=[Group.objects.get(name="Redaktion")])
    client.force_login(editor)
    response = client.get(reverse("mitglieder:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert member.username in html
    assert "redakteurin-x" not in html
    assert client.get(reverse("mitglieder:edit", args=[other_editor.pk])).status_code == 404


def test_member_form_refuses_duplicate_email_in_german(client, editor, member):
    client.force_login(editor)
    response = client.post(
        reverse("mitglieder:add"), {"username": "zweit", "email": member.email.upper(), "is_active": "on"}
    )
    assert response.status_code == 200
    assert "bereits von einem anderen Konto" in response.content.decode()
    assert not Member.objects.filter(username="zweit").exists()


def test_editor_cannot_use_wagtails_user_admin(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302
