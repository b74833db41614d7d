"""The site's search backend: Wagtail's database backend with German text analysis.

Configured in ``WAGTAILSEARCH_BACKENDS`` as ``"BACKEND": "search.backends"``. Like Wagtail's own
``wagtail.search.backends.database`` it picks the implementation that fits the database; both
variants pass every indexed text and every query through :mod:`search.text`:

* **SQLite** (FTS5, no stemming of its own): the index holds the Snowball stems of the folded
  words, and queries are reduced the same way. "Fachtagung" and "Fachtagungen" both become
  ``fachtag``.
* **PostgreSQL**: the index and the queries get the *folded* text; PostgreSQL's ``german``
  configuration (``SEARCH_CONFIG``) stems and drops stop words itself.

Autocomplete (used by the admin choosers) gets the folded words without stemming on both.

Because the analysis sits in the backend, everything that indexes or searches goes through it:
the signal handlers that keep the index current on save/publish/move/delete, ``update_index``,
the admin's own search and the site search view.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.utils.encoding import force_str
from modelsearch import index
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from search import text
from search.query import PartTerm


def _as_text(value) -> str:
    """Flatten an indexed value the way Wagtail's indexer does (lists and dicts joined)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_as_text(item) for item in value.values())
    return force_str(value)


def _unwrap(obj):
    return getattr(obj, "_analysed_instance", obj)


class AnalysedSearchField(index.SearchField):
    """A model's SearchField whose value reaches the index analysed."""

    def __init__(self, original, analyse):
        super().__init__(original.field_name, boost=original.boost, **original.kwargs)
        self.original = original
        self.analyse = analyse

    def get_value(self, obj):
        return self.analyse(_as_text(self.original.get_value(_unwrap(obj))))


class AnalysedAutocompleteField(index.AutocompleteField):
    def __init__(self, original, analyse):
        super().__init__(original.field_name, **original.kwargs)
        self.original = original
        self.analyse = analyse

    def get_value(self, obj):
        return self.analyse(_as_text(self.original.get_value(_unwrap(obj))))


class AnalysedRelatedFields(index.RelatedFields):
    def __init__(self, original, fields):
        super().__init__(original.field_name, fields)
        self.original = original

    def get_value(self, obj):
        return self.original.get_value(_unwrap(obj))


class AnalysedInstance:
    """What the library's indexer sees of a model instance: its pk and analysed search fields."""

    def __init__(self, instance, search_fields):
        self._analysed_instance = instance
        self.pk = instance.pk
        self._search_fields = search_fields

    def get_search_fields(self):
        return self._search_fields


def _stemmed(value: str) -> str:
    return " ".join(text.stems(value))


def _fold_words(value: str) -> str:
    return " ".join(text.folded_words(value))


def _with_parts(analysed: str, value: str) -> str:
    """The analysed text followed by the part tokens of its compounds (see ``text.PART_MARK``)."""
    parts = text.part_tokens(value)
    return f"{analysed} {' '.join(parts)}" if parts else analysed


def _folded_with_parts(value: str) -> str:
    return _with_parts(text.fold(value), value)


def _stemmed_with_parts(value: str) -> str:
    return _with_parts(_stemmed(value), value)


class AnalysingIndexMixin:
    """Index mixin: hand the library's ``add_items`` instances whose texts are analysed."""

    analyse_text = staticmethod(_folded_with_parts)
    analyse_autocomplete = staticmethod(_fold_words)

    def add_items(self, model, objs):
        fields = analysed_search_fields(model, self.analyse_text, self.analyse_autocomplete)
        super().add_items(model, [AnalysedInstance(obj, fields) for obj in objs])


def _wrap_field(field, analyse_text, analyse_autocomplete):
    if isinstance(field, index.SearchField):
        return AnalysedSearchField(field, analyse_text)
    if isinstance(field, index.AutocompleteField):
        return AnalysedAutocompleteField(field, analyse_autocomplete)
    if isinstance(field, index.RelatedFields):
        return AnalysedRelatedFields(
            field, [_wrap_field(sub, analyse_text, analyse_autocomplete) for sub in field.fields]
        )
    return field


