"""Gunicorn logger that keeps secret URL tokens out of the access log.

The personal calendar address (``/kalender/abo/<token>.ics``) works without login: whoever has
the token sees the member's internal dates. Access logs are kept longer and read by more people
than the database, so the token never reaches them. The same rule belongs into any proxy in
front (docs/privacy.md).
"""

import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(r"(/kalender/abo/|/konto/neu-fuer-sie/abbestellen/)[^/\s?\"]+")


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\1[entfernt]", text) if text else text


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
