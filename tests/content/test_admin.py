"""Editors' admin: list, filter, search, preview and save articles."""

from datetime import timedelta

import pytest
from django.utils import timezone

from content.models import Article
from tests.factories import make_article


@pytest.fixture
def admin_client_logged_in(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_article_list_shows_articles_and_filters(admin_client_logged_in, topic):
    make_article(topic=topic, title="Published guide")
    make_article(title="Draft guide", status=Article.Status.DRAFT, published_at=None)
    response = admin_client_logged_in.get("/admin/content/article/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Published guide" in page and "Draft guide" in page
    for filter_title in ["By status", "By topic", "By audience", "By review due"]:
        assert filter_title in page

    drafts = admin_client_logged_in.get("/admin/content/article/?status__exact=draft").content.decode()
    assert "Draft guide" in drafts and "Published guide" not in drafts


@pytest.mark.django_db
def test_review_due_filter(admin_client_logged_in, topic):
    today = timezone.localdate()
    make_article(topic=topic, title="Overdue guide", next_review_due=today - timedelta(days=1))
    make_article(topic=topic, title="Soon guide", next_review_due=today + timedelta(days=10))
    make_article(topic=topic, title="Later guide", next_review_due=today + timedelta(days=200))

    def titles(value):
        return admin_client_logged_in.get(f"/admin/content/article/?review={value}").content.decode()

    overdue, soon = titles("overdue"), titles("soon")
    assert "Overdue guide" in overdue and "Soon guide" not in overdue
    assert "Soon guide" in soon and "Later guide" not in soon


@pytest.mark.django_db
def test_search_finds_articles_by_body_text(admin_client_logged_in, topic):
    make_article(topic=topic, title="Bladder guide", body="## Cystitis\n\nSwelling of the bladder lining.")
    make_article(topic=topic, title="Other guide")
    page = admin_client_logged_in.get("/admin/content/article/?q=cystitis").content.decode()
    assert "Bladder guide" in page and "Other guide" not in page


@pytest.mark.django_db
def test_change_form_previews_the_rendered_article(admin_client_logged_in, article):
    article.body = '## Safer use\n\n!!! urgent "Call 999"\n    If someone collapses.'
    article.save()
    page = admin_client_logged_in.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert '<div class="article-preview" lang="en-GB"><h2 id="section-safer-use">Safer use</h2>' in page
    assert '<span class="callout__label">Urgent:</span> Call 999' in page
    assert "View on site" in page
    assert 'id="id_slug"' in page and "prepopulated" in page


@pytest.mark.django_db
def test_the_preview_has_a_region_picker(admin_client_logged_in, article):
    article.body = (
        "## Help\n\nFor everyone.\n\n::: region uk\nCall FRANK.\n:::\n::: region us ie au\nAsk a doctor.\n:::\n"
    )
    article.save()
    url = f"/admin/content/article/{article.pk}/change/"

    def preview(query=""):
        page = admin_client_logged_in.get(url + query).content.decode()
        return page[page.index('<p class="preview-regions">') :]

    uk = preview()
    assert "Call FRANK." in uk and "Ask a doctor." not in uk
    assert 'href="?region=us"' in uk and 'href="?region=au"' in uk
    us = preview("?region=us")
    assert "As readers in United States see it" in us
    assert "Ask a doctor." in us and "Call FRANK." not in us


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("::: region us\nOnly the US.\n", "never closed with &#x27;:::&#x27;"),
        ("::: region fr\nFrance.\n:::\n", "&#x27;fr&#x27; is not a region"),
        ("Text\n:::\n", "none is open"),
        ("::: region uk\n::: region us\n:::\n:::\n", "cannot start inside another one"),
        ("[[card urgently]]\n", "names no care card"),
    ],
)
def test_a_broken_region_passage_or_card_is_a_clear_error_in_the_admin(admin_client_logged_in, topic, body, message):
    response = admin_client_logged_in.post("/admin/content/article/add/", article_form(topic, body=body))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert not Article.objects.filter(slug="a-new-guide").exists()


def article_form(topic, **overrides):
    data = {
        "title": "A new guide",
        "slug": "a-new-guide",
        "topic": topic.pk,
        "audience": "both",
        "summary": "What the guide covers.",
        "key_points": "One\nTwo\nThree",
        "body": "## Start here\n\nText with <script>bad()</script>.",
        "status": "draft",
        "last_reviewed": "2026-11-01",
        "reviewed_by": "Editor",
        "version": "1",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-title": "Ketamine",
        "sources-0-publisher": "FRANK",
        "sources-0-url": "https://www.talktofrank.com/drug/ketamine",
        "sources-0-order": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_saving_an_article_renders_and_keeps_its_sources(admin_client_logged_in, topic):
    response = admin_client_logged_in.post("/admin/content/article/add/", article_form(topic))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="a-new-guide")
    for rendering in article.renderings.all():
        assert '<h2 id="section-start-here">Start here</h2>' in rendering.body_html
        assert "<script" not in rendering.body_html
    assert article.renderings.count() == 4
    assert article.sources.get().publisher == "FRANK"
    assert str(article.next_review_due) == "2027-11-01"


@pytest.mark.django_db
def test_admin_reports_a_bad_source_url_instead_of_failing(admin_client_logged_in, topic):
    response = admin_client_logged_in.post(
        "/admin/content/article/add/", article_form(topic, **{"sources-0-url": "javascript:alert(1)"})
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not Article.objects.filter(slug="a-new-guide").exists()


@pytest.mark.django_db
def test_topic_admin_lists_article_counts(admin_client_logged_in, article):
    page = admin_client_logged_in.get("/admin/content/topic/").content.decode()
    assert "Understanding ketamine" in page
    assert '<td class="field-article_count">1</td>' in page


@pytest.mark.django_db
def test_an_article_cannot_be_made_related_to_itself(admin_client_logged_in, topic):
    assert admin_client_logged_in.post("/admin/content/article/add/", article_form(topic)).status_code == 302
    article = Article.objects.get(slug="a-new-guide")
    response = admin_client_logged_in.post(
        f"/admin/content/article/{article.pk}/change/",
        article_form(
            topic,
            related_articles=[str(article.pk)],
            **{"sources-INITIAL_FORMS": "0", "sources-TOTAL_FORMS": "0"},
        ),
    )
    assert response.status_code == 200
    assert "An article cannot be related to itself." in response.content.decode()
    assert not article.related_articles.exists()
