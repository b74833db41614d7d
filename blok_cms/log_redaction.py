"""Secret URL tokens never reach a log: gunicorn's access log and Django's own log lines.

The personal calendar address (``/kalender/abo/<token>.ics``) works without login: whoever has
the token sees the member's internal dates. Access logs are kept longer and read by more people
than the database, so the token never reaches them. The same rule belongs into any proxy in
front (docs/privacy.md).
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(r"(/kalender/abo/|/konto/neu-fuer-sie/abbestellen/)[^/\s?\"]+")


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\1[entfernt]", text) if text else text


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Every atom: the path shows up in U, r and in the environ-based {…}e atoms.
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}


class RedactSecretPaths(logging.Filter):
    """Logging filter for Django's loggers ("Not Found: /kalender/abo/…" from django.request)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to fix
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        request = getattr(record, "request", None)
        if request is not None and SECRET_PATHS.search(getattr(request, "path", "") or ""):
            record.request = None  # formatters that print the request would print the token
        return True
