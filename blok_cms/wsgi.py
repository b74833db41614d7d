"""WSGI entry point (gunicorn blok_cms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blok_cms.settings.dev")

application = get_wsgi_application()
