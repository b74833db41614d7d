"""Members' accounts: login (throttled), logout, password change and reset.

Django's auth views do the work; this module gives them the site's design, German messages,
``Cache-Control: private, no-store`` and the throttling glue for django-axes. ``next=`` is checked
by Django's ``url_has_allowed_host_and_scheme`` (only this host, only http/https), so a tampered
``next`` (another host, ``//evil``, ``javascript:``) falls back to ``LOGIN_REDIRECT_URL``.
"""

import datetime
import unicodedata
from urllib.parse import urlsplit

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from home import public_address
from home.response_privacy import depends_on_visitor
from ops import throttle
from ops.clientip import client_ip
from ops.mail import send_mail_later

LOCKED_MESSAGE = (
    "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung für dieses Konto ist von diesem Gerät "
    "aus für {minutes} Minuten gesperrt. Bitte versuchen Sie es später erneut oder setzen Sie Ihr "
    "Passwort zurück."
)
CLIENT_LOCKED_MESSAGE = (
    "Zu viele fehlgeschlagene Anmeldeversuche von diesem Anschluss aus. Die Anmeldung ist von hier "
    "für {minutes} Minuten gesperrt. Bitte versuchen Sie es später erneut."
)
RESET_LIMIT_MESSAGE = (
    "Zu viele Anfragen: Für diese Adresse oder von diesem Anschluss aus wurden in der letzten Stunde "
    "schon mehrere Links angefordert. Bitte prüfen Sie Ihr Postfach (auch den Spam-Ordner) oder "
    "versuchen Sie es in einer Stunde erneut."
)
USERNAME_MAX_LENGTH = 150  # Django's User.username
PASSWORD_MAX_LENGTH = 1024  # nobody types more; hashing megabytes would be a free CPU sink
_CLIENT_LOCKED_ATTR = "_blok_client_locked"


def normalised_identity(raw) -> str:
    """The account a login attempt is about, as one string: the lower-cased user name, or for an
    e-mail address the user name of the one account that has it (else the lower-cased address).
    django-axes keys its lock on this, so no spelling of an identity gets fresh guesses."""
    value = unicodedata.normalize("NFKC", str(raw or "")).strip()[: USERNAME_MAX_LENGTH * 2]
    if "@" in value:
        matches = list(
            get_user_model()._default_manager.filter(email__iexact=value).values_list("username", flat=True)[:2]
        )
        if len(matches) == 1:
            value = matches[0]
    return value.casefold()[:USERNAME_MAX_LENGTH]


