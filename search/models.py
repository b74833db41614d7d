"""Synonyms the editors maintain: groups of terms that the site search treats as equivalent."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models

from search import text

logger = logging.getLogger(__name__)

SYNONYMS_CACHE_KEY = "search:synonyms:v1"
SYNONYMS_CACHE_SECONDS = 3600


def parse_terms(raw: str) -> list[str]:
    """The terms of a group as typed, one per comma or line, without blanks and repetitions."""
    terms = [" ".join(term.split()) for term in (raw or "").replace("\n", ",").replace(";", ",").split(",")]
    seen, result = set(), []
    for term in terms:
        key = " ".join(text.stems(term))
        if term and key and key not in seen:
            seen.add(key)
            result.append(term)
    return result


class SynonymGroup(models.Model):
    """Terms a reader may use for the same thing ("Flüchtlinge, Geflüchtete, Asylberechtigte").

    Applied when searching (not when indexing): a change takes effect with the next search.
    """

    terms = models.TextField(
        "Begriffe",
        help_text="Gleichbedeutende Suchbegriffe, durch Komma getrennt, z. B. „Flüchtlinge, Geflüchtete, "
        "Asylberechtigte“. Wer nach einem davon sucht, findet auch Seiten mit den anderen. Wortformen "
        "(Einzahl/Mehrzahl) müssen nicht eingetragen werden.",
    )
    note = models.CharField("Anmerkung", max_length=255, blank=True, help_text="Nur für die Redaktion sichtbar.")

    class Meta:
        verbose_name = "Synonymgruppe"
        verbose_name_plural = "Synonyme"
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list) or "(leer)"

    @property
    def term_list(self) -> list[str]:
        return parse_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError(
                {"terms": "Bitte geben Sie mindestens zwei verschiedene Begriffe an, durch Komma getrennt."}
            )
        self.terms = ", ".join(terms)


def synonym_map() -> dict[str, tuple[str, ...]]:
    """{stem of a one-word term: all terms of its groups} — cached, at most one query per search."""
    try:
        cached = cache.get(SYNONYMS_CACHE_KEY)
    except Exception:  # noqa: BLE001 — a cache outage must not break the search
        cached = None
    if cached is not None:
        return cached
    mapping: dict[str, list[str]] = {}
    for raw in SynonymGroup.objects.values_list("terms", flat=True):
        terms = parse_terms(raw)
        for term in terms:
            stems = text.stems(term)
            if len(stems) == 1:
                mapping.setdefault(stems[0], [])
                mapping[stems[0]].extend(other for other in terms if other not in mapping[stems[0]])
    result = {key: tuple(value) for key, value in mapping.items()}
    try:
        cache.set(SYNONYMS_CACHE_KEY, result, SYNONYMS_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("Synonyme konnten nicht im Cache gespeichert werden", exc_info=True)
    return result


def forget_synonyms(**kwargs):
    try:
        cache.delete(SYNONYMS_CACHE_KEY)
    except Exception:  # noqa: BLE001
        logger.warning("Synonyme konnten nicht aus dem Cache gelöscht werden", exc_info=True)
