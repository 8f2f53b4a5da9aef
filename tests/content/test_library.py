"""The article library in fixtures/: every article meets the content guide (shared/CONTENT.md)."""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from content import checks, regions, seed
from content.cards import fallback_cards
from content.markdown import render
from content.models import Article, Topic
from pathways.models import PathwayOption

ARTICLES = seed.read_articles()
BY_SLUG = {meta["slug"]: meta for meta in ARTICLES}
AUTHORITATIVE = re.compile(
    r"(^|\.)(nhs\.uk|nice\.org\.uk|talktofrank\.com|nida\.nih\.gov|samhsa\.gov|fda\.gov|who\.int|euda\.europa\.eu|"
    r"emcdda\.europa\.eu|baus\.org\.uk|mind\.org\.uk|adfam\.org\.uk|doi\.org|pubmed\.ncbi\.nlm\.nih\.gov|gov\.uk|"
    r"cqc\.org\.uk|findtreatment\.gov|healthcare\.gov|smartrecovery\.org\.uk|smartrecovery\.org|ukna\.org|na\.org|"
    # Official and health-service sources for the other regions, and their laws and regulators.
    r"nhs\.scot|nhsinform\.scot|gov\.scot|gov\.wales|nhs\.wales|hscni\.net|nidirect\.gov\.uk|drugsandalcoholni\.info|"
    r"legislation\.gov\.uk|dan247\.org\.uk|sfad\.org\.uk|"
    r"[a-z]+\.gov|nih\.gov|hhs\.gov|cdc\.gov|hrsa\.gov|medicaid\.gov|dea\.gov|justice\.gov|congress\.gov|govinfo\.gov|"
    r"988lifeline\.org|drugfree\.org|"
    r"careinspectorate\.com|drugsandalcohol\.ie|hse\.ie|drugs\.ie|gov\.ie|ncpe\.ie|dtcb\.ie|citizensinformation\.ie|irishstatutebook\.ie|hpra\.ie|hiqa\.ie|oireachtas\.ie|"
    r"health\.gov\.au|healthdirect\.gov\.au|tga\.gov\.au|adf\.org\.au|gov\.au|pbs\.gov\.au|fds\.org\.au|"
    r"counsellingonline\.org\.au|smartrecovery\.org\.au|na\.org\.au|aihw\.gov\.au|"
    r"neptune-clinical-guidance\.co\.uk|janssenlabels\.com|cancerresearchuk\.org|mothertobaby\.org|westjem\.com|"
    r"hepctrust\.org\.uk|unsw\.edu\.au|racgp\.org\.au|lawscot\.org\.uk|cancer\.org|smartrecovery\.ie|"
    r"smartrecoveryaustralia\.com\.au|pharmaceutical-journal\.com|nihr\.ac\.uk|parliament\.uk|eani\.org\.uk|"
    r"mindframe\.org\.au|acog\.org|thewomens\.org\.au|"
    r"ema\.europa\.eu|nature\.com|bmj\.com|thelancet\.com|wiley\.com|sciencedirect\.com)$"
)
# Official documents kept on a third-party host by their own publisher.
OFFICIAL_DOCUMENTS = ("https://issuu.com/coombehospital/", "https://content.govdelivery.com/accounts/OHOSHP/")
CARDS = {
    region: {tier: (card.title, card.html) for tier, card in tiers.items()}
    for region, tiers in fallback_cards().items()
}
URGENT_SYMPTOMS = re.compile(
    r"blood in (your|their|the) (pee|urine)|cannot pee|can't pee|cannot pass urine|collapse|unconscious|"
    r"suicid|chest pain|fit\b|seizure|struggling to breathe|severe (tummy |stomach )?pain",
    re.IGNORECASE,
)


def rendered(meta, region):
    return render(meta["body"], region=region, cards=CARDS[region])


def body_blocks(meta, region):
    """The article's own words for the region (care cards are shared, and checked on their own)."""
    return checks.text_blocks(render(meta["body"], region=region).html)


def ids(articles):
    return [meta["slug"] for meta in articles]


def test_the_library_is_complete():
    assert len(ARTICLES) >= 24
    topics = {entry["slug"] for entry in seed.read_topics()}
    assert len(topics) >= 6
    for topic in topics:
        assert sum(meta["topic"] == topic for meta in ARTICLES) >= 3, topic


