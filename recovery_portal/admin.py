"""The editors' admin site: Django's admin with a "needs attention" page across both apps,
and two-factor sign-in (recovery_portal/two_factor.py)."""

from datetime import timedelta
from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from content.checks import REVIEW_SOON_DAYS
from content.models import Article, ArticleProposal
from pathways.models import HelpContact
from recovery_portal import two_factor


class PortalAdminSite(admin.AdminSite):
    site_header = "Ketamine Recovery Portal: editors"
    site_title = "Portal editors"
    index_title = "Content and help contacts"
    index_template = "admin/portal_index.html"
    login_form = two_factor.SignInForm
    login_template = "admin/two_factor/sign_in.html"

    def get_urls(self):
        return [
            path("needs-attention/", self.admin_view(self.needs_attention), name="needs_attention"),
            path("two-factor/set-up/", self.admin_view(self.two_factor_set_up), name="two_factor_set_up"),
            *super().get_urls(),
        ]

    def has_permission(self, request):
        """Active staff who, when two factors are required, gave a code in this session."""
        return super().has_permission(request) and not two_factor.signed_in_with_password_only(request.user)

    def admin_view(self, view, cacheable=False):
        """Django's guard, which sends anyone without permission to sign in, except that staff
        signed in with only their password may set up an app and sign out (Django's guard would
        not let them out), and are sent to set up an app from every other page until they have one.
        """
        guarded = super().admin_view(view, cacheable)
        open_before_code = view in (self.two_factor_set_up, self.logout)

        def inner(request, *args, **kwargs):
            if open_before_code and two_factor.signed_in_with_password_only(request.user):
                # What Django's guard adds to a view, without its permission check.
                return csrf_protect(never_cache(view))(request, *args, **kwargs)
            if two_factor.must_set_up(request.user):
                return self.redirect_to_set_up()
            return guarded(request, *args, **kwargs)

        return update_wrapper(inner, guarded)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """Django's sign-in page, which sends staff with no app yet to set one up, like every page."""
        if request.method == "GET" and two_factor.must_set_up(request.user):
            return self.redirect_to_set_up()
        return super().login(request, extra_context)

    def redirect_to_set_up(self):
        return HttpResponseRedirect(reverse("admin:two_factor_set_up", current_app=self.name))

    def two_factor_set_up(self, request):
        """The QR code and secret of a new app, then its first code; on success, the backup
        codes, shown this once."""
        if not two_factor.required() or two_factor.has_app(request.user):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        device = two_factor.app_being_set_up(request.user)
        form = two_factor.FirstCodeForm(device, request.POST or None)
        if form.is_valid():
            codes = two_factor.confirm(request, device)
            # The session is verified now, so the admin's menus show on this page.
            context = {**self.each_context(request), "title": "Your backup codes", "backup_codes": codes}
            return TemplateResponse(request, "admin/two_factor/backup_codes.html", context)
        context = {
            **self.each_context(request),
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret(device),
        }
        return TemplateResponse(request, "admin/two_factor/set_up.html", context)

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
