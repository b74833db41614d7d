"""Security headers that Django's SecurityMiddleware does not set itself.

* ``ContentSecurityPolicyMiddleware``: django-csp with two policies — the strict public policy
  from ``CONTENT_SECURITY_POLICY`` and, for the Wagtail admin (which still needs inline scripts
  and styles), ``CONTENT_SECURITY_POLICY_ADMIN`` for every path below ``ADMIN_URL_PREFIXES``.
* ``PermissionsPolicyMiddleware``: a fixed ``Permissions-Policy`` header from ``PERMISSIONS_POLICY``.
* ``InputGuardMiddleware``: control characters in paths, query parameters and cookies.
"""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict


def _is_admin(request):
    # Wagtail's preview renders the page through the middleware with a dummy request for the
    # page's public URL (request.is_dummy); the answer is shown inside the admin, in a frame.
    if getattr(request, "is_dummy", False):
        return True
    return request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and _is_admin(request):
            admin_policy = settings.CONTENT_SECURITY_POLICY_ADMIN
            if admin_policy:
                return PolicyParts(admin_policy["DIRECTIVES"], parts.update, parts.replace, None)
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        policy = settings.PERMISSIONS_POLICY
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


# C0 control characters and DEL; tab, line feed and carriage return too: none of them belongs in a
# query parameter, a cookie or a URL path, and PostgreSQL refuses NUL in text outright.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A control character in a raw query string: percent-encoded or as it is.
_CONTROL_IN_QUERY = re.compile(r"%(?:[01][0-9a-fA-F]|7[fF])|[\x00-\x1f\x7f]")


class InputGuardMiddleware:
    """One guard for control characters in what the client sends before any view sees it.

    * URL path with a control character: 400 (no page has one).
    * Query parameters: control characters become spaces (``a%00b`` searches for "a b");
      ``QUERY_STRING`` is rewritten to match, so caches key on the cleaned form.
    * Cookies with control characters are dropped (a session id never has one).

    Form bodies are left to the forms: Django's fields refuse NUL with a message of their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _CONTROL.search(request.path_info) or _CONTROL.search(request.path):
            return HttpResponseBadRequest("Ungültige Adresse.".encode(), content_type="text/plain; charset=utf-8")
        if _CONTROL_IN_QUERY.search(request.META.get("QUERY_STRING", "")):
            self._clean_query(request)
        if any(_CONTROL.search(key) or _CONTROL.search(value) for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key: value
                for key, value in request.COOKIES.items()
                if not (_CONTROL.search(key) or _CONTROL.search(value))
            }
        return self.get_response(request)

    @staticmethod
    def _clean_query(request):
        params = request.GET
        if not any(
            _CONTROL.search(key) or any(_CONTROL.search(value) for value in values) for key, values in params.lists()
        ):
            return
        cleaned = QueryDict(mutable=True)
        for key, values in params.lists():
            cleaned.setlist(_CONTROL.sub(" ", key), [_CONTROL.sub(" ", value) for value in values])
        request.META["QUERY_STRING"] = cleaned.urlencode()
        cleaned._mutable = False
        request.GET = cleaned
