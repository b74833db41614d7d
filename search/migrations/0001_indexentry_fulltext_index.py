"""PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index.

Wagtail's PostgreSQL backend matches with ``(title || body) @@ query``; its own GIN indexes cover
``title`` and ``body`` separately and cannot serve that expression, so every search scanned the
whole index table. With this expression index a search only visits the matching entries
(measured in docs/search.md). Nothing to do on SQLite (FTS5 has its own index).
"""

from django.db import migrations

INDEX = "blok_search_entry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
