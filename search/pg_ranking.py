"""Ranking on PostgreSQL as one hand-built SQL statement per source.

The library's PostgreSQL compiler (``modelsearch``) turns the query tree into a Django
expression of several dozen nested ``ts_rank`` calls and compiles it for every search; for a
search of two words with compound parts that costs ~20 ms of Python per source — more than the
database needs to answer. This module writes the *same* SQL directly:

* the ``tsquery`` the library builds (``to_tsquery`` per plain text, lexemes quoted the same
  way, ``&&``/``||``/``!!`` for And/Or/Not, ``phraseto_tsquery`` for phrases),
* the same score: ``ts_rank`` per plain text, ``∏(1 + r) − 1`` for And, the mean for Or, the
  title's rank times ``title_norm`` plus the body's rank,
* the same match condition ``(title || body) @@ query`` (the GIN index of ``search/0001``) and
  the same join ``object_id = id::varchar(50)`` (the indexes of ``search/0003``).

Tested against the library's own queryset (same ids, same order, same scores) in
``tests/test_search_pg_ranking.py``. Query trees it cannot express (``MatchAll`` nested inside,
fuzzy queries) raise :class:`Unsupported`, and the caller uses the library instead.
"""

from __future__ import annotations

import re
from functools import cache

from django.db import connection
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from search.backends import analyse_query
from search.text import fold

_SPLIT_RE = re.compile(r"[\s\-]+")


class Unsupported(Exception):
    """The query tree needs the library's compiler."""


def _lexeme(term: str, invert: bool) -> str:
    escaped = term.replace("'", "''").replace("\\", "\\\\")
    return f"!'{escaped}'" if invert else f"'{escaped}'"


def _plain_lexemes(query: PlainText, invert: bool) -> str | None:
    terms = [term for term in _SPLIT_RE.split(query.query_string) if term]
    if not terms:
        return None
    # As the library does: the last term first, then the others, each with the text's operator.
    last = terms.pop()
    combined = _lexeme(last, invert)
    connector = "&" if query.operator == "and" else "|"
    for term in terms:
        combined = f"({combined} {connector} {_lexeme(term, invert)})"
    return combined


class _Builder:
    def __init__(self, config: str):
        self.config = config

    def tsquery(self, query, invert=False) -> tuple[str, list]:
        if isinstance(query, PlainText):
            lexemes = _plain_lexemes(query, invert)
            if lexemes is None:
                raise Unsupported("empty text")
            return "to_tsquery(%s::regconfig, %s)", [self.config, lexemes]
        if isinstance(query, Phrase):
            if invert:
                raise Unsupported("negated phrase")
            return "phraseto_tsquery(%s::regconfig, %s)", [self.config, query.query_string]
        if isinstance(query, Boost):
            return self.tsquery(query.subquery, invert)
        if isinstance(query, Not):
            if isinstance(query.subquery, MatchAll):
                raise Unsupported("MatchAll")
            return self.tsquery(query.subquery, not invert)
        if isinstance(query, (And, Or)):
            parts = [self.tsquery(sub, invert) for sub in query.subqueries]
            is_and = isinstance(query, And) != invert
            connector = " && " if is_and else " || "
            sql = parts[0][0]
            params = list(parts[0][1])
            for part_sql, part_params in parts[1:]:
                sql = f"({sql}{connector}{part_sql})"
                params.extend(part_params)
            return sql, params
        raise Unsupported(type(query).__name__)

    def rank(self, vector: str, query, weights: str, boost=1.0) -> tuple[str, list]:
        if isinstance(query, (Phrase, PlainText, Not)):
            tsquery_sql, params = self.tsquery(query)
            sql = f"ts_rank(%s::float4[], {vector}, {tsquery_sql})"
            if boost != 1.0:
                sql = f"({sql} * {float(boost)!r})"
            return sql, [weights, *params]
        if isinstance(query, Boost):
            return self.rank(vector, query.subquery, weights, boost * query.boost)
        if isinstance(query, And):
            parts = [self.rank(vector, sub, weights, boost) for sub in query.subqueries]
            sql = " * ".join(f"(1 + {part_sql})" for part_sql, _ in parts)
            return f"(({sql}) - 1)", [param for _, part_params in parts for param in part_params]
        if isinstance(query, Or):
            parts = [self.rank(vector, sub, weights, boost) for sub in query.subqueries]
            sql = " + ".join(part_sql for part_sql, _ in parts)
            return f"(({sql}) / {len(parts) or 1})", [param for _, part_params in parts for param in part_params]
        raise Unsupported(type(query).__name__)


@cache
def _content_type_ids(model) -> tuple[int, ...]:
    from modelsearch.utils import get_descendants_content_types_pks

    return tuple(sorted(get_descendants_content_types_pks(model)))


def _weights() -> str:
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    return get_sql_weights()


def _prepare(query, config):
    if query is None:
        raise Unsupported("no query")
    return _Builder(config), analyse_query(query, fold)


