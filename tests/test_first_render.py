"""The first render of a page (no data cache: the first view after a publish) — the shortcuts it
takes instead of Wagtail's queries must give exactly Wagtail's answers, and never more than the
visitor may see."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.test import Client, RequestFactory
from wagtail.models import Page, PageViewRestriction

from home import navigation, visibility
from home.site_setup import MEMBERS_GROUP
from ops import authcache

from .factories import DocumentFactory, EventPageFactory, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def routed(path, user=None):
    """The page Wagtail routes ``path`` to, as the served page is (with its routing chain)."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    request.session = {}
    page = Page.route_for_request(request, path)[0]
    return request, page


@pytest.fixture
def tree(site_tree, home, internal):
    public = StandardPageFactory(parent=home, title="Projektbereich", slug="projektbereich")
    nested = StandardPageFactory(parent=public, title="Unterseite", slug="unterseite")
    secret = StandardPageFactory(parent=internal, title="Vertrauliche Werkstatt", slug="werkstatt")
    deeper = StandardPageFactory(parent=secret, title="Protokolle", slug="protokolle")
    password = StandardPageFactory(parent=home, title="Mit Kennwort", slug="kennwort")
    PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {"public": public, "nested": nested, "secret": secret, "deeper": deeper, "password": password}


def test_the_served_pages_restrictions_are_wagtails_for_every_kind_of_page(tree, internal):
    for page in (*tree.values(), internal):
        request, served = routed(page.url)
        from_rows = visibility.served_page_restrictions(request, served)
        wagtails = Page.objects.get(pk=page.pk).get_view_restrictions()
        assert {r.pk for r in from_rows} == {r.pk for r in wagtails}, page.url
    assert visibility.served_page_restrictions(*routed(tree["deeper"].url)), "inherited from the Interner Bereich"


