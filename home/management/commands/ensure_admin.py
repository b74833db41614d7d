import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local" / "admin-password"


class Command(BaseCommand):
    help = (
        "Creates a local administrator 'admin' with a generated password (stored in "
        ".local/admin-password, readable only by you) and prints the login. Never a fixed password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(16)
            user_model.objects.create_superuser(username=username, email="", password=password)
            PASSWORD_FILE.parent.mkdir(exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            password = None
        self.stdout.write("Redaktionsoberfläche: http://127.0.0.1:8000/admin/")
        self.stdout.write(f"Benutzer: {username}")
        if password:
            self.stdout.write(f"Passwort: {password}")
        else:
            self.stdout.write(f"Passwort: unbekannt – neu setzen mit: python manage.py changepassword {username}")
