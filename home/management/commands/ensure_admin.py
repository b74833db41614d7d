import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from home import public_address

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local" / "admin-password"
MEMBER_PASSWORD_FILE = Path(settings.BASE_DIR) / ".local" / "member-password"
MEMBER_USERNAME = "mitglied"


def ensure_user(username, password_file, create):
    """Create the user with a generated password stored in ``password_file`` (mode 600), or read
    the stored one. Returns the password, or None when the user exists and the file does not."""
    user_model = get_user_model()
    if not user_model.objects.filter(username=username).exists():
        password = secrets.token_urlsafe(16)
        create(password)
        password_file.parent.mkdir(exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        return password
    if password_file.exists():
        return password_file.read_text().strip()
    return None


class Command(BaseCommand):
    help = (
        "Creates a local administrator 'admin' with a generated password (stored in "
        ".local/admin-password, readable only by you) and prints the login. Never a fixed password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--no-member", action="store_true", help="Kein Demo-Mitglied anlegen (nur den Administrator)."
        )

    def handle(self, *args, username, no_member=False, **options):
        user_model = get_user_model()
        password = ensure_user(
            username,
            PASSWORD_FILE,
            lambda pw: user_model.objects.create_superuser(username=username, email="", password=pw),
        )
        self.stdout.write(f"Redaktionsoberfläche: {public_address.absolute('/admin/')}")
        self.stdout.write(f"Benutzer: {username}")
        if password:
            self.stdout.write(f"Passwort: {password}")
        else:
            self.stdout.write(f"Passwort: unbekannt – neu setzen mit: python manage.py changepassword {username}")
        if no_member:
            return
        from django.contrib.auth.models import Group

        from home.site_setup import MEMBERS_GROUP

        group = Group.objects.filter(name=MEMBERS_GROUP).first()
        if group is None:
            return  # load_initial_data has not built the groups yet

        def create_member(pw):
            member = user_model.objects.create_user(
                username=MEMBER_USERNAME,
                email="mitglied@example.org",
                password=pw,
                first_name="Demo",
                last_name="Mitglied",
            )
            member.groups.add(group)

        member_password = ensure_user(MEMBER_USERNAME, MEMBER_PASSWORD_FILE, create_member)
        self.stdout.write(f"Interner Bereich (Demo-Mitglied): {public_address.absolute(reverse('login'))}")
        self.stdout.write(f"Benutzer: {MEMBER_USERNAME}")
        if member_password:
            self.stdout.write(f"Passwort: {member_password}")
        else:
            self.stdout.write(
                f"Passwort: unbekannt – neu setzen mit: python manage.py changepassword {MEMBER_USERNAME}"
            )
