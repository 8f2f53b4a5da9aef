"""Published content changes only through a Publisher.

An editor without the publish permission who saves a published article (live or
scheduled), from its change form or by restoring an old version, makes a proposal: the
words, fields, related articles and sources they saved are kept as an ArticleProposal,
and the live article stays exactly as it was. A publisher approves it (it goes live, with
a history entry naming both) or rejects it. A proposal made from an older version of the
article than the live one cannot be approved: the editor makes it again from the latest
text, so nobody's later change is lost.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from content.models import Article, ArticleProposal, Source, Topic
from content.signals import sources_in_bulk

# What a proposal carries: everything an editor can change on the form, but not the
# publishing status or date, which stay a publisher's.
FIELDS = (
    *("title", "slug", "audience", "summary", "key_points", "body"),
    *("last_reviewed", "next_review_due", "reviewed_by"),
    *("clinical_reviewer", "clinical_reviewer_role", "clinical_reviewed_on"),
)
DATE_FIELDS = {"last_reviewed", "next_review_due", "clinical_reviewed_on"}
SOURCE_FIELDS = ("title", "publisher", "url", "key", "regions", "order")


def may_publish(user):
    return user.has_perm("content.publish_article")


def snapshot(article, cleaned_data, sources=None):
    """The proposal's data: the form's values, with the article's sources unless given."""
    data = {name: cleaned_data.get(name, getattr(article, name)) for name in FIELDS}
    for name in DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    topic = cleaned_data.get("topic") or article.topic
    data["topic"] = topic.pk
    related = cleaned_data.get("related_articles")
    data["related_articles"] = sorted(
        a.pk for a in (related if related is not None else article.related_articles.all())
    )
    if sources is None:
        sources = [{name: getattr(source, name) for name in SOURCE_FIELDS} for source in article.sources.all()]
    data["sources"] = sources
    return data


def sources_from_formsets(formsets):
    """The sources an inline formset would leave, in order, as plain values."""
    found = []
    for formset in formsets:
        if formset.model is not Source:
            continue
        for form in formset.forms:
            values = getattr(form, "cleaned_data", None)
            if values and not values.get("DELETE") and values.get("url"):
                found.append({name: values.get(name) or ("" if name != "order" else 0) for name in SOURCE_FIELDS})
    return found


@transaction.atomic
def propose(article, cleaned_data, user, sources=None):
    """Keep an editor's change to a live article for a publisher; the article is not touched."""
    base_version = Article._base_manager.filter(pk=article.pk).values_list("version", flat=True).get()
    ArticleProposal.objects.filter(article=article, status=ArticleProposal.Status.PENDING, created_by=user).update(
        status=ArticleProposal.Status.SUPERSEDED
    )
    return ArticleProposal.objects.create(
        article_id=article.pk, base_version=base_version, data=snapshot(article, cleaned_data, sources), created_by=user
    )


def changes(proposal):
    """(field label, live value, proposed value) for each field the proposal changes."""
    article = proposal.article
    live = snapshot(article, {})
    found = []
    for name, proposed in proposal.data.items():
        if live.get(name) != proposed:
            label = "Sources" if name == "sources" else Article._meta.get_field(name).verbose_name.capitalize()
            found.append((label, live.get(name), proposed))
    return found


@transaction.atomic
def approve(proposal, user):
    """Put the proposed change live, as `user` (a publisher)."""
    if not (may_publish(user) and user.has_perm("content.decide_articleproposal")):
        raise PermissionDenied("Only a publisher can approve a change to a live article.")
    proposal = ArticleProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ArticleProposal.Status.PENDING:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    article = Article._base_manager.select_for_update().get(pk=proposal.article_id)
    if article.version != proposal.base_version:
        raise ValidationError(
            f"The live article has changed since this proposal was made (from version {proposal.base_version}; it is "
            f"now version {article.version}). Ask for the change to be made again from the latest text, so nothing "
            "is lost."
        )
    data = proposal.data
    for name in FIELDS:
        value = data[name]
        setattr(article, name, datetime.date.fromisoformat(value) if name in DATE_FIELDS and value else value)
    article.topic = Topic.objects.get(pk=data["topic"])
    article._history_user = user
    article._change_reason = f"Approved a change proposed by {proposal.created_by or 'an editor'}"
    article.full_clean(exclude=["version"])
    article.save()
    article.related_articles.set(Article._base_manager.filter(pk__in=data["related_articles"]).exclude(pk=article.pk))
    with sources_in_bulk():
        article.sources.all().delete()
        for values in data["sources"]:
            Source.objects.create(
                article=article,
                **{name: values.get(name) or "" for name in SOURCE_FIELDS if name != "order"},
                order=values.get("order") or 0,
            )
    article.refresh_page_lists()
    article.rerender()
    _decide(proposal, user, ArticleProposal.Status.APPROVED)
    return article


def reject(proposal, user):
    if not user.has_perm("content.decide_articleproposal"):
        raise PermissionDenied("Only a publisher can reject a change to a live article.")
    if proposal.status != ArticleProposal.Status.PENDING:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    _decide(proposal, user, ArticleProposal.Status.REJECTED)


def _decide(proposal, user, status):
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
