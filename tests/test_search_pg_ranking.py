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
    # one compiled query per source and visibility: the guest's were reused
    assert len(pg_ranking._BASE_SQL) == 2 * 3
