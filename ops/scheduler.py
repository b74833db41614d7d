"""Periodic jobs: runs every management command listed in ``settings.PERIODIC_JOBS`` by itself.

``PERIODIC_JOBS`` is a list of ``(command_name, interval_seconds)``. One scheduler process per
installation runs them (``manage.py run_scheduler``); ``make run`` starts it next to runserver,
``make serve`` from gunicorn's master process (gunicorn.conf.py). docs/scheduler.md describes the
production variants (systemd worker, cron with ``--once``).

Guarantees:

* A failing job is logged (with traceback) and does not stop the other jobs or the scheduler.
* No double runs. The scheduler that runs jobs holds an exclusive lock: an ``flock`` on a file in
  ``SCHEDULER_STATE_DIR`` (one machine: a second scheduler, started by a second ``make run`` or
  ``make serve`` on the same folder, waits as standby and takes over when the first one stops; the
  kernel releases the lock when a process dies). With ``SCHEDULER_CLUSTER_LOCK`` (on when
  ``REDIS_URL`` is set) it also needs a lease in the shared cache, so schedulers on several machines
  elect one leader. Jobs of one scheduler run one after another, never overlapping.
* Intervals survive restarts: the start time of each job's last run is kept in a small JSON file
  in ``SCHEDULER_STATE_DIR``, so a daily job does not run on every restart. A job that never ran
  (or whose interval has passed) runs right after the scheduler starts.
"""

import contextlib
import fcntl
import io
import json
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connections

logger = logging.getLogger("ops.scheduler")


@dataclass(frozen=True)
class Job:
    command: str
    interval: int  # seconds


def configured_jobs():
    """The jobs of ``settings.PERIODIC_JOBS``, validated (unknown commands are logged and skipped)."""
    known = get_commands()
    jobs = []
    for entry in settings.PERIODIC_JOBS:
        command, interval = entry
        if command not in known:
            logger.error("Periodische Aufgabe %r: Befehl unbekannt – übersprungen.", command)
            continue
        if int(interval) <= 0:
            logger.error("Periodische Aufgabe %r: Intervall %r ungültig – übersprungen.", command, interval)
            continue
        jobs.append(Job(command, int(interval)))
    return jobs


