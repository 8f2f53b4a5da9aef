"""One test for each finding of the medical review (issue 14; shared/CONTENT.md "Version 2"),
so that none of the errors it found can come back, and the library rules over every article:
triage advice only in care cards, and every figure or study tied to a source."""

import re

import pytest

from content import checks, regions, seed

ARTICLES = seed.read_articles()
BY_SLUG = {meta["slug"]: meta for meta in ARTICLES}
CARDS = {(card["tier"], card["region"]): card for card in seed.read_care_cards()}


def ids(articles):
    return [meta["slug"] for meta in articles]


def region_text(slug, region):
    return regions.for_region(BY_SLUG[slug]["body"], region)


def sentences(text):
    return re.split(r"(?<=[.!?])\s+|\n", text)


def paragraphs(text):
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


# The library rules, over every article.


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_triage_advice_is_only_in_care_cards(meta):
    assert checks.triage_outside_cards(meta["body"]) == []


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
@pytest.mark.parametrize("region", regions.REGIONS)
def test_every_figure_and_study_carries_a_citation(meta, region):
    assert checks.uncited_claims(regions.for_region(meta["body"], region)) == []


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_the_summary_and_key_points_keep_figures_and_studies_for_the_cited_text(meta):
    # Shown as plain text, they cannot carry a marker: figures and study results stay in the body.
    assert checks.claims_in_plain_text(meta["summary"], meta["key_points"]) == []


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_every_marker_points_to_a_source_its_readers_see(meta):
    sources = [(source.get("key"), source.get("regions") or []) for source in meta["sources"]]
    assert checks.citation_problems(meta["body"], sources) == []
    keys = [source.get("key") for source in meta["sources"]]
    assert all(key and re.fullmatch(r"[a-z0-9-]+", key) for key in keys), keys
    assert len(keys) == len(set(keys))


# Safety errors.


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_no_article_suggests_heat_or_a_bath(meta):
    for sentence in sentences(meta["body"]):
        if re.search(r"hot water bottle|warm bath|hot bath|heat pad|heating pad|hot shower|heat on", sentence, re.I):
            assert re.search(r"\b(not|never|avoid|don't|do not|no)\b", sentence, re.I), sentence


def test_not_passing_urine_and_sepsis_are_never_a_same_day_tier():
    for region in regions.REGIONS:
        now = CARDS[("urgent_now", region)]["body"]
        today = CARDS[("urgent_today", region)]["body"]
        assert "cannot pass urine" in now
        assert "cannot pass urine" not in today and "pass urine" not in today
        # Sepsis signs send people to emergency care from the "today" card.
        assert re.search(r"(A&E|emergency room|emergency department) now", today)
        assert "confused" in today and "breathing fast" in today


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
@pytest.mark.parametrize("region", regions.REGIONS)
def test_any_anti_inflammatory_painkiller_comes_with_the_kidney_warning(meta, region):
    blocks = paragraphs(regions.for_region(meta["body"], region))
    for number, block in enumerate(blocks):
        if re.search(r"ibuprofen|anti-inflammator|\bNSAIDs?\b|naproxen", block, re.I):
            nearby = " ".join(blocks[max(0, number - 1) : number + 2])
            assert re.search(r"kidney", nearby, re.I), block[:200]


# Outdated facts: esketamine.


ESKETAMINE_ARTICLES = ["esketamine-for-depression", "what-is-ketamine", "online-and-at-home-ketamine-prescriptions"]
# The US label's boxed warning, as esketamine-for-depression gives it from the label.
BOXED_WARNING = ["sedation", "dissociation", "breathing problems", "misuse", "suicidal thoughts"]


def spravato_label(slug):
    return next(source for source in BY_SLUG[slug]["sources"] if source["key"] == "spravato-label")


