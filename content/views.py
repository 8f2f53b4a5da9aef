"""Public pages: the home page, topic pages and article pages."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import DetailView

from content import search as site_search
from content.models import Article, Topic
from recovery_portal.page_cache import public_page


def published_listing():
    """Published articles with only what a list of links needs."""
    return Article.objects.published().only("title", "slug", "summary", "audience", "topic_id")


@public_page
def home(request):
    published = Q(articles__status=Article.Status.PUBLISHED, articles__published_at__lte=timezone.now())
    topics = Topic.objects.annotate(article_count=Count("articles", filter=published))
    family_articles = published_listing().filter(audience=Article.Audience.FAMILY).order_by("topic__order", "title")[:6]
    return render(request, "content/home.html", {"topics": topics, "family_articles": family_articles})


@public_page
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request, "content/topic_detail.html", {"topic": topic, "articles": published_listing().filter(topic=topic)}
    )


class ArticleDetailView(DetailView):
    template_name = "content/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # One query: the row carries copies of its sources and related articles.
        articles = Article.objects.select_related("topic").only(*Article.PAGE_FIELDS)
        # Staff who may view articles can preview drafts and scheduled articles.
        user = self.request.user
        if user.is_staff and user.has_perm("content.view_article"):
            return articles
        return articles.published()


article_detail = public_page(ArticleDetailView.as_view())


def search(request):
    query = request.GET.get("q", "")
    context = {"query": query, "too_long": len(query) > site_search.MAX_QUERY_LENGTH, "hits": None}
    if query.strip() and not context["too_long"]:
        context["hits"] = site_search.search(query)
        context["searched_for"] = site_search.normalise(query)
    return render(request, "content/search.html", context)
