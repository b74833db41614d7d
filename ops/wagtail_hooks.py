from wagtail import hooks

from home import visibility

from . import pagecache


@hooks.register("before_serve_page")
def keep_restricted_pages_out_of_the_page_cache(page, request, serve_args, serve_kwargs):
    """A page inside a restricted subtree is never stored in the shared page cache, whoever asks."""
    if visibility.is_internal_page(request, page):
        pagecache.forbid(request)
