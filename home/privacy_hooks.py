"""Wagtail hooks that mark restricted pages and documents as user-dependent responses.

They run before Wagtail's own restriction checks (``order=-10``) so that the login redirect an
anonymous reader gets for a restricted page or document is not cacheable either (the page cache
asks ``home.response_privacy`` before storing anything).
"""

from wagtail import hooks

from home import visibility
from home.response_privacy import depends_on_visitor


@hooks.register("before_serve_page", order=-20)
def restrictions_from_the_visibility_rows(page, request, serve_args, serve_kwargs):
    """Answer the served page's ``get_view_restrictions()`` (Wagtail's check_view_restrictions
    and our hooks ask it) from the rows the visibility rule has loaded anyway — including, for an
    alias, the restrictions its source inherits, which Wagtail's own answer leaves out."""
    restrictions = visibility.served_page_restrictions(request, page)
    page.get_view_restrictions = lambda: restrictions


@hooks.register("before_serve_page", order=-10)
def mark_restricted_page_private(page, request, serve_args, serve_kwargs):
    if visibility.is_internal_page(request, page):
        depends_on_visitor(request)


@hooks.register("before_serve_document", order=-10)
def mark_restricted_document_private(document, request):
    if visibility.is_internal_document(request, document):
        depends_on_visitor(request)
