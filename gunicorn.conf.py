"""Gunicorn settings, shared by the Dockerfile and the scripts. Each can be set from the environment.

gunicorn is meant to sit behind nginx (deploy/), which buffers slow clients and large bodies.
Reached directly, threaded workers keep one slow client from holding a whole worker.
The checks at the end refuse set-ups that would serve different truths from different workers.
"""

import multiprocessing
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "3"))
# A worker takes a connection only when it has a thread free for it, and closes it after the
# response. Connections it cannot serve yet wait in the kernel's queue, where the first worker
# with a free thread takes them. With gunicorn's default (1,000 connections per worker, kept
# alive), each worker took whatever arrived and kept it: one worker could hold twice its share
# of clients while another sat idle, and at 50 connections the slowest 1% waited 3 to 4 times
# as long as the median (`make bench`, README). nginx in front opens its own connections, and
# a slow client still holds only one thread.
worker_connections = threads
keepalive = 0
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Restart workers now and then so a slow leak can never take the site down; jitter
# keeps them from restarting all at once. A new worker spends about a second of processor
# time loading the app: restarting every 20,000 requests, that showed under `make bench` as
# p99 spikes of 40 to 160 ms and 8% fewer requests served.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = 10000
# Request lines and headers no browser needs (gunicorn's defaults are 4094 and 100).
limit_request_line = 4094
limit_request_fields = 50
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
# The path only (%(U)s), never the query string, so nothing a reader typed is logged.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def refusal(environ=os.environ, workers=workers, bind=bind):
    """Why this set-up must not start, or None."""
    debug = environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
    cache_url = environ.get("CACHE_URL", "locmem://").strip().lower()
    if not debug and workers > 1 and cache_url.startswith(("locmem:", "dummy:")):
        return (
            f"{workers} workers would each keep their own cache (CACHE_URL={cache_url}), so after an editor "
            "unpublishes an article or changes a phone number some workers would go on serving the old page. Set "
            "CACHE_URL to a shared cache: redis://host:6379/0 across servers, or file:///path for one server "
            "(README, Deployment), or WEB_CONCURRENCY=1."
        )
    if not debug and bind.startswith("unix:") and not int(environ.get("TRUSTED_PROXY_COUNT", "0") or 0):
        return (
            "gunicorn listens on a unix socket, so only the proxy in front knows who is signing in. Set "
            "TRUSTED_PROXY_COUNT to the number of proxies (1 for nginx alone) so sign-in lockouts can tell "
            "clients apart (README, Deployment)."
        )
    return None


_why = refusal()
if _why:
    sys.exit(f"Refusing to start: {_why}")
