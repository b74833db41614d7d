"""The leak test suite: nothing internal reaches an anonymous reader through any channel.

An anonymous crawler starts at ``/`` and follows every same-site link it finds — in pages, in
``<link rel="alternate">`` feeds, in ``sitemap.xml`` (and ``robots.txt``), in feeds and ``.ics``
files — submits every GET search form (``/suche/?q=…`` and the library filter) with a unique word
from every internal page and document, and finally requests the direct URLs of all internal pages
and documents. No response may contain any internal title, text or file. The same crawl as a member
finds every one of them.

The crawler discovers URLs instead of knowing them, so channels that land later (calendar, iCal,
feeds, sitemap, search over documents) are covered as soon as something links to them.
"""

import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.models import Site
from wagtail.rich_text import RichText

from documents_app.pdf import make_pdf
from home.models import AccessibilityPage

from .factories import DocumentFactory, DocumentIndexPageFactory, EventPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

MAX_REQUESTS = 700
MAX_PER_PATTERN = 12  # e.g. month views of a calendar: /fachtagungen/2026/11/ …
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/abmelden/")
HOST = "testserver"


class Secrets:
    """Unique words planted in internal content; each internal object carries at least two."""

    def __init__(self):
        self.words = {}  # word -> description of where it is
        self.internal_urls = set()
        self.document_urls = set()

    def add(self, word, where):
        self.words[word] = where
        return word


