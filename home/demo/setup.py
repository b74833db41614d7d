"""Builds the page tree, groups, workflow and privacy settings. Idempotent.

Every step looks for what is already there and only creates what is missing: a second run
changes nothing, a half-built tree is completed and pages that editors changed are left alone.
"""

import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

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

MEMBERS_GROUP = "Mitglieder"
EDITORS_GROUP = "Redaktion"
PUBLISHERS_GROUP = "Freigabe"
INTERNAL_COLLECTION = "Intern"
PUBLIC_COLLECTION = "Öffentlich"
WORKFLOW_NAME = "Redaktionelle Freigabe"
# Apps whose models editors manage in the admin (beyond pages, images and documents).
EDITORIAL_APPS = ["events", "documents_app", "participants", "wagtailsearchpromotions", "accessibility"]

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


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def site_address():
    """Host name and port of the public site, from ``WAGTAILADMIN_BASE_URL``."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "http://localhost")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


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
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        hostname, port = site_address()
        changed = site.root_page_id != home.pk or site.site_name != "BLOK"
        # Absolute links (iCal, feeds, e-mails) use the site's address: take it from
        # WAGTAILADMIN_BASE_URL (make run sets it from HOST/PORT) while the site still has
        # Wagtail's placeholder or a local address; a real host name set by editors stays.
        local = site.hostname in LOCAL_HOSTS
        if local and (site.hostname, site.port) != (hostname, port) and (hostname, port) != ("localhost", 80):
            site.hostname, site.port = hostname, port
            changed = True
        if changed:
            site.root_page = home
            site.site_name = "BLOK"
            site.save()
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

    # --- groups, permissions, workflow, privacy -------------------------------------------------

    def groups(self, home):
        members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        editors, created_editors = Group.objects.get_or_create(name=EDITORS_GROUP)
        publishers, created_publishers = Group.objects.get_or_create(name=PUBLISHERS_GROUP)
        access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        root_page = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()

        for group, page_perms in (
            (editors, ["add_page", "change_page"]),
            (publishers, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]),
        ):
            group.permissions.add(access_admin)
            for codename in page_perms:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
            # Wagtail checks image and document permissions on its base models (auth_model
            # "wagtailimages.Image" / "wagtaildocs.Document"), also for custom models.
            for model in ("image", "document"):
                app_label = "wagtailimages" if model == "image" else "wagtaildocs"
                model_name = model
                for action in ("add", "change", "choose"):
                    permission = Permission.objects.filter(
                        content_type__app_label=app_label, codename=f"{action}_{model_name}"
                    ).first()
                    if permission is None:
                        continue
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        # Member management: editors and publishers create, edit and deactivate members in
        # the admin ("Mitglieder", home.Member), without Wagtail's user admin.
        for group in (editors, publishers):
            for codename in ("add_member", "change_member", "view_member"):
                permission = Permission.objects.filter(content_type__app_label="home", codename=codename).first()
                if permission is not None:
                    group.permissions.add(permission)
        # Editors manage the feature apps' models (events, registrations, participants, document
        # categories, search promotions); publishers may also delete and change site settings.
        grants = ((editors, ("add", "change", "view")), (publishers, ("add", "change", "delete", "view")))
        for group, actions in grants:
            permissions = Permission.objects.filter(content_type__app_label__in=EDITORIAL_APPS).filter(
                codename__regex=r"^(" + "|".join(actions) + r")_"
            )
            group.permissions.add(*permissions)
        publishers.permissions.add(
            *Permission.objects.filter(content_type__app_label="home", codename="change_sitesettings")
        )
        # The outbox (ops.OutgoingMail): editors see which confirmations could not be sent.
        outbox = Permission.objects.filter(content_type__app_label="ops", codename="view_outgoingmail")
        for group in (editors, publishers):
            group.permissions.add(*outbox)
        # Wagtail's installation creates English-named example groups; drop them while unused.
        for name in ("Moderators", "Editors"):
            Group.objects.filter(name=name, user__isnull=True).delete()
        return members, editors, publishers

    def workflow(self, publishers):
        task, _ = GroupApprovalTask.objects.get_or_create(name="Freigabe durch die Gruppe „Freigabe“")
        task.groups.add(publishers)
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        root_page = Page.get_first_root_node()
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
        Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True).update(active=False)

    def privacy(self, internal, members):
        restriction = PageViewRestriction.objects.filter(page=internal).first()
        if restriction is None:
            restriction = PageViewRestriction.objects.create(
                page=internal, restriction_type=PageViewRestriction.GROUPS
            )
            self.log("Interner Bereich auf die Gruppe „Mitglieder“ beschränkt")
        restriction.groups.add(members)

        # Editors see the root collection in lists and filters: a German name, not "Root".
        from home.collections import ROOT_COLLECTION_NAME, ROOT_PAGE_TITLE

        Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)
        Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
        collections = {}
        for name in (PUBLIC_COLLECTION, INTERNAL_COLLECTION):
            # Fetch the root afresh each time: treebeard computes child paths from it.
            root_collection = Collection.get_first_root_node()
            collection = root_collection.get_children().filter(name=name).first()
            if collection is None:
                root_collection.add_child(name=name)
                collection = root_collection.get_children().get(name=name)
            collections[name] = collection
        # Collections are kept sorted by name, so adding one may move the others: reload them all.
        collections = {name: Collection.objects.get(pk=c.pk) for name, c in collections.items()}
        internal_collection = collections[INTERNAL_COLLECTION]
        collection_restriction = CollectionViewRestriction.objects.filter(collection=internal_collection).first()
        if collection_restriction is None:
            collection_restriction = CollectionViewRestriction.objects.create(
                collection=internal_collection, restriction_type=CollectionViewRestriction.GROUPS
            )
        collection_restriction.groups.add(members)
        return collections

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
            # The real address is set by the editors (FACTS.md); until then a visible placeholder.
            settings_obj.external_link_url = (
                settings_obj.external_link_url or "https://www.example.org/kommunen-fuer-arbeit/"
            )
            settings_obj.save()


@transaction.atomic
def build_site(stdout=None):
    """Build everything of the foundation; returns the loader with what it created."""
    loader = Loader(stdout)
    home = loader.home_page()
    internal = loader.page_tree(home)
    members, _editors, publishers = loader.groups(home)
    loader.workflow(publishers)
    loader.collections = loader.privacy(internal, members)
    loader.site_settings(home)
    loader.home = home
    loader.internal = internal
    return loader
