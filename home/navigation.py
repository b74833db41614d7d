"""Menu, breadcrumbs and footer links, built from the page tree through the visibility rule."""

from wagtail.models import Page, Site

from home import visibility


def site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page if site else None


def menu_items(request):
    """The main menu: the start page, then its visible children marked "in menu", in tree order."""
    root = site_root(request)
    if root is None:
        return []
    children = visibility.visible_pages(request, root.get_children().in_menu(), include_doors=True)
    return [root, *children.only("id", "path", "depth", "title", "url_path", "draft_title", "slug")]


def section_items(request, page):
    """Visible menu children of the current top-level section (second navigation level)."""
    root = site_root(request)
    if root is None or page is None or page.depth <= root.depth:
        return None, []
    section = page if page.depth == root.depth + 1 else page.get_ancestors().filter(depth=root.depth + 1).first()
    if section is None or not visibility.can_see_page(request, section):
        return section, []
    children = visibility.visible_pages(request, section.get_children().in_menu())
    return section, list(children)


def breadcrumb_items(request, page):
    root = site_root(request)
    if root is None or page is None or not page.path.startswith(root.path):
        return []
    return list(page.get_ancestors(inclusive=True).filter(depth__gte=root.depth))


def legal_pages(request):
    """The Impressum, Datenschutz and Barrierefreiheit pages of this site, keyed by model name."""
    from home.models import AccessibilityPage, ImpressumPage, PrivacyPage

    root = site_root(request)
    if root is None:
        return {}
    pages = visibility.visible_pages(
        request, Page.objects.descendant_of(root).type(ImpressumPage, PrivacyPage, AccessibilityPage)
    ).select_related("content_type")
    return {page.content_type.model: page for page in pages}