@pytest.mark.parametrize("slug", ESKETAMINE_ARTICLES)
def test_esketamine_the_us_approval_on_its_own_and_the_boxed_warnings(slug):
    us = region_text(slug, "us")
    assert "2025" in us and re.search(r"on its own|by itself|alone|monotherapy", us)
    assert re.search(r"boxed warning", us, re.I)
    # Wherever the US approval on its own is given, the boxed warning follows it (same or next paragraph).
    blocks = paragraphs(us)
    approval = [number for number, block in enumerate(blocks) if re.search(r"\bused? on its own", block)]
    assert approval
    for number in approval:
        assert re.search(r"boxed warning", " ".join(blocks[number : number + 2]), re.I), blocks[number]
    named = [s for s in sentences(us) if all(item in s.lower() for item in BOXED_WARNING)]
    assert named and all("[^spravato-label]" in s for s in named), "one cited sentence names the whole warning"
    assert spravato_label(slug) == spravato_label("esketamine-for-depression")
    for region in ("uk", "ie", "au"):
        text = region_text(slug, region)
        assert "REMS" not in text and "boxed warning" not in text.lower()
    assert re.search(r"SSRI or (an )?SNRI", region_text(slug, "uk"))


@pytest.mark.parametrize("slug", ESKETAMINE_ARTICLES)
@pytest.mark.parametrize("region", regions.REGIONS)
def test_esketamine_is_never_for_use_at_home_anywhere(slug, region):
    for sentence in sentences(region_text(slug, region)):
        if re.search(r"esketamine|spravato", sentence, re.I) and re.search(r"\bat home\b|own home", sentence, re.I):
            assert re.search(r"\b(not|never|only)\b|n't", sentence, re.I), sentence


# Claims without support.


def test_the_withdrawal_timeline_is_what_people_describe_with_its_sources():
    meta = BY_SLUG["ketamine-withdrawal-what-to-expect"]
    titles = " ".join(source["title"] for source in meta["sources"]).lower()
    assert "club drugs and novel psychoactive substances" in titles  # NEPTUNE
    assert "nonmedical use of ketamine" in titles  # Jansen and Darracot-Cankovic 2001
    assert re.search(r"people (describe|report|say)", meta["body"], re.I)


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_nice_cg51_never_supports_a_ketamine_therapy_claim(meta):
    keys = [source["key"] for source in meta["sources"] if "cg51" in source["url"].lower()]
    for key in keys:
        for sentence in sentences(meta["body"]):
            if f"[^{key}]" in sentence:
                # What CG51 says of other drugs, that it does not cover ketamine, or its advice on mutual aid.
                allowed = (
                    r"opioid|stimulant|cannabis|contingency|couples|other drugs|does not cover|self-help|mutual aid"
                )
                assert re.search(allowed, sentence, re.I), sentence


def test_talking_therapies_name_contingency_management_and_behavioural_couples_therapy():
    body = BY_SLUG["talking-therapies-for-ketamine-use"]["body"]
    assert re.search(r"contingency management", body, re.I)
    assert re.search(r"behavioural couples therapy", body, re.I)
    assert re.search(
        r"(limited|little|few|not much)[^.]{0,80}(evidence|research|studies)|(evidence|research|studies)[^.]{0,80}(limited|little|few)",
        body,
        re.I,
    )


@pytest.mark.parametrize("slug", ["ketamine-and-your-bladder", "long-term-effects-of-ketamine"])
def test_the_survey_figures_are_given_and_cited(slug):
    meta = BY_SLUG[slug]
    keys = [
        source["key"] for source in meta["sources"] if "winstock" in (source["title"] + source["publisher"]).lower()
    ]
    assert keys, "the Winstock 2012 survey is a source"
    figure = [s for s in sentences(meta["body"]) if re.search(r"26\.6%|a quarter|about 1 in 4", s)]
    assert figure and all(any(f"[^{key}]" in s for key in keys) for s in figure)
    assert re.search(r"\bhalf\b|51%", meta["body"])
    assert "3.8%" not in meta["body"]


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_a_slip_is_a_lapse_not_a_relapse(meta):
    body = meta["body"]
    if re.search(r"\b(a slip|if you slip|slip up|slips? back)\b", body, re.I):  # a slip back into using
        assert re.search(r"\blapse", body, re.I)
    assert not re.search(r"a slip is a relapse|slip means (a )?relapse", body, re.I)


