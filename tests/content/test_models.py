"""Which articles the public can see, and what saving an article does."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from content.models import Article
from tests.factories import make_article


@pytest.mark.django_db
class TestPublished:
    def test_published_article_is_listed(self):
        article = make_article()
        assert list(Article.objects.published()) == [article]

    def test_draft_is_not_listed(self):
        make_article(status=Article.Status.DRAFT, published_at=None)
        assert not Article.objects.published().exists()

    def test_future_publish_date_waits(self):
        make_article(published_at=timezone.now() + timedelta(hours=1))
        assert not Article.objects.published().exists()

    def test_publishing_sets_the_date_once(self):
        article = make_article(status=Article.Status.IN_REVIEW, published_at=None)
        article.status = Article.Status.PUBLISHED
        article.save()
        first = article.published_at
        assert first is not None and article.is_published()
        article.save()
        assert article.published_at == first


@pytest.mark.django_db
def test_saving_renders_the_body_once_and_stores_it():
    article = make_article(body="## Hello\n\n<script>x()</script>Text")
    stored = Article.objects.values("body_html", "contents").get(pk=article.pk)
    assert '<h2 id="section-hello">Hello</h2>' in stored["body_html"]
    assert "<script" not in stored["body_html"]
    assert stored["contents"] == [{"id": "section-hello", "title": "Hello"}]


@pytest.mark.django_db
def test_next_review_defaults_to_a_year_after_review():
    article = make_article(last_reviewed=date(2026, 1, 15), next_review_due=None)
    assert article.next_review_due == date(2027, 1, 15)


@pytest.mark.django_db
def test_key_points_are_split_into_lines():
    article = make_article(key_points="- First\n\n* Second\n  Third  ")
    assert article.key_point_list == ["First", "Second", "Third"]


@pytest.mark.django_db
def test_audience_filter_includes_articles_for_everyone():
    family = make_article(audience=Article.Audience.FAMILY)
    both = make_article(audience=Article.Audience.BOTH)
    make_article(audience=Article.Audience.SELF)
    assert set(Article.objects.published().for_audience("family")) == {family, both}
