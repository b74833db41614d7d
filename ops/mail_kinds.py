"""German names of the kinds of mail the site sends (shown to editors in the outbox)."""

KIND_LABELS = {
    "registration": "Anmeldebestätigung",
    "registration_waiting": "Warteliste",
    "registration_promoted": "Platz bestätigt (Warteliste)",
    "password_reset": "Passwort zurücksetzen",
    "member_invitation": "Einladung Mitglied",
    "digest": "„Neu für Sie“",
    "barrier_report": "Barriere-Meldung",
}


def kind_label(kind):
    return KIND_LABELS.get(kind, kind or "Sonstige")
