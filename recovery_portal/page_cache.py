"""A shared cache of whole public pages for anonymous readers.

Views mark a response as a public page with `@public_page`: it gets `Cache-Control`
headers that let browsers and a CDN keep it (`public, max-age, s-maxage, stale-if-error`),
and PageCacheMiddleware keeps the rendered page in Django's cache (Redis when several app
servers run), keyed by path only, so junk query strings cannot force fresh renders.

Edits replace cached pages in one of two ways (content_changed):

- A change that must never be seen late (an article unpublished, deleted, scheduled for later
  or moved to a new address; any change to a help contact, care card, pathway option, topic
  or link between articles) moves the *generation* on. The generation is part of every key,
  so every cached page is gone at once, before the change is committed and again when it is.
- Any other change (an article's text, a newly published article, a source) moves on the
  *revision* of the scopes it touches: the article's own pages, and the site's lists (home,
  topics, sitemap, help pages) only when what they show of the article changed. Each cached
  page remembers the revisions it was rendered at; an older page is still served, and the
  first request to see it renders it again, alone, while the other readers get the old copy.
  So an edit to an article's body renders its four pages (one per region) again, and nothing
  else. If that render fails (the database is down), the old copy is served instead.

When a page is missing altogether (after a generation change, or at first), one request per
page renders it and the others wait for it briefly (WAIT_SECONDS) rather than render it too.
Paths that give no public page (a search, a page gone) are marked for a minute, so requests
for them neither wait nor keep an old copy.
The numbers live in the shared cache, so every worker and server sees the same ones
(gunicorn.conf.py refuses to start several workers on a per-process cache). Requests that
carry a session cookie (editors previewing drafts) never read or fill the cache.

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
import time
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.timezone import now

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
REVISION_PREFIX = "page-cache:revision:"
SITE = "site"  # the scope of every page that is not one article's: home, topics, help pages, sitemap
NOT_PUBLIC_SECONDS = 60  # a path that gave no public page is rendered without lock or wait this long
LOCK_SECONDS = 30  # a render that takes longer than this lets a second one start
WAIT_SECONDS = 1.0  # how long a request waits for another's render of the same missing page
WAIT_STEP = 0.02
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
    """The number in every page's key: moved on by changes that must never be seen late."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _start()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def _start():
    """Where a counter starts: the time in milliseconds. A counter the cache has evicted (Redis
    under memory pressure, a full file cache culling) starts again above every number it had
    reached, so pages stored under an old number are never taken for current ones."""
    return time.time_ns() // 1_000_000


def article_scope(slug):
    return f"article:{slug}"


def scopes_for(path):
    """What soft changes can alter the page at `path`: its article's, or the site's lists."""
    from recovery_portal.regions import region_from_path  # regions imports this module's neighbours

    region = region_from_path(path)
    if region is None:
        return (SITE,)
    try:
        with translation.override(region.language):  # the middleware runs before the region's is active
            match = resolve(path)
    except Resolver404:
        return (SITE,)
    if match.view_name == "content:article_detail":
        return (article_scope(match.kwargs["slug"]),)
    return (SITE,)


def revisions(scopes):
    """The current revision of each scope (a cached page remembers those it was rendered at)."""
    keys = {scope: REVISION_PREFIX + scope for scope in scopes}
    found = cache.get_many(keys.values())
    current = {}
    for scope, key in keys.items():
        value = found.get(key)
        if value is None:
            value = _start()
            cache.add(key, value, timeout=None)
            value = cache.get(key, value)
        current[scope] = value
    return current


def version():
    """For caches of data shown across the site (the result page's texts and articles)."""
    return f"{generation()}.{revisions([SITE])[SITE]}"


def content_changed(sender=None, instance=None, **kwargs):
    """Signal receiver: something public changed.

    A change that must be seen at once moves the generation on; any other moves on the
    revisions of the scopes it touches (soft_scopes). Each moves on at once and again when the
    change is committed: a page rendered in between, from rows not yet committed, must not
    outlive the commit.
    """
    if sender is not None and sender._meta.label == "content.Article" and not _ever_public(instance):
        return  # a draft, or an article scheduled for later: no public page shows it
    if must_be_seen_at_once(sender, instance, kwargs):
        keys = [GENERATION_KEY]
    else:
        keys = [REVISION_PREFIX + scope for scope in soft_scopes(sender, instance)]

    def bump():
        for key in keys:
            _next(key)

    bump()
    transaction.on_commit(bump)
    transaction.on_commit(purge_cdn)


def soft_scopes(sender, instance):
    """Which pages a change that may be seen late touches: the article's own pages, and the
    site's lists (home, topics, sitemap, result pages) when what they show of it changed."""
    from content.models import Source

    if sender is Source:
        return [article_scope(instance.article.slug)]
    scopes = [article_scope(instance.slug)]
    if getattr(instance, "_list_before", None) != list_fields(instance):
        # Newly public, or its title, summary, topic or audience changed: the lists show it,
        # and so do the pages of the articles that link to it (content.signals).
        linking = type(instance)._base_manager.filter(related_articles=instance).exclude(pk=instance.pk)
        scopes += [SITE, *(article_scope(slug) for slug in linking.values_list("slug", flat=True))]
    return scopes


def list_fields(article):
    """What lists of articles show of one (and when it is public)."""
    return (article.title, article.summary, article.audience, article.topic_id, article.published_at)


