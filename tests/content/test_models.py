"""Which articles the public can see, and what saving an article does."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from content.models import Article, ArticleRendering, CareCard
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
def test_saving_renders_the_body_once_for_every_region_and_stores_it():
    article = make_article(body="## Hello\n\n<script>x()</script>Text\n\n::: region us\nUS only.\n:::\n")
    stored = {r.region: r for r in ArticleRendering.objects.filter(article=article)}
    assert set(stored) == {"uk", "us", "ie", "au"}
    for region, rendering in stored.items():
        assert '<h2 id="section-hello">Hello</h2>' in rendering.body_html
        assert "<script" not in rendering.body_html
        assert rendering.contents == [{"id": "section-hello", "title": "Hello"}]
        assert ("US only." in rendering.body_html) == (region == "us")
        assert ("US only" in rendering.search_text) == (region == "us")


@pytest.mark.django_db
def test_links_to_the_sites_pages_stay_in_each_region():
    article = make_article(
        body="See [help](/get-help/), [an article](/articles/x/) and [the NHS](https://www.nhs.uk/)."
    )
    us = ArticleRendering.objects.get(article=article, region="us").body_html
    assert 'href="/us/get-help/"' in us and 'href="/us/articles/x/"' in us and 'href="https://www.nhs.uk/"' in us


@pytest.mark.django_db
def test_a_care_card_embed_shows_the_regions_card_and_follows_the_editors_change():
    call_command("load_articles", verbosity=0)
    article = make_article(body="## Urgent\n\n[[card urgent_now]]\n\nMore text.")
    uk = ArticleRendering.objects.get(article=article, region="uk").body_html
    au = ArticleRendering.objects.get(article=article, region="au").body_html
    assert (
        '<div class="care-card care-card--urgent_now" role="note"><p class="care-card__title">Go to A&amp;E now</p>'
        in uk
    )
    assert "Go to an emergency department now" in au and "A&amp;E" not in au
    card = CareCard.objects.get(tier="urgent_now", region="uk")
    card.title = "Go to A&E straight away"
    card.save()
    assert "Go to A&amp;E straight away" in ArticleRendering.objects.get(article=article, region="uk").body_html


@pytest.mark.django_db
def test_an_article_that_cannot_be_rendered_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match="never closed"):
        make_article(body="::: region us\nUnclosed.")


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
