"""Topics and the articles editors write under them."""

import functools
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from simple_history.models import HistoricalRecords

from content import checks, search_index
from content.markdown import MAX_SOURCE_LENGTH, ContentSyntaxError, render, syntax_problems
from content.regions import REGION_BY_CODE, REGIONS, foreign_terms
from content.time_limit import TimeLimitError, call_with_time_limit
from content.versioning import VersionedModel

REVIEW_INTERVAL = timedelta(days=365)
# Rendering the four regional texts of 100,000 characters of prose takes about 0.15 s of
# processor time. Text that takes far longer is built to (thousands of "[" in a row take
# minutes) and is refused, so that no save, and no worker serving it, is held for long.
RENDER_SECONDS = 1.0
TOO_COMPLEX = (
    "This text takes too long to turn into a page, so it has not been saved. Look for long runs of "
    "symbols such as [ ] * _ ` or <, or split the text into shorter articles."
)


def slug_url(view_name, slug):
    """The URL of a topic or article page in the region being served. Listings link many
    pages on every request, so each URL is reversed once per process (per region and script
    prefix, which reverse() uses)."""
    return _slug_url(view_name, slug, get_script_prefix(), translation.get_language())


@functools.lru_cache(maxsize=32768)
def _slug_url(view_name, slug, script_prefix, language):
    return reverse(view_name, kwargs={"slug": slug})


