"""One result list over pages, events, documents and Optionskommunen — through the visibility rule.

The search runs in two steps so that the number of SQL queries does not depend on how many
results there are or how many are shown:

1. **Rank.** For each source (pages incl. events, documents, Kommunen) the search backend ranks
   the objects of the queryset *that the visibility rule returns for this request* — nothing the
   reader may not see is ever counted or ranked. Only primary keys and scores are fetched (at most
   ``MAX_HITS`` per source); the lists are merged by score and paginated.
2. **Load.** Only the objects of the requested result page are loaded, in one query per source
   (plus one per page type for ``.specific()``), and turned into :class:`Result` items with a type
   label, a date, a link and a highlighted snippet.
"""

from __future__ import annotations

import datetime
import heapq
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from home import visibility
from home.richtext import drop_chooser_links, is_chooser_link
from ops import datacache, fragmentcache
from search import highlight, pg_ranking, text
from search.query import build as build_query
from search.query import build_whole as build_whole_query

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000
# From this many hits a term's ranked list is kept in the data cache (see SiteSearch.run).
SHARED_RANKING_MIN_HITS = 200
PAGE_SIZE = 10

# Keys of raw StreamField data that hold settings, not readable text.
_NON_TEXT_KEYS = frozenset({"type", "id", "level", "kind", "url", "page", "document", "image", "count"})


@dataclass
class Result:
    kind: str  # "page", "event", "document", "kommune"
    label: str
    title: object  # SafeString with highlights
    url: str
    snippet: object
    date: datetime.date | datetime.datetime | None = None
    is_internal: bool = False
    extra: str = ""


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    is_external: bool = False


