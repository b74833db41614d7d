"""The query tree for a reader's search: word forms, compound parts and synonyms.

Every meaningful word of the query must match (AND). A word matches as

* the whole word (analysed by the backend: Snowball stem on SQLite, ``german`` on PostgreSQL),
* or as the part of a compound in the text (``PartTerm``, the marked stem, see
  :data:`search.text.PART_MARK`): "Tagung" finds "Fachtagung",
* or, if the query word is a compound itself, all its parts ("Vergleichsringtreffen" finds
  "Treffen des Vergleichsrings"),
* or any of the above for a synonym from the editors' groups (:mod:`search.models`).
"""

from __future__ import annotations

from modelsearch.query import And, Or, PlainText

from search import compounds, text


class Term(PlainText):
    """One whole word, analysed by the backend like the indexed text."""

    def __init__(self, word: str):
        super().__init__(word, operator="and")


class PartTerm(PlainText):
    """An already analysed compound-part token; the backend passes it on unchanged."""

    def __init__(self, token: str):
        super().__init__(token, operator="and")


def _word_query(word: str):
    alternatives = [Term(word)]
    token = text.part_token(word)
    if token:
        alternatives.append(PartTerm(token))
    parts = [part for part in compounds.split(word) if text.stem_word(part)]
    if parts:
        alternatives.append(And([_plain_word_query(part) for part in parts]))
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def _plain_word_query(word: str):
    token = text.part_token(word)
    return Or([Term(word), PartTerm(token)]) if token else Term(word)


def _form_query(form: str):
    form_words = meaningful_words(form)
    if len(form_words) == 1:
        return _word_query(form_words[0])
    return And([_word_query(word) for word in form_words])


def meaningful_words(query: str) -> list[str]:
    """The words of ``query`` that are not stop words, in order, without repetitions."""
    return list(dict.fromkeys(word for word in text.words(query) if text.stem_word(word)))


def expand(word: str, synonyms: dict[str, tuple[str, ...]]) -> list[str]:
    """``word`` and its synonyms (the editors' terms, as they typed them)."""
    forms = [word]
    forms.extend(
        term for term in synonyms.get(text.stem_word(word), ()) if text.stem_word(term) != text.stem_word(word)
    )
    return forms


def build(query: str, synonyms: dict[str, tuple[str, ...]] | None = None):
    """The query tree for ``query`` (None if it has no meaningful word)."""
    synonyms = synonyms or {}
    clauses = []
    for word in meaningful_words(query):
        forms = [_form_query(form) for form in expand(word, synonyms) if meaningful_words(form)]
        clauses.append(forms[0] if len(forms) == 1 else Or(forms))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)


def build_whole(query: str, synonyms: dict[str, tuple[str, ...]] | None = None):
    """Like :func:`build`, but every word must match as a whole word (no compound parts).

    Used to rank the hits that contain the reader's words themselves above those that only
    contain them inside compounds.
    """
    synonyms = synonyms or {}
    clauses = []
    for word in meaningful_words(query):
        forms = []
        for form in expand(word, synonyms):
            form_words = meaningful_words(form)
            if form_words:
                terms = [Term(form_word) for form_word in form_words]
                forms.append(terms[0] if len(terms) == 1 else And(terms))
        clauses.append(forms[0] if len(forms) == 1 else Or(forms))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)
