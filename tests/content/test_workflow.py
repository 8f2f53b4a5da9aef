"""The editorial workflow: roles, the status flow, revision history, no lost edits, and
the whole path from an editor's draft to a reader's screen."""

import importlib
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.models import Article
from content.versioning import ConcurrentEditError
from pathways.models import HelpContact
from tests.factories import article_form_data as form_data
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/content/article/{article.pk}/change/"


# Roles


def test_roles_exist_with_the_right_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_articleproposal", "view_helpcontact", "view_carecard"} <= editor
    # What goes live the moment it is saved is a Publisher's to change.
    live_on_save = {"change_carecard", "add_topic", "change_topic", "add_helpcontact", "change_helpcontact"}
    assert not (live_on_save | {"change_pathwayoption", "publish_article", "decide_articleproposal"}) & editor
    assert publisher == editor | live_on_save | {"change_pathwayoption", "publish_article", "decide_articleproposal"}
    assert "delete_article" not in publisher


def test_roles_migration_can_be_reversed():
    from django.apps import apps

    roles = importlib.import_module("pathways.migrations.0003_editorial_roles")
    card_roles = importlib.import_module("pathways.migrations.0005_care_card_roles")
    publisher_decides = importlib.import_module("pathways.migrations.0006_publisher_decides")
    editor_permissions = set(Group.objects.get(name="Editor").permissions.all())
    publisher_permissions = set(Group.objects.get(name="Publisher").permissions.all())
    publisher_decides.backwards(apps, None)
    editor_before = {permission.codename for permission in Group.objects.get(name="Editor").permissions.all()}
    assert {"change_carecard", "change_helpcontact"} <= editor_before
    assert "view_articleproposal" not in editor_before
    card_roles.revoke(apps, None)
    assert not Group.objects.get(name="Editor").permissions.filter(codename="change_carecard").exists()
    roles.remove_roles(apps, None)
    assert not Group.objects.filter(name__in=["Editor", "Publisher"]).exists()
    roles.create_roles(apps, None)
    card_roles.grant(apps, None)
    publisher_decides.forwards(apps, None)
    assert set(Group.objects.get(name="Editor").permissions.all()) == editor_permissions
    assert set(Group.objects.get(name="Publisher").permissions.all()) == publisher_permissions


def test_staff_without_a_role_see_nothing(client, make_user):
    client.force_login(make_user("visitor"))
    assert "have permission to view or edit anything" in client.get("/admin/").content.decode()
    assert client.get("/admin/content/article/").status_code == 403
    assert client.get("/admin/needs-attention/").status_code == 403


def test_an_editor_cannot_publish_but_a_publisher_can(client, editor_user, publisher_user):
    article = make_article(status=Article.Status.IN_REVIEW, published_at=None)
    client.force_login(editor_user)
    page = client.get(change_url(article)).content.decode()
    assert 'value="published"' not in page
    assert 'value="publish"' not in page  # the bulk action
    refused = client.post(change_url(article), form_data(article, status="published"))
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    client.force_login(publisher_user)
    assert 'value="published"' in client.get(change_url(article)).content.decode()
    response = client.post(change_url(article), form_data(article, status="published"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.status_changed_by == publisher_user
    assert article.is_published()


# The status flow


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("draft", "in_review", True),
        ("draft", "published", False),
        ("in_review", "draft", True),
        ("in_review", "published", True),
        ("published", "draft", True),
        ("published", "in_review", False),
    ],
)
def test_the_model_enforces_the_status_flow(old, new, allowed):
    article = make_article(status=old)
    article.status = new
    if allowed:
        article.save()
        article.refresh_from_db()
        assert article.status == new
    else:
        with pytest.raises(ValidationError, match="cannot go straight from"):
            article.save()


@pytest.mark.parametrize(
    ("role", "old", "new", "allowed"),
    [
        ("Editor", "draft", "in_review", True),
        ("Editor", "in_review", "draft", True),
        ("Editor", "in_review", "published", False),
        ("Editor", "published", "draft", False),
        ("Publisher", "in_review", "published", True),
        ("Publisher", "published", "draft", True),
        ("Publisher", "draft", "published", False),
    ],
)
def test_who_may_move_an_article(make_user, role, old, new, allowed):
    assert Article.may_change_status(make_user(f"{role}-user", role), old, new) is allowed


