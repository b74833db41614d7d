"""Factories for test data (no fixtures, no fixed ids)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from documents_app.models import BlokDocument, DocumentIndexPage
from events.models import EventIndexPage, EventPage
from home.models import HomePage, InternalAreaPage, StandardPage
from participants.models import Kommune, ParticipantIndexPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startseite"
    intro = "Einleitung"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    intro = "Eine Einleitung."

    class Meta:
        model = StandardPage


class InternalAreaPageFactory(wagtail_factories.PageFactory):
    title = "Interner Bereich"
    slug = "interner-bereich"

    class Meta:
        model = InternalAreaPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fachtagungen"
    slug = "fachtagungen"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=4))
    city = "Berlin"

    class Meta:
        model = EventPage


class DocumentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Dokumente"
    slug = "dokumente"

    class Meta:
        model = DocumentIndexPage


class ParticipantIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projektteilnehmer"
    slug = "projektteilnehmer"

    class Meta:
        model = ParticipantIndexPage


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%test\n", name="dokument.pdf"))

    class Meta:
        model = BlokDocument


class KommuneFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Landkreis Muster {n}")
    kind = "landkreis"
    bundesland = "NI"
    since = 2012

    class Meta:
        model = Kommune


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "geheim-Passwort-123")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
            self.save()


# --- events (Fachtagungen) ----------------------------------------------------------------------


class EventTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Veranstaltungsart {n}")
    slug = factory.Sequence(lambda n: f"art-{n}")

    class Meta:
        model = "events.EventType"
        django_get_or_create = ("slug",)


class RegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@kommune.example")
    organisation = "Landkreis Beispiel"
    people = 1
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = "events.Registration"


# --- search / participants ----------------------------------------------------------------------


class VergleichsringFactory(factory.django.DjangoModelFactory):
    number = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = "participants.Vergleichsring"