def close_old_connections():
    """Like Django's between requests: drop broken or expired connections, so a database restart
    does not break every later run. Connections inside a transaction are left alone."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def run_job(job):
    """Run one job in this process. Returns True on success; never raises (except on Ctrl-C)."""
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    close_old_connections()
    try:
        call_command(job.command, stdout=out, stderr=err)
    except Exception:
        logger.exception("Periodische Aufgabe %s fehlgeschlagen.", job.command)
        return False
    finally:
        close_old_connections()
    output = (out.getvalue() + err.getvalue()).strip()
    duration = time.monotonic() - started
    if output:
        logger.info("Periodische Aufgabe %s (%.1f s): %s", job.command, duration, output)
    else:
        logger.debug("Periodische Aufgabe %s fertig (%.1f s).", job.command, duration)
    return True


class StateFile:
    """Last start time (epoch seconds) per command, in a JSON file written atomically."""

    def __init__(self, path):
        self.path = Path(path)

    def load(self):
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}

    def save(self, state):
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, sort_keys=True))
        os.replace(tmp, self.path)


class FileLock:
    """An exclusive, non-blocking ``flock``: released by the kernel when the process ends."""

    def __init__(self, path):
        self.path = Path(path)
        self._fd = None

    def acquire(self):
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class CacheLease:
    """A leader lease in the shared cache (Redis), renewed by a heartbeat thread while held."""

    KEY = "ops-scheduler-leader"

    def __init__(self, alias="default", ttl=60):
        from django.core.cache import caches

        self.cache = caches[alias]
        self.ttl = ttl
        self.owner = uuid.uuid4().hex
        self._held = False
        self._stop = threading.Event()
        self._thread = None

    def acquire(self):
        try:
            current = self.cache.get(self.KEY)
            if current == self.owner or self.cache.add(self.KEY, self.owner, self.ttl):
                self.cache.set(self.KEY, self.owner, self.ttl)
                self._held = True
            else:
                self._held = False
        except Exception:
            logger.warning("Scheduler: gemeinsamer Cache nicht erreichbar – keine Aufgaben in dieser Runde.")
            self._held = False
        if self._held and self._thread is None:
            self._thread = threading.Thread(target=self._heartbeat, name="scheduler-lease", daemon=True)
            self._thread.start()
        return self._held

    def _heartbeat(self):
        while not self._stop.wait(self.ttl / 3):
            if not self._held:
                continue
            with contextlib.suppress(Exception):
                if self.cache.get(self.KEY) == self.owner:
                    self.cache.set(self.KEY, self.owner, self.ttl)
                else:
                    self._held = False

    def release(self):
        self._stop.set()
        with contextlib.suppress(Exception):
            if self.cache.get(self.KEY) == self.owner:
                self.cache.delete(self.KEY)
        self._held = False


class Scheduler:
    def __init__(self, jobs=None, state_dir=None, cluster_lock=None, clock=time.time):
        self.jobs = configured_jobs() if jobs is None else list(jobs)
        state_dir = Path(state_dir or settings.SCHEDULER_STATE_DIR)
        state_dir.mkdir(parents=True, exist_ok=True)
        self.state = StateFile(state_dir / "scheduler-state.json")
        self.locks = [FileLock(state_dir / "scheduler.lock")]
        if settings.SCHEDULER_CLUSTER_LOCK if cluster_lock is None else cluster_lock:
            self.locks.append(CacheLease())
        self.clock = clock
        self.is_leader = False

    def acquire(self):
        """Become the one scheduler that runs jobs (True), or stay standby (False)."""
        for lock in self.locks:
            if not lock.acquire():
                if self.is_leader:
                    logger.warning("Scheduler: Sperre verloren – wartet als Reserve.")
                self.is_leader = False
                return False
        if not self.is_leader:
            logger.info("Scheduler aktiv (PID %s): %s", os.getpid(), ", ".join(self.describe()))
        self.is_leader = True
        return True

    def release(self):
        for lock in reversed(self.locks):
            lock.release()
        self.is_leader = False

    def describe(self):
        return [f"{job.command} alle {job.interval} s" for job in self.jobs] or ["keine Aufgaben"]

    def due_jobs(self, now=None):
        now = self.clock() if now is None else now
        last = self.state.load()
        return [job for job in self.jobs if job.command not in last or now - last[job.command] >= job.interval]

    def run_due(self):
        """Run every job whose interval has passed. Returns {command: success}; {} when standby."""
        if not self.acquire():
            return {}
        results = {}
        for job in self.due_jobs():
            state = self.state.load()
            state[job.command] = self.clock()
            self.state.save(state)  # before the run: a crashing job is not retried in a loop
            results[job.command] = run_job(job)
        return results

    def seconds_until_next(self):
        now = self.clock()
        last = self.state.load()
        waits = [max(0.0, last.get(job.command, 0) + job.interval - now) for job in self.jobs]
        return min(waits, default=60.0)

    def run_forever(self, stop=None, tick=None, parent_pid=None):
        """Loop until ``stop`` (a threading.Event) is set or, with ``parent_pid``, that parent
        process has gone away (so ``make run`` never leaves an orphaned scheduler behind)."""
        stop = stop or threading.Event()
        tick = settings.SCHEDULER_TICK_SECONDS if tick is None else tick
        try:
            while not stop.is_set():
                if parent_pid and os.getppid() != parent_pid:
                    logger.info("Scheduler: Elternprozess beendet – Scheduler endet.")
                    break
                try:
                    self.run_due()
                except Exception:  # state file or lock trouble: log, retry next tick
                    logger.exception("Scheduler: Fehler in der Ablaufsteuerung.")
                wait = min(tick, self.seconds_until_next()) if self.is_leader else tick
                stop.wait(max(wait, 0.05))
        finally:
            self.release()