def test_change_status_records_who_and_when(editor_user):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article.change_status(Article.Status.IN_REVIEW, editor_user)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.status_changed_by == editor_user
    assert timezone.now() - article.status_changed_at < timedelta(minutes=1)
    with pytest.raises(ValidationError, match="Only a publisher"):
        article.change_status(Article.Status.PUBLISHED, editor_user)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"sources": 0}, "it has no sources"),
        ({"next_review_due": date(2020, 1, 1), "last_reviewed": date(2019, 1, 1)}, "review it and update the dates"),
    ],
)
def test_publishing_is_refused_with_the_reason(publisher_user, changes, reason):
    article = make_article(status=Article.Status.IN_REVIEW, published_at=None, **changes)
    with pytest.raises(ValidationError, match=reason):
        article.change_status(Article.Status.PUBLISHED, publisher_user)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_admin_refuses_to_publish_without_sources(client, publisher_user):
    article = make_article(status=Article.Status.IN_REVIEW, published_at=None, sources=1)
    client.force_login(publisher_user)
    data = form_data(article, status="published", **{"sources-0-DELETE": "on"})
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "A published article needs at least one source" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_admin_refuses_to_publish_an_overdue_review(client, publisher_user):
    article = make_article(
        status=Article.Status.IN_REVIEW,
        published_at=None,
        last_reviewed=date(2024, 1, 1),
        next_review_due=date(2025, 1, 1),
    )
    client.force_login(publisher_user)
    response = client.post(change_url(article), form_data(article, status="published"))
    assert "cannot be published yet: its review was due on 1 January 2025" in response.content.decode()


def test_warnings_do_not_block_saving(client, editor_user):
    article = make_article(status=Article.Status.DRAFT, published_at=None, sources=0, key_points="")
    client.force_login(editor_user)
    response = client.post(change_url(article), form_data(article, body="## Addicts\n\nA long paragraph."))
    assert response.status_code == 302
    page = client.get(change_url(article)).content.decode()
    assert "can stigmatise" in page and "No sources" in page and "No key points" in page


def test_bulk_actions_follow_the_flow(client, editor_user, publisher_user):
    drafts = [make_article(status=Article.Status.DRAFT, published_at=None) for _ in range(2)]
    client.force_login(editor_user)
    client.post("/admin/content/article/", {"action": "submit_for_review", "_selected_action": [a.pk for a in drafts]})
    assert set(Article.objects.filter(pk__in=[a.pk for a in drafts]).values_list("status", flat=True)) == {"in_review"}
    client.force_login(publisher_user)
    response = client.post(
        "/admin/content/article/", {"action": "publish", "_selected_action": [a.pk for a in drafts]}, follow=True
    )
    assert "2 article(s) now published" in response.content.decode()
    assert Article.objects.published().filter(pk__in=[a.pk for a in drafts]).count() == 2


# Revision history


