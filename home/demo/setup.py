"""Builds the demo site: the page tree with German demo content and placeholder site settings,
then the production setup (``home.site_setup``: Site address, groups, workflow, privacy). Idempotent.

Every step looks for what is already there and only creates what is missing: a second run
changes nothing, a half-built tree is completed and pages that editors changed are left alone.
"""

import datetime

from django.apps import apps
from django.db import transaction
from wagtail.models import Page, Site

from home import site_setup
from home.demo import content
from home.models import (
    AccessibilityPage,
    HomePage,
    ImpressumPage,
    InternalAreaPage,
    PrivacyPage,
    SiteSettings,
    StandardPage,
)

# Menu order; the slugs of the top-level pages below the start page.
MENU_ORDER = [
    "projektziele",
    "projektstruktur",
    "projektteilnehmer",
    "fachtagungen",
    "dokumente",
    "interner-bereich",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
]


class Loader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = []

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # --- pages ---------------------------------------------------------------------------------

    def child(self, parent, model, data, *, in_menu=True, **extra):
        """Return the child with this slug, creating it (published) if it is missing."""
        slug = data.get("slug")
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        fields = {key: value for key, value in data.items() if key != "slug"}
        fields.update(extra)
        page = model(slug=slug, show_in_menus=in_menu, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page.title)
        self.log(f"Seite angelegt: {page.title}")
        return page

    def home_page(self):
        home = HomePage.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            # Wagtail's installation creates a placeholder "Welcome" page; it gives way to ours.
            for placeholder in root.get_children().filter(slug="home").exact_type(Page):
                if not placeholder.get_children().exists():
                    placeholder.delete()
            home = HomePage(slug="home", show_in_menus=True, **content.HOME)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append(home.title)
            self.log(f"Startseite angelegt: {home.title}")
        site_setup.configure_site(home)
        return home

    def page_tree(self, home):
        participant_index = apps.get_model("participants", "ParticipantIndexPage")
        event_index = apps.get_model("events", "EventIndexPage")
        document_index = apps.get_model("documents_app", "DocumentIndexPage")

        self.child(home, StandardPage, content.PROJEKTZIELE)
        self.child(home, StandardPage, content.PROJEKTSTRUKTUR)
        self.child(home, participant_index, content.PARTICIPANTS)
        self.child(home, event_index, content.EVENTS)
        self.child(home, document_index, content.DOCUMENTS)
        internal = self.child(home, InternalAreaPage, content.INTERNAL)
        self.child(internal, StandardPage, content.INTERNAL_CHILD)
        self.child(home, ImpressumPage, content.IMPRESSUM)
        self.child(home, PrivacyPage, content.PRIVACY, in_menu=False)
        self.child(
            home,
            AccessibilityPage,
            content.ACCESSIBILITY,
            in_menu=False,
            statement_date=datetime.date.today(),
        )
        self.sort_menu(home)
        # Moving pages changes their tree paths: hand out fresh objects.
        return InternalAreaPage.objects.get(pk=internal.pk)

    def sort_menu(self, home):
        """Put the top-level pages in menu order (only those created by us; others keep their place)."""
        children = {page.slug: page for page in home.get_children()}
        ordered = [children[slug] for slug in MENU_ORDER if slug in children]
        current = [page.slug for page in home.get_children() if page.slug in MENU_ORDER]
        if current == [page.slug for page in ordered]:
            return
        for page in ordered:
            page.refresh_from_db()
            page.move(home, pos="last-child")

    # --- demo site settings ---------------------------------------------------------------------

    def site_settings(self, home):
        site = Site.objects.get(root_page=home)
        settings_obj = SiteSettings.for_site(site)
        if not settings_obj.pk or not (settings_obj.footer_text or settings_obj.contact_email):
            settings_obj.contact_name = settings_obj.contact_name or "Projektleitung Benchlearning"
            settings_obj.contact_email = settings_obj.contact_email or "kontakt@example.org"
            settings_obj.footer_text = settings_obj.footer_text or (
                "Ein Projekt der Optionskommunen, ausgeschrieben vom Deutschen Landkreistag und vom "
                "Deutschen Städtetag."
            )
            # The real address is set by the editors; until then a visible placeholder.
            settings_obj.external_link_url = (
                settings_obj.external_link_url or "https://www.example.org/kommunen-fuer-arbeit/"
            )
            settings_obj.save()


@transaction.atomic
def build_site(stdout=None):
    """The page tree, the demo site settings and the production setup; returns the loader with
    what it created (feature apps add their demo content through it)."""
    loader = Loader(stdout)
    home = loader.home_page()
    internal = loader.page_tree(home)
    members, _editors, publishers = site_setup.groups()
    site_setup.workflow(publishers)
    loader.collections = site_setup.privacy(internal, members, log=loader.log)
    loader.site_settings(home)
    loader.home = home
    loader.internal = internal
    return loader
