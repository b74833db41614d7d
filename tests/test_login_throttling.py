"""Login throttling on the normalised identity and the real client, behind a trusted proxy;
per-client throttling of many user names; rate limits for password-reset mails."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ops.clientip import client_ip

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def via_proxy(client_address):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


# --- identity -----------------------------------------------------------------------------------


def test_letter_case_variants_of_the_address_share_one_lock(client, member):
    address = member.email
    variants = [address.upper(), address.lower(), address.title(), address.swapcase(), f"  {address} "]
    for variant in variants:
        login(client, variant, "falsch")
    response = login(client, address.capitalize())  # right password, yet another variant
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_user_name_and_address_are_one_identity(client, member):
    for _ in range(3):
        login(client, member.username, "falsch")
    for _ in range(2):
        login(client, member.email.upper(), "falsch")
    assert login(client, member.username).status_code == 429


def test_locked_account_stays_locked_through_a_case_variant_of_the_user_name(client, member):
    for _ in range(5):
        login(client, member.username, "falsch")
    assert login(client, member.username.upper()).status_code == 429


def test_overlong_user_name_gets_a_german_message_not_a_500(client, site_tree):
    response = login(client, "a" * 256, "falsch")
    assert response.status_code == 200
    assert "höchstens 150 Zeichen" in response.content.decode()


def test_overlong_password_is_refused_without_hashing_it(client, member):
    response = login(client, member.username, "x" * 5000)
    assert response.status_code == 200
    assert "höchstens" in response.content.decode()


# --- client address -------------------------------------------------------------------------------


def test_forwarded_for_is_ignored_without_trusted_proxies(rf, settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.9"


def test_forwarded_for_from_an_untrusted_peer_is_ignored(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.9"


def test_the_client_is_the_rightmost_untrusted_forwarded_address(rf, settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]
    forged_then_real = "6.6.6.6, 198.51.100.7, 10.1.2.3"
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged_then_real)
    assert client_ip(request) == "198.51.100.7"


def test_garbage_in_forwarded_for_falls_back_to_the_peer(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="nicht-eine-adresse")
    assert client_ip(request) == PROXY


def test_behind_the_proxy_one_client_is_locked_not_everybody(client, member, behind_proxy):
    for _ in range(5):
        login(client, member.username, "falsch", **via_proxy("198.51.100.1"))
    assert login(Client(), member.username, **via_proxy("198.51.100.1")).status_code == 429
    response = login(Client(), member.username, **via_proxy("198.51.100.2"))
    assert response.status_code == 302


def test_forged_forwarded_for_does_not_give_fresh_guesses(client, member, behind_proxy):
    for i in range(5):
        login(client, member.username, "falsch", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}")
    response = login(client, member.username, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.99")
    assert response.status_code == 429


def test_one_client_trying_many_user_names_is_throttled(client, member, settings):
    settings.LOGIN_CLIENT_USERNAME_LIMIT = 5
    for i in range(5):
        assert login(client, f"name{i}", "falsch").status_code == 200
    response = login(client, member.username)  # right password, but this client is guessing
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    assert login(Client(REMOTE_ADDR="198.51.100.50"), member.username).status_code == 302


# --- password reset ---------------------------------------------------------------------------------


def reset(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_mails_are_limited_per_address(client, member, known, django_capture_on_commit_callbacks):
    address = member.email if known else "unbekannt@kommune.example"
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [reset(Client(REMOTE_ADDR=f"198.51.100.{i}"), address.upper()).status_code for i in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == (3 if known else 0)
    response = reset(Client(REMOTE_ADDR="198.51.100.77"), address)
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert address in response.content.decode()  # the form keeps what was typed


def test_password_reset_is_limited_per_client(client, member, settings):
    settings.PASSWORD_RESET_CLIENT_LIMIT = 4
    statuses = [reset(client, f"person{i}@kommune.example").status_code for i in range(5)]
    assert statuses == [302, 302, 302, 302, 429]


def test_limited_answer_is_the_same_whether_the_account_exists(member):
    answers = []
    for address in (member.email, "unbekannt@kommune.example"):
        for _ in range(3):
            reset(Client(), address)
        response = reset(Client(), address)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        answers.append((response.status_code, html.replace(address, "ADDRESS")))
    assert answers[0][0] == answers[1][0] == 429
    assert answers[0][1] == answers[1][1]