@dataclass
class SearchOutcome:
    query: str
    total: int = 0
    shown_total: int = 0
    results: list = field(default_factory=list)
    paginator_page: object = None
    promotions: list = field(default_factory=list)
    page_notice: str = ""

    @property
    def has_results(self):
        return bool(self.results or self.promotions)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched for (whitespace collapsed, at most MAX_QUERY_LENGTH characters)."""
    query = " ".join((raw or "").split())
    truncated = len(query) > MAX_QUERY_LENGTH
    return query[:MAX_QUERY_LENGTH].strip(), truncated


def parse_page_number(raw) -> int | None:
    """A positive page number, or None for anything else (0, -1, "abc", absurdly long numbers)."""
    if raw is None or raw == "":
        return 1
    raw = str(raw).strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:  # "²".isdigit() is True
        return None
    number = int(raw)
    return number if number >= 1 else None


# Where one paragraph, heading, list item or table cell ends and the next begins.
SEPARATOR = " · "
_BLOCK_END_RE = re.compile(r"</(?:p|h[1-6]|li|dt|dd|td|th|tr|blockquote|div|pre|figcaption)>|<br\s*/?>", re.I)
_SEPARATORS_RE = re.compile(r"(?:\s*·\s*)+")


def separated(parts) -> str:
    """Texts joined with ``SEPARATOR``, without empty parts or doubled separators."""
    joined = SEPARATOR.join(part.strip() for part in parts if part and part.strip())
    return _SEPARATORS_RE.sub(SEPARATOR, joined).strip(" ·")


def _flatten_raw(value, out: list) -> None:
    if isinstance(value, str):
        out.append(strip_tags(_BLOCK_END_RE.sub(SEPARATOR, drop_chooser_links(value))))
    elif isinstance(value, dict):
        if is_chooser_link(value):
            return  # its label may repeat a members-only title; snippets are built without queries
        for key, item in value.items():
            if key not in _NON_TEXT_KEYS:
                _flatten_raw(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _flatten_raw(item, out)


def stream_text(stream) -> str:
    """The readable text of a StreamField, from its raw JSON (no chooser lookups, no queries)."""
    if not stream:
        return ""
    out: list[str] = []
    for block in stream.raw_data:
        _flatten_raw(block.get("value"), out)
    return separated(part for part in out if part and not (part.isascii() and part.isidentifier() and len(part) < 4))


class Source:
    """One kind of searchable object: how to get the visible queryset and how to show results."""

    key = ""
    # Columns read with the ranked ids: (title, event start, event type) or a prefix of it.
    rank_columns: tuple[str, ...] = ()

    @staticmethod
    def rank_fields(values):
        return (*values, None, None, None)[:3]

    def __init__(self, search):
        self.search = search
        self.request = search.request

    def visible_queryset(self):
        raise NotImplementedError

    def model(self):
        return self.visible_queryset().model

    def ranking_queryset(self, exclude_pks=()):
        """What the search backend ranks: the visible objects minus ``exclude_pks``.

        The visibility rule's conditions (tree paths of pages, collection paths of documents)
        are applied as a primary-key subquery: the backend only needs FilterField("id").
        """
        visible = self.visible_queryset()
        queryset = visible.model.objects.filter(pk__in=visible.values("pk"))
        return queryset.exclude(pk__in=exclude_pks) if exclude_pks else queryset

    def matching_queryset(self, exclude_pks=()):
        """The visible objects minus ``exclude_pks`` as one flat query (no subquery): what the
        check for any match joins with."""
        visible = self.visible_queryset()
        return visible.exclude(pk__in=exclude_pks) if exclude_pks else visible

    def load(self, pks):
        """Results for these primary keys, as {pk: Result}."""
        raise NotImplementedError


class PageSource(Source):
    key = "page"
    rank_columns = ("title", "eventpage__start", "eventpage__event_type__name")

    def visible_queryset(self):
        return visibility.visible_pages(self.request, Page.objects.filter(depth__gt=1))

    def load(self, pks):
        # As .specific() does (the visible pages' types, then one query per type), but without
        # the tree order, which the ranking replaces anyway: ordering the 60-column EventPage
        # query by path made compiling it cost more than running it.
        rows = visibility.visible_pages(self.request, Page.objects.filter(pk__in=pks))
        by_type: dict[int, list[int]] = {}
        for pk, content_type_id in rows.order_by().values_list("pk", "content_type_id"):
            by_type.setdefault(content_type_id, []).append(pk)
        results = {}
        for content_type_id, type_pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue  # a page type whose code is gone: no result rather than an error
            for page in model._base_manager.filter(pk__in=type_pks).order_by():
                results[page.pk] = self.result_for(page)
        return results

    def result_for(self, page):
        from events.models import EventPage

        terms = self.search.terms
        parts = [
            getattr(page, "listing_summary", "") or page.search_description,
            getattr(page, "intro", ""),
            getattr(page, "teaser", ""),
        ]
        body = getattr(page, "body", None)
        if body is not None and hasattr(body, "raw_data"):
            parts.append(stream_text(body))
        is_event = isinstance(page, EventPage)
        extra = ""
        if is_event:
            extra = "online" if page.is_online else ", ".join(p for p in (page.venue_name, page.city) if p)
        return Result(
            kind="event" if is_event else "page",
            label="Veranstaltung" if is_event else "Seite",
            title=highlight.highlight(page.title, terms),
            url=page.get_url(self.request) or "",
            snippet=highlight.snippet(separated(parts), terms),
            date=page.start if is_event else None,
            is_internal=visibility.is_internal_page(self.request, page),
            extra=extra,
        )


class DocumentSource(Source):
    key = "document"
    rank_columns = ("title", "category__name")

    @staticmethod
    def rank_fields(values):
        title, category = values
        return title, None, category

    def visible_queryset(self):
        return visibility.visible_documents(self.request, get_document_model().objects.all())

    def load(self, pks):
        documents = visibility.visible_documents(
            self.request, get_document_model().objects.filter(pk__in=pks).select_related("collection")
        )
        terms = self.search.terms
        results = {}
        for document in documents:
            extension = (document.file_extension or "").upper()
            parts = (getattr(document, "description", ""), getattr(document, "extracted_text", ""))
            body = separated(parts)
            results[document.pk] = Result(
                kind="document",
                label=f"Dokument ({extension})" if extension else "Dokument",
                title=highlight.highlight(document.title, terms),
                url=document.url,
                snippet=highlight.snippet(body, terms),
                date=getattr(document, "publication_date", None) or document.created_at,
                is_internal=visibility.is_internal_document(self.request, document),
            )
        return results


class KommuneSource(Source):
    key = "kommune"
    rank_columns = ("name",)

    def visible_queryset(self):
        from participants.models import Kommune

        return Kommune.objects.all()

    @cached_property
    def directory_url(self):
        from participants.models import ParticipantIndexPage

        page = visibility.visible_pages(self.request, ParticipantIndexPage.objects.all()).first()
        return page.get_url(self.request) if page else ""

    def load(self, pks):
        from participants.models import Kommune

        terms = self.search.terms
        results = {}
        for kommune in Kommune.objects.filter(pk__in=pks).select_related("vergleichsring"):
            results[kommune.pk] = Result(
                kind="kommune",
                label="Optionskommune",
                title=highlight.highlight(kommune.name, terms),
                url=f"{self.directory_url}#{kommune.anchor}" if self.directory_url else (kommune.website or ""),
                snippet=highlight.snippet(kommune.search_summary, terms),
            )
        return results


SOURCES = (PageSource, DocumentSource, KommuneSource)


class SiteSearch:
    """The site search for one request."""

    def __init__(self, request, query: str):
        self.request = request
        self.query = query
        from search.models import synonym_map

        synonyms = synonym_map()
        self.terms = highlight.QueryTerms(query, synonyms)
        self.search_query = build_query(query, synonyms)
        self.whole_query = build_whole_query(query, synonyms)
        self.backend = get_search_backend()
        self.sources = {source.key: source(self) for source in SOURCES}

    @property
    def is_searchable(self) -> bool:
        """False for queries without a meaningful word (only punctuation or stop words)."""
        return bool(text.stems(self.query))

    # --- ranking --------------------------------------------------------------------------------

    def _ranked(self, source, exclude_pks=()):
        """[(sort_key, source_key, pk)] best first, and the exact number of hits."""
        ascending = getattr(self.backend, "scores_ascending", None)
        if ascending is None:
            return self._ranked_external(source, exclude_pks)
        # The ranked queryset depends only on the source, on what the request may not see and
        # on the promoted pages left out.
        key = (source.key, fragmentcache.fingerprint(self.request), tuple(sorted(exclude_pks)))
        rows = self._ranked_rows(lambda: source.ranking_queryset(exclude_pks), source.rank_columns, key)
        total = rows[0][2] if rows else 0
        sign = 1 if ascending else -1
        now = timezone.now()
        return [
            (
                self._sort_key(source.rank_fields(row[4:]), row[3], sign * (row[1] or 0.0), now),
                source.key,
                row[0],
            )
            for row in rows
        ], total

    def _ranked_rows(self, make_queryset, columns, key=None):
        """[(pk, score, total, is_whole, *columns)], best first, at most MAX_HITS."""
        if getattr(self.backend, "direct_ranking", False):
            try:
                return pg_ranking.ranked_rows(
                    self.search_query,
                    make_queryset,
                    columns,
                    MAX_HITS,
                    config=self.backend.config,
                    whole_query=self.whole_query,
                    key=key,
                )
            except pg_ranking.Unsupported:
                pass
        queryset = make_queryset()
        # COUNT(*) OVER () is evaluated after the backend's match condition and before LIMIT:
        # the exact number of hits comes with the ranked ids, without a second query.
        queryset = queryset.only("pk").annotate(_hits_total=Window(Count("pk")))
        results = self.backend.search(self.search_query, queryset).annotate_score("_score")[:MAX_HITS]
        # The database backends expose their ranked queryset: read (pk, score, total, fields for
        # the ranking) tuples instead of building up to MAX_HITS model instances per source.
        rows = list(results.get_queryset().values_list("pk", "_score", "_hits_total", *columns))
        whole = self._whole_word_hits(queryset.model, [row[0] for row in rows])
        return [(*row[:3], row[0] in whole, *row[3:]) for row in rows]

    def _sources_with_matches(self, promoted_pks):
        """The keys of the sources with at least one visible match — on PostgreSQL one cheap
        statement for all of them, so that one-off terms without hits skip the ranking; with
        other backends every source."""
        every = set(self.sources)
        if not getattr(self.backend, "direct_ranking", False) or self.search_query is None:
            return every
        sources = list(self.sources.values())
        checks = []
        for source in sources:
            exclude_pks = tuple(sorted(promoted_pks)) if source.key == "page" else ()
            key = (source.key, fragmentcache.fingerprint(self.request), exclude_pks)
            checks.append((lambda source=source, exclude=exclude_pks: source.matching_queryset(exclude), key))
        try:
            flags = pg_ranking.sources_with_matches(self.search_query, checks, config=self.backend.config)
        except pg_ranking.Unsupported:
            return every
        return {source.key for source, flag in zip(sources, flags, strict=True) if flag}

    def _whole_word_hits(self, model, pks):
        """The hits that contain every query word (or a synonym) as a whole word — one query."""
        if not pks or self.whole_query is None:
            return frozenset()
        results = self.backend.search(self.whole_query, model.objects.filter(pk__in=pks).only("pk"))
        return frozenset(results.get_queryset().values_list("pk", flat=True))

    def _sort_key(self, fields, is_whole, score, now):
        """The ranking (see docs/search.md): exact phrase in the title, then how well the title
        matches, then the event type; among results that are equally good on these, events
        that are coming up (soonest first), then past events (most recent first); then the
        backend's text score (title weighted above body). Hits that contain the words themselves
        come before hits that contain them only inside compounds."""
        title, start, event_type = fields
        phrase = self.terms.is_phrase_in(title)
        title_score = self.terms.field_score(title)
        type_score = self.terms.field_score(event_type) if event_type else 0
        if start is not None and (title_score or type_score):
            date_key = (0, start.timestamp()) if start >= now else (1, -start.timestamp())
        else:
            date_key = (2, 0)
        return (-int(phrase), -title_score, -type_score, -int(is_whole), date_key, score)

    def _ranked_external(self, source, exclude_pks=()):
        """For search servers (Elasticsearch/OpenSearch), which cannot evaluate the visibility rule's
        path conditions: rank the model's objects, then keep only those in the visible queryset."""
        model = source.model()
        results = self.backend.search(self.query, model.objects.all()).annotate_score("_score")
        candidates = [(obj.pk, obj._score or 0.0) for obj in results[: MAX_HITS * 2]]
        visible = set(
            source.visible_queryset()
            .filter(pk__in=[pk for pk, _ in candidates])
            .exclude(pk__in=exclude_pks)
            .values_list("pk", flat=True)
        )
        hits = [((0, 0, 0, 0, (2, 0), -score), source.key, pk) for pk, score in candidates if pk in visible][:MAX_HITS]
        return hits, len(hits)

    # --- promotions -----------------------------------------------------------------------------

    def promotions(self):
        """Editors' promoted results for this query, minus pages this request may not see."""
        from wagtail.contrib.search_promotions.models import SearchPromotion

        query_string = normalise_query_string(self.query)
        # The few terms that have promotions, shared by all readers until the next change of
        # content (saving or deleting a promotion drops it): most searches need no query here.
        promoted_terms = datacache.get_or_build(
            self.request,
            "promoted-search-terms",
            (),
            lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
        )
        if query_string not in promoted_terms:
            return [], set()
        picks = list(
            SearchPromotion.objects.filter(query__query_string=query_string)
            .select_related("page")
            .order_by("sort_order")
        )
        page_ids = [pick.page_id for pick in picks if pick.page_id]
        visible_ids = set()
        if page_ids:
            visible = visibility.visible_pages(self.request, Page.objects.filter(pk__in=page_ids))
            visible_ids = set(visible.values_list("pk", flat=True))
        promotions = []
        for pick in picks:
            if pick.page_id:
                if pick.page_id not in visible_ids:
                    continue
                promotions.append(_page_promotion(pick, self.request))
            elif pick.external_link_url:
                promotions.append(
                    Promotion(
                        title=pick.external_link_text or pick.external_link_url,
                        url=pick.external_link_url,
                        description=pick.description,
                        is_external=True,
                    )
                )
        return promotions, visible_ids

    # --- the whole thing ------------------------------------------------------------------------

    def _merged(self, promoted_pks):
        """All sources' hits in one ranked list (at most MAX_HITS), and the exact number of hits."""
        ranked_lists = []
        total = 0
        matching = self._sources_with_matches(promoted_pks)
        for source in self.sources.values():
            if source.key not in matching:
                continue
            hits, source_total = self._ranked(source, exclude_pks=promoted_pks if source.key == "page" else ())
            ranked_lists.append(hits)
            total += source_total
        return list(heapq.merge(*(sorted(hits) for hits in ranked_lists)))[:MAX_HITS], total

    def run(self, raw_page) -> SearchOutcome:
        outcome = SearchOutcome(query=self.query)
        promotions, promoted_pks = self.promotions()

        # A broad term (thousands of hits) costs most of its time in ranking them: its ranked
        # list is shared by every reader who may see the same (fingerprint), until the next
        # change of content (ops/datacache.py). Narrow terms are ranked again — cheaper than
        # storing every one-off search.
        merged, outcome.total = datacache.get_or_build(
            self.request,
            "search-ranking",
            (self.query, fragmentcache.fingerprint(self.request), tuple(sorted(promoted_pks))),
            lambda: self._merged(promoted_pks),
            keep=lambda value: value[1] >= SHARED_RANKING_MIN_HITS,
        )
        outcome.shown_total = len(merged)

        paginator = Paginator(merged, PAGE_SIZE, allow_empty_first_page=True)
        number = parse_page_number(raw_page)
        if number is None:
            outcome.page_notice = "Die angegebene Seitenzahl ist ungültig; angezeigt wird die erste Seite."
            number = 1
        elif number > paginator.num_pages:
            if merged:
                outcome.page_notice = (
                    f"Seite {number} gibt es nicht; angezeigt wird die letzte Seite ({paginator.num_pages})."
                )
            number = paginator.num_pages
        paginator_page = paginator.page(number)
        outcome.paginator_page = paginator_page
        if number == 1:
            outcome.promotions = promotions

        wanted: dict[str, list[int]] = {}
        for _score, key, pk in paginator_page.object_list:
            wanted.setdefault(key, []).append(pk)
        loaded = {key: self.sources[key].load(pks) for key, pks in wanted.items()}
        outcome.results = [
            loaded[key][pk] for _score, key, pk in paginator_page.object_list if pk in loaded.get(key, {})
        ]
        return outcome


def _page_promotion(pick, request) -> Promotion:
    page = pick.page
    return Promotion(
        title=page.title,
        url=page.get_url(request) or "",
        description=pick.description or page.search_description,
    )
