"""The admin's login form with German labels (Wagtail's form leaves the password field unlabelled,
so Django shows the field name "Password")."""

from wagtail.admin.forms.auth import LoginForm


class GermanLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Passwort"
