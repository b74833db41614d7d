"""Production setup: what every BLOK installation needs, demo content or not. Idempotent.

* the Site record: root page, name and the public address (``WAGTAILADMIN_BASE_URL`` while the
  Site still has a local address; ``home.public_address``);
* the groups "Mitglieder", "Redaktion" and "Freigabe" with their permissions;
* the approval workflow ("Redaktionelle Freigabe" by the group "Freigabe");
* privacy: the Interner Bereich restricted to "Mitglieder", the collections "Öffentlich" and
  "Intern" (restricted likewise), German names for the tree's and the collections' roots.

``load_initial_data`` (``home.demo.setup.build_site``) runs these steps after building the page
tree. Every step looks for what is there and only adds what is missing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
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

from home.collections import INTERNAL_COLLECTION, PUBLIC_COLLECTION, ROOT_COLLECTION_NAME, ROOT_PAGE_TITLE
from home.models.members import MEMBERS_GROUP_NAME

MEMBERS_GROUP = MEMBERS_GROUP_NAME
EDITORS_GROUP = "Redaktion"
PUBLISHERS_GROUP = "Freigabe"
WORKFLOW_NAME = "Redaktionelle Freigabe"
SITE_NAME = "BLOK"
# Apps whose models editors manage in the admin (beyond pages, images and documents).
EDITORIAL_APPS = ["events", "documents_app", "participants", "wagtailsearchpromotions", "accessibility"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}

__all__ = [
    "EDITORS_GROUP",
    "INTERNAL_COLLECTION",
    "MEMBERS_GROUP",
    "PUBLIC_COLLECTION",
    "PUBLISHERS_GROUP",
    "WORKFLOW_NAME",
    "configure_site",
    "groups",
    "privacy",
    "site_address",
    "workflow",
]


def _nothing(message):
    pass


def site_address():
    """Host name and port of the public site, from ``WAGTAILADMIN_BASE_URL``."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "http://localhost")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def configure_site(home):
    """The default Site serves ``home`` under the public address."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    hostname, port = site_address()
    changed = site.root_page_id != home.pk or site.site_name != SITE_NAME
    # Absolute links (canonical, feeds, iCal, e-mails) use the Site's address: take it from
    # WAGTAILADMIN_BASE_URL (make run sets it from HOST/PORT) while the Site still has
    # Wagtail's placeholder or a local address; a real host name set by editors stays.
    local = site.hostname in LOCAL_HOSTS
    if local and (site.hostname, site.port) != (hostname, port) and (hostname, port) != ("localhost", 80):
        site.hostname, site.port = hostname, port
        changed = True
    if changed:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    return site


def groups():
    """The three groups with their permissions; returns (members, editors, publishers)."""
    members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS_GROUP)
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
        for app_label, model_name in (("wagtailimages", "image"), ("wagtaildocs", "document")):
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


def workflow(publishers):
    """Every page goes through one approval task by the group "Freigabe"."""
    task, _ = GroupApprovalTask.objects.get_or_create(name="Freigabe durch die Gruppe „Freigabe“")
    task.groups.add(publishers)
    flow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=flow, task=task, defaults={"sort_order": 0})
    root_page = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": flow})
    Workflow.objects.exclude(pk=flow.pk).filter(workflow_pages__isnull=True).update(active=False)
    return flow


def privacy(internal, members, log=_nothing):
    """Restrict the Interner Bereich and the collection "Intern" to the members; returns the
    collections {"Öffentlich": …, "Intern": …}."""
    restriction = PageViewRestriction.objects.filter(page=internal).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.GROUPS)
        log("Interner Bereich auf die Gruppe „Mitglieder“ beschränkt")
    restriction.groups.add(members)

    # Editors see the root collection in lists and filters: a German name, not "Root".
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