def test_an_alias_is_served_with_its_sources_restrictions(tree, home):
    alias = tree["password"].create_alias(parent=tree["public"], update_slug="kennwort-kopie")
    request, served = routed(alias.url)
    assert served.alias_of_id == tree["password"].pk
    wagtails = Page.objects.get(pk=alias.pk).get_view_restrictions()
    assert {r.pk for r in visibility.served_page_restrictions(request, served)} == {r.pk for r in wagtails}
    response = Client().get(alias.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    # Wagtail copied the restriction to the alias and ignores it there (the source's counts): the
    # copy must not count twice.
    assert PageViewRestriction.objects.filter(page=alias).exists()


@pytest.mark.parametrize("data_cache", [False, True], ids=["first render", "data cache"])
def test_an_alias_of_a_page_below_the_members_area_is_not_public(tree, home, internal, member, settings, data_cache):
    settings.DATA_CACHE_ENABLED = data_cache
    single = tree["deeper"].create_alias(parent=home, update_slug="protokolle-kopie")
    subtree = tree["secret"].create_alias(parent=tree["public"], update_slug="werkstatt-kopie", recursive=True)
    child = Page.objects.get(alias_of=tree["deeper"], path__startswith=subtree.path)
    # Wagtail's own answer only looks at restrictions set on the source page itself.
    assert not Page.objects.get(pk=single.pk).get_view_restrictions().exists()
    for _round in range(2):  # the second round answers from whatever the first one stored
        for page in (single, subtree, child):
            request, served = routed(page.url)
            assert visibility.served_page_restrictions(request, served), page.url
            assert not visibility.can_see_page(request, page)
            assert visibility.is_internal_page(request, page)
            response = Client().get(page.url)
            assert response.status_code == 302, page.url
            assert response["Location"].startswith("/anmelden/")
            assert "no-store" in response["Cache-Control"]
        member_client = Client()
        member_client.force_login(member)
        assert "Protokolle" in member_client.get(child.url).content.decode()
    guest = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    guest.user = AnonymousUser()
    visible = set(visibility.visible_pages(guest).values_list("pk", flat=True))
    assert not visible & {single.pk, subtree.pk, child.pk}
    assert tree["public"].pk in visible


def test_an_alias_of_a_public_page_inside_the_members_area_is_internal(tree, internal):
    alias = tree["nested"].create_alias(parent=internal, update_slug="unterseite-kopie")
    request, served = routed(alias.url)
    assert not visibility.can_see_page(request, alias)
    assert Client().get(alias.url).status_code == 302
    assert visibility.can_see_page(request, tree["nested"])


def test_first_renders_keep_restricted_pages_hidden(tree, member, settings):
    settings.DATA_CACHE_ENABLED = False
    guest = Client()
    for key in ("secret", "deeper"):
        response = guest.get(tree[key].url)
        assert response.status_code == 302, key
        assert "Vertrauliche" not in response.content.decode()
    response = guest.get(tree["password"].url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    member_client = Client()
    member_client.force_login(member)
    assert "Protokolle" in member_client.get(tree["deeper"].url).content.decode()


def test_breadcrumbs_from_the_routing_chain_are_the_ancestors(tree):
    root = navigation.site_root(routed("/")[0])
    for key in ("nested", "deeper"):
        request, served = routed(tree[key].url)
        chain = navigation.routed_ancestors(served, root)
        expected = list(Page.objects.get(pk=served.pk).get_ancestors(inclusive=True).filter(depth__gte=root.depth))
        assert [p.pk for p in chain] == [p.pk for p in expected]
        assert [p.title for p in chain] == [p.title for p in expected]
    # A page that was not routed (a preview, a page read by a query) has no chain.
    assert navigation.routed_ancestors(Page.objects.get(pk=tree["deeper"].pk), root) is None


def test_a_child_below_a_one_type_parent_is_routed_as_that_type(event_index, tree):
    event = EventPageFactory(parent=event_index, title="Fachtagung Kennzahlen", slug="kennzahlen")
    request, served = routed(event.url)
    assert type(served).__name__ == "EventPage"
    assert served.pk == event.pk
    assert served.get_parent().pk == event_index.pk
    # A page of another type where only one is allowed (placed there by code) is still found.
    stray = EventPageFactory(parent=tree["nested"], title="Tiefer", slug="tiefer")
    request, served = routed(stray.url)
    assert (served.pk, type(served).__name__) == (stray.pk, "EventPage")
    assert Client().get(stray.url).status_code == 200
    assert Client().get(event_index.url + "gibt-es-nicht/").status_code == 404


def test_the_facts_of_a_member_in_one_query_are_djangos(site_tree, django_assert_num_queries):
    group = Group.objects.create(name="Redaktion Test")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(groups=[Group.objects.get(name=MEMBERS_GROUP), group])
    user.user_permissions.add(Permission.objects.get(codename="add_document"))
    backend = ModelBackend()
    expected_user = backend.get_user_permissions(user)
    expected_group = backend.get_group_permissions(user)
    fresh = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        facts = authcache._build(fresh)
    assert set(facts["user_perms"]) == expected_user == {"wagtaildocs.add_document"}
    assert set(facts["group_perms"]) == expected_group
    assert "wagtailadmin.access_admin" in facts["group_perms"]
    assert set(facts["groups"]) == set(user.groups.values_list("id", flat=True))
    admin = UserFactory(is_superuser=True)
    assert set(authcache._build(admin)["user_perms"]) == backend.get_user_permissions(admin)


def test_event_attachments_are_kept_per_visibility(event_index, site_tree, member, settings):
    from events.models import EventAttachment

    caches["pages"].clear()
    settings.DATA_CACHE_ENABLED = True
    event = EventPageFactory(parent=event_index, title="Fachtagung Anhänge", slug="anhaenge")
    public = DocumentFactory(collection=site_tree.collections["Öffentlich"], title="Programm öffentlich")
    secret = DocumentFactory(collection=site_tree.collections["Intern"], title="Teilnehmerliste intern")
    EventAttachment.objects.create(page=event, document=public)
    EventAttachment.objects.create(page=event, document=secret)
    member_client = Client()
    member_client.force_login(member)
    try:
        assert "Teilnehmerliste intern" in member_client.get(event.url).content.decode()
        html = Client().get(event.url).content.decode()
        assert "Programm öffentlich" in html
        assert "Teilnehmerliste intern" not in html
    finally:
        caches["pages"].clear()
