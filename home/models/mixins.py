from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from home.page_forms import BlokPageForm


class SocialFields(models.Model):
    """Open Graph image for sharing; the description comes from Wagtail's search_description."""

    social_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Vorschaubild für soziale Medien",
        help_text="Wird angezeigt, wenn die Seite geteilt wird (Open Graph).",
    )

    promote_panels = [MultiFieldPanel([FieldPanel("social_image")], heading="Teilen")]

    class Meta:
        abstract = True


class ListingFields(models.Model):
    """Title and summary used when the page appears in a listing or teaser."""

    listing_summary = models.CharField(
        "Kurzbeschreibung für Listen",
        max_length=300,
        blank=True,
        help_text="Ein bis zwei Sätze, die in Übersichten und Suchergebnissen erscheinen.",
    )

    promote_panels = [MultiFieldPanel([FieldPanel("listing_summary")], heading="Darstellung in Listen")]

    class Meta:
        abstract = True


class BasePage(SocialFields, ListingFields, Page):
    """Common base of the site's pages: promote fields, listing summary, social image."""

    promote_panels = Page.promote_panels + ListingFields.promote_panels + SocialFields.promote_panels
    base_form_class = BlokPageForm

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # Wagtail reads a child's base row, then its specific row. Below a page that allows only
        # one page type (the events of the calendar, nested content pages) the child is read as
        # that type at once: one query per level instead of two. Anything else takes Wagtail's way.
        if path_components:
            child_models = self.allowed_subpage_models()
            if len(child_models) == 1:
                model = child_models[0]
                try:
                    child = model.objects.child_of(self).get(slug=path_components[0])
                except model.DoesNotExist:
                    pass
                else:
                    child._cached_parent_obj = self  # as Wagtail does: get_parent() without a query
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    @property
    def meta_description(self):
        """For search engines and link previews: the promote field, else the best text we have."""
        text = self.search_description or self.listing_summary or getattr(self, "intro", "") or ""
        text = text or getattr(self, "teaser", "") or ""
        text = " ".join(str(text).split())
        return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + " …"
