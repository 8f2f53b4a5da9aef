"""The sitemap: public pages for search engines. Drafts and scheduled articles never appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.models import Article, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class TopicSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Topic.objects.order_by("order")


class PageSitemap(Sitemap):
    """Fixed pages, named by URL name."""

    changefreq = "monthly"

    def items(self):
        return ["content:home", "pathways:start", "pathways:get_help", "pathways:quick_exit_help", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
