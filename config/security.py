"""Content-Security-Policy with a relaxed script-src for the Wagtail and Django admin only."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; under CSP_ADMIN_PREFIXES, script-src becomes CSP_ADMIN_SCRIPT_SRC.

    Wagtail 8's admin still writes inline <script> elements (InlinePanel templates, date/time widgets)
    that carry no nonce. Replacing the directive also drops the nonce there, which would otherwise make
    browsers ignore 'unsafe-inline'.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
            parts.replace = {**(parts.replace or {}), "script-src": list(settings.CSP_ADMIN_SCRIPT_SRC)}
        return parts
