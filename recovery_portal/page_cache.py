"""A shared cache of whole public pages for anonymous readers.

Views mark a response as a public page with `@public_page`: it gets `Cache-Control`
headers that let browsers and a CDN keep it (`public, max-age, s-maxage, stale-if-error`),
and PageCacheMiddleware keeps the rendered page in Django's cache (Redis when several app
servers run), keyed by path only, so junk query strings cannot force fresh renders.

Any change an editor makes to content or help contacts bumps a generation number, which is
part of every key, so all cached pages are replaced at once. Requests that carry a session
cookie (editors previewing drafts) never read or fill the cache.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"
CACHED_HEADERS = ("Content-Type", "Cache-Control", "ETag", "Content-Language", "Vary")


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
        key = f"page:{generation()}:{hashlib.sha256(request.path.encode()).hexdigest()}"
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