def must_be_seen_at_once(sender, instance, signal_kwargs):
    """Whether serving a page from before this change, even once, could mislead a reader."""
    from content.models import Article, Source

    if sender is None or signal_kwargs.get("signal") is post_delete:
        return True  # something is gone (or a command changed content wholesale)
    if sender is Article:
        before = getattr(instance, "_public_before", None)
        if before is None:
            return False  # new, or not public before: nothing public can be wrong
        return not instance.is_published() or before != instance.slug  # gone, or moved
    # Citations are right on the article's next render; help contacts, care cards, pathway
    # options, topics and links between articles must be right at once.
    return sender is not Source


def _ever_public(article):
    """Whether the article is public now, or was before this change."""
    return getattr(article, "_public_before", None) is not None or article.is_published()


def remember_public_address(sender, instance, raw=False, **kwargs):
    """pre_save receiver for Article: its address if the public can read it now (else None),
    and what lists show of it."""
    instance._public_before = instance._list_before = None
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = ("status", "slug", "title", "summary", "audience", "topic_id", "published_at")
    stored = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()
    if stored and stored["status"] == "published" and stored["published_at"] and stored["published_at"] <= now():
        instance._public_before = stored["slug"]
        instance._list_before = tuple(stored[name] for name in fields[2:])


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
    _next(GENERATION_KEY)


def _next(key):
    try:
        cache.incr(key)
    except ValueError:  # no number yet: the next read starts one
        cache.set(key, _start(), timeout=None)


def page_key(host, path, generation_number=None):
    number = generation() if generation_number is None else generation_number
    return f"page:{number}:{hashlib.sha256(f'{host}{path}'.encode()).hexdigest()}"


def lock_key(key):
    """Held (cache.add) by the one request rendering the page stored under `key`."""
    return f"{key}:rendering"


class PageCacheMiddleware:
    """Placed early (after the security headers, before the region, size limits and
    conditional-GET middleware), so a cached page is served with as little work as possible;
    static files, health probes and the admin pass straight through."""

    def __init__(self, get_response):
        self.get_response = get_response
        from recovery_portal.health import PROBES  # probes answer any host name, and are never cached

        self.uncached_prefixes = ("/" + settings.STATIC_URL.lstrip("/"), "/" + settings.ADMIN_URL, *PROBES)

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        # The host is checked (ALLOWED_HOSTS) before anything is served from the cache, and is
        # part of the key, as pages link to their own address.
        key = page_key(request.get_host(), request.path)
        lock = lock_key(key)
        stored = cache.get(key)
        if stored is not None:
            if stored.get("not_public"):
                return self.render(request, key, None, "miss", marked=True)  # search, a 404: never stored
            rendered_at = stored.get("revisions") or {SITE: 0}
            current = revisions(rendered_at)
            if all(current[scope] <= number for scope, number in rendered_at.items()):
                return self.stored_response(stored, "hit", request)
            if not cache.add(lock, 1, LOCK_SECONDS):
                return self.stored_response(stored, "stale")  # another request is rendering it anew
            return self.render(request, key, lock, "refresh", stale=stored)
        if cache.add(lock, 1, LOCK_SECONDS):
            return self.render(request, key, lock, "miss")
        # Another request is rendering this page: wait for it rather than render it too.
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            stored = cache.get(key)
            if stored is not None and not stored.get("not_public"):
                return self.stored_response(stored, "hit")
            if stored is not None or cache.get(lock) is None:
                break  # that render gave no page to share
        return self.render(request, key, None, "miss")

    def render(self, request, key, lock, label, marked=False, stale=None):
        # The revisions are read before the page is: an edit committed during the render
        # leaves the stored copy out of date, never the other way round.
        rendered_at = revisions(scopes_for(request.path_info))
        try:
            response = self.get_response(request)
            if getattr(response, "public_page", False) and not response.streaming and not response.cookies:
                headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
                if "ETag" not in headers:
                    headers["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                    response["ETag"] = headers["ETag"]
                entry = {"content": response.content, "headers": headers, "revisions": rendered_at}
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = label
            elif response.status_code >= 500:
                # The database is down, say. A page that only missed a text edit is better than
                # an error page (which carries the help numbers too); a page that had to go (a
                # generation change) is never kept, so there is no old copy of it to give.
                if stale is not None:
                    return self.stored_response(stale, "stale-if-error")
            elif not marked:
                # Not a public page (a search, a page gone or moved): never serve an old copy,
                # and let the next requests for it render without waiting for one another.
                cache.set(key, {"not_public": True}, NOT_PUBLIC_SECONDS)
            return response
        finally:
            if lock:
                cache.delete(lock)

    @staticmethod
    def stored_response(stored, label, request=None):
        response = HttpResponse(stored["content"], status=200)
        for name, value in stored["headers"].items():
            response[name] = value
        # CommonMiddleware, which sets it on rendered pages, comes after this one. Without it,
        # gunicorn sent every cached page chunked: more writes, and more for the client to read.
        response["Content-Length"] = str(len(stored["content"]))
        response["X-Page-Cache"] = label
        if request is not None:
            # This middleware answers before ConditionalGetMiddleware (settings): a browser
            # that has this very page gets a 304 here.
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response

    def cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.META.get("CONTENT_LENGTH")  # a GET with a body goes to the size limits
            and not request.path_info.startswith(self.uncached_prefixes)
        )
