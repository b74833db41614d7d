"""The one decision "does this response depend on who is asking?".

A response is visitor-dependent when a member or editor is logged in, when it shows (or refuses)
restricted content — a page below the Interner Bereich, a document of a restricted collection,
an internal event's calendar file — or when it is an account or form page (login, password,
registration: CSRF token). Such a response is ``Cache-Control: private, no-store``, never enters
a shared cache and never the site's page cache.

* :func:`depends_on_visitor` is the only writer: views and hooks call it.
* :func:`is_visitor_dependent` is the decision; :func:`may_be_shared` adds what views outside the
  project (Django's and Wagtail's) say through their own ``Cache-Control`` — the page cache asks it.
* :func:`finalise` writes the header (``home.middleware.PrivateResponseMiddleware``).
"""

from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_cache_control

_ATTR = "_blok_visitor_dependent"
_NOT_SHARED = frozenset({"private", "no-store", "no-cache"})


def depends_on_visitor(request) -> None:
    """Mark the response to this request as depending on who is asking."""
    if request is not None:
        setattr(request, _ATTR, True)


def is_marked(request) -> bool:
    """Whether :func:`depends_on_visitor` was called for this request (fragment cache)."""
    return bool(request is not None and getattr(request, _ATTR, False))


def is_visitor_dependent(request) -> bool:
    if request is None:
        return False
    if getattr(request, _ATTR, False):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def may_be_shared(request, response) -> bool:
    """May a shared cache (the page cache, a CDN) keep this response for everybody?"""
    if is_visitor_dependent(request):
        return False
    directives = {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not (directives & _NOT_SHARED)


def finalise(request, response):
    """``private, no-store`` (and no ``public``) for every visitor-dependent response."""
    if is_visitor_dependent(request):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        if "public" in response.get("Cache-Control", ""):
            directives = [d.strip() for d in response["Cache-Control"].split(",")]
            response["Cache-Control"] = ", ".join(d for d in directives if d and d != "public")
    return response
