"""Admin for the Projektteilnehmer (wagtail-modeladmin: list with filters, search and export)."""

from django import forms
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from home.exports import GermanExportIndexView
from participants.models import Kommune, Vergleichsring

EXPORT_HEADINGS = {
    "name": "Name",
    "art": "Art",
    "land": "Bundesland",
    "seit": "Optionskommune seit",
    "website": "Website",
    "jobcenter_name": "Jobcenter",
    "vergleichsring": "Vergleichsring",
    "contact_name": "Ansprechperson",
    "contact_email": "E-Mail",
    "contact_phone": "Telefon",
}


class KommuneIndexView(GermanExportIndexView):
    """The list; its CSV/Excel export uses plain German column headings."""

    export_headings = EXPORT_HEADINGS


class KommuneAdmin(ModelAdmin):
    model = Kommune
    menu_label = "Optionskommunen"
    menu_icon = "group"
    # Few, wide columns: readable at 1366 px with the row buttons visible (details in the form).
    list_display = ("name", "art", "land", "vergleichsring")
    list_filter = ("bundesland", "kind", "since", "vergleichsring")
    search_fields = ("name", "jobcenter_name", "contact_name")
    ordering = ("name",)
    list_per_page = 50
    list_select_related = ("vergleichsring",)
    list_export = (
        "name",
        "art",
        "land",
        "seit",
        "website",
        "jobcenter_name",
        "vergleichsring",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    export_filename = "optionskommunen"
    index_view_class = KommuneIndexView

    # Columns shown and exported with their German display values (not the stored codes).
    def art(self, obj):
        return obj.get_kind_display()

    art.short_description = "Art"

    def land(self, obj):
        return obj.get_bundesland_display()

    land.short_description = "Bundesland"

    def seit(self, obj):
        return obj.since_display

    seit.short_description = "Optionskommune seit"
    seit.admin_order_field = "since"


RING_HELP = (
    "<p>Ein <strong>Vergleichsring</strong> ist ein fester Kreis von etwa zehn Optionskommunen, "
    "zusammengestellt nach SGB-II-Quote, Größe und Bundesland. Er trifft sich dreimal im Jahr zu "
    "eineinhalbtägigen Workshops, moderiert von gfa | public.</p>"
    "<p>Zu jedem Ring gehören die Gruppe „Vergleichsring &lt;Nummer&gt;“, ein geschützter "
    "Arbeitsbereich im Internen Bereich und eine Dokumentensammlung gleichen Namens (unter "
    "„Intern“). Mitglieder kommen über ihre Kommune automatisch in die Gruppe. Wer hier eine "
    "Kommune einem anderen Ring zuordnet, ändert sofort, was deren Mitglieder sehen; deren "
    "persönliche Kalender-Adressen werden dabei ungültig.</p>"
)


class VergleichsringForm(WagtailAdminModelForm):
    kommunen = forms.ModelMultipleChoiceField(
        label="Kommunen",
        queryset=Kommune.objects.select_related("vergleichsring").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Die Optionskommunen dieses Rings. Eine Kommune gehört zu genau einem Ring: "
        "Wählen Sie sie hier aus, wechselt sie aus ihrem bisherigen Ring hierher.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["kommunen"].initial = list(self.instance.kommunen.values_list("pk", flat=True))
        self.fields["kommunen"].label_from_instance = lambda k: (
            f"{k.name} (bisher {k.vergleichsring})"
            if k.vergleichsring_id and k.vergleichsring_id != self.instance.pk
            else k.name
        )

    def save(self, commit=True):
        ring = super().save(commit=commit)
        if commit:
            self.save_kommunen(ring)
            self.ensure_workspace(ring)
        return ring

    @staticmethod
    def ensure_workspace(ring):
        """A new ring gets its workspace below the Interner Bereich (the collection comes with
        the ring's signal)."""
        from home.models import InternalAreaPage
        from participants import rings

        internal = InternalAreaPage.objects.first()
        if internal is not None:
            rings.ensure_workspace(internal, ring=ring, title=ring.group_name)

    def save_kommunen(self, ring):
        chosen = {k.pk: k for k in self.cleaned_data.get("kommunen") or []}
        # Saved one by one so the signals move the members' groups along.
        for kommune in Kommune.objects.filter(vergleichsring=ring).exclude(pk__in=chosen):
            kommune.vergleichsring = None
            kommune.save(update_fields=["vergleichsring"])
        for kommune in chosen.values():
            if kommune.vergleichsring_id != ring.pk:
                kommune.vergleichsring = ring
                kommune.save(update_fields=["vergleichsring"])


class VergleichsringAdmin(ModelAdmin):
    model = Vergleichsring
    menu_label = "Vergleichsringe"
    menu_icon = "list-ul"
    list_display = ("number", "name", "kommunen_count", "members_count")
    search_fields = ("name",)
    ordering = ("number",)
    edit_handler = ObjectList(
        [
            HelpPanel(content=RING_HELP, heading="Was ist ein Vergleichsring?"),
            FieldPanel("number"),
            FieldPanel("name"),
            FieldPanel("kommunen"),
        ],
        base_form_class=VergleichsringForm,
    )

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(
                n_kommunen=Count("kommunen", distinct=True),
                n_members=Count(
                    "kommunen__member_profiles",
                    filter=Q(kommunen__member_profiles__user__is_active=True),
                    distinct=True,
                ),
            )
        )

    def kommunen_count(self, obj):
        return obj.n_kommunen

    kommunen_count.short_description = "Kommunen"

    def members_count(self, obj):
        return obj.n_members

    members_count.short_description = "aktive Mitglieder"


class ParticipantsGroup(ModelAdminGroup):
    menu_label = "Projektteilnehmer"
    menu_icon = "group"
    menu_order = 250
    items = (KommuneAdmin, VergleichsringAdmin)


modeladmin_register(ParticipantsGroup)


# --- closed workspaces ---------------------------------------------------------------------------


def _password_protected(restrictions):
    return any(r.restriction_type == r.PASSWORD for r in restrictions)


@hooks.register("before_serve_page", order=-5)
def hide_foreign_workspace_pages(page, request, serve_args, serve_kwargs):
    """A logged-in member who may not see a page (another ring's workspace) gets a plain 404
    rather than Wagtail's login redirect: no hint that something is there."""
    from django.http import Http404

    from home import visibility

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or visibility.can_see_page(request, page):
        return None
    if _password_protected(page.get_view_restrictions()):
        return None
    raise Http404


@hooks.register("before_serve_document", order=-5)
def hide_foreign_workspace_documents(document, request):
    from django.http import Http404

    from home import visibility

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or visibility.can_see_document(request, document):
        return None
    if _password_protected(document.collection.get_view_restrictions()):
        return None
    raise Http404


# --- editors' view of the rings --------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_ring_admin_urls():
    from django.urls import path

    from participants import admin_views

    return [
        path("vergleichsringe/mitglieder/", admin_views.overview, name="blok_ring_overview"),
        path("vergleichsringe/mitglieder/<str:ring_key>/", admin_views.members, name="blok_ring_members"),
    ]


class RingOverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("participants.view_vergleichsring")


@hooks.register("register_admin_menu_item")
def register_ring_overview_menu_item():
    return RingOverviewMenuItem(
        "Ringe & Mitglieder", reverse("blok_ring_overview"), name="blok-rings", icon_name="group", order=660
    )
