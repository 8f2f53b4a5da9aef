"""Topics and the articles editors write under them."""

from datetime import timedelta

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from content.markdown import MAX_SOURCE_LENGTH, render

REVIEW_INTERVAL = timedelta(days=365)


class Topic(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(max_length=400, help_text="One or two sentences shown on the home page.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:topic_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may read: published, and with a publish date that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_audience(self, audience):
        return self.filter(Q(audience=audience) | Q(audience=Article.Audience.BOTH))


class Article(models.Model):
    class Audience(models.TextChoices):
        SELF = "self", "For me"
        FAMILY = "family", "For family and friends"
        BOTH = "both", "For everyone"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    summary = models.TextField(max_length=400, help_text="One plain sentence: what the reader will learn.")
    key_points = models.TextField(blank=True, help_text="Three to five key points, one per line.")
    body = models.TextField(
        validators=[MaxLengthValidator(MAX_SOURCE_LENGTH)],
        help_text=(
            "Markdown. Start sections with '## '. Callouts: a line '!!! urgent \"Title\"' or "
            "'!!! important \"Title\"', then the text indented by four spaces."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    contents = models.JSONField(editable=False, default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set automatically when first published; a future date delays it."
    )
    updated_at = models.DateTimeField(auto_now=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True, help_text="Defaults to 12 months after last review.")
    reviewed_by = models.CharField(max_length=200, blank=True)
    related_articles = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="+")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "title"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        rendered = render(self.body)
        self.body_html = rendered.html
        self.contents = rendered.contents
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "contents", "published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("content:article_detail", kwargs={"slug": self.slug})

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    is_published.boolean = True
    is_published.short_description = "Public"

    @property
    def key_point_list(self):
        return [line.strip(" -*\t") for line in self.key_points.splitlines() if line.strip(" -*\t")]

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.next_review_due is not None and self.next_review_due < today


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"
