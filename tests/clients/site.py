"""The site as its readers get it: every page type, each form empty and after a failed submit.

``render_site()`` builds the full demo content (``load_initial_data``) and fetches every page type
through Django's test client — as an anonymous reader and, for the Interner Bereich and the
account pages, as a logged-in member. The outside judges (Nu Html Checker, the ARIA-reference
check) then read the HTML the readers would get.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PASSWORD = "geheim-Passwort-123"


@dataclass
class Rendered:
    name: str
    url: str
    status: int
    html: str
    #: True for a form page after a failed submit (errors shown).
    with_errors: bool = False


def _upcoming_event_with_registration():
    from events.models import EventPage
    from home import visibility

    events = visibility.visible_pages(None, EventPage.objects.upcoming())
    event = events.filter(registration_enabled=True).first()
    if event is None:
        event = events.first().specific
        event.registration_enabled = True
        event.registration_deadline = None
        event.save_revision().publish()
    return event.specific


def page_urls():
    """(name, url, member?) for every page type of the site."""
    from documents_app.models import DocumentIndexPage
    from events.models import EventIndexPage, EventPage
    from home import visibility
    from home.models import AccessibilityPage, HomePage, ImpressumPage, InternalAreaPage, PrivacyPage, StandardPage
    from participants.models import ParticipantIndexPage

    index = EventIndexPage.objects.live().first()
    public_events = visibility.visible_pages(None, EventPage.objects.live())
    past = public_events.filter(end__lt=timezone.now()).order_by("-start").first()
    internal = InternalAreaPage.objects.live().first()
    internal_event = EventPage.objects.live().descendant_of(internal).first()
    internal_page = StandardPage.objects.live().descendant_of(internal).first()
    today = timezone.localdate()
    urls = [
        ("Startseite", HomePage.objects.live().first().url, False),
        ("Inhaltsseite", StandardPage.objects.live().not_descendant_of(internal).first().url, False),
        ("Fachtagungen", index.url, False),
        ("Fachtagungen gefiltert", index.url + "?typ=fachtagung", False),
        ("Archiv Jahr", index.url + f"archiv/{past.start.year}/" if past else index.url + "archiv/", False),
        ("Monatsansicht", index.url + "kalender/", False),
        ("Monatsansicht Juni", index.url + f"kalender/{today.year + 1}/6/", False),
        ("Veranstaltung", _upcoming_event_with_registration().url, False),
        ("Vergangene Veranstaltung", past.url if past else index.url, False),
        ("Anmeldung", _upcoming_event_with_registration().url + "anmeldung/", False),
        ("Dokumente", DocumentIndexPage.objects.live().first().url, False),
        ("Projektteilnehmer", ParticipantIndexPage.objects.live().first().url, False),
        ("Impressum", ImpressumPage.objects.live().first().url, False),
        ("Datenschutz", PrivacyPage.objects.live().first().url, False),
        ("Barrierefreiheit", AccessibilityPage.objects.live().first().url, False),
        ("Suche", "/suche/?q=Optionskommunen", False),
        ("Suche leer", "/suche/", False),
        ("Suche ohne Treffer", "/suche/?q=Xylophonkonzert", False),
        ("Anmelden", "/anmelden/", False),
        ("Passwort vergessen", "/konto/passwort-vergessen/", False),
        ("Passwort vergessen gesendet", "/konto/passwort-vergessen/gesendet/", False),
        ("Passwort neu fertig", "/konto/passwort-neu/fertig/", False),
        ("Nicht gefunden", "/gibt-es-nicht/", False),
        ("Interner Bereich", internal.url, True),
        ("Passwort ändern", "/konto/passwort-aendern/", True),
        ("Passwort geändert", "/konto/passwort-geaendert/", True),
    ]
    # Page types that other apps add (when installed): Barriere melden, Leichte Sprache,
    # Gebärdensprache, the members' own area.
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    for model_name, label in (
        ("accessibility.LeichteSprachePage", "Leichte Sprache"),
        ("accessibility.GebaerdensprachePage", "Gebärdensprache"),
    ):
        try:
            model = apps.get_model(model_name)
        except LookupError:
            continue
        page = model.objects.live().first()
        if page:
            urls.append((label, page.url, False))
    for url_name, label, as_member in (
        ("barrier_report", "Barriere melden", False),
        ("account_home", "Mein Bereich", True),
        ("account_settings", "Kontoeinstellungen", True),
    ):
        try:
            urls.append((label, reverse(url_name), as_member))
        except NoReverseMatch:
            continue
    if internal_page:
        urls.append(("Interne Inhaltsseite", internal_page.url, True))
    if internal_event:
        urls.append(("Interne Veranstaltung", internal_event.url, True))
    return urls


def _member():
    from tests.factories import UserFactory

    user = UserFactory(
        username="judge-mitglied", email="judge@example.org", groups=[Group.objects.get(name="Mitglieder")]
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def build_content():
    """The full demo content and a member account; returns the member."""
    call_command("load_initial_data", verbosity=0)
    return _member()


def render_site() -> list[Rendered]:
    member = build_content()
    guest, logged_in = Client(), Client()
    logged_in.force_login(member)
    out = []
    for name, url, as_member in page_urls():
        response = (logged_in if as_member else guest).get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        out.append(Rendered(name, final, response.status_code, response.content.decode()))

    # Forms after a failed submit (the test client does not enforce CSRF).
    registration = _upcoming_event_with_registration().url + "anmeldung/"
    failed = [
        ("Anmeldung mit Fehlern", guest, registration, {"name": "", "email": "keine-adresse", "people": "0"}),
        ("Anmelden mit Fehlern", Client(), "/anmelden/", {"username": "niemand@example.org", "password": "falsch"}),
        ("Passwort vergessen mit Fehlern", guest, "/konto/passwort-vergessen/", {"email": "kaputt"}),
        (
            "Passwort ändern mit Fehlern",
            logged_in,
            "/konto/passwort-aendern/",
            {"old_password": "falsch", "new_password1": "kurz", "new_password2": "anders"},
        ),
    ]
    from django.urls import NoReverseMatch, reverse

    with contextlib.suppress(NoReverseMatch):
        failed.append(("Barriere melden mit Fehlern", Client(), reverse("barrier_report"), {"email": "kaputt"}))
    for name, client, url, data in failed:
        response = client.post(url, data)
        out.append(Rendered(name, url, response.status_code, response.content.decode(), with_errors=True))

    # Password reset confirm: the link from the e-mail redirects to the form under a session token.
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    reset = Client()
    response = reset.get(f"/konto/passwort-neu/{uid}/{token}/", follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else f"/konto/passwort-neu/{uid}/{token}/"
    out.append(Rendered("Neues Passwort", form_url, response.status_code, response.content.decode()))
    response = reset.post(form_url, {"new_password1": "kurz", "new_password2": "anders"})
    out.append(Rendered("Neues Passwort mit Fehlern", form_url, response.status_code, response.content.decode(), True))
    return out
