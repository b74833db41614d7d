"""The admin form of every page type (``BasePage.base_form_class``)."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm


class BlokPageForm(WagtailAdminPageForm):
    """Wagtail's page form; a slug already taken by a sibling names and links that page.

    Wagtail only says the slug is in use. Editors then have to hunt for the page that holds it;
    the message here names it and links its edit view, so they can decide which page keeps the
    address.
    """

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's clean() drops it with its error
        cleaned_data = super().clean()
        if slug and self.parent_page is not None and "slug" in self.errors:
            siblings = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                siblings = siblings.not_page(self.instance)
            existing = siblings.first()
            if existing is not None:
                self.errors["slug"] = self.error_class([slug_taken_message(slug, existing, self.parent_page)])
        return cleaned_data


def slug_taken_message(slug, existing, parent):
    return format_html(
        "Der Kurztitel „{slug}“ ist unter „{parent}“ schon vergeben – an die Seite "
        '<a href="{edit_url}">„{title}“</a>. Wählen Sie einen anderen Kurztitel oder bearbeiten Sie '
        "die bestehende Seite.",
        slug=slug,
        parent=parent.specific_deferred.get_admin_display_title(),
        edit_url=reverse("wagtailadmin_pages:edit", args=[existing.pk]),
        title=existing.specific_deferred.get_admin_display_title(),
    )
