from django import forms
from django.utils.html import format_html

from events.models import Registration
from participants.models import Kommune


class RegistrationForm(forms.Form):
    """The public Anmeldung form. Errors are German; what was typed stays in the form."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Vor- und Nachname.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    kommune = forms.ModelChoiceField(
        label="Kommune",
        queryset=Kommune.objects.none(),
        required=False,
        empty_label="– bitte wählen –",
        help_text="Ihre Optionskommune, falls Sie für eine kommen. Pflicht ist eins von beiden: Kommune oder "
        "„Andere Organisation“.",
    )
    organisation = forms.CharField(
        label="Andere Organisation",
        max_length=255,
        required=False,
        help_text="Wenn Ihre Organisation nicht in der Liste steht.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label="E-Mail-Adresse",
        help_text="An diese Adresse schicken wir die Bestätigung.",
        error_messages={"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    people = forms.IntegerField(label="Anzahl Personen", min_value=1, initial=1)  # replaced per event
    remarks = forms.CharField(
        label="Anmerkungen",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="z. B. Hinweise zur Barrierefreiheit oder zur Verpflegung.",
    )
    consent = forms.BooleanField(
        label="Einwilligung",
        error_messages={"required": "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu."},
    )

    def __init__(self, *args, event, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        kommunen = list(Kommune.objects.order_by("name"))
        if kommunen:
            self.fields["kommune"].queryset = Kommune.objects.order_by("name")
            self.fields["kommune"].choices = [("", "– bitte wählen –")] + [(k.pk, k.name) for k in kommunen]
        else:
            del self.fields["kommune"]
            self.fields["organisation"].label = "Organisation"
            self.fields["organisation"].help_text = "z. B. Ihre Kommune oder Behörde."
            self.fields["organisation"].required = True
            self.fields["organisation"].error_messages["required"] = (
                "Bitte wählen Sie Ihre Kommune aus oder geben Sie Ihre Organisation an."
            )
        limit = event.registration_max_people or 1
        self.fields["people"] = forms.IntegerField(
            label="Anzahl Personen",
            min_value=1,
            max_value=limit,
            initial=1,
            help_text=f"Höchstens {limit} Personen je Anmeldung.",
            error_messages={
                "min_value": "Bitte mindestens eine Person anmelden.",
                "max_value": f"Höchstens {limit} Personen je Anmeldung.",
                "invalid": "Bitte geben Sie eine ganze Zahl an.",
                "required": "Bitte geben Sie die Anzahl der Personen an.",
            },
        )
        self.privacy_url = privacy_url
        if privacy_url:
            self.consent_label = format_html(
                "Ich willige ein, dass meine Angaben zur Organisation dieser Veranstaltung verarbeitet werden. "
                'Einzelheiten stehen in der <a href="{}">Datenschutzerklärung</a>. Die Anmeldung wird nach der '
                "Veranstaltung gelöscht.",
                privacy_url,
            )
        else:
            self.consent_label = (
                "Ich willige ein, dass meine Angaben zur Organisation dieser Veranstaltung verarbeitet werden. "
                "Die Anmeldung wird nach der Veranstaltung gelöscht."
            )
        # One of the two is required: the label says so (templates/forms/field.html).
        if "kommune" in self.fields:
            self.fields["kommune"].either_required = "* (oder „Andere Organisation“)"
            self.fields["organisation"].either_required = "* (oder „Kommune“)"
        self.fields["consent"].label = self.consent_label
        self.fields["consent"].summary_label = "Einwilligung"
        self.fields["name"].error_messages["required"] = "Bitte geben Sie Ihren Namen an."
        self.fields["email"].error_messages["required"] = "Bitte geben Sie Ihre E-Mail-Adresse an."

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if Registration.objects.filter(event=self.event, email__iexact=email).exists():
            raise forms.ValidationError(
                "Mit dieser E-Mail-Adresse ist bereits eine Anmeldung für diese Veranstaltung eingegangen."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kommune") and not (cleaned.get("organisation") or "").strip():
            field = "kommune" if "kommune" in self.fields else "organisation"
            if field in self.errors:  # already "required"
                return cleaned
            self.add_error(field, "Bitte wählen Sie Ihre Kommune aus oder geben Sie Ihre Organisation an.")
        return cleaned