class Topic(VersionedModel):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(max_length=400, help_text="One or two sentences shown on the home page.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    medical = models.BooleanField(
        default=False,
        help_text="Its articles give medical information: they are listed until a clinician signs them off, and "
        "with REQUIRE_CLINICAL_SIGNOFF they cannot be published before.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("content:topic_detail", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may read: published, and with a publish date that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_audience(self, audience):
        return self.filter(Q(audience=audience) | Q(audience=Article.Audience.BOTH))

    def unsigned(self):
        """Articles without a complete clinical sign-off (name, role and date)."""
        return self.filter(
            Q(clinical_reviewer="") | Q(clinical_reviewer_role="") | Q(clinical_reviewed_on__isnull=True)
        )


class Article(VersionedModel):
    class Audience(models.TextChoices):
        SELF = "self", "For me"
        FAMILY = "family", "For family and friends"
        BOTH = "both", "For everyone"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    # The editorial flow: draft -> in review -> published, and back. Publishing and
    # unpublishing need the publish_article permission (the Publisher role).
    TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW},
        Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED},
        Status.PUBLISHED: {Status.DRAFT},
    }
    PUBLISHER_ONLY = {(Status.IN_REVIEW, Status.PUBLISHED), (Status.PUBLISHED, Status.DRAFT)}

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
            "'!!! important \"Title\"', then the text indented by four spaces. Text for some countries "
            "only: a line '::: region us ie', the text, then a line ':::' (regions: uk, us, ie, au). "
            "A care card: a line '[[card urgent_now]]' (emergency, crisis, urgent_now, urgent_today, non_urgent)."
        ),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set automatically when first published; a future date delays it."
    )
    updated_at = models.DateTimeField(auto_now=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True, help_text="Defaults to 12 months after last review.")
    reviewed_by = models.CharField(max_length=200, blank=True)
    # A clinician's sign-off, shown on the page only when all three are filled: never invented.
    clinical_reviewer = models.CharField(max_length=200, blank=True, help_text="The clinician's full name.")
    clinical_reviewer_role = models.CharField(
        max_length=200, blank=True, help_text="For example: Consultant urologist, or Addiction psychiatrist."
    )
    clinical_reviewed_on = models.DateField(null=True, blank=True, help_text="When they signed off this text.")
    related_articles = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="+")
    # The lowest reading ease and the highest word count of the article's regional texts (for editors).
    reading_ease = models.FloatField(null=True, blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # What the public page shows of the sources and related articles, copied here whenever
    # they change (content.signals), so reading an article takes one query.
    source_list = models.JSONField(editable=False, default=list, blank=True)
    related_list = models.JSONField(editable=False, default=list, blank=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "reading_ease",
            "word_count",
            "source_list",
            "related_list",
        ]
    )
    # What the public page shows of the article; its text comes from the region's rendering.
    PAGE_FIELDS = (
        *("title", "slug", "summary", "audience", "key_points"),
        *("status", "published_at", "updated_at", "last_reviewed", "next_review_due", "reviewed_by"),
        *("clinical_reviewer", "clinical_reviewer_role", "clinical_reviewed_on"),
        *("source_list", "related_list", "topic__title", "topic__slug"),
    )

    class Meta:
        ordering = ["topic__order", "title"]
        indexes = [models.Index(fields=["status", "published_at"])]
        permissions = [("publish_article", "Can publish and unpublish articles")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != self.status and self.status not in self.TRANSITIONS[stored]:
                raise ValidationError(self.transition_error(stored, self.status), code="transition")
        renderings = self.render_regions()
        self.reading_ease = lowest_reading_ease(renderings)
        self.word_count = max(rendering.word_count for rendering in renderings)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL
        if not self._state.adding:
            self.source_list, self.related_list = self.page_lists()
        if kwargs.get("update_fields") is not None:
            derived = {"reading_ease", "word_count", "published_at", "source_list", "related_list"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)
        self.store_renderings(renderings)

    def clean(self):
        super().clean()
        problems = syntax_problems(self.body)
        if problems:
            raise ValidationError({"body": problems})
        user = getattr(self, "acting_user", None)  # set by the admin form: who is making this change
        if user is not None and not user.has_perm("content.publish_article"):
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("published_at", flat=True).first()
            if self.published_at != (stored if self.pk else None):
                raise ValidationError(
                    {"published_at": "Only a publisher can set or change when an article goes live."}, code="permission"
                )
        self.render_regions()  # text that cannot be rendered in time is refused on the form

    def is_live_protected(self):
        """A published article (live or scheduled): only a publisher may change it directly."""
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
        return stored == self.Status.PUBLISHED

    def render_regions(self, regions=REGIONS):
        """The body rendered for each region, with its care cards (not yet stored).

        The regions are rendered together in a child process given RENDER_SECONDS. The result
        is kept with what it was rendered from, so the save after clean() does not render again.
        """
        cards = CareCard.texts()
        sources = list(self.sources.all()) if self.pk else []
        jobs = [
            (
                region,
                cards.get(region, {}),
                [(source.key, source.title) for source in sources if source.shown_in(region)],
            )
            for region in regions
        ]
        rendered_from, texts = getattr(self, "_rendered", (None, None))
        if rendered_from != (self.body, jobs):
            try:
                texts = call_with_time_limit(RENDER_SECONDS, regional_texts, self.body, jobs)
            except ContentSyntaxError as error:
                raise ValidationError({"body": [str(error)]}, code="syntax") from error
            except TimeLimitError as error:
                raise ValidationError({"body": [TOO_COMPLEX]}, code="too_complex") from error
            self._rendered = ((self.body, jobs), texts)
        return [ArticleRendering(region=region, **fields) for region, fields in texts]

    def store_renderings(self, renderings):
        fields = ["body_html", "contents", "search_text", "reading_ease", "word_count"]
        stored = {rendering.region: rendering for rendering in self.renderings.all()}
        for rendering in renderings:
            if rendering.region in stored:
                for name in fields:
                    setattr(stored[rendering.region], name, getattr(rendering, name))
            else:
                rendering.article = self
        ArticleRendering.objects.bulk_create([r for r in renderings if r.region not in stored])
        if stored:
            ArticleRendering.objects.bulk_update(list(stored.values()), fields)
        search_index.update([self.pk])

    def rerender(self, regions=REGIONS):
        """Render the regional texts again (after a care card changed), without a new version."""
        self.store_renderings(self.render_regions(regions))
        stored = self.renderings.all()
        type(self)._base_manager.filter(pk=self.pk).update(
            reading_ease=lowest_reading_ease(stored), word_count=max(r.word_count for r in stored)
        )

    def page_lists(self):
        """The sources and related articles as the public page shows them (see source_list).

        Related articles are listed once published, with their publish date, so one
        scheduled for later appears on its date without another save.
        """
        sources = [
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "regions": source.region_list,
                "key": source.key,
            }
            for source in self.sources.all()
        ]
        related = [
            {
                "slug": article.slug,
                "title": article.title,
                "summary": article.summary,
                "audience": article.audience,
                "published_at": article.published_at.isoformat(),
            }
            for article in self.related_articles.filter(status=self.Status.PUBLISHED, published_at__isnull=False)
            .exclude(pk=self.pk)
            .order_by("title")
            .only("slug", "title", "summary", "audience", "published_at")
        ]
        return sources, related

    def refresh_page_lists(self):
        """Copy the current sources and related articles into the row, without a new version."""
        self.source_list, self.related_list = self.page_lists()
        type(self)._base_manager.filter(pk=self.pk).update(source_list=self.source_list, related_list=self.related_list)

    def sources_for(self, region):
        """The sources a reader in `region` sees: those for every region, and those marked for it."""
        return [source for source in self.source_list if not source.get("regions") or region in source["regions"]]

    @property
    def related_links(self):
        """The related articles a reader can open now, from related_list."""
        now = timezone.now()
        return [
            RelatedArticle(entry["slug"], entry["title"], entry["summary"], entry["audience"])
            for entry in self.related_list
            if datetime.fromisoformat(entry["published_at"]) <= now
        ]

    @classmethod
    def transition_error(cls, old, new):
        allowed = " or ".join(str(cls.Status(status).label).lower() for status in cls.TRANSITIONS[old])
        return (
            f"An article cannot go straight from {cls.Status(old).label.lower()} to "
            f"{cls.Status(new).label.lower()}; from {cls.Status(old).label.lower()} it can go to {allowed}."
        )

    @classmethod
    def may_change_status(cls, user, old, new):
        """Whether `user` may move an article from status `old` to `new`."""
        if old == new:
            return True
        if new not in cls.TRANSITIONS[old]:
            return False
        if (old, new) in cls.PUBLISHER_ONLY:
            return user.has_perm("content.publish_article")
        return user.has_perm("content.change_article")

    @property
    def clinically_signed_off(self):
        return bool(
            self.clinical_reviewer.strip() and self.clinical_reviewer_role.strip() and self.clinical_reviewed_on
        )

    def needs_clinical_signoff(self):
        return self.topic.medical and not self.clinically_signed_off

    def publishing_problems(self, source_count=None, today=None):
        problems = checks.publishing_problems(
            source_count=self.sources.count() if source_count is None else source_count,
            next_review_due=self.next_review_due,
            today=today or timezone.localdate(),
        )
        if settings.REQUIRE_CLINICAL_SIGNOFF and self.needs_clinical_signoff():
            problems.append("it gives medical information and needs a clinician's sign-off (name, role and date)")
        return problems

    def change_status(self, new, user, source_count=None):
        """Move the article along the editorial flow as `user`, recording who and when.

        Raises ValidationError with the reason when the move is not allowed.
        """
        old = self.status
        if new not in self.TRANSITIONS[old]:
            raise ValidationError(self.transition_error(old, new), code="transition")
        if not self.may_change_status(user, old, new):
            raise ValidationError("Only a publisher can publish or unpublish an article.", code="permission")
        if new == self.Status.PUBLISHED:
            problems = self.publishing_problems(source_count)
            if problems:
                raise ValidationError(f"This article cannot be published yet: {'; '.join(problems)}.", code="publish")
        self.status = new
        self.record_status_change(user)
        self.save()

    def record_status_change(self, user):
        self.status_changed_at = timezone.now()
        self.status_changed_by = user if user and user.is_authenticated else None

    def warnings(self, source_count=None, today=None):
        """What an editor should check (content.checks), from the saved article."""
        return checks.article_warnings(
            text="\n".join([self.title, self.summary, self.key_points, self.body]),
            reading_ease_score=self.reading_ease,
            source_count=self.sources.count() if source_count is None else source_count,
            key_points=self.key_point_list,
            next_review_due=self.next_review_due,
            today=today or timezone.localdate(),
            body=self.body,
            summary=self.summary,
            sources=[(source.key, source.region_list) for source in self.sources.all()],
        )

    @property
    def public_state(self):
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        if self.published_at and self.published_at > timezone.now():
            return "Scheduled"
        return "Public"

    def get_absolute_url(self):
        return slug_url("content:article_detail", self.slug)

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


