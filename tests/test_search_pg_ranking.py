"""The hand-built ranking SQL on PostgreSQL (search/pg_ranking.py) against the library's own.

For every query of the query set (and some with many hits), each source's ranked rows — ids,
order, scores, hit count, whole-word flag and ranking columns — must equal what the library's
query compiler returns. A guest's and a member's visibility are both compared.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from search import pg_ranking
from search.site_search import SiteSearch

from .test_search_queryset import QUERY_SET, corpus  # noqa: F401 — the fixture is used below

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

EXTRA_QUERIES = ["Jobcenter", "Optionskommunen Landkreis", "Tag der", "Vergleichsring", "Programm"]


def _requests(member):
    factory = RequestFactory()
    guest = factory.get("/suche/")
    guest.user = AnonymousUser()
    insider = factory.get("/suche/")
    insider.user = member
    return {"guest": guest, "member": insider}


def _rows(search, source, direct):
    search.backend.direct_ranking = direct
    try:
        return search._ranked_rows(source.ranking_queryset, source.rank_columns)
    finally:
        search.backend.direct_ranking = True


def test_direct_ranking_equals_the_library(corpus, django_user_model):  # noqa: F811
    from django.contrib.auth.models import Group

    member = django_user_model.objects.create_user("ranking-member", password="x")  # noqa: S106
    member.groups.add(Group.objects.get(name="Mitglieder"))
    queries = sorted({query for query, _title, _what in QUERY_SET} | set(EXTRA_QUERIES))
    compared = 0
    for who, request in _requests(member).items():
        for query in queries:
            search = SiteSearch(request, query)
            if search.search_query is None:
                continue
            for source in search.sources.values():
                direct = _rows(search, source, True)
                library = _rows(search, source, False)
                label = f"{who} {query!r} {source.key}"
                assert [row[0] for row in direct] == [row[0] for row in library], label
                for mine, theirs in zip(direct, library, strict=True):
                    assert mine[1] == pytest.approx(theirs[1], rel=1e-6), label
                    assert tuple(mine[2:]) == tuple(theirs[2:]), label
                compared += len(direct)
    assert compared > 100  # the comparison saw real hits


def test_unsupported_query_trees_fall_back_to_the_library(corpus, rf, monkeypatch):  # noqa: F811
    from modelsearch.query import MatchAll, Not

    with pytest.raises(pg_ranking.Unsupported):
        pg_ranking._Builder("german").tsquery(Not(MatchAll()))
    request = rf.get("/suche/")
    request.user = AnonymousUser()
    search = SiteSearch(request, "Fachtagung")
    source = search.sources["page"]
    expected = _rows(search, source, False)

    def unsupported(*args, **kwargs):
        raise pg_ranking.Unsupported("test")

    monkeypatch.setattr(pg_ranking, "ranked_rows", unsupported)
    assert expected
    assert _rows(search, source, True) == expected


def test_the_compiled_visible_queryset_is_kept_per_visibility(corpus, rf, django_user_model):  # noqa: F811
    from django.contrib.auth.models import Group

    from home.models import InternalAreaPage

    internal = InternalAreaPage.objects.live().first()
    assert internal is not None
    member = django_user_model.objects.create_user("ranking-member-2", password="x")  # noqa: S106
    member.groups.add(Group.objects.get(name="Mitglieder"))
    pg_ranking._BASE_SQL.clear()
    titles = {}
    for who, user in (("guest", AnonymousUser()), ("member", member), ("guest again", AnonymousUser())):
        request = rf.get("/suche/")
        request.user = user
        outcome = SiteSearch(request, internal.title).run(1)
        titles[who] = {result.url for result in outcome.results}
    assert internal.url not in titles["guest"]
    assert internal.url not in titles["guest again"]
    assert internal.url in titles["member"]
    # one compiled query per source and visibility for the check for matches, and for the
    # ranking of each source with a match: the guest's were reused
    checks = [key for key in pg_ranking._BASE_SQL if key[0] == "exists"]
    rankings = [key for key in pg_ranking._BASE_SQL if key[0] != "exists"]
    assert len(checks) == 2 * 3
    assert 2 <= len(rankings) <= 2 * 3
    assert len({key[1] for key in rankings}) == 2  # one fingerprint for guests, one for the member


def _ranking_statements(request, term):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        outcome = SiteSearch(request, term).run(1)
    sql = [q["sql"] for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    return outcome, [s for s in sql if "EXISTS" in s], [s for s in sql if "blok_score" in s]


def test_only_sources_with_a_visible_match_are_ranked(home, internal, member):
    from .factories import StandardPageFactory

    StandardPageFactory(parent=internal, title="Geheimquitte", intro="Nur für Mitglieder")
    StandardPageFactory(parent=home, title="Mispelernte", intro="Öffentlich")
    guest, insider = _requests(member).values()

    # Nothing matches: one check for all sources, no ranking statement.
    outcome, checks, rankings = _ranking_statements(guest, "Zzyzxwort")
    assert (outcome.total, len(checks), len(rankings)) == (0, 1, 0)
    # Only a page matches: the pages are ranked, documents and Kommunen are not.
    outcome, checks, rankings = _ranking_statements(guest, "Mispelernte")
    assert (outcome.total, len(checks), len(rankings)) == (1, 1, 1)
    assert "wagtailcore_page" in rankings[0]
    # A match the guest may not see counts as no match: the guest's search does exactly what a
    # search for a word that exists nowhere does (no ranking), the member's finds it.
    outcome, checks, rankings = _ranking_statements(guest, "Geheimquitte")
    assert (outcome.total, len(checks), len(rankings)) == (0, 1, 0)
    outcome, checks, rankings = _ranking_statements(insider, "Geheimquitte")
    assert (outcome.total, len(checks), len(rankings)) == (1, 1, 1)
