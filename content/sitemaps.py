"""The sitemap: every region's public pages, each with its alternates in the other regions
(hreflang en-GB, en-US, en-IE, en-AU and x-default). Drafts and scheduled articles never appear.

Each region is an English locale (recovery_portal/regions.py), so Django's i18n sitemaps
list every page once per region, with the region's URL prefix.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.models import Article, Topic


class RegionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _ in settings.LANGUAGES]


class ArticleSitemap(RegionSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class TopicSitemap(RegionSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Topic.objects.order_by("order")


class PageSitemap(RegionSitemap):
    """Fixed pages, named by URL name."""

    changefreq = "monthly"

    def items(self):
        return ["content:home", "pathways:start", "pathways:get_help", "pathways:quick_exit_help", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