class RelatedArticle(NamedTuple):
    """A related article as the page lists it: enough for a link and its summary."""

    slug: str
    title: str
    summary: str
    audience: str

    def get_absolute_url(self):
        return slug_url("content:article_detail", self.slug)


def lowest_reading_ease(renderings):
    """The hardest regional text's reading ease; None when no region's text has a word to score."""
    return min((r.reading_ease for r in renderings if r.reading_ease is not None), default=None)


def regional_texts(body, jobs):
    """[(region, the fields of its ArticleRendering)] for each (region, cards, sources) in `jobs`.

    Runs in a child process (Article.render_regions), so it reads nothing from the database.
    """
    texts = []
    for region, cards, sources in jobs:
        rendered = render(body, region=region, cards=cards, sources=sources)
        blocks = checks.text_blocks(rendered.html)
        fields = {
            "body_html": rendered.html,
            "contents": rendered.contents,
            "search_text": " ".join(blocks),
            "reading_ease": checks.reading_ease(blocks),
            "word_count": checks.word_count(blocks),
        }
        texts.append((region, fields))
    return texts


class ArticleRendering(models.Model):
    """An article's body as readers in one region see it, rendered and sanitised on save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="renderings")
    region = models.CharField(max_length=5, choices=[(code, region.name) for code, region in REGION_BY_CODE.items()])
    body_html = models.TextField(blank=True)
    contents = models.JSONField(default=list, blank=True)  # [{"id": ..., "title": ...}] for each ## heading
    search_text = models.TextField(blank=True, help_text="The body as plain text, for search.")
    reading_ease = models.FloatField(null=True, blank=True)
    word_count = models.PositiveIntegerField(default=0)
    # Title (A), summary and key points (B) and this text (C), on PostgreSQL (content.search_index),
    # with a GIN index made by migration 0009.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "region"], name="one_rendering_per_region")]
        indexes = [models.Index(fields=["region", "article"])]

    def __str__(self):
        return f"{self.article_id} ({self.region})"


class SearchWord(models.Model):
    """A word from the articles' titles, summaries and key points (PostgreSQL only, written with
    the search vectors: content.search_index). When a search finds nothing, the closest of these
    to each word typed (pg_trgm's trigram similarity, migration 0011) is tried instead."""

    word = models.CharField(max_length=60, primary_key=True)

    def __str__(self):
        return self.word


class ArticleSearchHead(models.Model):
    """What search ranks first, on PostgreSQL: an article's title (weight A), summary and key
    points (B), the same in every region. A narrow table of its own, so that ranking the
    thousands of articles a common word finds reads few pages. Written with the article's
    renderings (content.search_index); `live_from` is when the article is public (None: not)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    title = models.CharField(max_length=200)
    live_from = models.DateTimeField(null=True)
    vector = SearchVectorField(null=True)

    def __str__(self):
        return self.title


def validate_source_regions(value):
    unknown = [code for code in value.split() if code not in REGION_BY_CODE]
    if unknown:
        raise ValidationError(f"{unknown[0]!r} is not a region; use {', '.join(REGIONS)}, separated by spaces.")


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    regions = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_source_regions],
        help_text="Leave empty for every region, or list the regions whose passages it supports: 'us' or 'uk ie'.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    key = models.SlugField(
        max_length=40,
        blank=True,
        help_text="A short name to cite it by in the text, e.g. winstock2012: write [^winstock2012] after the claim.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"], condition=~Q(key=""), name="one_source_per_key_in_an_article"
            )
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    @property
    def region_list(self):
        return self.regions.split()

    def shown_in(self, region):
        return not self.regions or region in self.regions.split()


class CareCard(VersionedModel):
    """Urgent advice written once for each tier and region (shared/QUESTIONNAIRE.md, "Urgency").

    The questionnaire's interrupt and result pages and the help pages show these cards, so
    no page writes triage advice of its own: change a card and every page changes with it.
    """

    class Tier(models.TextChoices):
        EMERGENCY = "emergency", "Emergency: call the emergency number now"
        CRISIS = "crisis", "Crisis: crisis lines now"
        URGENT_NOW = "urgent_now", "Urgent now: A&E or the emergency room now"
        URGENT_TODAY = "urgent_today", "Urgent today: medical help today"
        NON_URGENT = "non_urgent", "Not urgent: see a doctor soon"

    tier = models.CharField(max_length=20, choices=Tier.choices)
    region = models.CharField(max_length=5, choices=list(settings.PORTAL_REGIONS.items()))
    title = models.CharField(
        max_length=120, help_text="What to do, as a short instruction: for example 'Call 999 now'."
    )
    body = models.TextField(
        max_length=3000,
        help_text="Markdown: who it is for and what to do. Write phone numbers as links: [999](tel:999).",
    )
    body_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        ordering = ["region", "tier"]
        constraints = [models.UniqueConstraint(fields=["tier", "region"], name="one_card_per_tier_and_region")]

    def __str__(self):
        return f"{self.title} ({self.get_tier_display().split(':')[0]}, {self.get_region_display()})"

    def save(self, *args, **kwargs):
        self.body_html = render(self.body).html
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("title", "body_html").first()
        # Articles that embed the card are rendered again only when its words change (content.signals).
        self.words_changed = stored != (self.title, self.body_html)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        foreign = foreign_terms(f"{self.title}\n{self.body}", self.region)
        if foreign:
            raise ValidationError(
                f"This card is for {self.get_region_display()}, but it uses words for other countries: "
                f"{', '.join(foreign)}."
            )

    @classmethod
    def texts(cls):
        """{region: {tier: (title, body_html)}}, as articles embed them."""
        found = {}
        for card in cls.objects.only("tier", "region", "title", "body_html"):
            found.setdefault(card.region, {})[card.tier] = (card.title, card.body_html)
        return found


class ArticleProposal(models.Model):
    """A change an editor made to a live article, waiting for a publisher (after Wagtail's
    moderation): the live text stays as it is until a publisher approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a publisher"
        APPROVED = "approved", "Approved and live"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Replaced by a later proposal"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    base_version = models.PositiveIntegerField(help_text="The article's version the change was made from.")
    data = models.JSONField(help_text="The proposed words, fields, related articles and sources.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="article_proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("decide_articleproposal", "Can approve or reject proposed changes to live articles")]

    def __str__(self):
        return f"Proposed change to “{self.article}”"
