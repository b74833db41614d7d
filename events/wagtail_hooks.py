"""Admin: event types as snippets, registrations with wagtail-modeladmin."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import re_path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InstanceSpecificView

from events.emails import send_registration_email
from events.models import EventPage, EventType, Registration
from events.registration import confirm_from_waiting_list
from home.exports import GermanExportIndexView


class EventTypeViewSet(SnippetViewSet):
    model = EventType
    icon = "tag"
    menu_label = "Veranstaltungsarten"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(EventTypeViewSet)


class EventWithRegistrationsFilter(SimpleListFilter):
    """Only the events that have registrations (not every event ever held)."""

    title = "Veranstaltung"
    parameter_name = "veranstaltung"

    def lookups(self, request, model_admin):
        events = EventPage.objects.filter(registrations__isnull=False).distinct().order_by("-start")
        return [(str(event.pk), f"{event.title} ({event.start:%d.%m.%Y})") for event in events]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(event_id=int(value))
        return queryset


class ConfirmFromWaitingListView(InstanceSpecificView):
    """Move one registration from the waiting list to confirmed and tell the person by email."""

    template_name = "events/admin/confirm_registration.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_meta_title(self):
        return "Von der Warteliste bestätigen"

    def get_page_title(self):
        return "Von der Warteliste bestätigen"

    @cached_property
    def confirm_url(self):
        return self.url_helper.get_action_url("confirm", self.pk_quoted)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.instance.event
        context.update(
            is_waiting=self.instance.status == Registration.Status.WAITING,
            seats_left=event.seats_left(),
            capacity=event.registration_capacity,
        )
        return context

    def post(self, request, *args, **kwargs):
        if confirm_from_waiting_list(self.instance):
            send_registration_email(self.instance, request, promoted=True)
            messages.success(request, f"„{self.instance.name}“ ist jetzt bestätigt und wurde per E-Mail informiert.")
        else:
            messages.warning(request, f"„{self.instance.name}“ steht nicht auf der Warteliste.")
        return redirect(self.index_url)


class RegistrationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.status == Registration.Status.WAITING and self.permission_helper.user_can_edit_obj(
            self.request.user, obj
        ):
            buttons.insert(
                0,
                {
                    "url": self.url_helper.get_action_url("confirm", obj.pk),
                    "label": "Bestätigen",
                    "classname": self.finalise_classname(["button-secondary"]),
                    "title": f"{obj.name} von der Warteliste bestätigen",
                },
            )
        return buttons


class RegistrationAdmin(ModelAdmin):
    model = Registration
    menu_label = "Anmeldungen"
    menu_icon = "group"
    menu_order = 300
    add_to_admin_menu = True
    # Few, wide columns: readable at 1366 px with the row buttons visible (e-mail etc. in the form
    # and the export).
    list_display = ("name", "organisation_display", "status", "event", "created_at")
    list_filter = (EventWithRegistrationsFilter, "status")
    list_select_related = ("event", "kommune")
    search_fields = ("name", "email", "organisation", "kommune__name", "event__title")
    list_export = (
        "event",
        "name",
        "organisation_display",
        "email",
        "people",
        "status",
        "remarks",
        "created_at",
        "consent_at",
    )
    export_headings = {"organisation_display": "Organisation", "event": "Veranstaltung"}
    export_filename = "anmeldungen"
    index_view_class = GermanExportIndexView
    ordering = ("event", "created_at")
    button_helper_class = RegistrationButtonHelper
    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("kommune"), FieldPanel("organisation")]),
        FieldPanel("people"),
        FieldPanel("remarks"),
        FieldPanel("consent_at", read_only=True),
    ]

    def confirm_view(self, request, instance_pk):
        return ConfirmFromWaitingListView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                self.url_helper.get_action_url_pattern("confirm"),
                self.confirm_view,
                name=self.url_helper.get_action_url_name("confirm"),
            ),
        )


modeladmin_register(RegistrationAdmin)


def _registrations_button(page, user, priority):
    if page.specific_class is not EventPage or not user.has_perm("events.view_registration"):
        return
    if not page.specific_deferred.registration_enabled:
        return
    yield Button(
        "Anmeldungen",
        url=f"{reverse('events_registration_modeladmin_index')}?veranstaltung={page.pk}",
        icon_name="group",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def event_registrations_header_button(page, user, view_name, next_url=None):
    """From an event in the page tree straight to its registrations."""
    yield from _registrations_button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def event_registrations_listing_button(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=55)
