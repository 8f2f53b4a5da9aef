"""Health endpoints for load balancers and orchestrators.

`/livez`: the process is alive (never touches the database). `/healthz`: ready to serve,
the database answers (503 while it does not). Answered by a middleware just after the
security headers' middlewares, so probes carry the same headers as every page, yet come
before anything reads the host name: they work over plain http (SECURE_REDIRECT_EXEMPT) on
any host name, set no cookie and are never cached.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse


def livez():
    return JsonResponse({"status": "alive"})


def healthz():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


PROBES = {"/livez": livez, "/healthz": healthz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = probe()
        response["Cache-Control"] = "no-store"
        return response
