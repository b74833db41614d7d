"""Demo content of the search: editors may manage promoted results; one example promotion."""

from django.contrib.auth.models import Group, Permission
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.wagtail_hooks import PROMOTION_PERMISSIONS

EDITOR_GROUPS = ("Redaktion", "Freigabe")


def load(loader, stdout=None):
    codenames = [perm.split(".", 1)[1] for perm in PROMOTION_PERMISSIONS]
    permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailsearchpromotions", codename__in=codenames)
    )
    permissions += list(
        Permission.objects.filter(
            content_type__app_label="search",
            codename__in=["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"],
        )
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)

    # "Tag der kommunalen Jobcenter" leads to the Fachtagungen (only if nobody set it up yet).
    events = loader.home.get_children().filter(slug="fachtagungen").first()
    query = Query.get("Tag der kommunalen Jobcenter")
    if events is not None and not query.editors_picks.exists():
        SearchPromotion.objects.create(
            query=query,
            page=events,
            sort_order=0,
            description="Alle Termine und Rückblicke der Fachtagungen „Tag der kommunalen Jobcenter“.",
        )
        if stdout is not None:
            stdout.write("Empfohlener Treffer angelegt: „Tag der kommunalen Jobcenter“")
