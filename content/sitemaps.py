"""The sitemap: an index (/sitemap.xml) and its pages, listing every region's public pages, each
with its alternates in the other regions (hreflang en-gb, en-us, en-ie, en-au and x-default).
Drafts and scheduled articles never appear.

Articles are listed ARTICLES_PER_PAGE to a page (four URLs each, one per region), far under
the protocol's 50,000 URLs, so each page is small and quick. Every page costs the same two
queries or fewer however many articles there are, and is written as plain strings: a page of
1,000 URLs through the template engine cost tens of milliseconds. Pages are numbered in the
path (/sitemap-articles-2.xml), so every cache keeps them apart.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from content.models import Article, Topic
from content.regions import REGION_LIST
from recovery_portal.page_cache import public_page
from recovery_portal.regions import _origin

ARTICLES_PER_PAGE = 250
FIXED_PAGES = ["content:home", "pathways:start", "pathways:get_help", "pathways:quick_exit_help", "privacy"]
SLUG = "__slug__"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _paths(view_name, **kwargs):
    """{region code: the page's path in that region}."""
    paths = {}
    for region in REGION_LIST:
        with translation.override(region.language):
            paths[region.code] = reverse(view_name, kwargs=kwargs or None)
    return paths


def _entries(origin, items):
    """<url> elements for each (paths by region, lastmod or None) in items: one per region."""
    default = settings.PORTAL_REGION
    out = []
    for paths, lastmod in items:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{region.hreflang.lower()}" href="{origin}{paths[region.code]}"/>'
            for region in REGION_LIST
        )
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{origin}{paths[default]}"/>'
        modified = f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else ""
        for region in REGION_LIST:
            out.append(f"<url><loc>{origin}{paths[region.code]}</loc>{modified}{links}</url>")
    return out


def _xml(body):
    return HttpResponse(XML_HEAD + body, content_type="application/xml; charset=utf-8")


def article_page_count():
    return max(1, -(-Article.objects.published().count() // ARTICLES_PER_PAGE))


@public_page
def index(request):
    origin = escape(settings.SITE_URL or _origin(request))
    names = ["pages", "topics", *(f"articles-{n}" for n in range(1, article_page_count() + 1))]
    maps = "".join(f"<sitemap><loc>{origin}/sitemap-{name}.xml</loc></sitemap>" for name in names)
    return _xml(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>')


@public_page
def section(request, name, page=1):
    origin = escape(settings.SITE_URL or _origin(request))
    if name == "pages" and page == 1:
        items = [(_paths(view_name), None) for view_name in FIXED_PAGES]
    elif name == "topics" and page == 1:
        items = [
            (_paths("content:topic_detail", slug=slug), None) for slug in Topic.objects.values_list("slug", flat=True)
        ]
    elif name == "articles" and page >= 1:
        template = _paths("content:article_detail", slug=SLUG)
        rows = (
            Article.objects.published()
            .order_by("pk")
            .values_list("slug", "updated_at")[(page - 1) * ARTICLES_PER_PAGE : page * ARTICLES_PER_PAGE]
        )
        items = [
            ({code: path.replace(SLUG, slug) for code, path in template.items()}, updated) for slug, updated in rows
        ]
        if not items and page > 1:
            raise Http404("No such sitemap page.")
    else:
        raise Http404("No such sitemap.")
    urls = "".join(_entries(origin, items))
    return _xml(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        f"{urls}</urlset>"
    )
