"""The editor's admin pages speak German: a walk through them fails on English or technical words."""

import re
from html import unescape

import pytest
from django.urls import reverse

from .factories import EventPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

# Words editors reported (and a few of their kind), as whole words in the visible text.
ENGLISH = [
    "Password",
    "Update",
    "True",
    "False",
    "Views",
    "Root",
    "Go-Live",
    "Instanzen",
    "Snippets",
    "domain.com",
    "my-slug",
    "seite-Objekt",
    "Edit",
    "Delete",
    "Search",
    "Username",
    "Submit",
    "Promoted",
]


def visible_text(html):
    html = re.sub(r"<(script|style|template|svg)\b.*?</\1>", " ", html, flags=re.S | re.I)
    attributes = " ".join(re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', html))
    text = re.sub(r"<[^>]+>", " ", html)
    return unescape(f"{text} {attributes}")


def english_words(html):
    text = visible_text(html)
    return sorted({word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)})


@pytest.fixture
def pages(site_tree, event_index):
    standard = StandardPageFactory(parent=site_tree.home, title="Inhalt", slug="inhalt")
    event = EventPageFactory(parent=event_index, title="Fachtagung Test")
    return standard, event


def test_admin_login_page_is_german(client, site_tree):
    assert english_words(client.get("/admin/login/").content.decode()) == []


def test_editor_admin_pages_have_no_english_words(client, django_user_model, pages, site_tree):
    from events.demo import grant_editor_permissions

    grant_editor_permissions()
    admin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "x")
    client.force_login(admin)
    standard, event = pages
    urls = [
        "/admin/",
        reverse("wagtailadmin_explore", args=(site_tree.home.pk,)),
        reverse("wagtailadmin_pages:edit", args=(standard.pk,)),
        reverse("wagtailadmin_pages:edit", args=(event.pk,)),
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", site_tree.home.pk)),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailadmin_collections:index"),
        "/admin/snippets/",
        "/admin/users/",
        "/admin/participants/kommune/",
        "/admin/events/registration/",
    ]
    for name in ("wagtailsearchpromotions:index", "wagtailsearchpromotions:add"):
        try:
            urls.append(reverse(name))
        except Exception:  # noqa: S112
            continue
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        words = english_words(response.content.decode())
        if words:
            found[url] = words
    assert found == {}


# Names Wagtail's German translation gives promoted search results besides the one the site uses.
OTHER_PROMOTION_NAMES = ["Hervorgehoben", "Hervorhebung", "Redaktionsempfehlung", "Empfohlenes Suchergebnis"]


def test_search_promotions_have_one_name_in_every_admin_view(client, editor, site_tree):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from search import demo

    demo.load(site_tree)
    client.force_login(editor)
    query = Query.get("kongress")
    SearchPromotion.objects.create(query=query, page=site_tree.home, sort_order=0)
    pages = {
        "menu": client.get("/admin/").content.decode(),
        "index": client.get(reverse("wagtailsearchpromotions:index")).content.decode(),
        "add": client.get(reverse("wagtailsearchpromotions:add")).content.decode(),
        "edit": client.get(reverse("wagtailsearchpromotions:edit", args=[query.pk])).content.decode(),
        "delete": client.get(reverse("wagtailsearchpromotions:delete", args=[query.pk])).content.decode(),
        "empty search": client.get(reverse("wagtailsearchpromotions:index"), {"q": "nichts"}).content.decode(),
        # A form error: a promotion needs a page or a link.
        "error": client.post(
            reverse("wagtailsearchpromotions:add"),
            {
                "query_string": "fehler",
                "searchpromotions-TOTAL_FORMS": "1",
                "searchpromotions-INITIAL_FORMS": "0",
                "searchpromotions-MIN_NUM_FORMS": "0",
                "searchpromotions-MAX_NUM_FORMS": "1000",
                "searchpromotions-0-page": "",
                "searchpromotions-0-external_link_url": "",
                "searchpromotions-0-ORDER": "1",
            },
        ).content.decode(),
    }
    # The menu is JSON inside a script element: read the whole page, not only its visible text.
    texts = {view: html if view == "menu" else visible_text(html) for view, html in pages.items()}
    others = {
        view: [name for name in OTHER_PROMOTION_NAMES if name.casefold() in text.casefold()]
        for view, text in texts.items()
    }
    assert {view: names for view, names in others.items() if names} == {}
    for view in ("menu", "index", "add", "edit"):
        assert "Empfohlene Treffer" in texts[view], view
    assert "empfohlene Treffer" in visible_text(pages["error"]) or "empfohlenen Treffer" in visible_text(
        pages["error"]
    )
