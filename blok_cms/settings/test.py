"""Test settings: fast and isolated."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "blok-test"}}
# Page cache: off by default so tests see fresh pages; tests/test_caching.py turns it on.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "blok-test-pages"}
PAGE_CACHE_ENABLED = False
DATA_CACHE_ENABLED = False  # tests that need it switch it on (tests/test_caching.py)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="blok-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
SCHEDULER_STATE_DIR = Path(tempfile.mkdtemp(prefix="blok-test-scheduler-"))
SCHEDULER_CLUSTER_LOCK = False
