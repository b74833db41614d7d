"""German text analysis shared by the index, the query and the result snippets.

One pipeline serves three purposes, so that what is indexed, what is searched for and what is
highlighted always agree:

``fold(text)``
    lower case, ``ß`` → ``ss``, umlauts and their transcriptions (``ä``/``ae``, ``ö``/``oe``,
    ``ü``/``ue`` except after ``q``) → the plain vowel, other accents removed. "Oeffentlich" and
    "öffentlich", "Strasse" and "Straße" become the same string. This is what the PostgreSQL
    ``german`` configuration receives (it stems by itself but does not know "oe" = "ö").

``stems(text)``
    folded words without German stop words, reduced by the Snowball German stemmer
    ("Fachtagungen" → "fachtag"). SQLite's FTS5 index has no stemming, so on SQLite this is what is
    indexed and what is searched for.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters and digits; "_" is not part of a word (FTS5 treats it as a separator as well).
WORD_RE = re.compile(r"[^\W_]+")
_TRANSCRIPTION_RE = re.compile(r"(?<!q)ue|ae|oe")
_TRANSCRIPTIONS = {"ae": "a", "oe": "o", "ue": "u"}

# The function words of German that carry no meaning for a search (after folding). Both sides
# drop them, so "Tag der kommunalen Jobcenter" matches on SQLite as it does on PostgreSQL.
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anderm andern anderr anders auch auf aus bei bin bis bist da damit dann das dass dasselbe dazu
    dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe
    derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser
    dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen
    einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures fur gegen gewesen hab
    habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres
    im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein
    keine keinem keinen keiner keines konnen konnte machen man manche manchem manchen mancher
    manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch
    nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche
    solchem solchen solcher solches soll sollte sondern sonst uber um und uns unser unsere unserem
    unseren unserer unseres unter viel vom von vor wahrend war waren warst was weg weil weiter
    welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo
    wollen wollte wurde wurden zu zum zur zwar zwischen
    """.split()  # noqa: SIM905 — a readable word list
)

_stemmer = snowballstemmer.stemmer("german")


def _replace_transcription(match: re.Match) -> str:
    return _TRANSCRIPTIONS[match.group(0)]


def fold(text: str) -> str:
    """Lower-case ``text`` and fold umlauts, their transcriptions, ß and accents (see module doc)."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _TRANSCRIPTION_RE.sub(_replace_transcription, text)


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    """The stem of one word as it appears in a text ("" for stop words)."""
    folded = fold(word)
    if folded in STOP_WORDS:
        return ""
    return _stemmer.stemWord(folded)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def stems(text: str) -> list[str]:
    """The stems of the meaningful words of ``text``, in order."""
    return [stem for stem in (stem_word(word) for word in words(text)) if stem]


def folded_words(text: str) -> list[str]:
    """The folded words of ``text`` (stop words kept), in order."""
    return [fold(word) for word in words(text)]


# Compound parts are indexed as separate tokens with this mark in front of their stem, so that a
# part ("9tagung" from "Fachtagung") never counts as the whole word ("tagung") and whole-word
# matches can rank above part matches. A token that starts with a digit is neither stemmed nor
# dropped by PostgreSQL's "german" configuration (it is a "numword"), and FTS5 keeps it whole.
PART_MARK = "9"


def part_token(word: str) -> str:
    """The index token of ``word`` as the part of a compound ("" for stop words)."""
    stem = stem_word(word)
    return f"{PART_MARK}{stem}" if stem else ""


def part_tokens(text: str) -> list[str]:
    """The part tokens of all compounds in ``text`` ("Fachtagung" → ["9fach", "9tagung"])."""
    from search.compounds import split

    tokens = []
    for word in words(text):
        for part in split(word):
            token = part_token(part)
            if token:
                tokens.append(token)
    return tokens


GERMAN_MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()  # noqa: SIM905
)


def date_words(value) -> str:
    """The words a reader uses for a date: month name and year ("November 2016")."""
    if value is None:
        return ""
    return f"{GERMAN_MONTHS[value.month - 1]} {value.year}"
