"""Search terms are counted for the editors' report with one upsert, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.popular import count_search

pytestmark = pytest.mark.django_db


def test_a_new_term_and_a_repeated_term_are_counted_per_day():
    day = datetime.date(2027, 9, 16)
    count_search("  Fachtagung  ", date=day)
    count_search("fachtagung", date=day)
    count_search("Fachtagung", date=day + datetime.timedelta(days=1))
    query = Query.objects.get(query_string="fachtagung")
    assert Query.objects.count() == 1
    hits = dict(QueryDailyHits.objects.filter(query=query).values_list("date", "hits"))
    assert hits == {day: 2, day + datetime.timedelta(days=1): 1}
    assert query.hits == 3


def test_counting_needs_at_most_two_statements():
    count_search("Kennzahlen")
    with CaptureQueriesContext(connection) as queries:
        count_search("Kennzahlen")
    statements = [q["sql"] for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) <= (1 if connection.vendor == "postgresql" else 2)
    assert QueryDailyHits.objects.get(query__query_string="kennzahlen").hits == 2


def test_the_search_page_counts_the_term(client, site_tree):
    client.get(reverse("search"), {"q": "Projektziele"})
    client.get(reverse("search"), {"q": "projektziele "})
    assert Query.objects.get(query_string="projektziele").hits == 2


def test_an_empty_term_is_not_counted():
    count_search("   ")
    assert not Query.objects.exists()
