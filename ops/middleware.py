"""Security headers that Django's SecurityMiddleware does not set itself.

* ``ContentSecurityPolicyMiddleware``: django-csp with two policies — the strict public policy
  from ``CONTENT_SECURITY_POLICY`` and, for the Wagtail admin (which still needs inline scripts
  and styles), ``CONTENT_SECURITY_POLICY_ADMIN`` for every path below ``ADMIN_URL_PREFIXES``.
* ``PermissionsPolicyMiddleware``: a fixed ``Permissions-Policy`` header from ``PERMISSIONS_POLICY``.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _is_admin(request):
    # Wagtail's preview renders the page through the middleware with a dummy request for the
    # page's public URL (request.is_dummy); the answer is shown inside the admin, in a frame.
    if getattr(request, "is_dummy", False):
        return True
    return request.path_info.startswith(tuple(getattr(settings, "ADMIN_URL_PREFIXES", ("/admin/",))))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and _is_admin(request):
            admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
            if admin_policy:
                return PolicyParts(admin_policy["DIRECTIVES"], parts.update, parts.replace, None)
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
