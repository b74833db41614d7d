from django import forms

from accessibility.models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    """The public form "Barriere melden". ``website`` is a honeypot: people leave it empty."""

    website = forms.CharField(
        label="Bitte dieses Feld leer lassen", required=False, max_length=200, widget=forms.TextInput()
    )

    consent = forms.BooleanField(
        label=(
            "Ich bin einverstanden, dass die Redaktion meine Angaben speichert, um die Meldung zu bearbeiten "
            "und mir zu antworten."
        ),
        error_messages={"required": "Bitte stimmen Sie zu, damit wir Ihre Meldung speichern dürfen."},
    )

    class Meta:
        model = BarrierReport
        fields = ["problem", "page_url", "email"]
        labels = {
            "problem": "Welche Barriere haben Sie gefunden?",
            "page_url": "Auf welcher Seite?",
            "email": "Ihre E-Mail-Adresse (freiwillig)",
        }
        help_texts = {
            "problem": "Beschreiben Sie bitte, was nicht funktioniert oder schwer zu verstehen ist.",
            "page_url": "Adresse oder Titel der Seite. Wir tragen die Seite ein, von der Sie kommen.",
            "email": "Nur wenn Sie eine Antwort möchten. Wir verwenden sie nur für diese Meldung.",
        }
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "page_url": forms.TextInput(attrs={"maxlength": 500}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "problem": {
                "required": "Bitte beschreiben Sie die Barriere.",
                "max_length": "Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen).",
            },
            "page_url": {"max_length": "Die Seitenangabe ist zu lang (höchstens 500 Zeichen)."},
            "email": {"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org."},
        }

    def clean_problem(self):
        problem = self.cleaned_data["problem"].strip()
        if len(problem) < 10:
            raise forms.ValidationError(
                "Bitte beschreiben Sie die Barriere in ein paar Worten (mindestens 10 Zeichen)."
            )
        return problem

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
