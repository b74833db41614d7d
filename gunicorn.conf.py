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