def test_history_records_who_changed_what_and_restores_an_earlier_version(client, publisher_user):
    article = make_article(title="First title", body="## One\n\nOriginal words.")
    client.force_login(publisher_user)
    client.post(change_url(article), form_data(article, title="Second title", body="## Two\n\nNew words."))
    article.refresh_from_db()
    assert article.title == "Second title"
    records = list(article.history.order_by("history_date"))
    assert records[-1].history_user == publisher_user
    assert {"body", "title", "version"} <= {change.field for change in records[-1].diff_against(records[-2]).changes}

    history_page = client.get(f"/admin/content/article/{article.pk}/history/").content.decode()
    assert "pat" in history_page and "Second title" in history_page

    original = records[0]
    revert_url = f"/admin/content/article/{article.pk}/history/{original.history_id}/"
    form_page = client.get(revert_url).content.decode()
    assert "First title" in form_page
    current = Article.objects.get(pk=article.pk)
    data = form_data(current, title=original.title, body=original.body)
    response = client.post(revert_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "First title"
    assert "Original words." in article.renderings.get(region="uk").body_html
    assert article.status == Article.Status.PUBLISHED  # restoring words never unpublishes
    assert article.history.count() == 3


# No lost edits


def test_a_stale_copy_cannot_overwrite_a_newer_save():
    first, second = make_article(), None
    second = Article.objects.get(pk=first.pk)
    first.title = "Saved first"
    first.save()
    second.title = "Saved second"
    with pytest.raises(ConcurrentEditError):
        second.save()
    assert Article.objects.get(pk=first.pk).title == "Saved first"


def test_the_second_of_two_editors_is_told_what_changed_and_keeps_their_text(client, make_user):
    alice, bob = make_user("alice", "Editor"), make_user("bob", "Editor")
    article = make_article(title="Withdrawal", status=Article.Status.DRAFT, published_at=None)
    opened_by_bob = form_data(article, title="Bob's better title", body="## Bob\n\nBob's careful rewrite.")

    client.force_login(alice)
    assert client.post(change_url(article), form_data(article, title="Alice's title")).status_code == 302

    client.force_login(bob)
    response = client.post(change_url(article), opened_by_bob)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your changes were not saved" in page
    assert "by alice" in page
    assert "Withdrawal" in page and "Alice&#x27;s title" in page  # what alice changed
    assert "Bob&#x27;s careful rewrite." in page  # bob's text is still in the form
    article.refresh_from_db()
    assert article.title == "Alice's title"


def test_stale_saves_are_refused_for_help_contacts_too(client, make_user):
    contact = HelpContact.objects.create(name="Helpline", kind="helpline", region="uk", phone="0800 000 000")
    client.force_login(make_user("carol", "Publisher"))
    data = {"name": "Helpline", "kind": "helpline", "audience": "everyone", "region": "uk", "phone": "0800 111 111",
            "order": 0, "version": 1}  # fmt: skip
    assert client.post(f"/admin/pathways/helpcontact/{contact.pk}/change/", data).status_code == 302
    data["phone"] = "0800 222 222"
    response = client.post(f"/admin/pathways/helpcontact/{contact.pk}/change/", data)
    assert "Your changes were not saved" in response.content.decode()
    contact.refresh_from_db()
    assert contact.phone == "0800 111 111"


# Needs attention


def test_needs_attention_lists_what_editors_should_do(client, editor_user):
    today = timezone.localdate()
    make_article(title="Overdue guide", next_review_due=today - timedelta(days=3))
    make_article(title="Soon guide", next_review_due=today + timedelta(days=12))
    make_article(title="Fine guide", next_review_due=today + timedelta(days=200))
    make_article(title="Waiting guide", status=Article.Status.IN_REVIEW, next_review_due=today + timedelta(days=300))
    HelpContact.objects.create(name="Never checked line", kind="helpline", region="uk")
    HelpContact.objects.create(
        name="Old check line", kind="helpline", region="uk", last_checked=today - timedelta(days=400)
    )
    HelpContact.objects.create(
        name="Fresh check line", kind="helpline", region="uk", last_checked=today - timedelta(days=10)
    )
    client.force_login(editor_user)
    page = client.get("/admin/needs-attention/").content.decode()
    sections = re.split(r"<h2>", page)
    overdue = next(s for s in sections if s.startswith("Review overdue"))
    soon = next(s for s in sections if s.startswith("Review due within 30 days"))
    waiting = next(s for s in sections if s.startswith("Waiting for review"))
    contacts = next(s for s in sections if s.startswith("Help contacts not checked"))
    assert "Overdue guide" in overdue and "Soon guide" not in overdue
    assert "Soon guide" in soon and "Fine guide" not in soon
    assert "Waiting guide" in waiting
    assert "Never checked line" in contacts and "Old check line" in contacts and "Fresh check line" not in contacts
    assert 'href="/admin/needs-attention/"' in client.get("/admin/").content.decode()


def test_article_list_shows_checks_and_reading_ease(client, editor_user):
    make_article(title="Plain guide", body="## Start\n\nYou can stop. Ask for help.", sources=2)
    make_article(title="Thin guide", sources=0, key_points="")
    client.force_login(editor_user)
    page = client.get("/admin/content/article/").content.decode()
    row = lambda title: page[page.index(title) : page.index("</tr>", page.index(title))]  # noqa: E731
    assert "✓" in row("Plain guide")
    assert "sources" in row("Thin guide") and "key points" in row("Thin guide")


# Scheduled publishing


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    publish_at = timezone.now() + timedelta(hours=2)
    make_article(slug="tomorrow", title="Scheduled guide", published_at=publish_at)
    assert client.get("/uk/articles/tomorrow/").status_code == 404
    assert "Scheduled guide" not in client.get(f"/uk/topics/{Article.objects.get().topic.slug}/").content.decode()
    later = publish_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get("/uk/articles/tomorrow/").status_code == 200


# The whole editorial path, as people would do it in the admin


def test_editor_drafts_submits_publisher_publishes_reader_reads(client, editor_user, publisher_user):
    topic = make_topic(title="Treatment", slug="treatment")
    client.force_login(editor_user)
    add = {
        "title": "Group therapy",
        "slug": "group-therapy",
        "topic": topic.pk,
        "audience": "both",
        "summary": "What happens in group therapy.",
        "key_points": "People share.\nA trained person leads.\nIt is free on the NHS.",
        "body": "## What it is\n\nA group meets each week.\n\n## Where to get help\n\nAsk your GP.",
        "status": "draft",
        "last_reviewed": timezone.localdate().isoformat(),
        "reviewed_by": "Edna",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-title": "Drug misuse",
        "sources-0-publisher": "NICE",
        "sources-0-url": "https://www.nice.org.uk/guidance/cg51",
        "sources-0-order": "0",
        "sources-1-title": "Ketamine",
        "sources-1-publisher": "FRANK",
        "sources-1-url": "https://www.talktofrank.com/drug/ketamine",
        "sources-1-order": "1",
    }
    response = client.post("/admin/content/article/add/", add)
    assert response.status_code == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode())
    article = Article.objects.get(slug="group-therapy")
    client.logout()
    assert client.get("/uk/articles/group-therapy/").status_code == 404

    client.force_login(editor_user)
    assert client.post(change_url(article), form_data(article, status="in_review")).status_code == 302
    article.refresh_from_db()
    assert article.status == "in_review" and article.status_changed_by == editor_user

    client.force_login(publisher_user)
    article.refresh_from_db()
    assert client.post(change_url(article), form_data(article, status="published")).status_code == 302
    client.logout()

    response = client.get("/uk/articles/group-therapy/")
    assert response.status_code == 200
    assert "A group meets each week." in response.content.decode()
    assert "Group therapy" in client.get("/uk/topics/treatment/").content.decode()
    assert [record.history_user for record in article.history.order_by("history_date")] == [
        editor_user,
        editor_user,
        publisher_user,
    ]
