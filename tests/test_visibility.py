"""The one visibility rule: what a request may see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from home import visibility

from .factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def request_for(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = {}
    return request


@pytest.fixture
def secret_page(internal):
    return StandardPageFactory(parent=internal, title="Interne Kennzahlenwerkstatt")


def test_anonymous_visible_pages_exclude_internal_subtree(site_tree, secret_page, internal):
    pages = visibility.visible_pages(request_for())
    assert not pages.filter(pk=secret_page.pk).exists()
    assert not pages.filter(pk=internal.pk).exists()
    assert pages.filter(slug="projektziele").exists()


def test_member_visible_pages_include_internal_subtree(site_tree, secret_page, member):
    assert visibility.visible_pages(request_for(member)).filter(pk=secret_page.pk).exists()


def test_door_stays_in_menu_but_not_its_children(site_tree, secret_page, internal):
    pages = visibility.visible_pages(request_for(), include_doors=True)
    assert pages.filter(pk=internal.pk).exists()
    assert not pages.filter(pk=secret_page.pk).exists()


def test_user_without_members_group_sees_nothing_internal(site_tree, secret_page, editor):
    assert not visibility.can_see(request_for(editor), secret_page)


def test_superuser_sees_internal_pages(site_tree, secret_page):
    from .factories import UserFactory

    admin = UserFactory(is_superuser=True)
    assert visibility.can_see(request_for(admin), secret_page)


def test_draft_pages_are_never_visible(site_tree, home, member):
    draft = StandardPageFactory(parent=home, title="Entwurf", live=False)
    assert not visibility.can_see(request_for(member), draft)
    assert not visibility.visible_pages(request_for(member)).filter(pk=draft.pk).exists()


def test_login_restriction_elsewhere_is_respected(site_tree, home, member):
    page = StandardPageFactory(parent=home, title="Nur angemeldet")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert not visibility.can_see(request_for(), page)
    assert visibility.can_see(request_for(member), page)


def test_password_restriction_hides_until_passed(site_tree, home):
    page = StandardPageFactory(parent=home, title="Mit Passwort")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    request = request_for()
    assert not visibility.can_see(request, page)
    request = request_for()
    request.session = {restriction.passed_view_restrictions_session_key: [restriction.pk]}
    assert visibility.can_see(request, page)


def test_internal_documents_are_hidden_from_anonymous(site_tree, member):
    internal_doc = DocumentFactory(collection=site_tree.collections["Intern"], title="Internes Protokoll")
    public_doc = DocumentFactory(collection=site_tree.collections["Öffentlich"], title="Öffentlicher Bericht")
    anonymous = visibility.visible_documents(request_for())
    assert list(anonymous.filter(pk__in=[internal_doc.pk, public_doc.pk])) == [public_doc]
    assert visibility.visible_documents(request_for(member)).filter(pk=internal_doc.pk).exists()
    assert visibility.is_internal(request_for(member), internal_doc)
    assert not visibility.is_internal(request_for(member), public_doc)


def test_visibility_is_computed_once_per_request(site_tree, django_assert_num_queries, secret_page):
    request = request_for()
    visibility.get_visibility(request)
    with django_assert_num_queries(0):
        visibility.get_visibility(request)
        visibility.can_see(request, secret_page)


def test_visible_pages_keeps_the_model_of_the_queryset(site_tree, secret_page, member):
    from home.models import StandardPage

    pages = visibility.visible_pages(request_for(member), StandardPage.objects.all())
    assert pages.model is StandardPage
    assert Page.objects.filter(pk=secret_page.pk).exists()


def test_the_subtree_condition_matches_prefixes_of_any_length_and_nesting(site_tree):
    """``_path_condition`` (one ``LEFT(path, n) IN`` per length) excludes exactly the pages whose
    path starts with one of the roots — nested roots, siblings and single roots alike."""
    from wagtail.models import Page

    from home.visibility import _exclude_paths

    pages = list(Page.objects.all())
    by_depth = sorted(pages, key=lambda page: page.depth)
    samples = [
        [by_depth[-1].path],
        [page.path for page in pages if page.depth == 3],
        [page.path for page in pages if page.depth == 3][:2] + [by_depth[-1].path, by_depth[-1].path[:-4]],
        [page.path for page in pages if page.depth >= 3],
    ]
    for roots in samples:
        expected = {page.pk for page in pages if not any(page.path.startswith(root) for root in roots)}
        kept = set(_exclude_paths(Page.objects.all(), "path", roots).values_list("pk", flat=True))
        assert kept == expected, roots
