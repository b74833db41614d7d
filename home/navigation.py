"""Menu, breadcrumbs and footer links, built from the page tree through the visibility rule.

The top level of the tree (the start page's children) is read once per request and shared by the
main menu and the footer, so that navigation costs a fixed, small number of queries.
"""

from wagtail.models import Site

from home import visibility
from ops import datacache

_TOP_LEVEL_ATTR = "_blok_top_level"


def site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page if site else None


def top_level(request):
    """The live children of the start page, in tree order (memoised on the request)."""
    cached = getattr(request, _TOP_LEVEL_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    root = site_root(request)
    pages = []
    if root is not None:
        # The same for every reader (the visibility rule filters it per request).
        pages = datacache.get_or_build(request, "top-level", root.pk, lambda: list(root.get_children().live()))
    if request is not None:
        setattr(request, _TOP_LEVEL_ATTR, pages)
    return pages


def menu_items(request):
    """The main menu: the start page, then its children marked "in menu" that the request may see.

    The Interner Bereich stays in the menu for everybody (its entry leads to the login).
    """
    root = site_root(request)
    if root is None:
        return []
    children = [
        page for page in top_level(request) if page.show_in_menus and visibility.can_see_in_menu(request, page)
    ]
    return [root, *children]


def section_items(request, page):
    """Visible menu children of the current top-level section (second navigation level)."""
    root = site_root(request)
    if root is None or page is None or page.depth <= root.depth or not page.path.startswith(root.path):
        return None, []
    if page.depth == root.depth + 1:
        section = page
    else:
        section = next((p for p in breadcrumb_items(request, page) if p.depth == root.depth + 1), None)
    if section is None or not section.numchild or not visibility.can_see_page(request, section):
        return section, []
    children = visibility.visible_pages(request, section.get_children().in_menu())
    return section, list(children)


def breadcrumb_items(request, page):
    root = site_root(request)
    if root is None or page is None or not page.path.startswith(root.path):
        return []
    if page.depth == root.depth:
        return [root]
    if page.depth == root.depth + 1:
        return [root, page]
    memo = getattr(request, "_blok_ancestors", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._blok_ancestors = memo
    if page.pk not in memo:
        memo[page.pk] = routed_ancestors(page, root) or list(
            page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
        )
    return memo[page.pk]


def routed_ancestors(page, root):
    """``page`` and its ancestors up to ``root`` (root first) as Wagtail's routing left them: each
    page it routed through is remembered as the child's ``_cached_parent_obj`` (treebeard's
    ``get_parent`` reads the same attribute). None where that chain does not reach ``root``, e.g.
    for a preview."""
    chain = [page]
    current = page
    while current.depth > root.depth:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or parent.depth != current.depth - 1 or not current.path.startswith(parent.path):
            return None
        chain.append(parent)
        current = parent
    if current.pk != root.pk:
        return None
    chain.reverse()
    return chain


def legal_pages(request):
    """The Impressum, Datenschutz and Barrierefreiheit pages, keyed by model name (footer links)."""
    from home.models import AccessibilityPage, ImpressumPage, PrivacyPage

    legal_models = {ImpressumPage: "impressumpage", PrivacyPage: "privacypage", AccessibilityPage: "accessibilitypage"}
    found = {}
    for page in top_level(request):
        key = legal_models.get(page.specific_class)
        if key and key not in found and visibility.can_see_page(request, page):
            found[key] = page
    return found
