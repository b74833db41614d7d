"""Sessions in the database with the user's id as a column of their own, so that a logged-in
request reads its session and its user in one statement (``home/sessions.py``)."""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    # Deleting a user deletes their sessions with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Benutzer",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "blok_session"
        verbose_name = "Sitzung"
        verbose_name_plural = "Sitzungen"

    @classmethod
    def get_session_store_class(cls):
        from home.sessions import SessionStore

        return SessionStore
