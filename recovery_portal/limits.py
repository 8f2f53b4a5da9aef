"""Request size limits, checked before any of the body is read.

Public pages take small forms only: a questionnaire step is a few kilobytes. A public
request with a body over PUBLIC_MAX_BODY_BYTES, or any multipart upload, is refused with a
page saying why, before Django reads a byte of it; nothing is written to disk (there are no
file upload handlers at all). The editors' admin allows article-sized forms, up to
DATA_UPLOAD_MAX_MEMORY_SIZE. nginx (deploy/) enforces the same limits in front.
"""

from django.conf import settings
from django.shortcuts import render

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        refusal = self.refusal(request)
        if refusal is None:
            return self.get_response(request)
        status, heading, reason = refusal
        response = render(request, "request_refused.html", {"heading": heading, "reason": reason}, status=status)
        response["Cache-Control"] = "no-store"  # gunicorn closes the connection, unread body and all
        return response

    def refusal(self, request):
        admin = request.path_info.startswith(self.admin_prefix)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 400, "Sorry, we could not read that request", "Its length was not a number."
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if admin else settings.PUBLIC_MAX_BODY_BYTES
        if length > limit:
            return (
                413,
                "Sorry, that was too much to send",
                f"This page accepts at most {limit // 1024} KB, and this request was {length // 1024} KB. "
                "Nothing was saved.",
            )
        content_type = request.META.get("CONTENT_TYPE", "").lower()
        if not admin and request.method not in SAFE_METHODS and content_type.startswith("multipart/"):
            return (
                415,
                "Sorry, this site does not take files",
                "Our forms never ask for files, so uploads are refused. Nothing was saved.",
            )
        return None
