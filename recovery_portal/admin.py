"""The editors' admin site: Django's admin with a "needs attention" page across both apps."""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from content.checks import REVIEW_SOON_DAYS
from content.models import Article, ArticleProposal
from pathways.models import HelpContact


class PortalAdminSite(admin.AdminSite):
    site_header = "Ketamine Recovery Portal: editors"
    site_title = "Portal editors"
    index_title = "Content and help contacts"
    index_template = "admin/portal_index.html"

    def get_urls(self):
        return [
            path("needs-attention/", self.admin_view(self.needs_attention), name="needs_attention"),
            *super().get_urls(),
        ]

    def needs_attention(self, request):
        user = request.user
        if not (user.has_perm("content.view_article") or user.has_perm("pathways.view_helpcontact")):
            raise PermissionDenied
        today = timezone.localdate()
        articles = Article.objects.select_related("topic", "status_changed_by").order_by("next_review_due")
        context = {
            **self.each_context(request),
            "title": "Needs attention",
            "today": today,
            "can_see_articles": user.has_perm("content.view_article"),
            "can_see_contacts": user.has_perm("pathways.view_helpcontact"),
            "overdue": articles.filter(next_review_due__lt=today),
            "due_soon": articles.filter(
                next_review_due__gte=today, next_review_due__lte=today + timedelta(days=REVIEW_SOON_DAYS)
            ),
            "in_review": articles.filter(status=Article.Status.IN_REVIEW).order_by("status_changed_at"),
            "can_see_proposals": user.has_perm("content.view_articleproposal"),
            "proposals": ArticleProposal.objects.filter(status=ArticleProposal.Status.PENDING)
            .select_related("article", "created_by")
            .order_by("created_at"),
            "unsigned": articles.filter(topic__medical=True).unsigned().order_by("topic__order", "title"),
            "unchecked_contacts": HelpContact.objects.needing_check(today).order_by("region", "order"),
        }
        return TemplateResponse(request, "admin/needs_attention.html", context)
