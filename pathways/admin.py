"""Editors' admin for the pathway option texts and the help contacts."""

from django.contrib import admin

from pathways.models import HelpContact, PathwayOption


@admin.register(PathwayOption)
class PathwayOptionAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "order"]
    list_editable = ["order"]
    autocomplete_fields = ["articles"]
    fields = ["key", "title", "summary", "what_to_expect", "articles", "order"]


@admin.register(HelpContact)
class HelpContactAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "phone", "hours", "order"]
    list_editable = ["order"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "description", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "region", "description", "order"]}),
        ("How to reach them", {"fields": ["phone", "text_number", "url", "hours"]}),
    ]
    formfield_overrides = {HelpContact._meta.get_field("url").__class__: {"assume_scheme": "https"}}
