from django import forms
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.template.defaultfilters import filesizeformat
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from documents_app.filetypes import TYPE_GROUPS, label_for
from home.models.pages import IntroBodyPage


@register_snippet
class DocumentCategory(models.Model):
    """A category of the document library (e.g. Präsentation, Dokumentation, Bericht)."""

    name = models.CharField("Name", max_length=100, unique=True, help_text="Name der Kategorie, z. B. „Bericht“.")
    sort_order = models.PositiveSmallIntegerField(
        "Reihenfolge", default=0, help_text="Kleinere Zahlen stehen in Filterlisten weiter oben."
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Dokumentkategorie"
        verbose_name_plural = "Dokumentkategorien"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class BlokDocumentQuerySet(models.QuerySet):
    def with_date(self):
        """Annotate ``display_date``: the publication date, else the upload day."""
        return self.annotate(display_date=Coalesce("publication_date", TruncDate("created_at")))


class BlokDocument(AbstractDocument):
    """Document with the metadata the library and the search need.

    Which collection a document lives in decides who may download it: the collection "Intern" is
    restricted to the group "Mitglieder" (see home/visibility.py).
    """

    description = models.TextField("Beschreibung", blank=True, help_text="Worum geht es in dem Dokument?")
    category = models.ForeignKey(
        DocumentCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name="Kategorie",
        help_text="Ordnet das Dokument in der Dokumentbibliothek einer Kategorie zu.",
    )
    publication_date = models.DateField(
        "Veröffentlichungsdatum", null=True, blank=True, help_text="Datum des Dokuments (nicht des Hochladens)."
    )
    extracted_text = models.TextField(
        "Extrahierter Volltext", blank=True, editable=False, help_text="Automatisch aus der Datei gewonnen."
    )
    extracted_from_hash = models.CharField(
        "Volltext stammt aus Datei (Prüfsumme)",
        max_length=40,
        blank=True,
        editable=False,
        help_text="Prüfsumme der Datei, aus der der Volltext gewonnen wurde.",
    )

    extraction_note = models.TextField(
        "Hinweis zur Volltextsuche",
        blank=True,
        editable=False,
        help_text="Warum der Text der Datei nicht gelesen werden konnte (leer, wenn alles in Ordnung ist).",
    )

    objects = BlokDocumentQuerySet.as_manager()

    admin_form_fields = (*Document.admin_form_fields, "description", "category", "publication_date")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        # The reader's words for a document: its category ("Präsentation") and year.
        index.RelatedFields("category", [index.SearchField("name")]),
        index.SearchField("search_date_words"),
        index.FilterField("category"),
        index.FilterField("publication_date"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"

    def search_date_words(self):
        """Month name and year of the document's date for the search ("März 2019")."""
        from search.text import date_words

        return date_words(self.publication_date)

    @property
    def type_label(self):
        return label_for(self.filename)

    @property
    def size_label(self):
        """German file size ("1,2 MB") from the stored size; never opens the file."""
        return filesizeformat(self.file_size) if self.file_size else ""

    @property
    def date(self):
        return self.publication_date or (self.created_at.date() if self.created_at else None)


class DocumentIndexPage(IntroBodyPage):
    """The Dokumente library page: documents of chosen collections with filters, sort and pages.

    Only documents the request may see are listed (the visibility rule filters in SQL), so the
    same page shows members the internal documents and everybody else the public ones.
    """

    collections = ParentalManyToManyField(
        "wagtailcore.Collection",
        blank=True,
        related_name="+",
        verbose_name="Sammlungen",
        help_text=(
            "Dokumente welcher Sammlungen (einschließlich ihrer Untersammlungen) gezeigt werden. "
            "Leer lassen für alle. Dokumente der Sammlung „Intern“ sehen nur Mitglieder."
        ),
    )
    per_page = models.PositiveSmallIntegerField(
        "Dokumente pro Seite",
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="Wie viele Dokumente auf einer Seite der Liste stehen (5–100).",
    )

    content_panels = [
        *IntroBodyPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("collections", widget=forms.CheckboxSelectMultiple), FieldPanel("per_page")],
            heading="Liste",
        ),
    ]

    parent_page_types = ["home.HomePage", "home.InternalAreaPage"]
    subpage_types = []
    template = "documents_app/document_index_page.html"

    SORTS = {"neu": ("Neueste zuerst", ["-display_date", "-pk"]), "titel": ("Titel (A–Z)", ["title", "pk"])}

    class Meta:
        verbose_name = "Dokumentbibliothek"
        verbose_name_plural = "Dokumentbibliotheken"

    def base_documents(self, request):
        """The documents of this library that the request may see."""
        from home import visibility
        from ops import datacache

        queryset = BlokDocument.objects.all()
        # The library's collections: the same for every reader, until the next change of content.
        paths = datacache.get_or_build(
            request,
            "library-collections",
            self.pk,
            lambda: [collection.path for collection in self.collections.all()],
        )
        if paths:
            condition = Q()
            for path in paths:
                condition |= Q(collection__path__startswith=path)
            queryset = queryset.filter(condition)
        return visibility.visible_documents(request, queryset)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = DocumentFilters(request.GET)

        # Lists and facets are built and evaluated only when the template shows them: a library
        # taken from the fragment cache (ops/fragmentcache.py) costs no query and no query building.
        # The database reduces the documents to their distinct years (one row per year).
        base = []

        def all_documents():
            if not base:
                base.append(self.base_documents(request).with_date())
            return base[0]

        # Categories and years of the visible documents in one query: their distinct pairs.
        facets = SimpleLazyObject(lambda: _facets(all_documents()))
        years = SimpleLazyObject(lambda: facets[1])
        categories = SimpleLazyObject(lambda: facets[0])

        def listing():
            documents = all_documents()
            if filters.text:
                documents = documents.filter(Q(title__icontains=filters.text) | Q(description__icontains=filters.text))
            if filters.category is not None:
                documents = documents.filter(category_id=filters.category)
            if filters.year is not None:
                documents = documents.filter(display_date__year=filters.year)
            if filters.file_type:
                extensions = {value: exts for value, _label, exts in TYPE_GROUPS}[filters.file_type]
                condition = Q()
                for extension in extensions:
                    condition |= Q(file__iendswith=f".{extension}")
                documents = documents.filter(condition)
            return (
                documents.select_related("category", "collection")
                .defer("extracted_text")  # the search index's copy of the file's text; lists never show it
                .order_by(*self.SORTS[filters.sort][1])
            )

        per_page = max(5, min(self.per_page or 20, 100))
        paginator_page = SimpleLazyObject(lambda: Paginator(listing(), per_page).get_page(request.GET.get("page")))
        context.update(
            {
                "documents": SimpleLazyObject(lambda: paginator_page.object_list),
                "paginator_page": paginator_page,
                "filters": filters,
                "years": years,
                "categories": categories,
                "type_groups": [(value, label) for value, label, _exts in TYPE_GROUPS],
                "sorts": [(key, label) for key, (label, _order) in self.SORTS.items()],
                "query_string": filters.query_string(),
            }
        )
        return context


