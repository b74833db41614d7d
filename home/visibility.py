"""The visibility rule: the one place where the site decides what a request may see.

Wagtail stores privacy as ``PageViewRestriction`` (a page and its whole subtree) and
``CollectionViewRestriction`` (the documents of a collection and its sub-collections). Wagtail's
own search, ``.live().in_menu()`` menus and most listings ignore those restrictions, so every
channel of this site — menus, listings, teaser blocks, search, sitemap, feeds, iCal, document
downloads and links — asks this module instead.

Per request we compute once (memoised on the request) the tree paths of the restricted subtrees
the request does *not* pass. Filtering is then a handful of ``path__startswith`` conditions.

Members-only content lives under one root, the Interner Bereich. That root is a *door*: its
title stays in the main menu for everybody (the menu entry leads to the login), while its content
and everything below it stays hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

_REQUEST_ATTR = "_blok_visibility"


@dataclass(frozen=True)
class Visibility:
    hidden_page_paths: tuple[str, ...]
    hidden_collection_paths: tuple[str, ...]
    restricted_page_paths: tuple[str, ...]
    restricted_collection_paths: tuple[str, ...]
    door_page_ids: frozenset[int]


def _passes(restriction, request) -> bool:
    if request is None or not hasattr(request, "user"):
        # No user information: only restrictions that nobody could pass apply -> hide.
        return False
    return restriction.accept_request(request)


def _compute(request) -> Visibility:
    # Imported here: InternalAreaPage lives in home.models, which imports blocks, which may
    # import this module indirectly.
    from home.models import InternalAreaPage

    page_restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups").order_by("page__path")
    )
    collection_restrictions = list(
        CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    )
    hidden_pages = tuple(r.page.path for r in page_restrictions if not _passes(r, request))
    hidden_collections = tuple(r.collection.path for r in collection_restrictions if not _passes(r, request))
    door_ids = frozenset(r.page_id for r in page_restrictions if r.page.specific_class is InternalAreaPage)
    return Visibility(
        hidden_page_paths=hidden_pages,
        hidden_collection_paths=hidden_collections,
        restricted_page_paths=tuple(r.page.path for r in page_restrictions),
        restricted_collection_paths=tuple(r.collection.path for r in collection_restrictions),
        door_page_ids=door_ids,
    )


def get_visibility(request) -> Visibility:
    """The memoised visibility facts for this request (anonymous if ``request`` is None)."""
    if request is None:
        return _compute(None)
    cached = getattr(request, _REQUEST_ATTR, None)
    if cached is None:
        cached = _compute(request)
        setattr(request, _REQUEST_ATTR, cached)
    return cached


def forget(request) -> None:
    """Drop the memoised facts (after login/logout within the same request)."""
    if request is not None and hasattr(request, _REQUEST_ATTR):
        delattr(request, _REQUEST_ATTR)


def _under(path: str, roots) -> bool:
    return any(path.startswith(root) for root in roots)


def _exclude_paths(queryset, field: str, roots):
    condition = Q()
    for root in roots:
        condition |= Q(**{f"{field}__startswith": root})
    return queryset.exclude(condition) if roots else queryset


# --- Pages ------------------------------------------------------------------------------------


def visible_pages(request, queryset=None, *, include_doors: bool = False):
    """Live pages this request may see.

    ``queryset`` may be any page queryset (``EventPage.objects.all()``, ``Page.objects.type(…)``);
    the result stays a queryset of the same model. With ``include_doors`` the roots of the members
    area stay in (for the main menu), but nothing below them.
    """
    queryset = (Page.objects.all() if queryset is None else queryset).live()
    visibility = get_visibility(request)
    if not visibility.hidden_page_paths:
        return queryset
    condition = Q()
    for root in visibility.hidden_page_paths:
        condition |= Q(path__startswith=root)
    if include_doors and visibility.door_page_ids:
        condition &= ~Q(pk__in=visibility.door_page_ids)
    return queryset.exclude(condition)


def can_see_page(request, page) -> bool:
    if page is None or not page.live:
        return False
    return not _under(page.path, get_visibility(request).hidden_page_paths)


def is_internal_page(request, page) -> bool:
    """True if the page lies in a restricted subtree (shown to members with the mark "intern")."""
    return _under(page.path, get_visibility(request).restricted_page_paths)


def is_door(request, page) -> bool:
    return page.pk in get_visibility(request).door_page_ids


# --- Documents --------------------------------------------------------------------------------


def visible_documents(request, queryset=None):
    """Documents whose collection this request may see."""
    if queryset is None:
        from wagtail.documents import get_document_model

        queryset = get_document_model().objects.all()
    return _exclude_paths(queryset, "collection__path", get_visibility(request).hidden_collection_paths)


def _collection_path(document) -> str:
    collection = getattr(document, "collection", None)
    if collection is None:
        collection = Collection.objects.get(pk=document.collection_id)
    return collection.path


def can_see_document(request, document) -> bool:
    if document is None:
        return False
    return not _under(_collection_path(document), get_visibility(request).hidden_collection_paths)


def is_internal_document(request, document) -> bool:
    return _under(_collection_path(document), get_visibility(request).restricted_collection_paths)


# --- Either -----------------------------------------------------------------------------------


def can_see(request, obj) -> bool:
    """Whether this request may see a page or a document."""
    if isinstance(obj, Page):
        return can_see_page(request, obj)
    if hasattr(obj, "collection_id") and hasattr(obj, "file"):
        return can_see_document(request, obj)
    raise TypeError(f"can_see() does not know objects of type {type(obj).__name__}")


def is_internal(request, obj) -> bool:
    if isinstance(obj, Page):
        return is_internal_page(request, obj)
    return is_internal_document(request, obj)
