"""WSGI entry point (gunicorn blok_cms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blok_cms.settings.dev")

application = get_wsgi_application()

# Page-cache hits are answered before Django's request handling (ops/pagecache.py).
from ops.pagecache import ServeHitsFirst  # noqa: E402 — needs the settings loaded above

application = ServeHitsFirst(application)
