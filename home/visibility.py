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

An *alias* (Wagtail's "Alias erstellen") carries a copy of its source page's content, so it is
judged by both places: its subtree is hidden where the alias itself or its source lies in a subtree
the request does not pass, and it is served with the restrictions of both places. (Wagtail's own
check on an alias reads only the restrictions set on the source page itself, not the ones the
source inherits; an alias of a page below the Interner Bereich would be public.)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, Value
from django.db.models.functions import Left
from django.db.models.lookups import In
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

_REQUEST_ATTR = "_blok_visibility"


@dataclass(frozen=True)
class Visibility:
    hidden_page_paths: tuple[str, ...]
    hidden_collection_paths: tuple[str, ...]
    restricted_page_paths: tuple[str, ...]
    restricted_collection_paths: tuple[str, ...]
    door_page_paths: frozenset[str]
    # (tree path, id) of every page view restriction: what served_page_restrictions reads.
    page_restrictions: tuple[tuple[str, int], ...] = ()
    # (alias path, source path) of every alias page.
    page_aliases: tuple[tuple[str, str], ...] = ()


def _user_group_ids(request) -> frozenset[int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    from ops import authcache

    stored = authcache.group_ids(request)
    if stored is not None:
        return stored
    return frozenset(user.groups.values_list("id", flat=True))


def _accepts(kind, restriction_id, restriction_type, group_ids, request, user_groups) -> bool:
    """The semantics of Wagtail's ``BaseViewRestriction.accept_request``, evaluated on prefetched
    rows so that the whole rule costs one query per request (plus one for a member's groups)."""
    user = getattr(request, "user", None) if request is not None else None
    if restriction_type == PageViewRestriction.PASSWORD:
        session = getattr(request, "session", None)
        model = PageViewRestriction if kind == "page" else CollectionViewRestriction
        return session is not None and restriction_id in session.get(model.passed_view_restrictions_session_key, [])
    if restriction_type == PageViewRestriction.LOGIN:
        return bool(user is not None and user.is_authenticated)
    if restriction_type == PageViewRestriction.GROUPS:
        if user is None or not user.is_authenticated:
            return False
        return user.is_superuser or bool(user_groups() & group_ids)
    return True


def _restriction_rows():
    """All page and collection restrictions with their groups, and every alias page with the path
    of its source, in a single query."""
    # Wagtail copies a page's restrictions to its aliases but ignores them there (an alias has its
    # source's restrictions); so do we.
    pages = PageViewRestriction.objects.filter(page__alias_of__isnull=True).values_list(
        Value("page", output_field=CharField()),
        "id",
        "page__path",
        "restriction_type",
        "groups__id",
        "page__content_type_id",
    )
    collections = CollectionViewRestriction.objects.values_list(
        Value("collection", output_field=CharField()),
        "id",
        "collection__path",
        "restriction_type",
        "groups__id",
        Value(0, output_field=IntegerField()),
    )
    # For an alias the fourth column is its source's path.
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .order_by()
        .values_list(
            Value("alias", output_field=CharField()),
            "id",
            "path",
            "alias_of__path",
            Value(None, output_field=IntegerField()),
            Value(0, output_field=IntegerField()),
        )
    )
    return pages.union(collections, aliases, all=True)


def _spread_over_aliases(roots, aliases):
    """``roots`` (subtree paths) and the paths of the aliases whose source lies in one of them —
    repeated, because a source may itself lie below an alias."""
    roots = list(roots)
    changed = True
    while changed:
        changed = False
        for alias_path, source_path in aliases:
            if _under(source_path, roots) and not _under(alias_path, roots):
                roots.append(alias_path)
                changed = True
    return roots


def _compute(request) -> Visibility:
    # Imported here: home.models imports the block library, which uses this module's callers.
    from home.models import InternalAreaPage
    from ops import datacache

    door_type = ContentType.objects.get_for_model(InternalAreaPage).pk
    # The rows are the site's restrictions, the same for every request: shared through the data
    # cache and dropped with every change to restrictions, their groups or the page tree
    # (ops/pagecache.py). Whether *this* request passes them is decided below, per request.
    rows = datacache.get_or_build(request, "restriction-rows", (), lambda: list(_restriction_rows()))
    restrictions = {}
    aliases = []
    for kind, restriction_id, path, restriction_type, group_id, content_type_id in rows:
        if kind == "alias":
            aliases.append((path, restriction_type))
            continue
        entry = restrictions.setdefault(
            (kind, restriction_id),
            {"path": path, "type": restriction_type, "groups": set(), "door": content_type_id == door_type},
        )
        if group_id is not None:
            entry["groups"].add(group_id)

    user_groups_cache = []

    def user_groups():
        if not user_groups_cache:
            user_groups_cache.append(_user_group_ids(request))
        return user_groups_cache[0]

    hidden = {"page": [], "collection": []}
    restricted = {"page": [], "collection": []}
    doors = set()
    page_restrictions = []
    for (kind, restriction_id), entry in sorted(restrictions.items(), key=lambda item: item[1]["path"]):
        restricted[kind].append(entry["path"])
        if kind == "page":
            page_restrictions.append((entry["path"], restriction_id))
        if kind == "page" and entry["door"]:
            doors.add(entry["path"])
        if not _accepts(kind, restriction_id, entry["type"], entry["groups"], request, user_groups):
            hidden[kind].append(entry["path"])
    aliases.sort()
    return Visibility(
        hidden_page_paths=tuple(_spread_over_aliases(hidden["page"], aliases)),
        hidden_collection_paths=tuple(hidden["collection"]),
        restricted_page_paths=tuple(_spread_over_aliases(restricted["page"], aliases)),
        restricted_collection_paths=tuple(restricted["collection"]),
        door_page_paths=frozenset(doors),
        page_restrictions=tuple(page_restrictions),
        page_aliases=tuple(aliases),
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


def served_restriction_ids(request, page) -> list[int]:
    """The ids of the view restrictions the page this request is served must pass: those of the
    page and its ancestors and, where the page or an ancestor is an alias, those of the source
    page and *its* ancestors. For a page without aliases above it this is exactly Wagtail's
    ``page.get_view_restrictions()``; for an alias it adds what the source inherits."""
    facts = get_visibility(request)
    # The page's own place and, for every alias at or above a place, its source's place.
    places = [page.path]
    changed = True
    while changed:
        changed = False
        for alias_path, source_path in facts.page_aliases:
            if source_path not in places and _under_any(places, alias_path):
                places.append(source_path)
                changed = True
    return [restriction_id for path, restriction_id in facts.page_restrictions if _under_any(places, path)]


def served_page_restrictions(request, page):
    """The restrictions (``PageViewRestriction`` rows, groups loaded) of the page this request is
    served, from the rows the visibility facts already hold: no query for a page without
    restrictions; a restricted page's rows are shared through the data cache. Whether the visitor
    passes is still decided by Wagtail (``accept_request``)."""
    from ops import datacache

    ids = served_restriction_ids(request, page)
    if not ids:
        return []
    return datacache.get_or_build(request, "view-restrictions", tuple(ids), lambda: _load_restrictions(ids))


def _load_restrictions(ids):
    """The rows with their groups loaded where Wagtail's ``accept_request`` reads them."""
    from django.db.models import prefetch_related_objects

    rows = list(PageViewRestriction.objects.filter(pk__in=ids))
    prefetch_related_objects([r for r in rows if r.restriction_type == PageViewRestriction.GROUPS], "groups")
    return rows


class AnonymousReader:
    """Stands for "an anonymous reader" where there is no request (search indexing, feeds):
    unlike ``None`` it memoises the visibility facts, so checking many objects costs one query."""

    session = None

    def __init__(self):
        from django.contrib.auth.models import AnonymousUser

        self.user = AnonymousUser()


def forget(request) -> None:
    """Drop the memoised facts (after login/logout within the same request)."""
    if request is not None and hasattr(request, _REQUEST_ATTR):
        delattr(request, _REQUEST_ATTR)


def _under(path: str, roots) -> bool:
    return any(path.startswith(root) for root in roots)


def _under_any(paths, root: str) -> bool:
    return any(path.startswith(root) for path in paths)


def _outermost(roots):
    """The roots that no other root contains (a subtree inside a hidden subtree adds nothing)."""
    kept = []
    for root in sorted(roots):
        if not kept or not root.startswith(kept[-1]):
            kept.append(root)
    return kept


def _path_condition(field: str, roots) -> Q:
    """``field`` lies in one of the subtrees: one ``LEFT(path, n) IN (…)`` per path length instead
    of one ``LIKE`` per subtree (tree paths of the same depth have the same length). Building and
    compiling the condition is part of every render; with ten rings it was most of a listing's
    query cost."""
    by_length: dict[int, list[str]] = {}
    for root in _outermost(roots):
        by_length.setdefault(len(root), []).append(root)
    condition = Q()
    for length, group in sorted(by_length.items()):
        if len(group) == 1:
            condition |= Q(**{f"{field}__startswith": group[0]})
        else:
            condition |= Q(In(Left(field, length), group))
    return condition


def _exclude_paths(queryset, field: str, roots):
    return queryset.exclude(_path_condition(field, roots)) if roots else queryset


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
    condition = _path_condition("path", visibility.hidden_page_paths)
    if include_doors and visibility.door_page_paths:
        condition &= ~Q(path__in=visibility.door_page_paths)
    return queryset.exclude(condition)


def can_see_page(request, page) -> bool:
    if page is None or not page.live:
        return False
    return not _under(page.path, get_visibility(request).hidden_page_paths)


def is_internal_page(request, page) -> bool:
    """True if the page lies in a restricted subtree (shown to members with the mark "intern")."""
    return _under(page.path, get_visibility(request).restricted_page_paths)


def is_door(request, page) -> bool:
    return page.path in get_visibility(request).door_page_paths


def can_see_in_menu(request, page) -> bool:
    """Visible, or the door of the members' area (its menu entry leads to the login)."""
    return page.live and (can_see_page(request, page) or is_door(request, page))


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
