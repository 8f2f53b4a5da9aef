"""The public pages: home, topics, articles, and what drafts and errors look like."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from content.models import Article
from tests.factories import make_article, make_topic
from tests.sitemap import sitemap_locations

EMERGENCY_NUMBERS = ["999", "111", "116 123", "911", "988", "112", "000", "13 11 14"]


@pytest.mark.django_db
def test_home_lists_topics_and_routes_to_the_questionnaire_and_help(client, article):
    response = client.get("/uk/")
    assert response.status_code == 200
    page = response.content.decode()
    assert article.topic.title in page
    assert 'href="/uk/pathways/"' in page
    assert 'href="/uk/get-help/"' in page
    assert not response.cookies


@pytest.mark.django_db
def test_home_lists_articles_for_families(client, topic):
    make_article(topic=topic, title="Talking to someone you love", audience=Article.Audience.FAMILY)
    make_article(topic=topic, title="Your own withdrawal", audience=Article.Audience.SELF)
    page = client.get("/uk/").content.decode()
    assert "Talking to someone you love" in page
    assert "Your own withdrawal" not in page


@pytest.mark.django_db
def test_topic_page_lists_only_published_articles(client, topic):
    make_article(topic=topic, title="Visible guide")
    make_article(topic=topic, title="Hidden draft", status=Article.Status.DRAFT, published_at=None)
    make_article(topic=topic, title="Tomorrow's guide", published_at=timezone.now() + timedelta(days=1))
    response = client.get(f"/uk/topics/{topic.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Visible guide" in page
    assert "Hidden draft" not in page
    assert "Tomorrow&#x27;s guide" not in page


@pytest.mark.django_db
def test_article_page_has_every_part_a_reader_needs(client, article):
    published_related = make_article(title="Withdrawal")
    draft_related = make_article(title="Unfinished draft", status=Article.Status.DRAFT, published_at=None)
    article.related_articles.set([published_related, draft_related])
    response = client.get("/uk/articles/what-is-ketamine/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "<h1>What is ketamine?</h1>",
        "What this article covers.",
        "Key points",
        "<li>Second point</li>",
        'href="#section-what-it-is"',
        '<h2 id="section-what-it-is">What it is</h2>',
        "Sources",
        'href="https://www.nhs.uk/',
        "Last reviewed",
        "1 November 2026",
        "Written and checked by the Recovery Portal editorial team from the sources listed.",
        "Next review due",
        "1 November 2027",
        "Where to get help",
        "Related articles",
        "Withdrawal",
    ]:
        assert text in page, text
    assert "Unfinished draft" not in page
    assert not response.cookies


@pytest.mark.django_db
def test_every_page_shows_the_crisis_line_and_help_link(client, article):
    for url in [
        "/uk/",
        f"/uk/topics/{article.topic.slug}/",
        "/uk/articles/what-is-ketamine/",
        "/uk/get-help/",
        "/uk/privacy/",
    ]:
        page = client.get(url).content.decode()
        assert 'href="tel:999"' in page, url
        assert "116 123" in page, url
        assert 'href="/uk/get-help/"' in page, url


@pytest.mark.django_db
def test_draft_is_not_found_for_the_public(client):
    make_article(slug="work-in-progress", status=Article.Status.DRAFT, published_at=None)
    assert client.get("/uk/articles/work-in-progress/").status_code == 404


@pytest.mark.django_db
def test_scheduled_article_is_not_found_before_its_date(client):
    make_article(slug="next-week", published_at=timezone.now() + timedelta(days=7))
    assert client.get("/uk/articles/next-week/").status_code == 404


@pytest.mark.django_db
def test_staff_can_preview_a_draft(client, editor):
    make_article(slug="work-in-progress", status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.get("/uk/articles/work-in-progress/")
    assert response.status_code == 200
    assert "not visible to the public" in response.content.decode()


@pytest.mark.django_db
def test_staff_without_permission_cannot_preview(client, django_user_model):
    make_article(slug="work-in-progress", status=Article.Status.DRAFT, published_at=None)
    client.force_login(django_user_model.objects.create_user("helper", password="x-long-password-1", is_staff=True))
    assert client.get("/uk/articles/work-in-progress/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "region", "number", "foreign"),
    [
        ("/uk/articles/no-such-article/", "uk", "999", ["911", "000", "112"]),
        ("/us/topics/no-such-topic/", "us", "911", ["999", "000", "112"]),
        ("/ie/articles/bad slug/", "ie", "112 or 999", ["911", "000"]),
        ("/au/nowhere/", "au", "000", ["999", "911", "112"]),
        ("/nowhere/", "uk", "999", ["911", "000", "112"]),  # no region in the path: the default region
    ],
)
def test_not_found_page_shows_the_help_of_the_region_in_its_path(client, url, region, number, foreign):
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert f'href="tel:{number.split()[0]}"' in page
    assert f'href="/{region}/get-help/"' in page
    for other in foreign:
        assert f">{other}<" not in page


def test_server_error_page_carries_emergency_numbers_without_a_database():
    # The 500 handler renders with no request context, so it needs no database.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, something went wrong" in page
    for number in EMERGENCY_NUMBERS:
        assert number in page


@pytest.mark.django_db
def test_a_topic_with_no_articles_says_so(client):
    topic = make_topic()
    assert "No articles here yet." in client.get(topic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_sitemap_lists_public_pages_only(client, article):
    make_article(slug="secret-draft", status=Article.Status.DRAFT, published_at=None)
    make_article(slug="not-yet", published_at=timezone.now() + timedelta(days=2))
    page = " ".join(sitemap_locations(client))
    assert "/uk/articles/what-is-ketamine/" in page
    assert f"/uk/topics/{article.topic.slug}/" in page
    assert "/uk/get-help/" in page and "/uk/pathways/" in page
    assert "secret-draft" not in page and "not-yet" not in page


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db
def test_an_editors_raw_html_id_never_duplicates_an_id_of_the_page(client):
    article = make_article(body='<h2 id="main">Start</h2>\n\nText.\n\n## Where to get help\n\nAsk your GP.')
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('id="main"') == 1
    assert 'id="section-main"' in page


@pytest.mark.parametrize("number", ["0", "00", "100001", "99999999999999999999"])
def test_a_page_number_past_any_list_is_not_found_not_an_error(client, topic, number):
    make_article(topic=topic)
    assert client.get(f"/uk/topics/{topic.slug}/page/{number}/").status_code == 404
    assert client.get(f"/sitemap-articles-{number}.xml").status_code == 404
