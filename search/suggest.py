"""Typo tolerance: "Meinten Sie: Fachtagung?" from the site's own vocabulary.

The vocabulary is built from what **this request may see** (through ``home/visibility.py``):
the words of the titles of visible pages and events, the event types, the titles and categories
of visible documents and the names of the Optionskommunen. A title of the Interner Bereich is
therefore never suggested to a guest. It is cached per visibility (the set of hidden subtrees
and collections), so a guest's vocabulary is built once for all guests, for at most
``VOCABULARY_SECONDS`` or until content is published, unpublished, moved or deleted.
"""

from __future__ import annotations

import difflib
import hashlib

from django.core.cache import cache
from wagtail.documents import get_document_model
from wagtail.models import Page

from home import visibility
from search import text

VOCABULARY_SECONDS = 600
VERSION_KEY = "search:vocabulary:version"
MIN_WORD = 4
CUTOFF = 0.78


def _safe_cache(method, *args, default=None):
    try:
        return getattr(cache, method)(*args)
    except Exception:  # noqa: BLE001 — a cache outage degrades the suggestions, not the search
        return default


def forget_vocabulary(**kwargs):
    """Signal handler: content changed, build the vocabularies anew on the next use."""
    version = _safe_cache("get", VERSION_KEY, default=0) or 0
    _safe_cache("set", VERSION_KEY, version + 1, None)


def _cache_key(request) -> str:
    facts = visibility.get_visibility(request)
    audience = repr((facts.hidden_page_paths, facts.hidden_collection_paths))
    version = _safe_cache("get", VERSION_KEY, default=0) or 0
    digest = hashlib.sha256(audience.encode()).hexdigest()[:24]
    return f"search:vocabulary:{version}:{digest}"


def _build(request) -> dict[str, str]:
    """{folded word: the word as written} of everything the request may see (one query per source)."""
    from events.models import EventType
    from participants.models import Kommune

    sources = [
        visibility.visible_pages(request, Page.objects.filter(depth__gt=2)).values_list("title", flat=True),
        EventType.objects.values_list("name", flat=True),
        visibility.visible_documents(request, get_document_model().objects.all()).values_list("title", flat=True),
        Kommune.objects.values_list("name", flat=True),
    ]
    vocabulary: dict[str, str] = {}
    for values in sources:
        for value in values:
            for word in text.words(value):
                if len(word) >= MIN_WORD and not word.isdigit() and text.stem_word(word):
                    vocabulary.setdefault(text.fold(word), word)
    return vocabulary


def vocabulary(request) -> dict[str, str]:
    key = _cache_key(request)
    cached = _safe_cache("get", key)
    if cached is None:
        cached = _build(request)
        _safe_cache("set", key, cached, VOCABULARY_SECONDS)
    return cached


def suggestion(request, query: str) -> str:
    """The query with unknown words replaced by the closest visible word ("" if nothing changes)."""
    words = vocabulary(request)
    if not words:
        return ""
    known_stems = None
    changed = False
    result = []
    for word in text.words(query):
        folded = text.fold(word)
        if len(word) < MIN_WORD or folded in words or not text.stem_word(word):
            result.append(word)
            continue
        if known_stems is None:
            known_stems = {text.stem_word(original) for original in words.values()}
        if text.stem_word(word) in known_stems:
            result.append(word)
            continue
        close = difflib.get_close_matches(folded, words.keys(), n=1, cutoff=CUTOFF)
        if close:
            result.append(words[close[0]])
            changed = True
        else:
            result.append(word)
    return " ".join(result) if changed else ""
