"""Admin for the Projektteilnehmer (wagtail-modeladmin: list with filters, search and export)."""

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


class VergleichsringAdmin(ModelAdmin):
    model = Vergleichsring
    menu_label = "Vergleichsringe"
    menu_icon = "list-ul"
    list_display = ("number", "name")
    search_fields = ("name",)
    ordering = ("number",)


class ParticipantsGroup(ModelAdminGroup):
    menu_label = "Projektteilnehmer"
    menu_icon = "group"
    menu_order = 250
    items = (KommuneAdmin, VergleichsringAdmin)


modeladmin_register(ParticipantsGroup)
