"""Splitting German compound nouns into their parts ("Fachtagung" → "Fach" + "Tagung").

The dictionary is the noun list of the igerman98/frami Hunspell dictionary (de_DE, 2017) that
the PyPI package ``compound-split`` ships as a data file (``compound_split/dicts/de-mixed.dic``);
nothing is downloaded at run time. Only that file is read (the package's own n-gram splitter
needs ~360 MB of memory per process and is not imported). Hunspell lists the linking forms of
nouns that take a Fugen-s ("Tagungs", "Leitungs"); the base noun is derived from them, so
"Tagung" is known although the file lists only "Tagungs". A few words of this site's domain that
the 2017 dictionary lacks are added below.

A word is split from the right: the longest known noun at its end is the head ("Vergleichsring"
→ "ring"), the rest, without a linking element (``s``, ``es``, ``n``, ``en``, ``er``, ``e``,
``ens``), is the modifier and is split the same way. Heads may carry an inflection ending
("…tagungen"). Parts are at least four letters long, so "Tag" is never cut out of "Tagung".
"""

from __future__ import annotations

import importlib.resources
from functools import cache, lru_cache

from search.text import STOP_WORDS, fold

MIN_PART = 4
MIN_WORD = 2 * MIN_PART
# Linking elements between modifier and head, longest first.
GLUES = ("ens", "es", "en", "er", "s", "n", "e", "")
# Inflection endings a head may carry.
ENDINGS = ("", "n", "en", "e", "s", "es", "er", "ern", "nen")

# Noun endings that take an obligatory Fugen-s ("Tagungs-", "Gesundheits-", "Integrations-").
FUGEN_S_SUFFIXES = ("ungs", "heits", "keits", "schafts", "ions", "tats", "lings", "tums")

# Nouns of the site's domain that the dictionary (2017) does not list.
EXTRA_NOUNS = """
jobcenter kennzahl benchlearning kommune tagung leitung zahl netzwerk digitalisierung
""".split()  # noqa: SIM905 — a readable word list


@cache
def nouns() -> frozenset[str]:
    """The folded nouns of the dictionary (read once per process, ~0.7 s, ~110,000 words)."""
    path = importlib.resources.files("compound_split") / "dicts" / "de-mixed.dic"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("/", 1)[0].strip()
        if len(word) < MIN_PART or not word[0].isupper() or not word.isalpha():
            continue
        folded = fold(word)
        words.add(folded)
        if folded.endswith(FUGEN_S_SUFFIXES):
            words.add(folded[:-1])  # "tagungs" → "tagung"
    words.update(fold(word) for word in EXTRA_NOUNS)
    return frozenset(words)


@lru_cache(maxsize=100_000)
def base_noun(word: str) -> str:
    """The dictionary form of ``word`` if it is a known noun, possibly inflected ("kurse" → "kurs"), else ""."""
    if len(word) < MIN_PART or word in STOP_WORDS:
        return ""
    known = nouns()
    for ending in ENDINGS:
        if not ending:
            if word in known:
                return word
        elif word.endswith(ending) and len(word) - len(ending) >= MIN_PART and word[: -len(ending)] in known:
            return word[: -len(ending)]
    return ""


def _is_noun(word: str) -> bool:
    return bool(base_noun(word))


def _parts_of(word: str) -> list[str]:
    """A part (in its dictionary form) and, unless it is a known noun itself, its own parts."""
    base = base_noun(word)
    if base:
        return [base]
    return [word, *split(word)]


@lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """The parts of a compound (folded), or () if ``word`` is not one.

    Intermediate compounds are included: "Vergleichsringtreffen" → ("vergleichsring",
    "vergleich", "ring", "treffen").
    """
    folded = fold(word)
    if len(folded) < MIN_WORD or not folded.isalpha():
        return ()
    # The longest known head leaving a modifier of at least MIN_PART letters.
    for cut in range(MIN_PART, len(folded) - MIN_PART + 1):
        head = folded[cut:]
        if not _is_noun(head):
            continue
        modifier = folded[:cut]
        for glue in GLUES:
            if glue and not modifier.endswith(glue):
                continue
            stem = modifier[: -len(glue)] if glue else modifier
            if len(stem) < MIN_PART:
                continue
            if not _is_noun(stem) and not split(stem):
                continue
            parts = [*_parts_of(stem), *_parts_of(head)]
            return tuple(dict.fromkeys(part for part in parts if part != folded))
    return ()
