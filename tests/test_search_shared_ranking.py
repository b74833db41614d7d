"""Broad search terms: the ranked list is shared through the data cache, per visibility, and
dropped with every change of content; narrow terms are never stored."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search import site_search

from .factories import StandardPageFactory
from .search_helpers import result_titles, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_cache(settings, monkeypatch):
    caches["pages"].clear()
    settings.DATA_CACHE_ENABLED = True
    monkeypatch.setattr(site_search, "SHARED_RANKING_MIN_HITS", 3)
    yield
    caches["pages"].clear()


@pytest.fixture
def quitten(home, internal):
    for n in range(3):
        StandardPageFactory(parent=home, title=f"Quittenernte {n}", intro="Quitten")
    return StandardPageFactory(parent=internal, title="Quittenernte intern", intro="Quitten")


def _ranking_queries(client, term):
    with CaptureQueriesContext(connection) as queries:
        titles = result_titles(search(client, term))
    sql = [q["sql"] for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    return titles, sql


def test_a_broad_term_is_ranked_once(client, data_cache, quitten):
    first, first_sql = _ranking_queries(client, "Quittenernte")
    second, second_sql = _ranking_queries(client, "Quittenernte")
    assert first_sql and not second_sql
    assert first == second and len(first) == 3


def test_a_narrow_term_is_ranked_every_time(client, data_cache, quitten):
    StandardPageFactory(parent=quitten.get_parent().get_parent(), title="Mispelernte", intro="Mispel")
    _ranking_queries(client, "Mispelernte")
    titles, sql = _ranking_queries(client, "Mispelernte")
    assert titles == ["Mispelernte"] and sql


@pytest.mark.parametrize("member_first", [True, False])
def test_a_members_ranking_never_reaches_an_anonymous_reader(client, member, data_cache, quitten, member_first):
    member_client = Client()
    member_client.force_login(member)
    readers = [member_client, client] if member_first else [client, member_client]
    seen = {id(reader): "Quittenernte intern" in result_titles(search(reader, "Quittenernte")) for reader in readers}
    assert seen == {id(member_client): True, id(client): False}


def test_a_new_page_is_found_at_the_next_search(client, data_cache, quitten, home, django_capture_on_commit_callbacks):
    assert len(result_titles(search(client, "Quittenernte"))) == 3
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home, title="Quittenernte neu", intro="Quitten")
    assert "Quittenernte neu" in result_titles(search(client, "Quittenernte"))


def test_a_new_synonym_group_applies_at_the_next_search(
    client, data_cache, quitten, home, django_capture_on_commit_callbacks
):
    from search.models import SynonymGroup

    StandardPageFactory(parent=home, title="Zitronenfest", intro="Gelb")
    assert "Zitronenfest" not in result_titles(search(client, "Quittenernte"))
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(terms="Quittenernte, Zitronenfest")
    assert "Zitronenfest" in result_titles(search(client, "Quittenernte"))


def _page_queries(client, term, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, term, **params) if params else search(client, term)
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "wagtailsearch_indexentry" in q["sql"] or "wagtailcore_page" in q["sql"]
    ]
    return response, reads


def test_a_broad_terms_results_are_rendered_once_and_still_counted(client, data_cache, quitten):
    from wagtail.contrib.search_promotions.models import Query

    first, first_reads = _page_queries(client, "Quittenernte")
    second, second_reads = _page_queries(client, "Quittenernte")
    assert first_reads and not second_reads  # neither ranked nor loaded again
    assert result_titles(first) == result_titles(second)
    assert Query.objects.get(query_string="quittenernte").hits == 2  # counted on the kept answer too


def test_a_narrow_terms_results_are_rendered_every_time(client, data_cache, quitten, home):
    StandardPageFactory(parent=home, title="Mispelernte", intro="Mispel")
    _page_queries(client, "Mispelernte")
    response, reads = _page_queries(client, "Mispelernte")
    assert result_titles(response) == ["Mispelernte"] and reads


def test_a_members_results_never_reach_an_anonymous_reader(client, member, data_cache, quitten):
    member_client = Client()
    member_client.force_login(member)
    for _ in range(2):  # the second round is answered from the kept results
        members_page = search(member_client, "Quittenernte")
        guests_page = search(client, "Quittenernte")
        assert "Quittenernte intern" in result_titles(members_page)
        assert 'class="badge">intern</span>' in members_page.content.decode()
        assert "Quittenernte intern" not in result_titles(guests_page)
        assert 'class="badge">intern</span>' not in guests_page.content.decode()