# Compiled base queries (the visible objects of one source with the ranking columns), per
# process: they depend only on the source and on what the request may not see.
_BASE_SQL: dict = {}
_BASE_SQL_MAX = 256


def _base_sql(make_queryset, columns, key):
    from django.db.models import F

    cached = _BASE_SQL.get(key) if key is not None else None
    if cached is not None:
        return cached
    queryset = make_queryset()
    aliases = [f"blok_c{i}" for i in range(len(columns))]
    # Without ORDER BY, PostgreSQL flattens the subquery into the join (and uses the indexes).
    base = queryset.order_by().values(
        blok_pk=F("pk"), **{alias: F(col) for alias, col in zip(aliases, columns, strict=True)}
    )
    sql, params = base.query.sql_with_params()
    compiled = (queryset.model, sql, tuple(params), aliases)
    if key is not None:
        if len(_BASE_SQL) >= _BASE_SQL_MAX:
            _BASE_SQL.clear()
        _BASE_SQL[key] = compiled
    return compiled


def ranked_rows(
    query, make_queryset, columns: tuple[str, ...], limit: int, *, config="german", whole_query=None, key=None
):
    """[(pk, score, total, is_whole, *columns)] for the objects of the queryset that
    ``make_queryset()`` returns and that match ``query``, best first (score, then pk, both
    descending — as the library orders), at most ``limit``. ``is_whole``: the entry also
    matches ``whole_query`` (None: False). With ``key``, the compiled queryset is reused for
    later calls with the same key (it must stand for the same queryset)."""
    builder, analysed = _prepare(query, config)
    model, base_sql, base_params, aliases = _base_sql(make_queryset, columns, key)
    tsquery_sql, tsquery_params = builder.tsquery(analysed)
    weights = _weights()
    title_rank, title_params = builder.rank("ie.title", analysed, weights)
    body_rank, body_params = builder.rank("ie.body", analysed, weights)
    content_types = ", ".join(str(pk) for pk in _content_type_ids(model))
    selected = "".join(f", b.{alias}" for alias in aliases)
    if whole_query is not None:
        whole_sql, whole_params = builder.tsquery(analyse_query(whole_query, fold))
        whole = f"((ie.title || ie.body) @@ {whole_sql})"
    else:
        whole, whole_params = "FALSE", []
    # The matching index entries come first (GIN index of search/0001), behind an optimisation
    # fence (OFFSET 0): PostgreSQL misjudges how many objects the visibility conditions keep and
    # would otherwise test the match row by row for every visible object.
    # The score and the whole-word flag are computed in the inner query, so that the count over
    # all matches (window) and the sort carry narrow rows, not the documents' text vectors: with
    # thousands of matches those went to temporary files.
    outer = "".join(f", r.{alias}" for alias in aliases)
    sql = (  # every value the reader typed is a parameter; the text holds only SQL we build
        "SELECT r.blok_pk, r.blok_score, COUNT(*) OVER () AS blok_total, r.blok_whole"  # noqa: S608
        f"{outer} FROM ("
        f"SELECT b.blok_pk, ({title_rank} * ie.title_norm + {body_rank} * 1.0) AS blok_score, "
        f"{whole} AS blok_whole{selected} "
        "FROM (SELECT object_id, title, body, title_norm FROM wagtailsearch_indexentry "
        f"WHERE content_type_id IN ({content_types}) AND (title || body) @@ {tsquery_sql} OFFSET 0) ie "
        f"JOIN ({base_sql}) b ON ie.object_id = (b.blok_pk)::varchar(50) OFFSET 0) r "
        "ORDER BY 2 DESC, 1 DESC LIMIT %s"
    )
    params = [*title_params, *body_params, *whole_params, *tsquery_params, *base_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def sources_with_matches(query, sources, *, config="german") -> list[bool]:
    """For each ``(make_queryset, key)`` in ``sources``: does any of its objects match ``query``?

    One small statement for all sources, under the same visibility rule as the ranking (what a
    request may not see never counts), so that the ranking statements — whose planning costs
    about a millisecond each for their score expressions — run only for sources with a match.
    Most one-off searches (typos, numbers, rare words) then need this statement alone. Each
    check stops at the first visible match (``EXISTS``)."""
    builder, analysed = _prepare(query, config)
    tsquery_sql, tsquery_params = builder.tsquery(analysed)
    checks, params = [], []
    for make_queryset, key in sources:
        model, base_sql, base_params, _aliases = _base_sql(
            make_queryset, (), None if key is None else ("exists", *key)
        )
        content_types = ", ".join(str(pk) for pk in _content_type_ids(model))
        checks.append(
            "EXISTS (SELECT 1 FROM (SELECT object_id FROM wagtailsearch_indexentry "  # noqa: S608
            f"WHERE content_type_id IN ({content_types}) AND (title || body) @@ {tsquery_sql} OFFSET 0) ie "
            f"JOIN ({base_sql}) b ON ie.object_id = (b.blok_pk)::varchar(50))"
        )
        params.extend([*tsquery_params, *base_params])
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(checks), params)
        return [bool(value) for value in cursor.fetchone()]