@pytest.fixture
def leak_site(site_tree, home, internal):
    """Internal pages, an internal event, internal documents, and public pages linking to them."""
    secrets = Secrets()
    # From the foundation's own tree: the internal child page.
    secrets.add("Kennzahlenwerkstatt", "foundation internal page text")
    secrets.add("Protokolle des Arbeitskreises Option", "foundation internal page title")

    page = StandardPageFactory(
        parent=internal,
        title=f"Beratung {secrets.add('Zanderfiletprotokoll', 'internal page title')}",
        slug="beratung",
        intro=f"Einleitung mit {secrets.add('Nebelhornabsprache', 'internal page intro')}.",
        show_in_menus=True,
    )
    page.body = [("paragraph", RichText(f"<p>Text mit {secrets.add('Moorbirkenvermerk', 'internal body')}.</p>"))]
    page.save_revision().publish()
    grandchild = StandardPageFactory(
        parent=page,
        title=f"Anlage {secrets.add('Kupferkesselliste', 'internal grandchild title')}",
        slug="anlage",
        intro=f"Mehr {secrets.add('Lindenblattnotiz', 'internal grandchild intro')}.",
        show_in_menus=True,
    )
    event = EventPageFactory(
        parent=internal,
        title=f"Klausur {secrets.add('Wasserturmklausur', 'internal event title')}",
        slug="klausur",
        teaser=f"Treffen {secrets.add('Rabenfederrunde', 'internal event teaser')}.",
    )
    internal_library = DocumentIndexPageFactory(parent=internal, title="Unterlagen", slug="unterlagen")

    internal_collection = site_tree.collections["Intern"]
    public_collection = site_tree.collections["Öffentlich"]
    pdf_word = secrets.add("Heckenrosenbilanz", "internal PDF content")
    internal_pdf = DocumentFactory(
        title=f"Vorlage {secrets.add('Glockenblumenvorlage', 'internal document title')}",
        description=f"Beschreibung {secrets.add('Ahornsirupmappe', 'internal document description')}",
        collection=internal_collection,
        file=ContentFile(make_pdf("Vorlage", [f"Inhalt {pdf_word}"]), name="vorlage.pdf"),
    )
    txt_word = secrets.add("Silberdistelnotiz", "internal text file content")
    internal_txt = DocumentFactory(
        title=f"Liste {secrets.add('Eisvogelliste', 'internal text document title')}",
        collection=internal_collection,
        file=ContentFile(f"Zeile mit {txt_word}\n".encode(), name="liste.txt"),
    )
    public_doc = DocumentFactory(title="Öffentlicher Flyer", collection=public_collection)

    # A public page that links to everything internal in every way an editor can.
    links = StandardPageFactory(parent=home, title="Linksammlung", slug="linksammlung", show_in_menus=True)
    links.body = [
        (
            "link_list",
            {
                "heading": "Verweise",
                "links": [
                    {"label": "", "page": page, "document": None, "url": ""},
                    {"label": "", "page": grandchild, "document": None, "url": ""},
                    {"label": "", "page": None, "document": internal_pdf, "url": ""},
                    {"label": "", "page": event, "document": None, "url": ""},
                ],
            },
        ),
        ("document_list", {"heading": "Dateien", "documents": [internal_pdf, internal_txt, public_doc]}),
        (
            "call_to_action",
            {"heading": "Mehr", "text": "", "link": {"label": "", "page": internal_library, "document": None}},
        ),
        (
            "paragraph",
            RichText(
                f'<p>Siehe <a linktype="page" id="{page.pk}">die Beratung '
                f"{secrets.add('Schattenmorellenbericht', 'link text of a rich-text link to an internal page')}</a> "
                f'und <a linktype="document" id="{internal_txt.pk}">die Liste '
                f"{secrets.add('Birnbaumverzeichnis', 'link text of a rich-text link to an internal document')}</a>."
                f' Öffentlich bleibt <a linktype="page" id="{home.pk}">die Startseite</a>.</p>'
            ),
        ),
    ]
    links.save_revision().publish()

    # Rich text outside StreamFields: the Barrierefreiheit page's fields.
    accessibility = AccessibilityPage.objects.get()
    accessibility.non_accessible_content = (
        f'<p>Einzelne Dateien im <a linktype="page" id="{grandchild.pk}">Anhang '
        f"{secrets.add('Quittenkompottanhang', 'link text in a RichTextField of a public page')}</a>.</p>"
    )
    accessibility.save_revision().publish()

    # Every other field and block type that can carry text.
    slug_page = StandardPageFactory(
        parent=internal,
        title=f"Seite {secrets.add('Kiefernharzseite', 'internal page title (2)')}",
        slug=secrets.add("tannenzapfenweg", "internal page slug"),
        seo_title=f"SEO {secrets.add('Sanddornsuchtitel', 'internal page SEO title')}",
        search_description=f"Kurz {secrets.add('Wacholderbeschreibung', 'internal page search description')}",
        show_in_menus=True,
    )
    event.venue_name = f"Haus {secrets.add('Mauerseglerhalle', 'internal event venue')}"
    event.street = f"{secrets.add('Brennnesselgasse', 'internal event street')} 7"
    event.city = secrets.add("Distelfinkstadt", "internal event city")
    event.save_revision().publish()
    named_file = DocumentFactory(
        title="Anlage",
        collection=internal_collection,
        file=ContentFile(b"Nur eine Zeile\n", name=f"{secrets.add('pflaumenmusakte', 'internal file name')}.txt"),
    )
    from participants.models import Kommune

    Kommune.objects.create(
        name="Landkreis Leckprobe",
        kind="landkreis",
        bundesland="NI",
        since=2012,
        contact_name=f"Frau {secrets.add('Hagebuttenhuber', 'member-only Kommune contact name')}",
        contact_email=f"{secrets.add('ahornblattpost', 'member-only Kommune e-mail')}@kommune.example",
        contact_phone=f"Ruf {secrets.add('Eichelhaehertelefon', 'member-only Kommune phone')}",
    )
    labels = StandardPageFactory(parent=home, title="Verweisliste", slug="verweisliste", show_in_menus=True)
    labels.body = [
        (
            "link_list",
            {
                "heading": "Mehr",
                "links": [
                    {
                        "label": secrets.add("Rotkehlchenlabel", "link-list label"),
                        "page": slug_page,
                        "document": None,
                        "url": "",
                    },
                    {
                        "label": secrets.add("Zaunkoeniglabel", "link-list label to a document"),
                        "page": None,
                        "document": named_file,
                        "url": "",
                    },
                ],
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Öffentlicher Kasten",
                "text": "",
                "link": {
                    "label": secrets.add("Stieglitzaufruf", "call-to-action label"),
                    "page": event,
                    "document": None,
                    "url": "",
                },
            },
        ),
        (
            "paragraph",
            RichText(
                f'<p>Ein <a linktype="page" id="{slug_page.pk}">Absatzlink '
                f"{secrets.add('Gimpelabsatzlink', 'paragraph link text')}</a>.</p>"
            ),
        ),
    ]
    labels.save_revision().publish()

    # Aliases of internal pages in the public tree carry the internal text (Wagtail copies it to
    # them): an alias of a page that inherits its restriction, and an alias of a whole subtree.
    alias = grandchild.create_alias(parent=home, update_slug="anlage-kopie")
    subtree_alias = page.create_alias(parent=links, update_slug="beratung-kopie", recursive=True)
    aliases = [alias, subtree_alias, *subtree_alias.get_descendants()]
    assert len(aliases) == 3 and all(target.live for target in aliases)

    for target in (page, grandchild, event, internal_library, internal.get_children().first(), slug_page, *aliases):
        secrets.internal_urls.add(target.url)
    for document in (internal_pdf, internal_txt, named_file):
        secrets.internal_urls.add(document.url)
        secrets.document_urls.add(document.url)
    return secrets


