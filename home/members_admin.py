"""Member management for editors in the Wagtail admin ("Mitglieder").

Editors create members, correct their data and deactivate them; nothing else. New members get an
email with a link to set their own password (the editor never knows it). Members themselves have
no admin access: the group "Mitglieder" carries no admin permission.
"""

from django import forms
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from home import public_address
from home.models.members import MEMBERS_GROUP_NAME, Member
from ops.mail import send_mail_later


def _kommune_queryset():
    from participants.models import Kommune

    return Kommune.objects.select_related("vergleichsring").order_by("name")


class MemberForm(WagtailAdminModelForm):
    """The account fields plus the member's profile (Kommune, AK-Option seat, moderation).

    The Kommune decides the member's Vergleichsring; the groups follow automatically
    (``participants.rings.sync_member``)."""

    kommune = forms.ModelChoiceField(
        label="Kommune",
        queryset=None,
        required=False,
        help_text="Die Optionskommune, für die das Mitglied arbeitet. Sie bestimmt den Vergleichsring und "
        "damit, welchen Arbeitsbereich das Mitglied sieht.",
    )
    ak_option = forms.BooleanField(
        label="Arbeitskreis Option",
        required=False,
        help_text="Hat einen Sitz im Arbeitskreis Option (sieht dessen Arbeitsbereich).",
    )
    moderation = forms.BooleanField(
        label="Moderation",
        required=False,
        help_text="Mitarbeitende von gfa | public: sehen die Arbeitsbereiche aller Vergleichsringe.",
    )

    class Meta:
        model = Member
        fields = ["username", "first_name", "last_name", "email", "is_active"]
        labels = {
            "username": "Benutzername",
            "first_name": "Vorname",
            "last_name": "Nachname",
            "email": "E-Mail-Adresse",
            "is_active": "Aktiv",
        }
        help_texts = {
            "username": "Damit meldet sich das Mitglied an. Buchstaben, Ziffern und @ . + - _.",
            "first_name": "Vorname des Mitglieds.",
            "last_name": "Nachname des Mitglieds.",
            "email": "An diese Adresse geht die Einladung zum Festlegen des Passworts.",
            "is_active": "Deaktivierte Mitglieder können sich nicht mehr anmelden (statt löschen).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["kommune"].queryset = _kommune_queryset()
        self.fields["kommune"].label_from_instance = lambda k: (
            f"{k.name} – {k.vergleichsring}" if k.vergleichsring_id else f"{k.name} – noch kein Vergleichsring"
        )
        profile = self._profile()
        if profile is not None:
            self.fields["kommune"].initial = profile.kommune_id
            self.fields["ak_option"].initial = profile.ak_option
            self.fields["moderation"].initial = profile.moderation

    def clean(self):
        cleaned = super().clean()
        # Required for active members; a deactivated account may keep no Kommune (older accounts).
        if cleaned.get("is_active") and not cleaned.get("kommune") and "kommune" not in self.errors:
            self.add_error("kommune", "Bitte wählen Sie die Kommune des Mitglieds.")
        return cleaned

    def _profile(self):
        from participants.models import MemberProfile

        if not self.instance.pk:
            return None
        return MemberProfile.objects.filter(user_id=self.instance.pk).first()

    def save_profile(self, member):
        """Store Kommune and roles; the profile's signal puts the member into the right groups."""
        from participants.models import MemberProfile

        profile, _ = MemberProfile.objects.get_or_create(user_id=member.pk)
        profile.kommune = self.cleaned_data["kommune"]
        profile.ak_option = self.cleaned_data.get("ak_option", False)
        profile.moderation = self.cleaned_data.get("moderation", False)
        profile.save()
        return profile

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        others = Member._meta.model._base_manager.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet.")
        return email


def send_invitation(request, member):
    """Email the member a link to set their password (Django's password-reset confirm view)."""
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    link = public_address.absolute(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}), request)
    context = {"member": member, "link": link, "login_url": public_address.absolute(reverse("login"), request)}
    send_mail_later(
        "Ihr Zugang zum Internen Bereich des Benchlearnings der Optionskommunen",
        render_to_string("registration/member_invitation_email.txt", context),
        [member.email],
        kind="member_invitation",
    )


class MemberCreateView(generic.CreateView):
    success_message = "Mitglied „%(object)s“ angelegt. Eine Einladung zum Festlegen des Passworts wurde versandt."

    def save_instance(self):
        member = self.form.save(commit=False)
        member.is_staff = False
        member.is_superuser = False
        member.set_unusable_password()
        member.save()
        member.groups.add(Group.objects.get(name=MEMBERS_GROUP_NAME))
        self.form.save_profile(member)
        send_invitation(self.request, member)
        return member


class MemberEditView(generic.EditView):
    success_message = "Mitglied „%(object)s“ gespeichert."

    def save_instance(self):
        member = super().save_instance()
        self.form.save_profile(member)
        return member


class MemberViewSet(ModelViewSet):
    model = Member
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    icon = "group"
    menu_label = "Mitglieder"
    menu_order = 650
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    name = "mitglieder"

    def get_form_class(self, for_update=False):
        return MemberForm
