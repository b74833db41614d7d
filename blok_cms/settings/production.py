"""Production settings: refuses to start without a secret key.

Everything machine-specific comes from the environment (docs/deployment.md). With the defaults
one machine runs the site: PostgreSQL through DATABASE_URL, the page cache in files shared by
the gunicorn workers. REDIS_URL, AWS_STORAGE_BUCKET_NAME, SEARCH_BACKEND/SEARCH_URL and the
FRONTEND_CACHE_*/CLOUDFLARE_*/CLOUDFRONT_* variables switch on the parts for several machines.
"""

import os

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN, STORAGES, require_secret_key
from .scaleout import frontend_cache_from_env, media_host_from_env, secure_ssl_redirect, storages_from_env

DEBUG = False
require_secret_key()

# --- Transport security ----------------------------------------------------------------------
SECURE_SSL_REDIRECT = secure_ssl_redirect(os.environ)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Sessions: in the database, also with Redis ------------------------------------------------
# Only members and editors have sessions (anonymous readers get no cookie), so one indexed query
# per logged-in request (session and user together, home/sessions.py) is cheap. Keeping sessions
# out of Redis means an outage logs nobody out, and a logout during an outage cannot leave a
# cached session behind that returns with Redis.
SESSION_ENGINE = "home.sessions"

# --- Media: S3-compatible object storage when configured --------------------------------------
_s3 = storages_from_env(os.environ, STORAGES["staticfiles"]["BACKEND"])
if _s3:
    STORAGES = _s3
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # The serve view checks privacy, then redirects to a short-lived signed URL of the private bucket.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
    SERVE_MEDIA_IMAGES = False
    _media_host = media_host_from_env(os.environ)
    for _policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        if _media_host not in _policy["DIRECTIVES"]["img-src"]:
            _policy["DIRECTIVES"]["img-src"].append(_media_host)

# --- CDN / caching proxy purge (wagtail.contrib.frontend_cache) --------------------------------
_frontend_cache = frontend_cache_from_env(os.environ)
if _frontend_cache:
    WAGTAILFRONTENDCACHE = _frontend_cache

# --- Structured logs: one JSON object per line on stderr ---------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601 in UTC
        },
    },
    # Secret tokens in URLs (calendar address, unsubscribe link) never reach a log line.
    "filters": {"redact_secret_paths": {"()": "blok_cms.log_redaction.RedactSecretPaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact_secret_paths"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
    },
}
