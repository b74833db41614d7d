"""The Leichte-Sprache check: advice for editors along the rules of BITV 2.0 Anlage 2 Teil 2.

Words are analysed by HanTa (the Hanover Tagger, PyPI ``HanTa``): a German part-of-speech tagger
and morphological analyser whose trained model ships inside the package, so nothing is downloaded at
run time. It gives each word its part of speech and lemma (passive: a form of "werden" with a past
participle; negation particles; nouns) and splits compounds into their parts with the linking
elements ("Barrierefreiheitserklärung" → barriere + freiheit + s + erklärung), from which the check
suggests the hyphenated form Leichte Sprache asks for ("Barriere-Freiheits-Erklärung").

Where a closed list of German forms is the better tool than statistics, the check uses one:
the subjunctive forms (HanTa does not tag mood), the usual abbreviations and the number words.

Findings are advice. They never block saving or publishing.
"""

import contextlib
import functools
import hashlib
import re
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.utils.html import strip_tags

CHECK_VERSION = 1  # part of the cache key: raise it when the rules change
MAX_SENTENCE_WORDS = 15
MIN_COMPOUND_LENGTH = 8
MIN_COMPOUND_PART = 3

# The rules as Anlage 2 Teil 2 BITV 2.0 words them (shortened), keyed by rule code.
RULES = {
    "long_sentence": "Kurze Sätze mit klarer Struktur (höchstens 15 Wörter, ein Gedanke pro Satz).",
    "abbreviation": "Abkürzungen vermeiden.",
    "negation": "Verneinungen vermeiden.",
    "passive": "Passiv vermeiden; die Leserin oder den Leser persönlich ansprechen.",
    "genitive": "Genitiv vermeiden (z. B. „das Haus von der Kommune“ statt „das Haus der Kommune“).",
    "subjunctive": "Konjunktiv vermeiden.",
    "compound": "Zusammengesetzte Wörter mit Binde-Strich trennen (Fach-Tagung).",
    "number_word": "Zahlen über zwölf als Ziffern schreiben (13 statt „dreizehn“).",
    "inconsistent_term": "Für dieselbe Sache immer dasselbe Wort verwenden.",
}

ABBREVIATIONS = [
    "z. B.", "z.B.", "zB", "usw.", "bzw.", "d. h.", "d.h.", "ggf.", "u. a.", "u.a.", "etc.", "ca.",
    "evtl.", "bspw.", "inkl.", "vgl.", "s. o.", "s. u.", "u. U.", "o. Ä.", "o.Ä.", "Nr.", "Abs.",
    "Tel.", "str.", "Str.", "bzgl.", "max.", "min.", "zzgl.", "sog.", "i. d. R.", "z. T.", "v. a.",
]  # fmt: skip
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s?") for a in ABBREVIATIONS) + r")(?!\w)"
)
# Acronyms: two or more capitals ("SGB", "BITV"), optionally with a digit or a plural s ("PDFs").
_ACRONYM_RE = re.compile(r"\b[A-ZÄÖÜ]{2,}[0-9]*s?\b")

NEGATION_LEMMAS = {"nicht", "kein", "keine", "keiner", "nie", "niemals", "niemand", "nichts", "nirgends", "weder"}

SUBJUNCTIVE_FORMS = {
    f"{stem}{ending}"
    for stem in ("wär", "hätt", "würd", "könnt", "müsst", "dürft", "bräucht", "käm", "gäb", "ging", "wüsst")
    for ending in ("e", "en", "est", "et", "st", "t")
} | {"sei", "seien", "seiest", "seist", "habest"}
# "gingen", "gingt", "gingst" are also the plain past tense.
SUBJUNCTIVE_FORMS -= {"gingen", "gingt", "gingst"}

