"""Site-wide middleware."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
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
