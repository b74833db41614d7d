"""Registrations are personal data: the command deletes them a set number of days after the event."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import Registration

from .factories import EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def event_ending(event_index, days_ago):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    return EventPageFactory(parent=event_index, start=end - datetime.timedelta(hours=3), end=end)


def test_registrations_are_deleted_only_after_the_retention_period(event_index):
    old = RegistrationFactory(event=event_ending(event_index, 40))
    recent = RegistrationFactory(event=event_ending(event_index, 10))
    upcoming = RegistrationFactory(event=event_ending(event_index, -10))
    out = StringIO()
    call_command("delete_old_registrations", "--days", "30", stdout=out)
    assert "1 Anmeldungen gelöscht" in out.getvalue()
    remaining = set(Registration.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, upcoming.pk}
    assert old.pk not in remaining


def test_retention_period_is_configurable_by_setting(event_index, settings):
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 5
    RegistrationFactory(event=event_ending(event_index, 10))
    call_command("delete_old_registrations", stdout=StringIO())
    assert not Registration.objects.exists()


def test_dry_run_deletes_nothing(event_index):
    RegistrationFactory(event=event_ending(event_index, 400))
    out = StringIO()
    call_command("delete_old_registrations", "--dry-run", stdout=out)
    assert "1 Anmeldungen würden gelöscht" in out.getvalue()
    assert Registration.objects.count() == 1


def test_negative_days_are_refused():
    with pytest.raises(CommandError):
        call_command("delete_old_registrations", "--days", "-1", stdout=StringIO())
