"""The outbox in the Wagtail admin ("Postausgang"): editors see which mails failed and why.

Read-only: nobody adds or edits mails here; the body is never shown (password links are in it).
``manage.py send_queued_mail`` retries failed mails by itself.
"""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ops.models import OutgoingMail


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only "view" exists for the outbox, for superusers too."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = "Postausgang"
    menu_order = 660
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    name = "postausgang"
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    form_fields = ["subject"]  # the add and edit views exist but nobody may use them (ReadOnlyPolicy)
    inspect_view_fields = [
        "kind_label",
        "subject",
        "recipients",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
    ]

    list_display = [
        DateColumn("created_at", label="Angelegt"),
        Column("kind_label", label="Art"),
        Column("subject", label="Betreff"),
        Column("recipients", label="Empfänger"),
        Column("get_status_display", label="Status"),
        Column("attempts", label="Versuche"),
        Column("last_error", label="Letzter Fehler"),
    ]
