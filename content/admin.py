"""Editors' admin for topics and articles."""

from datetime import timedelta

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content.models import Article, Source, Topic

REVIEW_SOON = timedelta(days=30)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", "Due within 30 days"),
            ("later", "Due later"),
            ("unset", "No review date"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "overdue":
                return queryset.filter(next_review_due__lt=today)
            case "soon":
                return queryset.filter(next_review_due__gte=today, next_review_due__lte=today + REVIEW_SOON)
            case "later":
                return queryset.filter(next_review_due__gt=today + REVIEW_SOON)
            case "unset":
                return queryset.filter(next_review_due__isnull=True)
        return queryset


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, topic):
        return topic.article_count


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["title", "publisher", "url", "order"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "audience", "status", "is_published", "next_review_due", "updated_at"]
    list_filter = ["status", "topic", "audience", ReviewDueFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_articles"]
    readonly_fields = ["preview", "updated_at"]
    inlines = [SourceInline]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "audience", "summary", "key_points", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at"]}),
        ("Review", {"fields": ["last_reviewed", "next_review_due", "reviewed_by"]}),
        ("Related articles", {"fields": ["related_articles"]}),
        ("Preview", {"fields": ["preview"], "description": "How the saved body looks to readers. Save to refresh it."}),
    ]

    class Media:
        css = {"all": ["css/admin-preview.css"]}

    @admin.display(description="Rendered article")
    def preview(self, article):
        if not article.pk:
            return "Save the article to see a preview."
        # body_html was sanitised by content.markdown when the article was saved.
        return format_html('<div class="article-preview">{}</div>', mark_safe(article.body_html))
