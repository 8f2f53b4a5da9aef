"""No lost edits: optimistic locking with a version number.

Every save of an existing row bumps its version with a conditional UPDATE, so a save
made from an out-of-date copy is refused instead of silently overwriting someone else's
newer work. The admin form carries the version it started from and, when it is stale,
shows the editor who changed what (from the revision history) while keeping their input.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime


class ConcurrentEditError(Exception):
    """The row changed since this copy was read."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one with every save.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        with transaction.atomic(using=kwargs.get("using")):
            claimed = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not claimed:
                raise ConcurrentEditError(
                    f"{self._meta.verbose_name} {self.pk} was changed by someone else (you had version {self.version})."
                )
            self.version += 1
            return super().save(*args, **kwargs)


def describe_conflict(instance, started_from):
    """HTML explaining what changed between the version an editor started from and now."""
    current = type(instance)._base_manager.get(pk=instance.pk)
    history = getattr(current, "history", None)
    newest = history.order_by("-history_date").first() if history is not None else None
    base = history.filter(version=started_from).order_by("-history_date").first() if history is not None else None
    who = ""
    if newest is not None:
        user = newest.history_user.get_username() if newest.history_user else "someone"
        who = f" by {user} at {date_format(localtime(newest.history_date), 'j F Y, H:i')}"
    changed = []
    if newest is not None and base is not None:
        delta = newest.diff_against(base, excluded_fields=["version", "body_html", "contents", "updated_at"])
        changed = [
            (
                type(instance)._meta.get_field(change.field).verbose_name.capitalize(),
                _short(change.old),
                _short(change.new),
            )
            for change in delta.changes
        ]
    details = (
        format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: “{}” → “{}”</li>", changed),
        )
        if changed
        else ""
    )
    return format_html(
        "Your changes were not saved, because this {} was saved{} while you were editing it "
        "(you started from version {}; it is now version {}). {}"
        "Your text is still in the form below: copy what you need, then reload the page to see the latest "
        "version and add your changes to it.",
        type(instance)._meta.verbose_name,
        who,
        started_from,
        current.version,
        format_html("They changed: {}", details) if details else "",
    )


def _short(value, limit=120):
    text = " ".join(str(value if value is not None else "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the editor started from, and refuses a stale save with an explanation."""

    reverting = False  # set on the form used by the history "revert" page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" not in self.fields:
            return  # a view-only user's form has no editable fields
        self.fields["version"].widget = forms.HiddenInput()
        self.fields["version"].required = bool(self.instance.pk)
        instance = self.instance
        if self.reverting and instance.pk:
            # Restoring an old version starts from the current row, not the old version number.
            current = type(instance)._base_manager.get(pk=instance.pk)
            self.initial["version"] = current.version
            self.keep_on_revert(current)

    def keep_on_revert(self, current):
        """Fields that a restore must not wind back (for example, the publishing status)."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        started_from = cleaned.get("version")
        if instance.pk and started_from is not None:
            rows = type(instance)._base_manager.filter(pk=instance.pk)
            if connection.in_atomic_block:
                rows = rows.select_for_update()  # hold the row until this save commits (the admin view is atomic)
            current = rows.values_list("version", flat=True).first()
            if current is not None and current != started_from:
                raise forms.ValidationError(describe_conflict(instance, started_from), code="stale")
        return cleaned


class VersionedAdminMixin:
    """For ModelAdmins of VersionedModels: a stale save is shown as a form error, never lost."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        match = getattr(request, "resolver_match", None)
        if match is not None and (match.url_name or "").endswith("_simple_history"):
            form = type(form.__name__, (form,), {"reverting": True})
        return form

    def revert_disabled(self, request, obj=None):
        # Only someone who may change the row sees a "Revert" button on an old version.
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            live = self.model._base_manager.filter(pk=object_id).first()
        except (ValueError, ValidationError):
            raise Http404 from None
        if live is None:
            opts = self.model._meta
            self.message_user(
                request,
                f"This {opts.verbose_name} has been deleted, so an old version of it cannot be restored here. "
                f"Add a new {opts.verbose_name} and copy the words you need from its history.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if request.method == "POST" and not self.has_change_permission(request, live):
            raise PermissionDenied  # seeing history is not changing the row
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEditError:
            # Another save landed between this form's check and its own (possible on SQLite,
            # which cannot lock the row): refuse rather than overwrite.
            self.message_user(
                request,
                "Someone else saved this at the same moment, so your changes were not saved. "
                "Here is the latest version: please make your changes again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