def test_the_grabski_trial_did_not_show_therapy_beating_education():
    meta = BY_SLUG["ketamine-for-addiction-what-the-research-says"]
    keys = [s["key"] for s in meta["sources"] if "grabski" in (s["title"] + s["publisher"]).lower()]
    trial = [block for block in paragraphs(meta["body"]) if any(f"[^{key}]" in block for key in keys)]
    assert trial
    assert re.search(r"therapy (did not|didn't) do better|no better than|did not beat", " ".join(trial))


REAL_CRAFT_TITLES = {
    "community reinforcement and family training: an effective option to engage treatment-resistant substance-abusing individuals in treatment",
    "a randomized trial of two methods for engaging treatment-refusing drug users through concerned significant others",
    "engaging unmotivated individuals in treatment for alcohol problems: a comparison of three strategies for intervention through family members",
}  # fmt: skip


def test_craft_sources_carry_the_real_papers_titles():
    found = 0
    for meta in ARTICLES:
        for source in meta["sources"]:
            if re.search(
                r"family training|concerned significant others|unmotivated individuals", source["title"], re.I
            ):
                found += 1
                title = re.sub(r"\s*\([^)]*\d{4}\)\s*$", "", source["title"]).strip().rstrip(".").lower()
                assert title in REAL_CRAFT_TITLES, source["title"]
    assert found >= 1


def test_ekra_is_named_for_us_readers_choosing_a_rehab():
    us = region_text("choosing-a-rehab-and-spotting-a-broker", "us")
    assert "EKRA" in us and "18 U.S.C. 220" in us


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_uk_readers_outside_england_are_not_left_with_franks_finder_alone(meta):
    uk = regions.for_region(meta["body"], "uk")
    help_section = uk[uk.rfind("## Where to get help") :]
    if re.search(r"FRANK", help_section):
        for nation in ("Scotland", "Wales", "Northern Ireland"):
            assert nation in help_section, nation


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_the_partnership_to_end_addiction_line_is_described_as_booking_a_call(meta):
    for line in regions.for_region(meta["body"], "us").splitlines():
        if "378-4373" in line or "DRUGFREE" in line:
            assert re.search(r"book|schedul", line, re.I), line


def test_the_family_emergency_guide_covers_naloxone_in_every_region():
    for region in regions.REGIONS:
        assert "naloxone" in region_text("when-it-is-an-emergency-a-guide-for-families", region).lower()


@pytest.mark.parametrize("meta", ARTICLES, ids=ids(ARTICLES))
def test_recovery_position_links_go_to_the_current_first_aid_page(meta):
    for url in re.findall(r"\[[^\]]*recovery position[^\]]*\]\(([^)]+)\)", meta["body"], re.I):
        assert url == "https://www.nhs.uk/conditions/first-aid/recovery-position/"


def test_the_new_articles_fill_the_gaps_the_review_found():
    for slug in [
        "stopping-ketamine-safely",
        "staying-safer-if-you-still-use-ketamine",
        "ketamine-pregnancy-and-breastfeeding",
        "ketamine-for-young-people-under-18",
        "if-your-child-is-under-18-a-guide-for-parents",
        "ketamine-driving-and-the-law",
        "tough-love-rock-bottom-and-other-myths",
        "life-after-bladder-surgery",
    ]:
        assert slug in BY_SLUG, slug
    safer = BY_SLUG["staying-safer-if-you-still-use-ketamine"]["body"].lower()
    for topic in ("alone", "water", "cold", "shar", "mix"):
        assert topic in safer, topic
    stopping = BY_SLUG["stopping-ketamine-safely"]["body"].lower()
    assert "taper" in stopping and "alcohol" in stopping and "benzodiazepines" in stopping
