"""Site-wide middleware."""

import functools
import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with a 503 page that still carries the
    emergency numbers and crisis lines (it needs no database), instead of a bare error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy and
    Cross-Origin-Resource-Policy. Placed near the top so static files and health probes get them too.

    Public pages send no referrer at all. The admin sends it to itself ("same-origin"),
    because with "no-referrer" browsers send `Origin: null` on form posts, which Django's
    CSRF protection rightly refuses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path_info.startswith(self.admin_prefix):
            response.setdefault("Referrer-Policy", "same-origin")
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's one policy built once rather than for every
    response (building it twice a response cost as much as serving a cached page's other
    headers). A response whose view changes the policy, or that used a nonce, is built afresh
    by django-csp as before; a change to the settings (tests) builds it again."""

    CUSTOM = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")

    def process_response(self, request, response):
        custom = any(getattr(response, name, None) or getattr(response, f"{name}_ro", None) for name in self.CUSTOM)
        if custom or getattr(request, "_csp_nonce", None) is not None or settings.DEBUG:
            return super().process_response(request, response)
        headers = _fixed_policy_headers()
        for header, value in headers.items():
            excluded = request.path_info.startswith(value[1])
            if value[0] and header not in response and not excluded:
                response[header] = value[0]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@functools.cache
def _fixed_policy_headers():
    """{header: (policy, excluded path prefixes)} from CONTENT_SECURITY_POLICY(_REPORT_ONLY)."""
    fixed = {}
    for header, setting, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        policy = build_policy(report_only=report_only)
        prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
        fixed[header] = (policy, prefixes)
    return fixed


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _fixed_policy_headers.cache_clear()