# --- the crawler -------------------------------------------------------------------------------


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def site_hosts():
    """Host names under which this site names itself: the test host and every Wagtail Site
    (absolute URLs in sitemaps, feeds and iCal use the Site's host name, e.g. ``localhost``)."""
    hosts = {HOST}
    for site in Site.objects.all():
        hosts.add(site.hostname)
        hosts.add(f"{site.hostname}:{site.port}")
    return hosts


def _same_site(url, hosts=frozenset({HOST})):
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc not in hosts:
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _pattern(url):
    parts = urlsplit(url)
    keys = ",".join(sorted(key for key, _v in parse_qsl(parts.query, keep_blank_values=True)))
    return re.sub(r"\d+", "0", parts.path) + "?" + keys


_URL_IN_TEXT = re.compile(r"https?://[^/\s\"'<>]+/[^\s\"'<>]*")


def _links(url, response, body, hosts):
    """Same-site URLs found in a response, and the GET search forms (action, field name)."""
    found, forms = [], []
    content_type = response.get("Content-Type", "")
    text = body.decode("utf-8", "replace")
    if "html" in content_type:
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(["a", "link", "area"], href=True):
            found.append(urljoin(url, tag["href"]))
        for tag in soup.find_all(["img", "script", "source", "iframe"], src=True):
            found.append(urljoin(url, tag["src"]))
        for form in soup.find_all("form"):
            if (form.get("method") or "get").lower() != "get":
                continue
            field = form.find("input", attrs={"type": ["search", "text"]})
            if field is not None and field.get("name"):
                forms.append((urljoin(url, form.get("action") or url), field["name"]))
    else:
        # XML (sitemap, RSS, Atom), iCalendar, robots.txt, JSON: every absolute URL of this site.
        found.extend(_URL_IN_TEXT.findall(text))
        found.extend(re.findall(r"(?im)^sitemap:\s*(\S+)", text))
    if response.get("Location"):
        found.append(urljoin(url, response["Location"]))
    return [u for u in (_same_site(f, hosts) for f in found) if u], forms


class Crawl:
    def __init__(self, client):
        self.client = client
        self.hosts = site_hosts()
        self.responses = {}  # url -> (status, headers text, body bytes)
        self.search_forms = set()
        self.per_pattern = {}

    def fetch(self, url):
        """Request ``url`` once; ``None`` if it was requested before."""
        if url in self.responses:
            return None
        response = self.client.get(url, HTTP_HOST=HOST)
        body = _body(response)
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        self.responses[url] = (response.status_code, headers, body)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        return response, body

    def run(self, start_urls):
        queue = deque(start_urls)
        seen = set(start_urls)
        while queue and len(self.responses) < MAX_REQUESTS:
            url = queue.popleft()
            pattern = _pattern(url)
            if self.per_pattern.get(pattern, 0) >= MAX_PER_PATTERN:
                continue
            self.per_pattern[pattern] = self.per_pattern.get(pattern, 0) + 1
            result = self.fetch(url)
            if result is None:
                continue
            links, forms = _links(url, *result, self.hosts)
            self.search_forms.update(forms)
            for link in links:
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
        return self

    def search_all(self, words):
        """Submit every GET search form found with each word; follow the result links one level."""
        for action, field in sorted(self.search_forms):
            path = _same_site(action, self.hosts)
            if path is None:
                continue
            base = path.split("?", 1)[0]
            for word in words:
                url = f"{base}?{urlencode({field: word})}"
                result = self.fetch(url)
                if result is None:
                    continue
                links, _forms = _links(url, *result, self.hosts)
                for link in links:
                    self.fetch(link)

    def probe(self, urls):
        for url in urls:
            self.fetch(url)

    def texts(self):
        for url, (status, headers, body) in self.responses.items():
            yield url, status, headers + "\n" + body.decode("utf-8", "replace")


def crawl(client, secrets):
    result = Crawl(client)
    result.search_forms.add(("/suche/", "q"))  # the site search, even if no page shows its form
    result.run(["/", "/sitemap.xml", "/robots.txt"])
    result.search_all(sorted(secrets.words))
    result.probe(sorted(secrets.internal_urls))
    return result


