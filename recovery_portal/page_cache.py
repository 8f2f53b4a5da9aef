"""A shared cache of whole public pages for anonymous readers.

Views mark a response as a public page with `@public_page`: it gets `Cache-Control`
headers that let browsers and a CDN keep it (`public, max-age, s-maxage, stale-if-error`),
and PageCacheMiddleware keeps the rendered page in Django's cache (Redis when several app
servers run), keyed by path only, so junk query strings cannot force fresh renders.

Any change an editor makes to content or help contacts bumps a generation number, which is
part of every key, so all cached pages are replaced at once. The generation lives in the
shared cache, so every worker and server sees the same one (gunicorn.conf.py refuses to start
several workers on a per-process cache). Requests that carry a session cookie (editors
previewing drafts) never read or fill the cache.

Caches in front: public pages carry `Surrogate-Key` and `Cache-Tag` ("portal" and
"portal-<region>") for CDNs that purge by key, and `X-Accel-Expires` so nginx keeps a page
fresh for PROXY_CACHE_SECONDS only (it still serves stale copies while the app is down).
With CDN_PURGE_URL set, every committed change also POSTs a purge request there.
"""

import functools
import hashlib
import json
import logging
import threading
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
SURROGATE_KEY = "portal"
CACHED_HEADERS = (
    *("Content-Type", "Cache-Control", "ETag", "Content-Language", "Vary"),
    *("Surrogate-Key", "Cache-Tag", "X-Accel-Expires"),
)


def public_page(view):
    """Mark a view's successful responses as public pages that may be cached anywhere."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # Signed-in editors may see drafts: never let a shared cache keep what they see.
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code == 200:
            seconds = settings.PAGE_CACHE_SECONDS
            patch_cache_control(
                response,
                public=True,
                max_age=min(seconds, 300),
                s_maxage=seconds,
                stale_while_revalidate=60,
                stale_if_error=86_400,
            )
            region = getattr(request, "region", None)
            keys = f"{SURROGATE_KEY} {SURROGATE_KEY}-{region}" if region else SURROGATE_KEY
            response["Surrogate-Key"] = keys  # Fastly and others
            response["Cache-Tag"] = keys.replace(" ", ",")  # Cloudflare and others
            response["X-Accel-Expires"] = str(min(seconds, settings.PROXY_CACHE_SECONDS))  # nginx only
            response.public_page = True
        return response

    return wrapper


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def content_changed(**kwargs):
    """Signal receiver: something public changed, so every cached page is out of date.

    The generation moves on at once and again when the change is committed: a page
    rendered in between, from rows not yet committed, must not outlive the commit.
    """
    next_generation()
    transaction.on_commit(next_generation)
    transaction.on_commit(purge_cdn)


def purge_cdn():
    """Ask the CDN to drop every page (CDN_PURGE_URL), in the background: saving never waits for it."""
    url = settings.CDN_PURGE_URL
    if not url:
        return
    headers = {"Content-Type": "application/json", "Surrogate-Key": SURROGATE_KEY}
    if settings.CDN_PURGE_TOKEN:
        headers["Authorization"] = f"Bearer {settings.CDN_PURGE_TOKEN}"
    body = json.dumps({"surrogate_keys": [SURROGATE_KEY], "tags": [SURROGATE_KEY]}).encode()

    def send():
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
        except OSError as error:
            logger.error("Could not purge the CDN at %s: %s. Pages may be stale there until they expire.", url, error)

    threading.Thread(target=send, name="cdn-purge", daemon=True).start()


def next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next read starts one
        cache.set(GENERATION_KEY, 2, timeout=None)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        # The host is checked (ALLOWED_HOSTS) before anything is served from the cache, and is
        # part of the key, as pages link to their own address.
        host = request.get_host()
        key = f"page:{generation()}:{hashlib.sha256(f'{host}{request.path}'.encode()).hexdigest()}"
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if getattr(response, "public_page", False) and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
            if "ETag" not in headers:
                headers["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                response["ETag"] = headers["ETag"]
            cache.set(key, {"content": response.content, "headers": headers}, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
