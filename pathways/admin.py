"""Editors' admin for the pathway option texts and the help contacts."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from content.versioning import VersionedAdminForm, VersionedAdminMixin
from pathways.models import HelpContact, PathwayOption


class PathwayOptionForm(VersionedAdminForm):
    class Meta:
        model = PathwayOption
        fields = ["key", "title", "summary", "what_to_expect", "articles", "order", "version"]


@admin.register(PathwayOption)
class PathwayOptionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    form = PathwayOptionForm
    list_display = ["title", "key", "order"]
    autocomplete_fields = ["articles"]


class NeedsCheckFilter(admin.SimpleListFilter):
    title = "last checked"
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [("stale", "Not in the last 12 months")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.needing_check(timezone.localdate())
        return queryset


class HelpContactForm(VersionedAdminForm):
    url = forms.URLField(required=False, max_length=200, assume_scheme="https")
    checked_against = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=HelpContact._meta.get_field("checked_against").help_text,
    )

    class Meta:
        model = HelpContact
        fields = "__all__"


@admin.register(HelpContact)
class HelpContactAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    form = HelpContactForm
    list_display = ["name", "kind", "audience", "region", "phone", "hours", "last_checked", "order"]
    list_filter = ["region", "kind", "audience", NeedsCheckFilter]
    search_fields = ["name", "description", "phone"]
    history_list_display = ["phone", "last_checked"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "audience", "region", "description", "order", "version"]}),
        ("How to reach them", {"fields": ["phone", "text_number", "url", "hours"]}),
        (
            "Checking",
            {
                "fields": ["last_checked", "checked_against"],
                "description": "Check these details with the service once a year.",
            },
        ),
    ]
