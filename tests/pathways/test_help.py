"""Help contacts: on every page, led by the portal's region, and never lost when the database is down."""

import json
import re

import pytest
from django.core.management import CommandError, call_command

from content.regions import foreign_terms
from content.seed import read_yaml
from pathways.models import HelpContact, PathwayOption
from pathways.review import SPEC_BASE
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(library, db):
    """The seed content, loaded once for this module; each test's changes are rolled back."""


PUBLIC_PAGES = ["/uk/", "/uk/topics/understanding-ketamine/", "/uk/articles/what-is-ketamine/", "/uk/get-help/", "/uk/pathways/",
                "/uk/pathways/questions/", "/uk/leave-this-site/", "/uk/privacy/", "/uk/no-such-page/"]  # fmt: skip


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_shows_the_crisis_line_the_help_link_and_quick_exit(client, contacts, url):
    response = client.get(url)
    page = response.content.decode()
    assert 'href="tel:999"' in page
    assert 'Samaritans: <a href="tel:116123">116 123</a>' in page
    assert 'href="/uk/get-help/"' in page
    assert "data-quick-exit>Leave this site</a>" in page
    assert 'href="https://www.bbc.co.uk/weather"' in page
    assert not response.cookies


@pytest.mark.parametrize("url", ["/uk/", "/uk/articles/what-is-ketamine/", "/uk/topics/understanding-ketamine/"])
def test_pages_that_need_the_database_still_show_help_when_it_is_down(client, database_down, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "not available right now" in page
    for number in ["999", "116 123", "911", "988", "000", "13 11 14"]:
        assert number in page
    assert 'href="/uk/get-help/"' in page


@pytest.mark.parametrize(
    "url", ["/uk/get-help/", "/uk/pathways/", "/uk/pathways/questions/", "/uk/leave-this-site/", "/uk/no-such-page/"]
)
def test_help_pages_work_without_the_database(client, database_down, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    page = response.content.decode()
    assert 'href="tel:999"' in page and "116 123" in page
    assert 'href="/uk/get-help/"' in page


@pytest.mark.parametrize(
    ("region", "mine", "others"),
    [
        ("uk", ["999", "Samaritans", "NHS 111", "Call 999 now"], ["911", "988", "Lifeline 13", "HSE"]),
        ("us", ["911", "988 Suicide", "SAMHSA", "Call 911 now"], ["999", "NHS", "HSE", "Samaritans"]),
        ("au", ["000", "Lifeline", "1800 250 015", "Call 000 now"], ["999", "911", "NHS", "HSE", "Samaritans"]),
    ],
)
def test_get_help_without_the_database_still_shows_the_regions_help(client, database_down, region, mine, others):
    page = client.get(f"/{region}/get-help/").content.decode()
    assert "cannot show the full list" in page
    main = page[page.index('id="main"') : page.index("</main>")]
    for text in mine:
        assert text in main, text
    for text in others:
        assert text not in main, text
    assert foreign_terms(re.sub(r"<[^>]+>", " ", main), region) == []


@pytest.mark.parametrize(
    ("region", "mine", "others"),
    [
        ("uk", ["FRANK", "Childline", "National Domestic Abuse Helpline", "Go to A&amp;E now"], ["988", "SAMHSA", "HSE", "Lifeline 13"]),
        ("us", ["SAMHSA", "FindTreatment.gov", "Boys Town", "Go to the emergency room now"], ["FRANK", "NHS", "HSE", "Samaritans"]),
        ("ie", ["HSE Drugs and Alcohol Helpline", "Pieta", "Childline (ISPCC)", "Women&#x27;s Aid"], ["FRANK", "NHS", "988", "Lifeline 13"]),
        ("au", ["Family Drug Support", "Kids Helpline", "1800RESPECT", "1800MEDICARE"], ["FRANK", "NHS", "988", "HSE"]),
    ],
)  # fmt: skip
def test_get_help_shows_the_regions_cards_and_contacts_and_never_anothers(client, contacts, region, mine, others):
    page = client.get(f"/{region}/get-help/").content.decode()
    main = page[page.index('id="main"') : page.index("</main>")]
    for text in mine:
        assert text in main, text
    for text in others:
        assert text not in main, text
    assert foreign_terms(re.sub(r"<[^>]+>", " ", main), region) == []
    assert main.index("If you need help now") < main.index("Helplines and services")
    assert "Narcotics Anonymous" in main  # worldwide peer support is for everyone


def test_the_default_region_is_where_the_home_page_and_old_addresses_go(client, contacts, settings):
    settings.PORTAL_REGION = "au"
    assert client.get("/")["Location"] == "/au/"
    assert client.get("/get-help/")["Location"] == "/au/get-help/"


def test_editing_a_contact_updates_every_page(client, contacts):
    assert "Samaritans" in client.get("/uk/").content.decode()
    samaritans = HelpContact.objects.get(region="uk", name="Samaritans")
    samaritans.name = "Samaritans (free from any phone)"
    samaritans.save()
    assert "Samaritans (free from any phone)" in client.get("/uk/").content.decode()


def test_fallback_numbers_in_settings_agree_with_the_fixture(settings):
    entries = read_yaml("help_contacts.yaml")
    for region, slots in settings.FALLBACK_HELP.items():
        for slot, kind in [("emergency", "emergency"), ("crisis", "crisis_line"), ("urgent", "helpline")]:
            first = next(e for e in entries if e["region"] == region and e["kind"] == kind)
            assert (slots[slot]["name"], slots[slot]["phone"]) == (first["name"], str(first["phone"])), (region, slot)


def test_fixture_covers_the_four_regions_and_every_kind(contacts):
    for region in ["uk", "us", "ie", "au"]:
        kinds = set(HelpContact.objects.filter(region=region).values_list("kind", flat=True))
        assert {"emergency", "crisis_line", "helpline"} <= kinds, region
    assert set(HelpContact.objects.values_list("kind", flat=True)) == set(HelpContact.Kind.values)
    assert HelpContact.objects.filter(region="us", phone="1-855-378-4373", kind="family_support").exists()


def test_help_fixtures_reload_without_duplicates(contacts):
    counts = HelpContact.objects.count(), PathwayOption.objects.count()
    call_command("load_help", verbosity=0)
    call_command("load_help", "--update", verbosity=0)
    assert (HelpContact.objects.count(), PathwayOption.objects.count()) == counts
    assert counts == (len(read_yaml("help_contacts.yaml")), 4)


def test_each_pathway_option_links_published_articles(contacts):
    for option in PathwayOption.objects.all():
        assert option.articles.count() >= 2, option.key
        assert all(article.is_published() for article in option.articles.all())


def test_quick_exit_page_is_honest_about_history(client, contacts):
    page = client.get("/uk/leave-this-site/").content.decode()
    assert "does not erase anything" in page
    assert "history" in page and "private or incognito window" in page


def test_admin_edits_pathway_options_and_contacts(client, contacts, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="a-long-test-password")
    client.force_login(admin)
    option = PathwayOption.objects.get(key="online")
    assert client.get(f"/admin/pathways/pathwayoption/{option.pk}/change/").status_code == 200
    page = client.get("/admin/pathways/helpcontact/?region__exact=au").content.decode()
    assert "Lifeline" in page and "Samaritans" not in page
    article = make_article(title="New online guide")
    response = client.post(
        f"/admin/pathways/pathwayoption/{option.pk}/change/",
        {"key": "online", "title": "Online help", "summary": "S", "what_to_expect": "W", "order": 3, "version": option.version,
         "articles": [article.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.title == "Online help" and list(option.articles.all()) == [article]


def run_evaluate(tmp_path, answers, *args):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(answers))
    call_command("pathways_evaluate", *args, str(path))


def test_pathways_evaluate_prints_the_version_2_result(tmp_path, capsys):
    run_evaluate(tmp_path, {**SPEC_BASE, "happening_now": ["suicidal"], "frequency": "daily", "withdrawal": "strong"})
    result = json.loads(capsys.readouterr().out)
    assert result["urgency"] == "crisis" and result["urgent_flags"] == ["crisis"]
    assert result["dimensions"] == {"d1": "moderate", "d2": "low", "d3": "high", "d4": "stop", "d5": "low", "d6": "low"}
    assert result["suggestions"][0]["option"] == "outpatient"
    assert result["for_family"] is False and result["young_person"] is False and result["region"] == "uk"


def test_pathways_evaluate_speaks_the_regions_words(tmp_path, capsys):
    run_evaluate(tmp_path, {**SPEC_BASE, "practicalities": ["cost"]}, "--region", "us")
    printed = capsys.readouterr().out
    assert json.loads(printed)["region"] == "us"
    assert "Medicaid" in printed and "NHS" not in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"frequency": "often"}', "Unknown choice 'often' for 'frequency'"),
        ('{"colour": "blue"}', "Unknown question id 'colour'"),
        ("[1, 2]", "must hold a JSON object"),
        ("{not json", "is not valid JSON"),
        (json.dumps({k: v for k, v in SPEC_BASE.items() if k != "age"}), "Missing an answer for 'age'"),
        (json.dumps({**SPEC_BASE, "mental_health": ["none", "anxiety"]}), "'mental_health': none cannot be combined"),
    ],
)
def test_pathways_evaluate_names_what_is_wrong_and_exits_with_status_1(tmp_path, content, message):
    path = tmp_path / "case.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message) as raised:
        call_command("pathways_evaluate", str(path))
    assert raised.value.returncode == 1


def test_pathways_evaluate_distribution_shows_how_often_each_option_leads(capsys):
    call_command("pathways_evaluate", "--distribution", "--samples", "2000")
    printed = capsys.readouterr().out
    rows = dict(re.findall(r"^\| (inpatient|outpatient|online|self_help) \| ([\d.]+)%", printed, re.MULTILINE))
    assert set(rows) == {"inpatient", "outpatient", "online", "self_help"}
    assert abs(sum(float(share) for share in rows.values()) - 100) < 0.5
    strong_inpatient = float(re.search(r"^\| inpatient \| [\d.]+% \| ([\d.]+)%", printed, re.MULTILINE).group(1))
    assert strong_inpatient < 100 / 3  # version 1 made inpatient the strongest fit for 87% of random answers
    for tier in ["emergency", "crisis", "urgent_now", "urgent_today", "none"]:
        assert f"| {tier} |" in printed


def test_pathways_evaluate_review_prints_a_table_and_fails_on_a_case_that_differs(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("cases:\n  - name: base\n    expect: {first: outpatient}\n")
    call_command("pathways_evaluate", "--review", str(good))
    printed = capsys.readouterr().out
    assert "| base | uk | none | outpatient, self-help, online, inpatient |" in printed
    assert "as expected" in printed
    bad = tmp_path / "bad.yaml"
    bad.write_text("cases:\n  - name: wrong\n    expect: {first: inpatient}\n")
    with pytest.raises(CommandError, match="1 case"):
        call_command("pathways_evaluate", "--review", str(bad))
    assert "DIFFERS: outpatient is first, expected inpatient" in capsys.readouterr().out
