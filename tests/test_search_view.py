"""The search page: result list, pagination, bad input, query counts, cookies, recorded terms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query

from participants.models import ParticipantIndexPage

from .factories import DocumentFactory, EventPageFactory, KommuneFactory, StandardPageFactory
from .search_helpers import result_titles, search


@pytest.fixture
def many_pages(home):
    return [StandardPageFactory(parent=home, title=f"Treffer {n}", intro="Quittenbaum") for n in range(23)]


def test_empty_query_asks_for_a_search_term(client, site_tree):
    response = search(client, "")
    assert response.status_code == 200
    assert "Bitte geben Sie einen Suchbegriff ein." in response.content.decode()


def test_results_show_type_label_date_snippet_and_link(client, home, site_tree):
    from events.models import EventIndexPage

    event = EventPageFactory(
        parent=EventIndexPage.objects.child_of(home).get(),
        title="Tag der Optionskommunen",
        teaser="Ein Jahrestreffen.",
    )
    DocumentFactory(title="Jahrestreffen Folien", collection=site_tree.collections["Öffentlich"])
    KommuneFactory(name="Landkreis Jahrestreffen", jobcenter_name="Jobcenter Jahrestreffen")
    html = search(client, "Jahrestreffen").content.decode()
    # (More hits may follow that contain "Jahr" and "Treffen" separately: compound parts.)
    assert set(result_titles(search(client, "Jahrestreffen"))[:3]) == {
        "Tag der Optionskommunen",
        "Jahrestreffen Folien",
        "Landkreis Jahrestreffen",
    }
    assert '<span class="search-result__type">Veranstaltung</span>' in html
    assert '<span class="search-result__type">Dokument (PDF)</span>' in html
    assert '<span class="search-result__type">Optionskommune</span>' in html
    assert f'href="{event.url}"' in html
    assert "<mark>Jahrestreffen</mark>" in html
    assert f'datetime="{event.start.isoformat()}"' in html or "<time datetime=" in html


def test_kommune_result_links_to_its_row_in_the_directory(client, home):
    ParticipantIndexPage.objects.child_of(home).get()
    kommune = KommuneFactory(name="Landkreis Musterhausen")
    html = search(client, "Musterhausen").content.decode()
    assert f'href="/projektteilnehmer/#kommune-{kommune.pk}"' in html


def test_contact_fields_of_kommunen_are_not_searchable(client, member_client, site_tree):
    KommuneFactory(name="Landkreis Beispiel", contact_name="Erika Mustermann")
    assert result_titles(search(client, "Mustermann")) == []
    assert result_titles(search(member_client, "Mustermann")) == []


def test_pagination_splits_results_into_pages_of_ten(client, many_pages):
    first = search(client, "Quittenbaum")
    assert "23 Treffer" in first.content.decode()
    assert len(result_titles(first)) == 10
    third = search(client, "Quittenbaum", page="3")
    assert len(result_titles(third)) == 3
    assert "page=2" in third.content.decode()
    all_titles = set()
    for number in (1, 2, 3):
        all_titles |= set(result_titles(search(client, "Quittenbaum", page=str(number))))
    assert len(all_titles) == 23


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("0", "Seitenzahl ist ungültig"),
        ("-1", "Seitenzahl ist ungültig"),
        ("abc", "Seitenzahl ist ungültig"),
        ("99999", "Seite 99999 gibt es nicht"),
        ("9" * 5000, "Seitenzahl ist ungültig"),
    ],
)
def test_bad_page_numbers_show_a_result_page_with_a_message(client, many_pages, page, message):
    response = search(client, "Quittenbaum", page=page)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert result_titles(response)


@pytest.mark.parametrize(
    "query",
    ["&", "|", "!", ":", "*", "(", ")", "'", '"', "\\", "& | ! : * ( ) ' \" \\", 'Fach* OR "x', "NEAR(a b)", "a AND"],
)
def test_query_syntax_characters_never_cause_an_error(client, home, query):
    StandardPageFactory(parent=home, title="Fachtagung", intro="Inhalt")
    response = search(client, query)
    assert response.status_code == 200


def test_syntax_characters_around_a_word_still_find_it(client, home):
    StandardPageFactory(parent=home, title="Fachtagung 2024", intro="Inhalt")
    assert "Fachtagung 2024" in result_titles(search(client, '"Fachtagung" (*) & |'))


def test_script_in_query_is_escaped(client, home):
    response = search(client, "<script>alert(1)</script>")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_in_page_text_is_escaped_in_snippets(client, home):
    StandardPageFactory(parent=home, title="Sonderzeichen", intro='<img src=x onerror="alert(1)"> Quittenbaum')
    html = search(client, "Quittenbaum").content.decode()
    assert "<img src=x" not in html


def test_very_long_query_is_shortened_with_a_message(client, home):
    response = search(client, "Fachtagung " * 100)
    assert response.status_code == 200
    assert "auf 200 Zeichen gekürzt" in response.content.decode()


def test_query_of_stop_words_only_gets_a_clear_message(client, home):
    html = search(client, "der die das").content.decode()
    assert "kein Wort, nach dem gesucht werden kann" in html


def test_no_results_page_gives_hints_and_links_to_main_sections(client, home):
    html = search(client, "Xylophonorchester").content.decode()
    assert "Keine Treffer für „Xylophonorchester“" in html
    assert "Prüfen Sie die Schreibweise" in html
    help_section = html.split('class="search-help"', 1)[1].split("</main>", 1)[0]
    assert 'href="/projektteilnehmer/"' in help_section and 'href="/fachtagungen/"' in help_section
    assert 'href="/interner-bereich/"' not in help_section  # not a section for anonymous readers


def test_search_sets_no_cookies_for_anonymous_readers(client, many_pages):
    response = search(client, "Quittenbaum")
    assert response.cookies == {}
    assert "Cookie" in response["Vary"]


def test_member_results_are_never_cached_publicly(member_client, many_pages):
    response = search(member_client, "Quittenbaum")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_search_terms_are_recorded_without_personal_data(member_client, many_pages):
    search(member_client, "  Quittenbaum ")
    search(member_client, "quittenbaum", page="2")  # follow-up pages are not counted again
    query = Query.objects.get(query_string="quittenbaum")
    assert query.hits == 1
    field_names = {field.name for field in Query._meta.get_fields()} | {
        field.name for field in query.daily_hits.model._meta.get_fields()
    }
    assert not field_names & {"user", "ip", "ip_address", "session", "session_key"}


def _count_queries(client, query):
    client.get("/suche/", {"q": query})  # the first request records the search term
    with CaptureQueriesContext(connection) as context:
        response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_results(home, site_tree, word, count):
    from events.models import EventIndexPage

    events = EventIndexPage.objects.child_of(home).get()
    for _n in range(count):
        StandardPageFactory(parent=home, intro=word)
        EventPageFactory(parent=events, teaser=word)
        DocumentFactory(title=f"{word} Dokument", collection=site_tree.collections["Öffentlich"])
        KommuneFactory(jobcenter_name=f"Jobcenter {word}")


def test_query_count_does_not_grow_with_the_number_of_results(client, home, site_tree):
    _add_results(home, site_tree, "Vielwort", 1)
    with_four = _count_queries(client, "Vielwort")
    _add_results(home, site_tree, "Vielwort", 2)
    with_twelve = _count_queries(client, "Vielwort")  # a full result page of 10
    _add_results(home, site_tree, "Vielwort", 5)
    with_thirty_two = _count_queries(client, "Vielwort")
    # With four results every result type is on the page; more results can only fill the page
    # with fewer types (one query per type and page type), never add queries per result.
    assert with_twelve <= with_four
    assert with_thirty_two <= with_four


def test_query_count_is_bounded(client, many_pages, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        search(client, "Quittenbaum")
