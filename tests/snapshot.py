"""Copies of the whole test database, taken once and put back in a fraction of a second.

Transactional tests (browser, races, backup) commit for real, so the database cannot be rolled
back after them; it is emptied instead. ``TableSnapshot`` keeps the rows of every table of the
project's models and puts them back as they were, with the same primary keys: on PostgreSQL in
tables of a schema of its own inside the test database (copied on the server), on SQLite in
memory. ``restore()`` empties every table first (like ``manage.py flush``), so it works from any
state.
"""

# ruff: noqa: S608 - the SQL names tables and columns of the project's models, quoted; no input.
from __future__ import annotations

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

#: Snapshots taken in this test process, by name ("migrated", "demo").
SNAPSHOTS: dict[str, TableSnapshot] = {}


def clear_local_caches():
    """Empty the in-process caches (they may remember rows that are gone)."""
    from django.core.cache import caches

    for alias in caches:
        cache = caches[alias]
        if type(cache).__name__ == "LocMemCache":
            cache.clear()


def _tables():
    """{table: [columns]} for every existing table of an installed model (with m2m tables)."""
    existing = set(connection.introspection.table_names())
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or opts.db_table not in existing or opts.db_table in tables:
            continue
        tables[opts.db_table] = [field.column for field in opts.local_concrete_fields]
    return tables


class TableSnapshot:
    def __init__(self, name: str):
        self.name = name
        self.schema = f"blok_snapshot_{name}"
        self.tables: dict[str, list[str]] = {}
        self.rows: dict[str, list[tuple]] = {}

    def _columns(self, table):
        return ", ".join(connection.ops.quote_name(column) for column in self.tables[table])

    def take(self):
        self.tables = _tables()
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP SCHEMA IF EXISTS {quote(self.schema)} CASCADE")
                cursor.execute(f"CREATE SCHEMA {quote(self.schema)}")
                for table in self.tables:
                    cursor.execute(
                        f"CREATE TABLE {quote(self.schema)}.{quote(table)} AS "
                        f"SELECT {self._columns(table)} FROM {quote(table)}"
                    )
            else:
                for table in self.tables:
                    cursor.execute(f"SELECT {self._columns(table)} FROM {quote(table)}")
                    self.rows[table] = cursor.fetchall()
        SNAPSHOTS[self.name] = self
        return self

    def restore(self):
        quote = connection.ops.quote_name
        flush = connection.ops.sql_flush(no_style(), list(self.tables), reset_sequences=False, allow_cascade=False)
        # Foreign keys are deferred to the end of the transaction, so the order does not matter.
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in flush:
                cursor.execute(sql)
            for table in self.tables:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"INSERT INTO {quote(table)} ({self._columns(table)}) "
                        f"SELECT {self._columns(table)} FROM {quote(self.schema)}.{quote(table)}"
                    )
                elif self.rows[table]:
                    # OR REPLACE: triggers fill some tables from others (Wagtail's full-text
                    # table on SQLite from its index entries); the snapshot's row wins.
                    placeholders = ", ".join(["%s"] * len(self.tables[table]))
                    cursor.executemany(
                        f"INSERT OR REPLACE INTO {quote(table)} ({self._columns(table)}) VALUES ({placeholders})",
                        self.rows[table],
                    )
            if connection.vendor == "postgresql":
                # New rows continue after the restored ones.
                models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in self.tables]
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        clear_local_caches()
