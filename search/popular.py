"""Counting search terms for the editors' report "Beliebte Suchbegriffe".

Only the normalised query string and a daily counter are stored (Wagtail's ``Query`` and
``QueryDailyHits``): no user, no IP address, no session. Wagtail's ``Query.get(q).add_hit()``
needs three to six statements per search (two ``get_or_create`` with savepoints, an update); here
it is one upsert statement on PostgreSQL and two on SQLite, with the same rows as result.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string


def _upsert_sql():
    queries = connection.ops.quote_name(Query._meta.db_table)
    hits = connection.ops.quote_name(QueryDailyHits._meta.db_table)
    query_row = (
        f"INSERT INTO {queries} (query_string) VALUES (%s) "  # noqa: S608 — table names from the models
        "ON CONFLICT (query_string) DO UPDATE SET query_string = EXCLUDED.query_string RETURNING id"
    )
    hit_row = (
        f"INSERT INTO {hits} (query_id, date, hits) {{source}} "
        f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1"
    )
    return query_row, hit_row


def count_search(raw_query: str, date=None) -> None:
    """Add one hit for today to the (normalised) search term."""
    query_string = normalise_query_string(raw_query)
    if not query_string:
        return
    date = date or timezone.localdate()
    if connection.vendor not in ("postgresql", "sqlite"):
        Query.get(query_string).add_hit(date=date)
        return
    query_row, hit_row = _upsert_sql()
    if connection.vendor == "postgresql":
        # One statement, atomic by itself. A counter may be lost in a crash, so its commit need
        # not wait for the write-ahead log to reach the disk: set_config(…, true) switches that
        # off for this statement's transaction only (read at commit time).
        sql = (
            "WITH nosync AS (SELECT set_config('synchronous_commit', 'off', true)), "  # noqa: S608
            f"q AS ({query_row}) " + hit_row.format(source="SELECT q.id, %s, 1 FROM q, nosync")
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query_string, date])
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(query_row, [query_string])
        query_id = cursor.fetchone()[0]
        cursor.execute(hit_row.format(source="VALUES (%s, %s, 1)"), [query_id, date])