def _query_of(url):
    return {value for _k, value in parse_qsl(urlsplit(url).query)}


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture(params=["no shared caches", "caches primed by a member", "after a member session"])
def shared_caches(request, settings, member):
    """Run a test once as is, once with the page and data caches on after a member crawl filled
    them — what a member saw must not be served to anybody else — and once on a browser in which a
    member crawled and then logged out (the same client: its cookies stay)."""
    if request.param == "no shared caches":
        yield
        return
    if request.param == "after a member session":
        settings.PAGE_CACHE_ENABLED = True
        settings.DATA_CACHE_ENABLED = True
        caches["pages"].clear()
        browser = request.getfixturevalue("client")
        browser.force_login(member)
        crawl(browser, request.getfixturevalue("leak_site"))
        assert browser.post("/abmelden/").status_code in (200, 302)
        assert "_auth_user_id" not in browser.session
        yield
        caches["pages"].clear()
        return
    settings.PAGE_CACHE_ENABLED = True
    settings.DATA_CACHE_ENABLED = True
    caches["pages"].clear()
    member_client = Client()
    member_client.force_login(member)
    crawl(member_client, request.getfixturevalue("leak_site"))
    yield
    caches["pages"].clear()


def test_anonymous_crawl_finds_no_internal_title_text_file_or_link(client, leak_site, shared_caches):
    result = crawl(client, leak_site)
    assert len(result.responses) > 15  # the crawl really went through the site
    leaks = []
    for url, _status, text in result.texts():
        echoed = _query_of(url)  # a search page may repeat the word that was searched for
        for word, where in leak_site.words.items():
            if word.lower() in url.lower():
                continue  # the crawler asked for it (a slug or file name in the URL it requested)
            if word not in echoed and word in text:
                leaks.append(f"{url}: {word} ({where})")
        if url in leak_site.internal_urls or urlsplit(url).path == "/anmelden/":
            continue  # the direct request itself, and the login page that echoes ``next``
        for internal_url in leak_site.internal_urls:
            if _links_to(text, internal_url):
                leaks.append(f"{url}: link to {internal_url}")
    assert not leaks, "Internal content reached an anonymous reader:\n" + "\n".join(leaks)


def _links_to(text, path):
    """Whether ``text`` contains ``path`` as a link target (relative, or absolute on any host)."""
    pattern = r"(?:[\"'>]|https?://[^/\s\"'<>]+)" + re.escape(path) + r"(?:[\"'<\s?#]|$)"
    return re.search(pattern, text) is not None


def test_anonymous_direct_requests_of_internal_urls_never_answer_200(client, leak_site):
    for url in sorted(leak_site.internal_urls):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/anmelden/")
        assert "no-store" in response.get("Cache-Control", ""), url


def test_member_crawl_finds_every_internal_page_and_document(client, member, leak_site):
    client.force_login(member)
    result = crawl(client, leak_site)
    everything = "\n".join(text for _url, _status, text in result.texts())
    missing = [f"{word} ({where})" for word, where in leak_site.words.items() if word not in everything]
    assert not missing, "A member could not reach:\n" + "\n".join(missing)
    for url in leak_site.document_urls:
        status, _headers, _body = result.responses[url]
        assert status == 200, url


def test_member_sees_internal_links_on_public_page_anonymous_sees_members_only_note(client, member, leak_site):
    anonymous = client.get("/linksammlung/").content.decode()
    assert "Inhalt nur für Mitglieder" in anonymous
    client.force_login(member)
    member_page = client.get("/linksammlung/").content.decode()
    assert "Zanderfiletprotokoll" in member_page
    assert "Inhalt nur für Mitglieder" not in member_page


def test_member_gets_working_links_to_internal_targets(client, member, leak_site):
    client.force_login(member)
    soup = BeautifulSoup(client.get("/linksammlung/").content, "html.parser")
    hrefs = {a["href"] for a in soup.select(".block-link-list a")}
    assert "/interner-bereich/beratung/" in hrefs
    assert "" not in hrefs


def test_every_template_renders_rich_text_through_the_visibility_rule():
    from django.conf import settings

    plain = re.compile(r"\|\s*richtext\b(?!_for)")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if plain.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "use |richtext_for:request instead of |richtext in: " + ", ".join(offenders)


def test_indexing_a_paragraph_costs_the_same_queries_for_one_or_many_internal_links(leak_site, internal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.blocks import ParagraphBlock

    targets = list(internal.get_descendants().live())
    assert len(targets) >= 4

    def index(pages):
        links = " ".join(f'<a linktype="page" id="{page.pk}">Verweis {page.pk}</a>' for page in pages)
        with CaptureQueriesContext(connection) as queries:
            content = ParagraphBlock().get_searchable_content(RichText(f"<p>Text {links}</p>"))
        assert "Verweis" not in " ".join(content)  # an anonymous reader sees none of these links
        return len(queries)

    assert index(targets) == index(targets[:1])
