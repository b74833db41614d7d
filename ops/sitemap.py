from wagtail.contrib.sitemaps import Sitemap

from home import visibility


class VisibleSitemap(Sitemap):
    """Wagtail's sitemap, but filtered through the visibility rule for an anonymous reader.

    Whoever requests it (a crawler or a logged-in member) gets the public sitemap: internal
    pages and the door of the Interner Bereich never appear.
    """

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        # specific(defer=True): the right class for get_sitemap_urls() without one query per page
        # type, so the query count stays flat however many page types and pages there are.
        return visibility.visible_pages(None, pages).order_by("path").specific(defer=True)
