"""The sitemap: an index (/sitemap.xml) and its pages, listing every region's public pages, each
with its alternates in the other regions (hreflang en-gb, en-us, en-ie, en-au and x-default).
Drafts and scheduled articles never appear.

Articles are listed by id: page n holds the public articles with ids from
(n - 1) * ARTICLES_PER_PAGE + 1 to n * ARTICLES_PER_PAGE (four URLs each, one per region), so
no page has more than ARTICLES_PER_PAGE articles, far under the protocol's 50,000 URLs. A page
is then a short range read from an index: counting its way to page 41 with OFFSET read 10,000
index entries, most of what the page cost. The index lists only the pages that hold an article.
Every page costs one query however many articles there are, and is written as plain strings: a
page of 1,000 URLs through the template engine cost tens of milliseconds. Pages are numbered in
the path (/sitemap-articles-2.xml), so every cache keeps them apart.
"""

from django.conf import settings
from django.db.models import ExpressionWrapper, F, IntegerField
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from content.models import Article, Topic
from content.regions import REGION_LIST
from recovery_portal.page_cache import public_page
from recovery_portal.regions import _origin

ARTICLES_PER_PAGE = 250
MAX_PAGE_NUMBER = 1_000_000  # 250 million articles; and ids the database's integers hold
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


def article_pages():
    """The numbers of the article pages that hold at least one public article, in order."""
    bucket = ExpressionWrapper((F("pk") - 1) / ARTICLES_PER_PAGE + 1, output_field=IntegerField())
    numbers = Article.objects.published().order_by().annotate(number=bucket).values_list("number", flat=True)
    return sorted(set(numbers.distinct()))


@public_page
def index(request):
    origin = escape(settings.SITE_URL or _origin(request))
    names = ["pages", "topics", *(f"articles-{n}" for n in article_pages())]
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
    elif name == "articles" and 1 <= page <= MAX_PAGE_NUMBER:
        template = _paths("content:article_detail", slug=SLUG)
        rows = (
            Article.objects.published()
            .filter(pk__gt=(page - 1) * ARTICLES_PER_PAGE, pk__lte=page * ARTICLES_PER_PAGE)
            .order_by("pk")
            .values_list("slug", "updated_at")
        )
        items = [
            ({code: path.replace(SLUG, slug) for code, path in template.items()}, updated) for slug, updated in rows
        ]
        if not items:
            raise Http404("No such sitemap page.")  # not in the index either
    else:
        raise Http404("No such sitemap.")
    urls = "".join(_entries(origin, items))
    return _xml(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        f"{urls}</urlset>"
    )
