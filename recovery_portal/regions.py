"""The region is the first part of every public URL: /uk/, /us/, /ie/, /au/.

This module is the one place that works it out. `RegionMiddleware` reads it from the path,
sets `request.region`, and activates the region's English locale, so that `reverse()` and
`{% url %}` build links within the region being read (the URL prefix follows the active
locale, as Django's own i18n_patterns do for languages). Templates, help contacts, care
cards, search and the questionnaire read `request.region` and nothing else: no cookie,
no Accept-Language, no guessing from IP addresses.

Unprefixed public URLs from before regions (`/articles/<slug>/`) answer with a permanent
redirect to the same page in the default region (PORTAL_REGION); `/` redirects there too,
temporarily, so the default can change. The admin, health probes, robots.txt, the sitemap
and static files stay unprefixed.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, URLResolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from content.regions import REGION_BY_CODE, REGION_BY_LANGUAGE, REGION_LIST

UNPREFIXED = ("/static/", "/robots.txt", "/sitemap.xml", "/sitemap-", "/favicon.ico", "/livez", "/healthz")


class RegionPrefixPattern(LocalePrefixPattern):
    """The URL prefix of the active region: "uk/" while a UK page is being served."""

    def __init__(self):
        super().__init__(prefix_default_language=True)

    @property
    def language_prefix(self):
        return f"{active_region().code}/"

    def describe(self):
        return "'<region>/'"


def region_patterns(*urls):
    """URL patterns served under each region's prefix."""
    return [URLResolver(RegionPrefixPattern(), list(urls))]


def active_region():
    return REGION_BY_LANGUAGE.get(translation.get_language()) or REGION_BY_CODE[settings.PORTAL_REGION]


def region_from_path(path):
    """The region a path belongs to, or None when it has no region prefix."""
    first = path.lstrip("/").split("/", 1)[0]
    return REGION_BY_CODE.get(first) if path.startswith(f"/{first}/") or path == f"/{first}" else None


def region_of(request):
    """The region of the page being served: set by RegionMiddleware, or worked out from the path
    for a request that never reached it (an error raised before it ran)."""
    region = getattr(request, "region", None)
    if region is None:
        found = region_from_path(getattr(request, "path_info", "/"))
        region = found.code if found else settings.PORTAL_REGION
    return region


def path_in_region(path, code):
    """The same path in another region: /uk/articles/x/ -> /us/articles/x/."""
    current = region_from_path(path)
    rest = path[len(current.code) + 1 :] if current else path
    return f"/{code}{rest or '/'}"


class RegionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        path = request.path_info
        region = region_from_path(path)
        if region is None and self.needs_region(path):
            request.get_host()  # an unknown host gets the 400 page, not a redirect
            redirect = self.redirect_to_default_region(request)
            if redirect is not None:
                return redirect
        request.region = (region or REGION_BY_CODE[settings.PORTAL_REGION]).code
        translation.activate(REGION_BY_CODE[request.region].language)
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()

    def needs_region(self, path):
        return not (path.startswith(self.admin_prefix) or path.startswith(UNPREFIXED))

    def redirect_to_default_region(self, request):
        """The same page in the default region, if it exists there (else None, and a 404 follows)."""
        default = settings.PORTAL_REGION
        if request.path_info == "/":
            return HttpResponseRedirect(with_query(request, f"/{default}/"))  # temporary: the default may change
        for target in (f"/{default}{request.path_info}", f"/{default}{request.path_info}/"):
            with translation.override(REGION_BY_CODE[default].language):
                try:
                    resolve(target)
                except Resolver404:
                    continue
            response = HttpResponsePermanentRedirect(with_query(request, target))
            if request.method not in ("GET", "HEAD"):
                response.status_code = 308  # keeps the method and body, e.g. an old questionnaire page's POST
            return response
        return None


def with_query(request, path):
    query = request.META.get("QUERY_STRING", "")
    return request.META.get("SCRIPT_NAME", "").rstrip("/") + path + (f"?{query}" if query else "")


def _origin(request):
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""  # the 400 page for a bad Host header: relative links, never that host


def region_links(request):
    """The current page in every region, for the region switcher, hreflang and canonical links."""
    current = region_of(request)
    path = request.path
    match = getattr(request, "resolver_match", None)
    # Only a search page is the same page with its query; anything else is the page itself.
    query = request.META.get("QUERY_STRING", "") if match and match.url_name == "search" else ""
    origin = settings.SITE_URL or _origin(request)

    def address(code):
        target = path_in_region(path, code)
        return target + (f"?{query}" if query else "")

    return {
        "current": REGION_BY_CODE[current],
        "others": [(region, address(region.code)) for region in REGION_LIST if region.code != current],
        "alternates": [(region.hreflang, origin + address(region.code)) for region in REGION_LIST],
        "x_default": origin + address(settings.PORTAL_REGION),
        "canonical": origin + address(current),
    }