_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_TENS = {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_TEENS = {
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_NUMBER_WORD_RE = re.compile(
    r"^(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|"
    r"achtzig|neunzig)$|^(?:drei|vier|fünf|sech|sieb|acht|neun)zehn$|^(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|"
    r"neun)?(?:hundert|tausend)\w*$|^(?:million|millionen|milliarde|milliarden)$"
)

# Words people mix up for the same thing on this kind of site. Variants that differ only by
# hyphens or case ("Fachtagung" / "Fach-Tagung") are found without a list.
SYNONYM_GROUPS = [
    {"internetseite", "webseite", "website", "homepage", "netzseite"},
    {"email", "mail", "emailadresse", "mailadresse"},
    {"veranstaltung", "tagung", "fachtagung", "konferenz", "kongress"},
    {"jobcenter", "arbeitsamt", "agenturfürarbeit"},
    {"optionskommune", "optionskommunen", "kommunaleträger"},
    {"gebärdensprache", "zeichensprache"},
    {"anmelden", "registrieren", "einloggen"},
]
_SYNONYM_OF = {word: index for index, group in enumerate(SYNONYM_GROUPS) for word in group}

_WORD_RE = re.compile(r"[\wÄÖÜäöüß]+(?:[-‐][\wÄÖÜäöüß]+)*")
_TOKEN_RE = re.compile(r"[\wÄÖÜäöüß]+(?:[-‐.][\wÄÖÜäöüß]+)*|[^\w\s]")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?:;])\s+(?=[„\"(]?[A-ZÄÖÜ0-9])")
_BLOCK_TAGS_RE = re.compile(r"</?(?:p|li|h[1-6]|br|div|ul|ol|tr|td|th|blockquote)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str  # the passage the finding is about
    hint: str = ""  # what to do, e.g. the suggested split
    field: str = ""  # label of the field the passage is in

    @property
    def rule_text(self) -> str:
        return RULES[self.rule]

    def as_dict(self):
        return {**asdict(self), "rule_text": self.rule_text}


@functools.cache
def tagger():
    """HanTa's German model (loaded once per process, about a second)."""
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def html_to_text(html: str) -> str:
    """Rich text as plain text, one line per paragraph or list item."""
    from html import unescape

    return unescape(strip_tags(_BLOCK_TAGS_RE.sub("\n", html or "")))


def sentences(text: str):
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            # Abbreviations end in a dot but do not end a sentence.
            protected = _ABBREVIATION_RE.sub(lambda m: m.group(0).replace(".", "\x00"), line)
            for part in _SENTENCE_END_RE.split(protected):
                part = part.replace("\x00", ".").strip()
                if part:
                    yield part


def _words(sentence):
    return _WORD_RE.findall(sentence)


def compound_split(word: str, analysis=None):
    """The hyphenated form of a compound noun ("Fachtagung" → "Fach-Tagung"), else None."""
    if "-" in word or len(word) < MIN_COMPOUND_LENGTH:
        return None
    _lemma, morphemes, _tag = analysis or tagger().analyze(word, taglevel=3)
    if "".join(m for m, _t in morphemes) != word.lower():
        return None
    parts = []  # [surface text, is lexical]
    position = 0
    for morpheme, tag in morphemes:
        surface = word[position : position + len(morpheme)]
        position += len(morpheme)
        lexical = tag in {"NN", "NE", "ADJ", "VV", "ADV", "CARD"}
        if lexical or not parts:
            parts.append([surface, lexical])
        else:
            parts[-1][0] += surface
    lexical_parts = [text for text, lexical in parts if lexical]
    if len(lexical_parts) < 2 or any(len(p) < MIN_COMPOUND_PART for p in lexical_parts):
        return None
    pieces = [text for text, _lexical in parts]
    return "-".join(pieces[:1] + [p[:1].upper() + p[1:] for p in pieces[1:]])


def _check_sentence(sentence, field, findings, term_forms):
    words = _words(sentence)
    if len(words) > MAX_SENTENCE_WORDS:
        findings.append(Finding("long_sentence", sentence, f"{len(words)} Wörter. Teilen Sie den Satz.", field))

    for match in _ABBREVIATION_RE.finditer(sentence):
        findings.append(Finding("abbreviation", match.group(0), "Schreiben Sie das Wort aus.", field))
    for match in _ACRONYM_RE.finditer(sentence):
        findings.append(
            Finding("abbreviation", match.group(0), "Schreiben Sie das Wort aus oder erklären Sie es.", field)
        )

    tokens = _TOKEN_RE.findall(_ABBREVIATION_RE.sub(" ", sentence))
    if not tokens:
        return
    tagged = tagger().tag_sent(tokens, taglevel=1)
    has_werden = any(lemma == "werden" and tag.startswith("VA") for _w, lemma, tag in tagged)
    participle = next((w for w, _lemma, tag in tagged if tag == "VV(PP)"), None)
    if has_werden and participle:
        findings.append(Finding("passive", sentence, f"„{participle}“ im Passiv: Sagen Sie, wer etwas tut.", field))

    for index, (word, lemma, tag) in enumerate(tagged):
        lower = word.lower()
        if tag == "PTKNEG" or lower in NEGATION_LEMMAS or lemma.lower() in NEGATION_LEMMAS:
            findings.append(Finding("negation", word, "Sagen Sie positiv, was gilt.", field))
        if lower in SUBJUNCTIVE_FORMS:
            findings.append(Finding("subjunctive", word, "Sagen Sie direkt, was ist.", field))
        if _NUMBER_WORD_RE.match(lower) and not word[:1].isdigit():
            findings.append(Finding("number_word", word, "Schreiben Sie die Zahl als Ziffer.", field))
        if lower in {"des", "eines", "meines", "deines", "seines", "ihres", "unseres", "eures", "dieses"} and tag in {
            "ART",
            "PPOSAT",
            "PDAT",
        }:
            following = next((w for w, _l, t in tagged[index + 1 : index + 4] if t == "NN"), None)
            if following:
                findings.append(
                    Finding(
                        "genitive", f"{word} {following}", "Schreiben Sie „von dem …“ oder formulieren Sie um.", field
                    )
                )
        if lower in {"der", "einer"} and tag == "ART" and index > 0 and tagged[index - 1][2] in {"NN", "NE"}:
            following = next((w for w, _l, t in tagged[index + 1 : index + 4] if t in {"NN", "NE"}), None)
            if following:
                findings.append(
                    Finding(
                        "genitive",
                        f"{tagged[index - 1][0]} {word} {following}",
                        "Schreiben Sie „von der …“ oder formulieren Sie um.",
                        field,
                    )
                )
        if tag in {"NN", "NE"} and word[:1].isupper():
            split = compound_split(word)
            if split:
                findings.append(Finding("compound", word, f"Besser: {split}", field))
        if word[:1].isalpha() and len(word) > 2:
            key = re.sub(r"[-‐]", "", word).lower()
            term_forms.setdefault(key, {}).setdefault(word, None)
            if tag in {"NN", "NE"}:
                term_forms.setdefault(("lemma", lemma.replace("-", "").lower()), {}).setdefault(word, None)


def _inconsistent_terms(term_forms, findings):
    lemmas_by_group = {}  # synonym group → {lemma: surface forms}
    for key, forms in term_forms.items():
        if isinstance(key, tuple):
            group = _SYNONYM_OF.get(key[1])
            if group is not None:
                lemmas_by_group.setdefault(group, {}).setdefault(key[1], set()).update(forms)
            continue
        # The same word with and without hyphen ("Fachtagung" / "Fach-Tagung").
        variants = {f.replace("‐", "-") for f in forms}
        if any("-" in v for v in variants) and any("-" not in v for v in variants):
            shown = " / ".join(sorted(variants))
            findings.append(Finding("inconsistent_term", shown, "Entscheiden Sie sich für eine Schreibweise.", ""))
    # Different words for the same thing ("Webseite" / "Homepage").
    for lemmas in lemmas_by_group.values():
        if len(lemmas) > 1:
            shown = " / ".join(sorted(form for forms in lemmas.values() for form in forms))
            findings.append(Finding("inconsistent_term", shown, "Verwenden Sie immer dasselbe Wort.", ""))


def check_texts(texts):
    """Findings for ``[(field label, plain text), …]``, in reading order."""
    findings, term_forms = [], {}
    for field, text in texts:
        for sentence in sentences(text):
            _check_sentence(sentence, field, findings, term_forms)
    _inconsistent_terms(term_forms, findings)
    return findings


def check_text(text: str):
    return check_texts([("", text)])


def page_texts(page):
    """The page's readable text per field: title, text and rich text fields, StreamFields."""
    from wagtail.fields import RichTextField, StreamField

    page = page.specific
    texts = [("Titel", page.title)]
    skip = {"search_description", "seo_title", "slug", "url_path", "draft_title", "listing_summary"}
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in skip or field.model._meta.app_label == "wagtailcore":
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            content = field.stream_block.get_searchable_content(value)
            texts.append((label, "\n".join(html_to_text(str(c)) for c in content)))
        elif isinstance(field, RichTextField):
            texts.append((label, html_to_text(str(value))))
        elif field.get_internal_type() == "TextField":
            texts.append((label, str(value)))
    return texts


def check_page(page):
    """Findings for a page (its current state in memory, e.g. the latest draft). Cached by content."""
    texts = page_texts(page)
    key = f"ls-check:{CHECK_VERSION}:" + hashlib.sha256(repr(texts).encode()).hexdigest()
    try:
        cached = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage only costs the time of a fresh check
        cached = None
    if cached is not None:
        return [Finding(**{k: v for k, v in item.items() if k != "rule_text"}) for item in cached]
    findings = check_texts(texts)
    with contextlib.suppress(Exception):  # a cache outage only costs a fresh computation
        cache.set(key, [f.as_dict() for f in findings], 24 * 3600)
    return findings