def axes_username(request, credentials=None):
    """``AXES_USERNAME_CALLABLE``."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return normalised_identity(raw)


def client_tries_many_usernames(request) -> bool:
    """One client that failed for many different accounts within the lock time is guessing."""
    limit = settings.LOGIN_CLIENT_USERNAME_LIMIT
    since = timezone.now() - (get_cool_off(request) or datetime.timedelta(minutes=15))
    names = (
        AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since)
        .values("username")
        .distinct()
    )
    return names.count() >= limit


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP.

    Authentication without a request (management commands, ``Client.login`` in tests) is not a
    password-guessing channel from the web; it passes on to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if client_tries_many_usernames(request):
            setattr(request, _CLIENT_LOCKED_ATTR, True)
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many user names from this client")
        return super().authenticate(request, username=username, password=password, **kwargs)


class UsernameOrEmailBackend(ModelBackend):
    """Log in with the user name or with the email address (when it belongs to exactly one account)."""

    def get_user(self, user_id):
        # The user read together with the session (home/sessions.py), else Django's query.
        from home.sessions import session_user

        user = session_user(user_id)
        if user is not None:
            return user if self.user_can_authenticate(user) else None
        return super().get_user(user_id)

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            matches = list(get_user_model()._default_manager.filter(email__iexact=username.strip())[:2])
            if len(matches) == 1:
                username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)


class MemberAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie Benutzername und Passwort "
            "(Groß- und Kleinschreibung beachten)."
        ),
        "inactive": "Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Projektleitung.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Benutzername oder E-Mail"
        self.fields["password"].label = "Passwort"
        # Django sets max_length on the widget only; the limits must be checked, too.
        self.fields["password"].max_length = PASSWORD_MAX_LENGTH
        self.fields["password"].widget.attrs["maxlength"] = PASSWORD_MAX_LENGTH

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > USERNAME_MAX_LENGTH:
            raise forms.ValidationError(
                f"Benutzername oder E-Mail-Adresse: höchstens {USERNAME_MAX_LENGTH} Zeichen (jetzt {len(username)})."
            )
        return username

    def clean_password(self):
        password = self.cleaned_data.get("password") or ""
        if len(password) > PASSWORD_MAX_LENGTH:
            raise forms.ValidationError(f"Passwort: höchstens {PASSWORD_MAX_LENGTH} Zeichen.")
        return password

    def clean(self):
        if self.errors:
            return self.cleaned_data  # do not ask the backends (and django-axes) about invalid input
        return super().clean()


def _email_matches(a, b):
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


def _lock_minutes(request):
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else 15


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the login page with a German message, HTTP 429."""
    depends_on_visitor(request)
    form = MemberAuthenticationForm(request, data=None)
    if credentials and credentials.get("username"):
        form.initial["username"] = credentials["username"]
    message = CLIENT_LOCKED_MESSAGE if getattr(request, _CLIENT_LOCKED_ATTR, False) else LOCKED_MESSAGE
    context = {
        "form": form,
        "locked_message": message.format(minutes=_lock_minutes(request)),
        "next": request.POST.get("next", request.GET.get("next", "")),
    }
    return render(request, "home/login.html", context, status=429)


@method_decorator(never_cache, name="dispatch")
class PrivateViewMixin:
    """Responses that depend on the visitor: never stored by any cache."""

    def dispatch(self, request, *args, **kwargs):
        depends_on_visitor(request)
        return super().dispatch(request, *args, **kwargs)


class MemberLoginView(PrivateViewMixin, auth_views.LoginView):
    """The members' login in the site's design (Wagtail's front-end login URL)."""

    template_name = "home/login.html"
    form_class = MemberAuthenticationForm
    redirect_authenticated_user = True


class MemberLogoutView(PrivateViewMixin, auth_views.LogoutView):
    pass


class MemberPasswordChangeView(PrivateViewMixin, auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")


class MemberPasswordChangeDoneView(PrivateViewMixin, auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
    extra_context = {"internal_url": settings.LOGIN_REDIRECT_URL}


class MemberPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        """Active accounts with this address, including new members who have not set a password
        yet (Django skips those; here every account is a local one)."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if _email_matches(email, user.email))

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        """The link points to the Site's public address (``home.public_address``), not to the host
        name this request came in under."""
        address = urlsplit(public_address.root_url(request))
        return super().save(
            domain_override=address.netloc, use_https=address.scheme == "https", request=request, **kwargs
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the outbox: a mail server that is down delays the mail, never the answer."""
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        html_body = render_to_string(html_email_template_name, context) if html_email_template_name else None
        send_mail_later(subject, body, [to_email], html_body=html_body, kind="password_reset", from_email=from_email)


class MemberPasswordResetView(PrivateViewMixin, auth_views.PasswordResetView):
    """Sends the reset link; the answer is the same whether or not the address is known."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = MemberPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        """Rate limit per address and per client; counted whether or not the address is known, so
        the answer (also the refusal) tells nobody whether an account exists."""
        address = unicodedata.normalize("NFKC", form.cleaned_data["email"]).strip().casefold()
        limited = throttle.hit(
            [
                ("password-reset-address", address, settings.PASSWORD_RESET_ADDRESS_LIMIT),
                ("password-reset-client", client_ip(self.request), settings.PASSWORD_RESET_CLIENT_LIMIT),
            ],
            window=datetime.timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES),
        )
        if limited:
            form.add_error(None, RESET_LIMIT_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class MemberPasswordResetDoneView(PrivateViewMixin, auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class MemberPasswordResetConfirmView(PrivateViewMixin, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class MemberPasswordResetCompleteView(PrivateViewMixin, auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
