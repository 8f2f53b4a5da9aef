"""The site chrome (crisis banner, header, footer, help box) is rendered once and reused: a
changed number must still show on the very next page, and the fallback numbers shown while
the database is down must not outlive the outage."""

import pytest
from django.db import DatabaseError

from pathways.models import HelpContact
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_changed_crisis_line_shows_at_once_in_banner_footer_and_help_box(client, settings):
    HelpContact.objects.filter(region="uk", kind=HelpContact.Kind.CRISIS_LINE).delete()
    article = make_article(slug="reused-chrome")
    HelpContact.objects.create(
        region="uk", name="Test crisis line", kind=HelpContact.Kind.CRISIS_LINE, phone="0800 111 2222", order=0
    )
    url = f"/uk/articles/{article.slug}/"
    assert client.get(url).content.decode().count("0800 111 2222") >= 3
    contact = HelpContact.objects.get(name="Test crisis line")
    contact.phone = "0800 333 4444"
    contact.save()
    page = client.get(url).content.decode()
    assert "0800 111 2222" not in page
    assert page.count("0800 333 4444") >= 3  # banner, help box and footer


def test_each_region_keeps_its_own_chrome(client):
    article = make_article(slug="four-chromes")
    for region, number in (("uk", "999"), ("us", "911"), ("ie", "112"), ("au", "000")):
        page = client.get(f"/{region}/articles/{article.slug}/").content.decode()
        assert f'href="tel:{number}"' in page
        assert page.count(f'href="/{region}/get-help/"') >= 2


def test_fallback_numbers_used_during_an_outage_go_when_the_database_is_back(client, monkeypatch):
    make_article(slug="outage-chrome")
    HelpContact.objects.filter(region="uk", kind=HelpContact.Kind.CRISIS_LINE).delete()
    HelpContact.objects.create(
        region="uk", name="Edited crisis line", kind=HelpContact.Kind.CRISIS_LINE, phone="0800 555 6666", order=0
    )
    from pathways import contacts

    real_filter = HelpContact.objects.filter

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    contacts.cache.clear()
    monkeypatch.setattr(HelpContact.objects, "filter", broken)
    during = client.get("/uk/privacy/").content.decode()
    assert "0800 555 6666" not in during and 'href="tel:999"' in during
    monkeypatch.setattr(HelpContact.objects, "filter", real_filter)
    contacts.cache.clear()
    after = client.get("/uk/privacy/").content.decode()
    assert after.count("0800 555 6666") >= 2
