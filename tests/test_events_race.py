"""The last seat: concurrent registrations on PostgreSQL with real transactions in threads."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from events.models import Registration
from events.registration import RegistrationError, register

from .factories import EventPageFactory

THREADS = 6


def run_concurrently(event, count):
    barrier = threading.Barrier(count)
    outcomes = []
    lock = threading.Lock()

    def attempt(n):
        try:
            barrier.wait(timeout=10)
            registration = register(
                event, name=f"Person {n}", email=f"p{n}@kommune.example", people=1, organisation="X"
            )
            result = registration.status
        except RegistrationError as error:
            result = error.message
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def make_event(event_index, **kwargs):
    start = timezone.now() + datetime.timedelta(days=10)
    return EventPageFactory(
        parent=event_index,
        start=start,
        end=start + datetime.timedelta(hours=3),
        registration_enabled=True,
        registration_capacity=1,
        **kwargs,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_many_simultaneous_registrations_gets_the_last_seat(event_index):
    event = make_event(event_index, registration_waiting_list=False)
    outcomes = run_concurrently(event, THREADS)
    assert len(outcomes) == THREADS
    assert outcomes.count(Registration.Status.CONFIRMED) == 1
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 1
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_beyond_the_last_seat_go_to_the_waiting_list(event_index):
    event = make_event(event_index, registration_waiting_list=True)
    outcomes = run_concurrently(event, THREADS)
    assert outcomes.count(Registration.Status.CONFIRMED) == 1
    assert outcomes.count(Registration.Status.WAITING) == THREADS - 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submit_of_one_address_creates_one_registration(event_index):
    event = make_event(event_index, registration_waiting_list=True)
    barrier = threading.Barrier(THREADS)
    results = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            register(event, name="Doppelt", email="doppelt@kommune.example", people=1, organisation="X")
            results.append("ok")
        except RegistrationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results.count("ok") == 1
    assert Registration.objects.filter(event=event).count() == 1
