"""A query set: what German readers type and the pages they must find in the top 5.

The content is the site's own demo content (``load_initial_data``: pages, the series of the
"Tag der kommunalen Jobcenter", documents, the 104 Optionskommunen) plus a few pages with
compounds and the editors' synonym groups. recall@5 and MRR are printed; recall must be 1.0.
Run on SQLite and (with DATABASE_URL=postgres://…) on PostgreSQL.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.models import SynonymGroup, forget_synonyms
from search.suggest import forget_vocabulary

from .factories import StandardPageFactory


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    """Synonyms and vocabularies are cached across requests; tests roll back the database."""
    forget_synonyms()
    forget_vocabulary()
    yield
    forget_synonyms()
    forget_vocabulary()


# (query, title that must be among the first five results, what is tested)
QUERY_SET = [
    # word forms
    ("Fachtagung", "Fachtagungen", "singular finds the plural title"),
    ("Fachtagungen", "Beispieltermin: Fachtagung der Optionskommunen", "the next Fachtagung"),
    ("Fachtagungen", "Tag der kommunalen Jobcenter 2024", "event type"),
    ("Projektziel", "Projektziele", "singular"),
    ("Teilnehmer", "Projektteilnehmer", "compound head"),
    ("Projektziele Benchlearning", "Projektziele", "two words"),
    ("Optionskommunen", "Benchlearning der Optionskommunen", "plural, title"),
    ("Datenschutz", "Datenschutzerklärung", "compound modifier"),
    ("Barrierefreiheit", "Erklärung zur Barrierefreiheit", "whole word"),
    ("Impressum", "Impressum", "title"),
    ("Dokumente", "Dokumente", "title"),
    ("Projektbeschreibung", "Projektbeschreibung Benchlearning der Optionskommunen", "document"),
    ("Programm 2016", "Programm Tag der kommunalen Jobcenter 2016", "document and year"),
    # compounds
    ("Tagung", "Fachtagungen", "part finds the compound"),
    ("Tagung", "Tag der kommunalen Jobcenter 2016", "part in the event type and the text"),
    ("Ring", "Vergleichsringe", "part"),
    ("Vergleichsring", "Vergleichsringe", "plural of the compound"),
    ("Integrationskurs", "Integrationskurse für Geflüchtete", "compound, plural"),
    ("Kurs", "Integrationskurse für Geflüchtete", "head of the compound"),
    ("Integration", "Integrationskurse für Geflüchtete", "modifier of the compound"),
    ("Jobcenterleitung", "Jobcenterleitungen im Austausch", "compound"),
    ("Leitung", "Jobcenterleitungen im Austausch", "head"),
    ("Kennzahlenvergleich", "Kennzahlenvergleich", "compound"),
    ("Kennzahlen", "Kennzahlenvergleich", "modifier"),
    ("Vergleichsringtreffen", "Vergleichsringe", "query compound, parts in the text"),
    ("Struktur", "Projektstruktur", "head"),
    # typos (searched as the suggestion)
    ("Fachtagnug", "Fachtagungen", "typo"),
    ("Projektstrucktur", "Projektstruktur", "typo"),
    ("Impresum", "Impressum", "typo"),
    ("Barierefreiheit", "Erklärung zur Barrierefreiheit", "typo"),
    # synonyms
    ("Flüchtlinge", "Integrationskurse für Geflüchtete", "synonym"),
    ("Asylberechtigte", "Tag der kommunalen Jobcenter 2016", "synonym of Flüchtlinge"),
    ("Geflüchtete", "Tag der kommunalen Jobcenter 2016", "synonym, text says Flüchtlingen"),
    ("Konferenz", "Fachtagungen", "synonym of Fachtagung"),
    # Kommunen, Länder, events, dates, places
    ("Landkreis Fulda", "Landkreis Fulda", "Kommune"),
    ("Hochsauerlandkreis", "Hochsauerlandkreis", "Kommune"),
    ("Tag der kommunalen Jobcenter", "Tag der kommunalen Jobcenter 2024", "event name: the most recent first"),
    ("Tag der kommunalen Jobcenter 2016", "Tag der kommunalen Jobcenter 2016", "event and year"),
    ("Tag der kommunalen Jobcenter 2020", "Tag der kommunalen Jobcenter 2020", "event and year"),
    ("November 2016", "Tag der kommunalen Jobcenter 2016", "month and year"),
    ("Tagungswerk", "Tag der kommunalen Jobcenter 2024", "venue"),
    ("Ellington Hotel", "Tag der kommunalen Jobcenter 2019", "venue"),
    ("Online-Veranstaltung", "Tag der kommunalen Jobcenter 2021", "event type"),
    ("Workshop", "Beispieltermin: Workshop Digitalisierung im Jobcenter", "event type"),
    ("Projektinformation", "Projektbeschreibung Benchlearning der Optionskommunen", "document category"),
]


def _titles(client, query):
    html = client.get(reverse("search"), {"q": query}).content.decode()
    titles = re.findall(r'<p class="search-result__title"><a href="[^"]*"[^>]*>(.*?)</a>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", title).strip() for title in titles]


@pytest.fixture
def corpus(site_tree):
    call_command("load_initial_data", stdout=StringIO())
    home = site_tree.home
    StandardPageFactory(
        parent=home,
        title="Integrationskurse für Geflüchtete",
        intro="Sprachkurse und Arbeitsmarktintegration: Erfahrungen der Optionskommunen.",
    )
    StandardPageFactory(parent=home, title="Jobcenterleitungen im Austausch", intro="Die Leitungen treffen sich.")
    StandardPageFactory(parent=home, title="Kennzahlenvergleich", intro="Der Vergleich nach § 48a SGB II.")
    StandardPageFactory(parent=home, title="Vergleichsringe", intro="Die Kommunen treffen sich in Vergleichsringen.")
    SynonymGroup.objects.create(terms="Flüchtlinge, Geflüchtete, Asylberechtigte")
    SynonymGroup.objects.create(terms="Fachtagung, Konferenz, Kongress")
    return home


def test_query_set_recall_at_5_is_complete(client, corpus, capsys):
    misses, reciprocal_ranks = [], []
    for query, expected, _what in QUERY_SET:
        titles = _titles(client, query)[:5]
        if expected in titles:
            reciprocal_ranks.append(1 / (titles.index(expected) + 1))
        else:
            reciprocal_ranks.append(0.0)
            misses.append(f"{query!r}: {expected!r} not in {titles}")
    recall = sum(1 for rank in reciprocal_ranks if rank) / len(QUERY_SET)
    mrr = sum(reciprocal_ranks) / len(QUERY_SET)
    from django.db import connection

    with capsys.disabled():
        print(  # noqa: T201 — the measured numbers belong in the test output
            f"\nQuery set on {connection.vendor}: {len(QUERY_SET)} queries, recall@5 = {recall:.3f}, MRR = {mrr:.3f}"
        )
    assert len(QUERY_SET) >= 40
    assert not misses, "\n".join(misses)