@cache
def analysed_search_fields(model, analyse_text, analyse_autocomplete):
    """The model's search fields, each wrapped so that its value is analysed (cached per model)."""
    return [_wrap_field(field, analyse_text, analyse_autocomplete) for field in model.get_search_fields()]


def analyse_query(query, analyse):
    """Return ``query`` (a modelsearch query tree) with every text passed through ``analyse``.

    A text that is empty after analysis (only stop words or punctuation) matches nothing.
    """
    if isinstance(query, PartTerm):
        return query  # already analysed
    if isinstance(query, PlainText):
        analysed = analyse(query.query_string)
        if not analysed:
            return Not(MatchAll())
        return PlainText(analysed, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        analysed = analyse(query.query_string)
        return Phrase(analysed) if analysed else Not(MatchAll())
    if isinstance(query, Fuzzy):
        return Fuzzy(analyse(query.query_string), operator=query.operator, unaccent=query.unaccent)
    if isinstance(query, And):
        return And([analyse_query(sub, analyse) for sub in query.subqueries])
    if isinstance(query, Or):
        return Or([analyse_query(sub, analyse) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(analyse_query(query.subquery, analyse))
    if isinstance(query, Boost):
        return Boost(analyse_query(query.subquery, analyse), query.boost)
    return query


class AnalysingCompilerMixin:
    """Query compiler mixin: analyse the query exactly like the indexed text."""

    analyse_query_text = staticmethod(text.fold)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = analyse_query(self.query, self.analyse_query_text)


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite

    class StemmingSQLiteIndex(AnalysingIndexMixin, sqlite.SQLiteIndex):
        analyse_text = staticmethod(_stemmed_with_parts)

    class StemmingSQLiteQueryCompiler(AnalysingCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
        analyse_query_text = staticmethod(_stemmed)

    class FoldingSQLiteAutocompleteCompiler(AnalysingCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler):
        analyse_query_text = staticmethod(_fold_words)

    class GermanSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        """FTS5 with Snowball German stems and folded umlauts."""

        index_class = StemmingSQLiteIndex
        query_compiler_class = StemmingSQLiteQueryCompiler
        autocomplete_query_compiler_class = FoldingSQLiteAutocompleteCompiler
        scores_ascending = True  # FTS5's bm25(): lower is better

    return GermanSQLiteSearchBackend


# --- PostgreSQL -------------------------------------------------------------------------------


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    class FoldingPostgresIndex(AnalysingIndexMixin, postgres.PostgresIndex):
        pass

    class FoldingPostgresQueryCompiler(AnalysingCompilerMixin, postgres.PostgresSearchQueryCompiler):
        pass

    class FoldingPostgresAutocompleteCompiler(AnalysingCompilerMixin, postgres.PostgresAutocompleteQueryCompiler):
        analyse_query_text = staticmethod(_fold_words)

    class GermanPostgresSearchBackend(postgres.PostgresSearchBackend):
        """PostgreSQL full-text search with the ``german`` configuration and folded umlauts."""

        index_class = FoldingPostgresIndex
        query_compiler_class = FoldingPostgresQueryCompiler
        autocomplete_query_compiler_class = FoldingPostgresAutocompleteCompiler
        scores_ascending = False
        # The site search ranks with hand-built SQL of the same meaning (search/pg_ranking.py).
        direct_ranking = True

    return GermanPostgresSearchBackend


@cache
def backend_class_for(vendor: str):
    if vendor == "postgresql":
        return _postgres_backend_class()
    if vendor == "sqlite":
        return _sqlite_backend_class()
    raise NotImplementedError(
        f"search.backends supports SQLite and PostgreSQL, not {vendor!r}; "
        "use SEARCH_BACKEND=elasticsearch/opensearch for other setups."
    )


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    """Wagtail's entry point: the German-aware backend for the configured database."""
    params = {"SEARCH_CONFIG": "german", **params}
    return backend_class_for(connection.vendor)(params)
