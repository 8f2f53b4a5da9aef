"""Region-true content: help contacts for every region, search within a region, the page
cache keeping regions apart, and texts that show everywhere kept free of one region's words."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from content.models import CareCard
from pathways.models import HelpContact, PathwayOption

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("region", ["uk", "us", "ie", "au"])
def test_every_region_has_the_contacts_a_reader_needs(library, region):
    contacts = HelpContact.objects.filter(region=region)
    everyone = contacts.filter(audience="everyone")
    assert everyone.filter(kind="emergency").exclude(phone="").exists()
    assert everyone.filter(kind="crisis_line").exists()
    assert everyone.filter(kind__in=["helpline", "service_finder"]).exists()  # drug information or a service finder
    assert contacts.filter(audience="family").exists()
    young = contacts.filter(audience="young_people")
    assert young.exclude(phone="").exists()  # a young people's helpline
    assert young.count() >= 2  # and a young people's drug and alcohol service (issue 12)
    assert contacts.filter(audience="domestic_abuse").exists()
    assert contacts.filter(audience="housing").exists()
    assert not contacts.filter(last_checked__isnull=True).exists()


def test_search_runs_within_the_region_and_links_within_it(client, library):
    uk = client.get("/uk/search/?q=Samaritans").content.decode()
    assert 'href="/uk/articles/' in uk and 'href="/us/articles/' not in uk
    us = client.get("/us/search/?q=Medicaid").content.decode()
    assert 'href="/us/articles/' in us and 'href="/uk/articles/' not in us
    assert "No articles match" in client.get("/us/search/?q=Samaritans").content.decode()
    assert "No articles match" in client.get("/uk/search/?q=Medicaid").content.decode()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_cached_page_of_one_region_is_never_served_for_another(client, library):
    first = client.get("/uk/get-help/")
    assert first["X-Page-Cache"] == "miss"
    us = client.get("/us/get-help/")
    assert us["X-Page-Cache"] == "miss"
    again = client.get("/us/get-help/")
    assert again["X-Page-Cache"] == "hit"
    page = again.content.decode()
    assert 'href="tel:911"' in page and 'href="tel:999"' not in page
    assert 'href="tel:999"' in client.get("/uk/get-help/").content.decode()


@pytest.mark.parametrize(
    "path", ["/uk/", "/us/articles/what-is-ketamine/", "/ie/get-help/", "/au/pathways/", "/uk/search/?q=k"]
)
def test_no_public_response_varies_on_anything_but_the_path(client, library, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US", HTTP_COOKIE="region=au")
    vary = response.get("Vary", "")
    assert "Cookie" not in vary and "Accept-Language" not in vary
    assert not response.cookies
    plain = client.get(path)
    assert plain.content == response.content


def test_pathway_option_texts_may_not_use_one_regions_words(library):
    option = PathwayOption.objects.get(key="outpatient")
    option.summary = "Free on the NHS."
    with pytest.raises(ValidationError, match="NHS"):
        option.full_clean()


def test_a_care_card_may_not_use_another_regions_numbers(library):
    card = CareCard.objects.get(tier="emergency", region="us")
    card.body = "Call [999](tel:999) now."
    with pytest.raises(ValidationError, match="999"):
        card.full_clean()


def test_every_seed_card_uses_only_its_own_regions_words(library):
    for card in CareCard.objects.all():
        card.full_clean()
    crisis = CareCard.objects.filter(tier="crisis")
    assert crisis.count() == 4 and all("Do not stay alone" in card.body for card in crisis)
