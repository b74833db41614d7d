"""``Cache-Control: private, no-store`` for every response that depends on who is asking.

A response is user-dependent when a member is logged in, when it shows (or refuses) restricted
content — a page below the Interner Bereich, a document of a restricted collection — or when it is
one of the account pages (login, password). Such a response must never enter a shared cache or
the site's page cache. Views and hooks call :func:`mark_private`; the middleware adds the header.
"""

from django.utils.cache import add_never_cache_headers, patch_cache_control

_PRIVATE_ATTR = "_blok_private_response"


def mark_private(request) -> None:
    """Mark the response to this request as user-dependent."""
    if request is not None:
        setattr(request, _PRIVATE_ATTR, True)


def is_private(request) -> bool:
    if getattr(request, _PRIVATE_ATTR, False):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail's file serving copies a missing encoding as the text "None"; no encoding is meant.
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        if is_private(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
            if "public" in response.get("Cache-Control", ""):
                directives = [d.strip() for d in response["Cache-Control"].split(",")]
                response["Cache-Control"] = ", ".join(d for d in directives if d and d != "public")
        return response