def _facets(documents):
    """([categories], [years, newest first]) that ``documents`` have — one query: the distinct
    (category, year) pairs, a few dozen rows however many documents there are."""
    rows = (
        documents.annotate(year=ExtractYear("display_date"))
        .order_by("category__sort_order", "category__name", "category_id")
        .values_list("category_id", "category__name", "category__sort_order", "year")
        .distinct()
    )
    categories = {}
    years = set()
    for category_id, name, sort_order, year in rows:
        if category_id is not None and category_id not in categories:
            categories[category_id] = DocumentCategory(pk=category_id, name=name, sort_order=sort_order)
        if year:
            years.add(year)
    return list(categories.values()), sorted(years, reverse=True)


class DocumentFilters:
    """The library's filters from the query string; unknown or malformed values are ignored."""

    def __init__(self, data):
        self.text = (data.get("q") or "").strip()[:200]
        self.category = _int_or_none(data.get("kategorie"))
        self.year = _int_or_none(data.get("jahr"))
        if self.year is not None and not 1900 <= self.year <= 2999:
            self.year = None
        file_type = data.get("typ") or ""
        self.file_type = file_type if file_type in {value for value, _l, _e in TYPE_GROUPS} else ""
        sort = data.get("sortierung") or "neu"
        self.sort = sort if sort in DocumentIndexPage.SORTS else "neu"

    @cached_property
    def active(self):
        return bool(self.text or self.category or self.year or self.file_type)

    def query_string(self):
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for key, value in (
            ("q", self.text),
            ("kategorie", self.category),
            ("jahr", self.year),
            ("typ", self.file_type),
            ("sortierung", self.sort if self.sort != "neu" else ""),
        ):
            if value not in ("", None):
                query[key] = str(value)
        return query.urlencode()


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
