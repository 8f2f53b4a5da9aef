"""Nobody changes what the public reads without a Publisher (issue 15, finding 1 and 8).

An Editor could hide a live article by moving its publish date on, publish a scheduled one
early by moving its date back, and put unreviewed words live by saving or by restoring an
old version. A view-only staff user could write through the history form. Now an editor's
change to a published article waits as a proposal until a publisher approves it.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from content import proposals
from content.models import Article, ArticleProposal
from pathways.models import HelpContact
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/content/article/{article.pk}/change/"


def public_url(article):
    return f"/uk/articles/{article.slug}/"


def with_date(data, when):
    local = timezone.localtime(when)
    return {**data, "published_at_0": local.date().isoformat(), "published_at_1": local.strftime("%H:%M:%S")}


# Finding 1: publish dates


def test_an_editor_cannot_hide_a_live_article_by_moving_its_date(client, editor_user):
    article = make_article(body="## Live\n\nLive words.")
    client.force_login(editor_user)
    page = client.get(change_url(article)).content.decode()
    assert 'name="published_at_0"' not in page  # shown, not editable
    client.post(change_url(article), with_date(article_form_data(article), timezone.now() + timedelta(days=30)))
    article.refresh_from_db()
    assert article.published_at < timezone.now()
    assert client.get(public_url(article)).status_code == 200


def test_an_editor_cannot_publish_a_scheduled_article_early(client, editor_user):
    article = make_article(published_at=timezone.now() + timedelta(days=7))
    client.force_login(editor_user)
    client.post(change_url(article), with_date(article_form_data(article), timezone.now() - timedelta(days=1)))
    article.refresh_from_db()
    assert article.published_at > timezone.now()
    client.logout()
    assert client.get(public_url(article)).status_code == 404


def test_the_model_refuses_a_date_change_by_someone_without_the_publish_permission(editor_user, publisher_user):
    article = make_article(status=Article.Status.IN_REVIEW, published_at=None)
    article.published_at = timezone.now() + timedelta(days=1)
    article.acting_user = editor_user
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "Only a publisher" in str(refused.value)
    article.acting_user = publisher_user
    article.full_clean()  # a publisher may schedule it


def test_a_publisher_can_still_reschedule(client, publisher_user):
    article = make_article(published_at=timezone.now() + timedelta(days=7))
    client.force_login(publisher_user)
    later = timezone.now() + timedelta(days=14)
    response = client.post(change_url(article), with_date(article_form_data(article), later))
    assert response.status_code == 302
    article.refresh_from_db()
    assert abs(article.published_at - later) < timedelta(seconds=2)


# Finding 1: words


def test_an_editors_change_to_a_live_article_waits_for_a_publisher(client, editor_user, publisher_user):
    article = make_article(title="Withdrawal", body="## Live\n\nReviewed words.")
    client.force_login(editor_user)
    data = article_form_data(article, title="Withdrawal, rewritten", body="## New\n\nUnreviewed words.")
    response = client.post(change_url(article), data, follow=True)
    assert "saved for a publisher to approve" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Withdrawal"
    assert "Unreviewed" not in client.get(public_url(article)).content.decode()
    proposal = ArticleProposal.objects.get()
    assert proposal.created_by == editor_user and proposal.status == ArticleProposal.Status.PENDING

    # The publisher sees it on the needs-attention page and in the article's form, with what it changes.
    client.force_login(publisher_user)
    assert "Withdrawal" in client.get("/admin/needs-attention/").content.decode()
    page = client.get(f"/admin/content/articleproposal/{proposal.pk}/change/").content.decode()
    assert "Withdrawal, rewritten" in page and "Approve: put this change live" in page

    response = client.post(f"/admin/content/articleproposal/{proposal.pk}/approve/", follow=True)
    assert "is now live" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Withdrawal, rewritten"
    assert "Unreviewed words." in client.get(public_url(article)).content.decode()
    newest = article.history.order_by("-history_date").first()
    assert newest.history_user == publisher_user and "edna" in newest.history_change_reason
    proposal.refresh_from_db()
    assert proposal.status == ArticleProposal.Status.APPROVED and proposal.decided_by == publisher_user


def test_an_editors_sources_wait_with_the_words(client, editor_user, publisher_user):
    article = make_article(sources=1)
    client.force_login(editor_user)
    data = article_form_data(article)
    data["sources-0-url"] = "https://www.nhs.uk/conditions/changed-source/"
    client.post(change_url(article), data)
    assert article.sources.get().url != "https://www.nhs.uk/conditions/changed-source/"
    proposals.approve(ArticleProposal.objects.get(), publisher_user)
    assert article.sources.get().url == "https://www.nhs.uk/conditions/changed-source/"


def test_an_editor_cannot_approve_or_reject(client, editor_user):
    article = make_article(title="Detox")
    client.force_login(editor_user)
    client.post(change_url(article), article_form_data(article, title="Detox, changed"))
    proposal = ArticleProposal.objects.get()
    page = client.get(f"/admin/content/articleproposal/{proposal.pk}/change/").content.decode()
    assert "Approve: put this change live" not in page
    response = client.post(f"/admin/content/articleproposal/{proposal.pk}/approve/", follow=True)
    assert "Only a publisher" in response.content.decode()
    client.post(f"/admin/content/articleproposal/{proposal.pk}/reject/")
    proposal.refresh_from_db()
    assert proposal.status == ArticleProposal.Status.PENDING
    assert Article.objects.get(pk=article.pk).title == "Detox"


def test_a_rejected_change_never_goes_live(client, editor_user, publisher_user):
    article = make_article(title="Therapy")
    client.force_login(editor_user)
    client.post(change_url(article), article_form_data(article, title="Therapy, changed"))
    proposal = ArticleProposal.objects.get()
    client.force_login(publisher_user)
    client.post(f"/admin/content/articleproposal/{proposal.pk}/reject/")
    proposal.refresh_from_db()
    assert proposal.status == ArticleProposal.Status.REJECTED
    with pytest.raises(ValidationError):
        proposals.approve(proposal, publisher_user)
    assert Article.objects.get(pk=article.pk).title == "Therapy"


def test_a_proposal_from_an_older_version_cannot_overwrite_a_newer_live_text(client, editor_user, publisher_user):
    article = make_article(title="Aftercare")
    client.force_login(editor_user)
    client.post(change_url(article), article_form_data(article, title="Aftercare, editor's"))
    proposal = ArticleProposal.objects.get()
    client.force_login(publisher_user)
    client.post(change_url(article), article_form_data(Article.objects.get(pk=article.pk), title="Aftercare, newer"))
    response = client.post(f"/admin/content/articleproposal/{proposal.pk}/approve/", follow=True)
    assert "has changed since this proposal was made" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "Aftercare, newer"


def test_an_editor_still_edits_drafts_directly(client, editor_user):
    article = make_article(title="Draft", status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor_user)
    client.post(change_url(article), article_form_data(article, title="Draft, improved"))
    assert Article.objects.get(pk=article.pk).title == "Draft, improved"
    assert not ArticleProposal.objects.exists()


def test_what_goes_live_on_save_is_a_publishers_to_change(client, editor_user):
    contact = HelpContact.objects.create(name="Helpline", kind="helpline", region="uk", phone="0800 000 000")
    client.force_login(editor_user)
    data = {"name": "Helpline", "kind": "helpline", "audience": "everyone", "region": "uk", "phone": "0800 999 999",
            "order": 0, "version": 1}  # fmt: skip
    assert client.post(f"/admin/pathways/helpcontact/{contact.pk}/change/", data).status_code == 403
    assert HelpContact.objects.get(pk=contact.pk).phone == "0800 000 000"
    assert client.get(f"/admin/pathways/helpcontact/{contact.pk}/change/").status_code == 200  # can still read it


# Finding 8: history revert


def revert_url(article):
    first = article.history.order_by("history_date").first()
    return f"/admin/content/article/{article.pk}/history/{first.history_id}/"


def test_a_view_only_user_cannot_write_through_the_revert_form(client, make_user):
    article = make_article(title="Original", body="## One\n\nOriginal words.")
    publisher = make_user("pub", "Publisher")
    client.force_login(publisher)
    client.post(change_url(article), article_form_data(article, title="Current"))
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert client.get(change_url(article)).status_code == 200  # was a 500 (KeyError 'version')
    page = client.get(revert_url(article))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    current = Article.objects.get(pk=article.pk)
    response = client.post(revert_url(article), article_form_data(current, title="Original", body="## Hacked\n\nNo."))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Current"


def test_an_editor_restoring_a_live_article_makes_a_proposal(client, editor_user, publisher_user):
    article = make_article(title="Original")
    client.force_login(publisher_user)
    client.post(change_url(article), article_form_data(article, title="Current"))
    client.force_login(editor_user)
    current = Article.objects.get(pk=article.pk)
    response = client.post(revert_url(article), article_form_data(current, title="Original"), follow=True)
    assert "saved for a publisher to approve" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "Current"
    assert ArticleProposal.objects.get().data["title"] == "Original"


def test_the_revert_form_of_a_deleted_article_explains_instead_of_failing(admin_client):
    article = make_article(title="Gone")
    url = revert_url(article)
    article.delete()
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200
    assert "has been deleted" in response.content.decode()