def test_no_two_articles_share_a_slug_or_title():
    assert len({meta["slug"] for meta in ARTICLES}) == len(ARTICLES)
    assert len({meta["title"].lower() for meta in ARTICLES}) == len(ARTICLES)


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_article_has_every_required_part(meta):
    assert meta["summary"].strip().count(". ") == 0, "the summary is one sentence"
    assert 3 <= len(meta["key_points"]) <= 5
    headings = re.findall(r"^## (.+)$", meta["body"], flags=re.MULTILINE)
    assert len(headings) >= 3, "scannable ## sections"
    assert headings[-1] == "Where to get help"
    assert not re.search(r"^# ", meta["body"], flags=re.MULTILINE), "no level-one heading in the body"
    assert meta["reviewed_by"]
    assert meta["last_reviewed"] and meta["next_review_due"]
    assert timedelta(days=360) <= meta["next_review_due"] - meta["last_reviewed"] <= timedelta(days=370)
    assert meta["audience"] in {"self", "family", "both"}
    assert 2 <= len(meta.get("related") or []) <= 4


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_article_cites_at_least_two_authoritative_sources_in_every_region(meta):
    sources = meta["sources"]
    for region in regions.REGIONS:
        shown = [source for source in sources if not source.get("regions") or region in source["regions"]]
        assert len(shown) >= 2, region
    for source in sources:
        assert set(source.get("regions") or []) <= set(regions.REGIONS), source
        url = urlsplit(source["url"])
        assert url.scheme == "https", source["url"]
        assert AUTHORITATIVE.search(url.hostname) or source["url"].startswith(OFFICIAL_DOCUMENTS), source["url"]
        assert source["title"].strip() and source["publisher"].strip()
    assert len({source["url"] for source in sources}) == len(sources)


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
@pytest.mark.parametrize("region", regions.REGIONS)
def test_article_length_and_reading_ease_in_every_region(meta, region):
    blocks = body_blocks(meta, region)
    assert 400 <= checks.word_count(blocks) <= 1200
    assert checks.reading_ease(blocks) >= checks.READING_EASE_TARGET


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_article_avoids_stigmatising_terms(meta):
    text = "\n".join([meta["title"], meta["summary"], *meta["key_points"], meta["body"]])
    assert checks.stigmatising_terms(text) == []


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_urgent_symptoms_come_with_a_care_card(meta):
    if URGENT_SYMPTOMS.search(meta["body"]):
        assert "[[card " in meta["body"]
        for region in regions.REGIONS:
            assert '<div class="care-card care-card--' in rendered(meta, region).html, region


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
@pytest.mark.parametrize("region", regions.REGIONS)
def test_article_gets_the_esketamine_facts_right(meta, region):
    text = " ".join(body_blocks(meta, region) + meta["key_points"] + [meta["summary"]])
    sentences = re.split(r"(?<=[.!?])\s+", text)
    for sentence in sentences:
        lowered = sentence.lower()
        if re.search(r"esketamine|spravato", lowered) and re.search(r"\bat home\b|own home|\bhome use\b", lowered):
            assert re.search(r"\bnot\b|\bnever\b|n't\b|\bonly\b", lowered), sentence
        if "racemic" in lowered and "r-ketamine" in lowered:
            # Racemic ketamine is a 50:50 mix of S- and R-ketamine, never R-ketamine alone.
            assert re.search(r"s-ketamine|esketamine|mix|50:50|both|half", lowered), sentence
        assert not re.search(r"ketamine[^.]*\b(is|as) an? tranquil", lowered), sentence
        assert "dialectical behaviour therapy (cbt)" not in lowered, sentence


def test_family_articles_are_tagged_for_families():
    family_topic = [meta for meta in ARTICLES if meta["topic"] == "families-and-friends"]
    assert len(family_topic) >= 4
    assert all(meta["audience"] == "family" for meta in family_topic)


@pytest.mark.parametrize("region", regions.REGIONS)
def test_online_and_in_person_are_compared_side_by_side(region):
    html = rendered(BY_SLUG["online-versus-in-person-treatment"], region).html
    table = html[html.index("<table>") : html.index("</table>")]
    rows = [re.sub(r"<[^>]+>", "", cell).strip().lower() for cell in re.findall(r"<tr>\s*<td>(.*?)</td>", table, re.S)]
    for row in ["who it suits", "detox", "cost", "waiting", "privacy", "what can be missed"]:
        assert any(row in cell for cell in rows), row


def test_rehab_checklist_helps_spot_a_broker():
    body = BY_SLUG["choosing-a-rehab-and-spotting-a-broker"]["body"]
    section = body[body.index("## How to choose a rehab and spot a broker") :]
    section = section[: section.index("\n## ", 3)]
    assert len(re.findall(r"^\s*[-*] ", section, flags=re.MULTILINE)) >= 6
    assert "broker" in section.lower()


def seed_texts():
    folder = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def shingles(text, size=8):
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not seed_texts(), reason="the seed articles are not beside the project (../shared/seeds)")
def test_no_article_copies_a_seed_sentence():
    seeds = set().union(*(shingles(text) for text in seed_texts()))
    for meta in ARTICLES:
        shared = shingles(meta["body"]) & seeds
        assert not shared, (meta["slug"], sorted(shared)[:3])


@pytest.mark.django_db
def test_every_link_between_articles_resolves_to_a_published_article(client):
    call_command("load_articles", verbosity=0)
    call_command("load_help", verbosity=0)
    published = set(Article.objects.published().values_list("slug", flat=True))
    assert published == set(BY_SLUG)
    for meta in ARTICLES:
        assert set(meta["related"]) <= published, meta["slug"]
        assert meta["slug"] not in meta["related"]
        for region in regions.REGIONS:
            for target in re.findall(r'href="(/[^"]*)"', rendered(meta, region).html):
                assert target.startswith(f"/{region}/"), (meta["slug"], region, target)
                assert client.get(target).status_code == 200, (meta["slug"], target)
    for option in PathwayOption.objects.all():
        linked = list(option.articles.values_list("slug", flat=True))
        assert len(linked) >= 2, option.key
        assert set(linked) <= published
    for topic in Topic.objects.all():
        assert topic.articles.published().count() >= 3, topic.slug


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_every_article_has_help_passages_for_all_four_regions(meta):
    body = meta["body"]
    help_section = body[body.rindex("## Where to get help") :]
    assert regions.regions_with_passages(help_section) == set(regions.REGIONS)


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_no_region_term_is_seen_by_another_region(meta):
    assert regions.misplaced_terms(meta["body"]) == []
    for text in [meta["title"], meta["summary"], *meta["key_points"]]:
        for region in regions.REGIONS:
            assert regions.foreign_terms(text, region) == [], (region, text)


def test_the_region_check_finds_a_term_outside_its_passage():
    body = "Call 999.\n\n::: region us\nCall 911.\n:::\n"
    assert regions.misplaced_terms(body) == [("Call 999.", "999", ["au", "us"])]
