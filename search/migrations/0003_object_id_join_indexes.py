"""PostgreSQL: expression indexes on ``id::varchar(50)`` of the searched tables.

Wagtail's database backend joins its index entries to the searched objects with
``wagtailsearch_indexentry.object_id = (table.id)::varchar(50)``. No index covers that
expression, so the planner hashed the whole page table (11,000 rows with the benchmark site) for
every search, even when a single entry matched. With these indexes each match is looked up by
index (query plans before and after in docs/search.md). Nothing to do on SQLite.
"""

from django.db import migrations

INDEXES = {
    "blok_page_id_text": "wagtailcore_page",
    "blok_document_id_text": "documents_app_blokdocument",
    "blok_kommune_id_text": "participants_kommune",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} (((id)::varchar(50)))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_synonym_groups"),
        ("wagtailcore", "0001_initial"),
        ("documents_app", "0001_initial"),
        ("participants", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
