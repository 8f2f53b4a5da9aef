"""Editors' admin for topics and articles: the editorial flow, checks, history and no lost edits."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from content import checks, proposals
from content.models import REVIEW_INTERVAL, Article, ArticleProposal, CareCard, Source, Topic
from content.regions import REGION_BY_CODE
from content.versioning import VersionedAdminForm, VersionedAdminMixin

REVIEW_SOON = timedelta(days=checks.REVIEW_SOON_DAYS)


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


class TopicForm(VersionedAdminForm):
    class Meta:
        model = Topic
        fields = "__all__"


@admin.register(Topic)
class TopicAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    form = TopicForm
    list_display = ["title", "order", "medical", "article_count"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, topic):
        return topic.article_count


class SourceFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("url")
        ]
        if self.instance.status == Article.Status.PUBLISHED and not kept:
            raise ValidationError("A published article needs at least one source. Add a source, or keep it as a draft.")


class SourceInline(admin.TabularInline):
    model = Source
    formset = SourceFormSet
    extra = 1
    fields = ["title", "publisher", "url", "key", "regions", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ArticleAdminForm(VersionedAdminForm):
    user = None  # set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "key_points": forms.Textarea(attrs={"rows": 6}),
            "body": forms.Textarea(attrs={"rows": 30}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.acting_user = self.user  # the model's validation checks who may change publishing
        if "status" in self.fields:
            current = self.instance.status if self.instance.pk else None
            if current is None:
                allowed = [Article.Status.DRAFT, Article.Status.IN_REVIEW]
            else:
                allowed = [s for s in Article.Status if Article.may_change_status(self.user, current, s)]
            self.fields["status"].choices = [(s.value, s.label) for s in Article.Status if s in allowed]

    def keep_on_revert(self, current):
        # Restoring an earlier version brings back its words, not its place in the editorial flow.
        for name in ("status", "published_at"):
            setattr(self.instance, name, getattr(current, name))
            self.initial[name] = getattr(current, name)

    def clean_related_articles(self):
        related = self.cleaned_data["related_articles"]
        if self.instance.pk and any(article.pk == self.instance.pk for article in related):
            raise forms.ValidationError("An article cannot be related to itself.")
        return related

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        was = self.instance_status_before()
        if status == Article.Status.PUBLISHED and was != Article.Status.PUBLISHED:
            last_reviewed, next_due = cleaned.get("last_reviewed"), cleaned.get("next_review_due")
            if not next_due and last_reviewed:
                next_due = last_reviewed + REVIEW_INTERVAL
            problems = checks.publishing_problems(
                source_count=None, next_review_due=next_due, today=timezone.localdate()
            )
            topic = cleaned.get("topic")
            signed = all(
                cleaned.get(name) for name in ("clinical_reviewer", "clinical_reviewer_role", "clinical_reviewed_on")
            )
            if settings.REQUIRE_CLINICAL_SIGNOFF and topic is not None and topic.medical and not signed:
                problems.append("it gives medical information and needs a clinician's sign-off (name, role and date)")
            if problems:
                self.add_error("status", f"This article cannot be published yet: {'; '.join(problems)}.")
        return cleaned

    def instance_status_before(self):
        if not self.instance.pk:
            return None
        return Article._base_manager.filter(pk=self.instance.pk).values_list("status", flat=True).first()


class PublishPermissionMixin:
    def has_publish_permission(self, request):
        return request.user.has_perm("content.publish_article")


@admin.register(Article)
class ArticleAdmin(PublishPermissionMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "topic",
        "status",
        "public_state",
        "reading_ease_column",
        "checks_column",
        "next_review_due",
    ]
    list_filter = ["status", "topic", "audience", ReviewDueFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_articles"]
    readonly_fields = ["live_changes", "checks_panel", "preview", "updated_at", "status_changed"]
    inlines = [SourceInline]
    date_hierarchy = "published_at"
    actions = ["submit_for_review", "publish", "return_to_draft"]
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "audience", "summary", "key_points", "body", "version"]}),
        ("Checks", {"fields": ["checks_panel"], "description": "Warnings do not stop you saving."}),
        ("Publishing", {"fields": ["live_changes", "status", "status_changed", "published_at", "updated_at"]}),
        ("Review", {"fields": ["last_reviewed", "next_review_due", "reviewed_by"]}),
        (
            "Clinical sign-off",
            {
                "fields": ["clinical_reviewer", "clinical_reviewer_role", "clinical_reviewed_on"],
                "description": "Fill these only when a clinician has read and approved this text. The page names them "
                "only when all three are filled; otherwise it says the editorial team checked it from its sources.",
            },
        ),
        ("Related articles", {"fields": ["related_articles"]}),
        (
            "Preview",
            {
                "fields": ["preview"],
                "description": "How the saved body looks to readers in each country. Save to refresh it.",
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # The preview's region picker: ?region=us on the change page.
            chosen = request.GET.get("region", "")
            article.preview_region = chosen if chosen in REGION_BY_CODE else settings.PORTAL_REGION
        return article

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not proposals.may_publish(request.user):
            fields.append("published_at")  # when an article goes live is a publisher's decision
        return fields

    def save_model(self, request, obj, form, change):
        if change and obj.is_live_protected() and not proposals.may_publish(request.user):
            # A live article changes only through a publisher: keep this change as a proposal.
            request.article_proposal = proposals.propose(obj, form.cleaned_data, request.user)
            form.save_m2m = lambda: None
            return
        if "status" in form.changed_data or not change:
            obj.record_status_change(request.user)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        proposal = getattr(request, "article_proposal", None)
        if proposal is None:
            return super().save_related(request, form, formsets, change)
        proposal.data["sources"] = proposals.sources_from_formsets(formsets)
        proposal.save(update_fields=["data"])

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "article_proposal", None) is not None:
            return []  # nothing changed: the proposal records what was asked for
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "article_proposal", None) is None:
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request, obj):
        if getattr(request, "article_proposal", None) is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            "Your change was saved for a publisher to approve. The live article has not changed.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path.split("history/")[0] if "history/" in request.path else request.path)

    # Columns and panels

    @admin.display(description="Public?")
    def public_state(self, article):
        return article.public_state

    @admin.display(description="Reading ease", ordering="reading_ease")
    def reading_ease_column(self, article):
        if article.reading_ease is None:
            return "–"
        ok = article.reading_ease >= checks.READING_EASE_TARGET
        return format_html(
            "{} {}", f"{article.reading_ease:g}", "✓" if ok else f"(target {checks.READING_EASE_TARGET})"
        )

    @admin.display(description="Checks")
    def checks_column(self, article):
        warnings = article.warnings(source_count=getattr(article, "source_count", None))
        if not warnings:
            return "✓ None"
        return format_html_join(", ", "{}", ((warning.code.replace("_", " "),) for warning in warnings))

    @admin.display(description="What to check")
    def checks_panel(self, article):
        if not article.pk:
            return "Save the article to see its checks."
        warnings = article.warnings()
        ease = (
            f"Reading ease {article.reading_ease:g} (target {checks.READING_EASE_TARGET} or more), {article.word_count} words."
            if article.reading_ease is not None
            else ""
        )
        if not warnings:
            return format_html("<p>{}</p><p>✓ Nothing to check.</p>", ease)
        return format_html(
            "<p>{}</p><ul>{}</ul>", ease, format_html_join("", "<li>{}</li>", ((w.message,) for w in warnings))
        )

    @admin.display(description="Changes to the live article")
    def live_changes(self, article):
        if not article.pk or article.status != Article.Status.PUBLISHED:
            return "This article is not published: saving changes it straight away."
        pending = article.proposals.filter(status=ArticleProposal.Status.PENDING).select_related("created_by")
        rows = format_html_join(
            "",
            '<li><a href="{}">Proposed by {} on {}</a></li>',
            (
                (
                    reverse("admin:content_articleproposal_change", args=[proposal.pk]),
                    proposal.created_by or "an editor",
                    f"{timezone.localtime(proposal.created_at):%-d %B %Y, %H:%M}",
                )
                for proposal in pending
            ),
        )
        return format_html(
            "<p>This article is published. A change saved by an editor waits for a publisher to approve it; the live "
            "page stays as it is until then.</p>{}",
            format_html("<p>Waiting for a publisher:</p><ul>{}</ul>", rows) if pending else "",
        )

    @admin.display(description="Status last changed")
    def status_changed(self, article):
        if not article.status_changed_at:
            return "–"
        who = article.status_changed_by.get_username() if article.status_changed_by else "the system"
        return f"{timezone.localtime(article.status_changed_at):%-d %B %Y, %H:%M} by {who}"

    @admin.display(description="Rendered article")
    def preview(self, article):
        if not article.pk:
            return "Save the article to see a preview."
        region = getattr(article, "preview_region", settings.PORTAL_REGION)
        rendering = article.renderings.filter(region=region).first()
        picker = format_html_join(
            " ",
            '<a href="?region={}"{}>{}</a>',
            (
                (
                    code,
                    mark_safe(' aria-current="true" class="preview-region--current"') if code == region else "",
                    r.name,
                )
                for code, r in REGION_BY_CODE.items()
            ),
        )
        sources = format_html_join(
            "", "<li>{}: {}</li>", ((source["publisher"], source["title"]) for source in article.sources_for(region))
        )
        # The rendering was sanitised by content.markdown when the article was saved.
        return format_html(
            '<p class="preview-regions">Show the page for: {}</p><p>As readers in {} see it ({} words, reading ease {}):</p>'
            '<div class="article-preview" lang="{}">{}</div><p>Sources shown in {}:</p><ol>{}</ol>',
            picker,
            REGION_BY_CODE[region].name,
            rendering.word_count if rendering else 0,
            f"{rendering.reading_ease:g}" if rendering and rendering.reading_ease is not None else "–",
            REGION_BY_CODE[region].hreflang,
            mark_safe(rendering.body_html if rendering else ""),
            REGION_BY_CODE[region].name,
            sources,
        )

    # The editorial flow as bulk actions

    def _move(self, request, queryset, status):
        moved = 0
        for article in queryset:
            try:
                article.change_status(status, request.user)
                moved += 1
            except ValidationError as error:
                self.message_user(request, f"“{article}”: {' '.join(error.messages)}", messages.ERROR)
        if moved:
            self.message_user(
                request, f"{moved} article(s) now {Article.Status(status).label.lower()}.", messages.SUCCESS
            )

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move(request, queryset, Article.Status.IN_REVIEW)

    @admin.action(description="Publish", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description="Return to draft (unpublish)", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._move(request, queryset, Article.Status.DRAFT)


class CareCardForm(VersionedAdminForm):
    class Meta:
        model = CareCard
        fields = ["title", "body", "version"]


@admin.register(CareCard)
class CareCardAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """One card per tier and region, made by the seed: editors change the words, never add or remove cards."""

    form = CareCardForm
    list_display = ["title", "tier", "region", "updated_at"]
    list_filter = ["region", "tier"]
    search_fields = ["title", "body"]
    readonly_fields = ["tier", "region", "preview"]
    fieldsets = [
        (None, {"fields": ["tier", "region", "title", "body", "version"]}),
        ("Preview", {"fields": ["preview"]}),
    ]
    history_list_display = ["title"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="As readers see it")
    def preview(self, card):
        return format_html(
            '<div class="care-card care-card--{}"><p class="care-card__title">{}</p>{}</div>',
            card.tier,
            card.title,
            mark_safe(card.body_html),  # rendered and sanitised by content.markdown on save
        )


@admin.register(ArticleProposal)
class ArticleProposalAdmin(admin.ModelAdmin):
    """Proposed changes to live articles: editors see theirs; publishers approve or reject them."""

    change_form_template = "admin/content/articleproposal/change_form.html"
    list_display = ["article", "created_by", "created_at", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["article", "created_by", "decided_by"]
    search_fields = ["article__title"]
    fields = [
        "article",
        "status",
        "created_by",
        "created_at",
        "base_version",
        "decided_by",
        "decided_at",
        "what_changes",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/approve/",
                self.admin_site.admin_view(self.decide),
                {"approving": True},
                name="content_articleproposal_approve",
            ),
            path(
                "<int:pk>/reject/",
                self.admin_site.admin_view(self.decide),
                {"approving": False},
                name="content_articleproposal_reject",
            ),
            *super().get_urls(),
        ]

    def decide(self, request, pk, approving):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:content_articleproposal_change", args=[pk]))
        proposal = ArticleProposal.objects.filter(pk=pk).select_related("article").first()
        if proposal is None:
            self.message_user(request, "That proposal no longer exists.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:content_articleproposal_changelist"))
        try:
            if approving:
                proposals.approve(proposal, request.user)
                self.message_user(request, f"The change to “{proposal.article}” is now live.", messages.SUCCESS)
            else:
                proposals.reject(proposal, request.user)
                self.message_user(request, f"The change to “{proposal.article}” was rejected.", messages.SUCCESS)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:content_articleproposal_change", args=[pk]))

    @admin.display(description="What it changes")
    def what_changes(self, proposal):
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            ((label, _shorten(live), _shorten(proposed)) for label, live, proposed in proposals.changes(proposal)),
        )
        table = format_html(
            '<table><thead><tr><th scope="col">Field</th><th scope="col">Live now</th><th scope="col">Proposed</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            rows or format_html('<tr><td colspan="3">{}</td></tr>', "No difference from the live article."),
        )
        return table

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = ArticleProposal.objects.filter(pk=object_id).first()
        can_decide = (
            proposal is not None
            and proposal.status == ArticleProposal.Status.PENDING
            and request.user.has_perm("content.decide_articleproposal")
            and proposals.may_publish(request.user)
        )
        extra = {**(extra_context or {}), "can_decide": can_decide}
        return super().change_view(request, object_id, form_url, extra)


def _shorten(value, limit=600):
    text = " ".join(str(value if value is not None else "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
