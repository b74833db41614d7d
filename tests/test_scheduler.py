"""The scheduler runs the periodic jobs by itself: on time, once, and robust against failing jobs."""

import datetime
import logging
import threading
import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import OperationalError, connection
from django.utils import timezone

from home.models import StandardPage
from ops import scheduler as scheduler_module
from ops.scheduler import CacheLease, FileLock, Job, Scheduler, configured_jobs

from .factories import StandardPageFactory


class FakeClock:
    def __init__(self, start=1_000_000.0):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    # These tests replace the commands and touch no database.
    monkeypatch.setattr(scheduler_module, "close_old_connections", lambda: None)
    return tmp_path / "scheduler"


def test_periodic_jobs_name_real_commands():
    names = [name for name, _interval in settings.PERIODIC_JOBS]
    assert ("publish_scheduled", 60) in settings.PERIODIC_JOBS
    assert ("delete_old_registrations", 86400) in settings.PERIODIC_JOBS
    commands = get_commands()
    assert all(name in commands for name in names)
    assert [job.command for job in configured_jobs()] == names


def test_unknown_command_is_logged_and_skipped(settings, caplog):
    settings.PERIODIC_JOBS = [("gibt_es_nicht", 60), ("publish_scheduled", 60)]
    with caplog.at_level(logging.ERROR, logger="ops.scheduler"):
        jobs = configured_jobs()
    assert [job.command for job in jobs] == ["publish_scheduled"]
    assert "gibt_es_nicht" in caplog.text


def test_jobs_run_once_per_interval_and_the_interval_survives_a_restart(state_dir, monkeypatch):
    calls = []
    monkeypatch.setattr(scheduler_module, "call_command", lambda name, **kw: calls.append(name))
    clock = FakeClock()
    jobs = [Job("fast", 60), Job("daily", 86400)]
    first = Scheduler(jobs=jobs, state_dir=state_dir, clock=clock)
    assert first.run_due() == {"fast": True, "daily": True}
    assert first.run_due() == {}
    clock.now += 61
    assert first.run_due() == {"fast": True}
    first.release()

    # A restarted scheduler does not repeat the daily job.
    second = Scheduler(jobs=jobs, state_dir=state_dir, clock=clock)
    assert second.run_due() == {}
    clock.now += 86400
    assert second.run_due() == {"fast": True, "daily": True}
    second.release()
    assert calls == ["fast", "daily", "fast", "fast", "daily"]


def test_a_failing_job_is_logged_and_does_not_stop_the_others(state_dir, monkeypatch, caplog):
    calls = []

    def fake_call_command(name, **kwargs):
        calls.append(name)
        if name == "broken":
            raise RuntimeError("SMTP kaputt")

    monkeypatch.setattr(scheduler_module, "call_command", fake_call_command)
    clock = FakeClock()
    sched = Scheduler(jobs=[Job("broken", 60), Job("fine", 60)], state_dir=state_dir, clock=clock)
    with caplog.at_level(logging.ERROR, logger="ops.scheduler"):
        assert sched.run_due() == {"broken": False, "fine": True}
    assert "broken" in caplog.text and "SMTP kaputt" in caplog.text
    # The broken job is not retried in a tight loop, but again after its interval.
    assert sched.run_due() == {}
    clock.now += 60
    assert sched.run_due() == {"broken": False, "fine": True}
    sched.release()
    assert calls == ["broken", "fine", "broken", "fine"]


def test_a_second_scheduler_on_the_same_installation_stays_standby(state_dir, monkeypatch):
    calls = []
    monkeypatch.setattr(scheduler_module, "call_command", lambda name, **kw: calls.append(name))
    jobs = [Job("fast", 60)]
    first = Scheduler(jobs=jobs, state_dir=state_dir, clock=FakeClock())
    second = Scheduler(jobs=jobs, state_dir=state_dir, clock=FakeClock(2_000_000.0))
    assert first.run_due() == {"fast": True}
    assert second.run_due() == {}  # would be due by its clock, but it does not hold the lock
    assert not second.is_leader
    first.release()
    assert second.run_due() == {"fast": True}  # takes over when the first one stops
    second.release()
    assert calls == ["fast", "fast"]


def test_the_file_lock_excludes_another_process(state_dir):
    import subprocess
    import sys

    state_dir.mkdir(parents=True)
    lock = FileLock(state_dir / "scheduler.lock")
    assert lock.acquire()
    probe = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB); print('frei')\n"
        "except OSError: print('gesperrt')"
    )
    held = subprocess.run([sys.executable, "-c", probe, str(lock.path)], capture_output=True, text=True, check=True)  # noqa: S603
    assert held.stdout.strip() == "gesperrt"
    lock.release()
    free = subprocess.run([sys.executable, "-c", probe, str(lock.path)], capture_output=True, text=True, check=True)  # noqa: S603
    assert free.stdout.strip() == "frei"


def test_cache_lease_elects_one_leader():
    first, second = CacheLease(ttl=30), CacheLease(ttl=30)
    try:
        assert first.acquire()
        assert not second.acquire()
        first.release()
        assert second.acquire()
    finally:
        first.release()
        second.release()


@pytest.mark.django_db
def test_run_scheduler_once_runs_the_configured_commands(settings, site_tree):
    settings.PERIODIC_JOBS = [("publish_scheduled", 60), ("delete_old_registrations", 86400)]
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    state = scheduler_module.StateFile(settings.SCHEDULER_STATE_DIR / "scheduler-state.json").load()
    assert {"publish_scheduled", "delete_old_registrations"} <= set(state)


@pytest.mark.django_db(transaction=True)
def test_page_scheduled_five_seconds_ahead_is_live_after_the_schedulers_next_run(tmp_path):
    from home.demo.setup import build_site

    home = build_site().home
    page = StandardPageFactory(parent=home, title="Geplante Meldung", live=False)
    go_live = timezone.now() + datetime.timedelta(seconds=5)
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.approved_schedule

    # The real loop, with publish_scheduled every 2 s (production: 60 s).
    sched = Scheduler(jobs=[Job("publish_scheduled", 2)], state_dir=tmp_path)
    stop = threading.Event()

    def loop():
        try:
            sched.run_forever(stop=stop, tick=0.2)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    def is_live():
        # SQLite's shared-cache test database refuses reads while the scheduler's thread writes
        # ("table is locked") instead of waiting: such a moment counts as "not yet".
        try:
            return StandardPage.objects.get(pk=page.pk).live
        except OperationalError:
            return False

    try:
        time.sleep(1)
        assert not is_live()  # not before its time
        deadline = go_live + datetime.timedelta(seconds=2 + 3)  # one interval plus slack
        while timezone.now() < deadline and not is_live():
            time.sleep(0.2)
        page.refresh_from_db()
        assert page.live
        assert page.last_published_at >= go_live
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
