"""Public pages: the home page, topic pages and article pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from content import search as site_search
from content.models import Article, ArticleRendering, Topic
from content.page_queries import public_rendering, public_topic_page
from content.paging import pagination
from recovery_portal.page_cache import public_page
from recovery_portal.regions import region_of


def published_listing():
    """Published articles with only what a list of links needs."""
    return Article.objects.published().only("title", "slug", "summary", "audience", "topic_id")


@public_page
def home(request):
    # Counts and the family articles' ids are read from a narrow index (PostgreSQL, migration
    # 0010); only the six family articles are then read in full.
    published = Article.objects.published().order_by()
    counts = dict(published.values_list("topic").annotate(count=Count("pk")))
    topics = list(Topic.objects.all())
    for topic in topics:
        topic.article_count = counts.get(topic.pk, 0)
    family = published.filter(audience=Article.Audience.FAMILY).order_by("topic__order", "title")
    family_articles = published_listing().filter(pk__in=family.values("pk")[:6]).order_by("topic__order", "title")
    return render(request, "content/home.html", {"topics": topics, "family_articles": family_articles})


TOPIC_PAGE_SIZE = 50
MAX_PAGE_NUMBER = 100_000  # past any list's end, and within what the database's integers hold


def topic_detail(request, slug, page=1):
    """A topic's articles, TOPIC_PAGE_SIZE to a page, in one query however many there are (three
    without prepared statements: content.page_queries). Page numbers are in the path (/page/2/),
    not the query string, so every cache in front keeps each page apart."""
    if not 1 <= page <= MAX_PAGE_NUMBER:
        raise Http404("No such page of this topic.")
    found = public_topic_page(slug, page, TOPIC_PAGE_SIZE)
    if found is None:
        raise Http404("No such topic.")
    topic, articles, total = found
    if page == 1 and request.resolver_match and request.resolver_match.url_name == "topic_page":
        return redirect(topic.get_absolute_url(), permanent=True)  # one address for the first page
    page_count = max(1, -(-total // TOPIC_PAGE_SIZE))
    if page > page_count:
        raise Http404("No such page of this topic.")
    context = {
        "topic": topic,
        "articles": articles,
        "pages": pagination(page, page_count, lambda n: topic_page_url(topic, n)),
    }
    return render(request, "content/topic_detail.html", context)


topic_detail = public_page(topic_detail)


def topic_page_url(topic, number):
    if number == 1:
        return topic.get_absolute_url()
    return reverse("content:topic_page", kwargs={"slug": topic.slug, "page": number})


def article_detail(request, slug):
    """One query: the region's rendering of the article, with the article and its topic."""
    region = region_of(request)
    # Staff who may view articles can preview drafts and scheduled articles. Only a request with
    # a session is asked who it is, so readers' pages never vary on cookies.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    if signed_in and request.user.is_staff and request.user.has_perm("content.view_article"):
        renderings = ArticleRendering.objects.select_related("article__topic")
        rendering = get_object_or_404(renderings, region=region, article__slug=slug)
    else:
        rendering = public_rendering(slug, region)
        if rendering is None:
            raise Http404("No such article.")
    article = rendering.article
    context = {"article": article, "rendering": rendering, "sources": article.sources_for(region)}
    return render(request, "content/article_detail.html", context)


article_detail = public_page(article_detail)


def search(request):
    query = request.GET.get("q", "")
    context = {"query": query, "too_long": len(query) > site_search.MAX_QUERY_LENGTH, "hits": None}
    if query.strip() and not context["too_long"]:
        page = request.GET.get("page", "1")
        page = int(page) if page.isascii() and page.isdigit() and len(page) < 4 else 1
        results = site_search.search(query, region_of(request), page)
        searched = query
        if not results and page == 1:
            # Nothing found: try the closest words the articles use ("bladdr": "bladder").
            corrected = site_search.suggest(query)
            found = site_search.search(corrected, region_of(request), 1) if corrected else None
            if found:
                results, searched, context["corrected"] = found, corrected, corrected
        context["hits"] = results
        context["searched_for"] = site_search.normalise(searched)
        base = reverse("content:search")

        def url_for(number):
            return f"{base}?{urlencode({'q': searched, **({'page': number} if number > 1 else {})})}"

        context["pages"] = pagination(page, results.page_count, url_for)
        context["first_page_url"] = url_for(1)
    response = render(request, "content/search.html", context)
    # The address carries the reader's words: their own browser may keep the page a while, but
    # no shared cache (a CDN, a proxy) may keep what someone searched for.
    patch_cache_control(response, private=True, max_age=300)
    return response
