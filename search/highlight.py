"""Snippets with the matched words highlighted, built from the original (unanalysed) text.

A word is highlighted when it reduces to one of the query's stems (or folded words), so
"Fachtagungen" is marked for the query "Fachtagung". Every piece of text is escaped before the
``<mark>`` elements are put around it; the result is safe HTML.
"""

from __future__ import annotations

from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from search import text
from search.compounds import split

# How much text a snippet shows around the first match (in words).
WORDS_BEFORE = 12
WORDS_TOTAL = 40
# Never scan more than this many characters of one text (long PDFs).
MAX_SCAN = 200_000


class QueryTerms:
    """The forms a word of the text may take to count as a match for the query.

    A word matches if it has the stem of a query word or of one of its synonyms, if one of its
    compound parts does ("Fachtagung" for "Tagung"), or if the query word is a compound and the
    word is one of its parts ("Treffen" for "Vergleichsringtreffen").
    """

    def __init__(self, query: str, synonyms: dict | None = None):
        from search.query import expand

        synonyms = synonyms or {}
        forms = []
        for word in text.words(query):
            if text.stem_word(word):
                forms.extend(expand(word, synonyms))
        stems = set()
        for form in forms:
            for word in text.words(form):
                stems.update(text.stems(word))
                stems.update(text.stem_word(part) for part in split(word))
        stems.discard("")
        self.stems = frozenset(stems)
        # Per meaningful query word: the stems that match it whole (the word and its synonyms)
        # and those that match it as a part (the parts of a compound query word).
        self.per_word = []
        for word in dict.fromkeys(w for w in text.words(query) if text.stem_word(w)):
            whole, parts = set(), set()
            for form in expand(word, synonyms):
                form_stems = text.stems(form)
                if len(form_stems) == 1:
                    whole.add(form_stems[0])
                for form_word in text.words(form):
                    parts.update(text.stem_word(part) for part in split(form_word))
            parts.discard("")
            self.per_word.append((frozenset(whole), frozenset(parts)))
        self.phrase = " ".join(text.folded_words(query))
        self.folded = frozenset(word for word in text.folded_words(query) if word not in text.STOP_WORDS)

    def __bool__(self):
        return bool(self.stems or self.folded)

    def field_score(self, value: str) -> int:
        """How well a short field (title, event type) matches: per query word 2 if a word of the
        field is that word (a form or synonym of it), 1 if only a compound part matches."""
        if not value or not self.per_word:
            return 0
        field_words = text.words(value)
        field_stems = {text.stem_word(word) for word in field_words}
        field_parts = {text.stem_word(part) for word in field_words for part in split(word)}
        score = 0
        for whole, parts in self.per_word:
            if whole & field_stems:
                score += 2
            elif whole & field_parts or (parts and parts <= (field_stems | field_parts)):
                score += 1
        return score

    def is_phrase_in(self, value: str) -> bool:
        """True if the query's words appear in ``value`` in this order, next to each other."""
        if not value or " " not in self.phrase:
            return False
        return f" {self.phrase} " in f" {' '.join(text.folded_words(value))} "

    def matches(self, word: str) -> bool:
        stem = text.stem_word(word)
        if not stem:
            return False
        if stem in self.stems or text.fold(word) in self.folded:
            return True
        return any(text.stem_word(part) in self.stems for part in split(word))


def _render(source: str, spans, start: int, end: int, *, ellipsis_before: bool, ellipsis_after: bool) -> SafeString:
    parts = ["… " if ellipsis_before else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        parts.append(conditional_escape(source[position:span_start]))
        parts.append(f"<mark>{conditional_escape(source[span_start:span_end])}</mark>")
        position = span_end
    parts.append(conditional_escape(source[position:end]))
    if ellipsis_after:
        parts.append(" …")
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 — every part is escaped above


def highlight(source: str, terms: QueryTerms) -> SafeString:
    """The whole of ``source`` (a short text such as a title), escaped, matches marked."""
    source = source or ""
    spans = [m.span() for m in text.WORD_RE.finditer(source) if terms.matches(m.group(0))] if terms else []
    return _render(source, spans, 0, len(source), ellipsis_before=False, ellipsis_after=False)


def snippet(source: str, terms: QueryTerms) -> SafeString:
    """An excerpt of ``source`` around its first match (or its beginning), matches marked."""
    source = " ".join(strip_tags(source or "")[:MAX_SCAN].split())
    if not source:
        return mark_safe("")
    matches = list(text.WORD_RE.finditer(source))
    if not matches:
        return conditional_escape(source[:300])
    first = next((i for i, m in enumerate(matches) if terms and terms.matches(m.group(0))), None)
    first_word = max(0, (first or 0) - WORDS_BEFORE) if first is not None else 0
    last_word = min(len(matches), first_word + WORDS_TOTAL) - 1
    start = 0 if first_word == 0 else matches[first_word].start()
    end = len(source) if last_word == len(matches) - 1 else matches[last_word].end()
    spans = [m.span() for m in matches[first_word : last_word + 1] if terms and terms.matches(m.group(0))]
    return _render(
        source,
        spans,
        start,
        end,
        ellipsis_before=start > 0,
        ellipsis_after=end < len(source),
    )
