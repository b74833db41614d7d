"""gunicorn configuration for BLOK CMS (read automatically from the project folder).

Settings that depend on the machine come from the environment: BIND (default 127.0.0.1:8000),
WEB_CONCURRENCY (workers, default 2), GUNICORN_THREADS, GUNICORN_TIMEOUT, ACCESS_LOG
("-" for stdout, "" to switch it off). Access and error logs are JSON lines like the app's.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
control_socket_disable = True  # gunicorn 27 would otherwise open ~/.gunicorn/…
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("ACCESS_LOG", "-") or None
# Secret tokens in URLs (personal calendar address, unsubscribe link) never reach the access log.
logger_class = "blok_cms.log_redaction.RedactingLogger"
_access_level = "INFO" if accesslog else "WARNING"  # ACCESS_LOG="" switches access lines off
access_log_format = (
    '{"remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s}'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601 in UTC
        },
        "access": {"format": "%(message)s"},
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        "access_console": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": _access_level, "handlers": ["access_console"], "propagate": False},
    },
}

# --- Periodic jobs: the master process starts one scheduler next to the workers -----------------
# (ops/scheduler.py, docs/scheduler.md). SCHEDULER_ENABLED=0 switches it off, e.g. when a separate
# worker service or cron runs ``manage.py run_scheduler``. Only the master starts it (once, in
# when_ready), so the number of workers does not matter; it is restarted if it dies.
_scheduler = {"process": None, "stopping": False}


def _scheduler_enabled():
    return os.environ.get("SCHEDULER_ENABLED", "1").strip().lower() not in {"0", "false", "no", "off"}


def _start_scheduler(server):
    import subprocess
    import sys
    from pathlib import Path

    manage = str(Path(__file__).resolve().parent / "manage.py")
    command = [sys.executable, manage, "run_scheduler", "--parent-pid", str(os.getpid())]
    _scheduler["process"] = subprocess.Popen(command)  # noqa: S603
    server.log.info("Scheduler gestartet (PID %s)", _scheduler["process"].pid)


def _watch_scheduler(server):
    import time

    while not _scheduler["stopping"]:
        process = _scheduler["process"]
        if process is not None and process.poll() is not None and not _scheduler["stopping"]:
            server.log.error("Scheduler beendet (Code %s) – Neustart in 10 s", process.returncode)
            time.sleep(10)
            if not _scheduler["stopping"]:
                _start_scheduler(server)
        time.sleep(2)


def when_ready(server):
    if not _scheduler_enabled():
        server.log.info("Scheduler aus (SCHEDULER_ENABLED=0)")
        return
    import threading

    _start_scheduler(server)
    threading.Thread(target=_watch_scheduler, args=(server,), name="scheduler-watch", daemon=True).start()


def on_exit(server):
    _scheduler["stopping"] = True
    process = _scheduler["process"]
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except Exception:
            process.kill()
