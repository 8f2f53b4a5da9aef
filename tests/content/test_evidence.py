"""Evidence and sign-off: citations numbered within each region's sources, triage advice only
in care cards, uncited figures flagged, and a clinician named only when one signed off."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from content import checks
from content.markdown import render
from content.models import Article, ArticleRendering, Source
from tests.factories import make_article, make_topic

SOURCES = [("nhs", "Blood in urine"), ("winstock2012", "Urinary symptoms survey")]


def test_a_citation_marker_becomes_a_numbered_link_to_its_source():
    html = render("About a quarter had symptoms.[^winstock2012] See a doctor.[^nhs]", sources=SOURCES).html
    assert 'title="Urinary symptoms survey" rel="noopener noreferrer">[2]</a></sup>' in html
    assert '<sup class="citation"><a href="#source-2"' in html
    assert '<a href="#source-1" title="Blood in urine" rel="noopener noreferrer">[1]</a>' in html


def test_a_marker_for_a_missing_source_shows_a_question_mark_not_a_broken_page():
    html = render("A claim.[^nowhere]", sources=SOURCES).html
    assert '<sup class="citation">[?]</sup>' in html


@pytest.mark.django_db
def test_each_region_numbers_the_sources_its_readers_see():
    article = make_article(sources=0, body="Everyone.[^who]\n\n::: region us\nUS only.[^samhsa]\n:::\n")
    Source.objects.create(
        article=article, key="nhs", title="NHS page", publisher="NHS", url="https://www.nhs.uk/", regions="uk", order=0
    )
    Source.objects.create(
        article=article,
        key="samhsa",
        title="SAMHSA page",
        publisher="SAMHSA",
        url="https://www.samhsa.gov/",
        regions="us",
        order=1,
    )
    Source.objects.create(
        article=article, key="who", title="WHO page", publisher="WHO", url="https://www.who.int/", order=2
    )
    uk = ArticleRendering.objects.get(article=article, region="uk").body_html
    us = ArticleRendering.objects.get(article=article, region="us").body_html
    assert 'href="#source-2" title="WHO page"' in uk  # the UK sees the NHS page, then WHO
    assert 'href="#source-1" title="SAMHSA page"' in us and 'href="#source-2" title="WHO page"' in us
    assert [s["title"] for s in Article.objects.get(pk=article.pk).sources_for("us")] == ["SAMHSA page", "WHO page"]


@pytest.mark.django_db
def test_the_sources_list_carries_the_numbers_the_citations_link_to(client):
    article = make_article(sources=2, body="A figure of 5%.[^s1]")
    Source.objects.filter(article=article).update(key="")
    source = Source.objects.filter(article=article).order_by("order", "id")[1]
    source.key = "s1"
    source.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="#source-2"' in page and '<li id="source-2">' in page


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("If you cannot pee, go to A&E now.", ["go to A&E"]),
        ("Call 999 if they collapse.", ["Call 999"]),
        ("Blood in the pee needs same-day help.", ["same-day"]),
        ("Head straight to an emergency department.", ["Head straight to an emergency department"]),
        ("See your GP soon.\n\n[[card urgent_now]]\n", []),
    ],
)
def test_triage_wording_outside_a_card_is_flagged(body, found):
    assert checks.triage_outside_cards(body) == found


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("About 26.6% reported symptoms.", True),
        ("About a quarter reported symptoms.", True),
        ("Withdrawal usually lasts 4 to 6 days.", True),
        ("One study found the same.", True),
        ("1 in 4 people had pain.", True),
        ("About a quarter reported symptoms.[^winstock2012]", False),
        ("About a quarter reported symptoms.[^winstock2012] Another line.", False),
        ("Talk to someone you trust.", False),
    ],
)
def test_a_figure_or_a_study_word_needs_a_citation(sentence, flagged):
    assert bool(checks.uncited_claims(sentence)) == flagged


def test_numbers_in_where_to_get_help_are_contacts_not_claims():
    body = "Text.\n\n## Where to get help\n\nCall FRANK, 24 hours a day, 7 days a week."
    assert checks.uncited_claims(body) == []


def test_a_marker_must_point_to_a_source_its_readers_see():
    body = "Everyone reads this.[^nhs]\n\n::: region us\nUS.[^nowhere]\n:::\n"
    problems = checks.citation_problems(body, [("nhs", ["uk"])])
    assert "[^nowhere] points to no source: give one of the sources the key “nowhere”." in problems
    assert any("[^nhs] is cited in text readers in us see" in problem for problem in problems)


OLD_BLADDER_POINT = (
    "In one survey, about a quarter of people who had used ketamine in the past year had bladder symptoms, "
    "and about half of those who described changes got better after stopping."
)


@pytest.mark.parametrize(
    ("summary", "key_points", "flagged"),
    [
        ("How ketamine can damage your bladder.", ["Stopping early helps.", OLD_BLADDER_POINT], ["Key point 2"]),
        ("What studies have found so far about using ketamine to treat alcohol problems.", [], ["Summary"]),
        ("What is known so far.", ["In a 2022 trial, therapy did not beat education."], ["Key point 1"]),
        ("What is known so far.", ["Very little research has looked at ketamine in pregnancy."], ["Key point 1"]),
        ("What is known so far.", ["About 26.6% had symptoms.[^winstock2012]"], ["Key point 1"]),  # no marker helps
        (
            "How ketamine can damage your bladder.",
            ["Bladder problems are common among people who use ketamine often.", "Tell a doctor."],
            [],
        ),
    ],
)
def test_a_figure_or_a_study_word_in_the_summary_or_key_points_is_flagged(summary, key_points, flagged):
    assert [label for label, _ in checks.claims_in_plain_text(summary, key_points)] == flagged


@pytest.mark.django_db
def test_editors_are_told_to_keep_the_summary_and_key_points_in_plain_words(client, editor_user):
    article = make_article(
        summary="What studies have found about ketamine and the bladder.",
        key_points=f"Regular use can harm the bladder.\n{OLD_BLADDER_POINT}\nTell a doctor.",
    )
    messages = [warning.message for warning in article.warnings() if warning.code == "citations"]
    advice = (
        "Figures and study results belong in the text, with their source; "
        "keep the summary and key points in plain words."
    )
    assert len(messages) == 2 and all(advice in message for message in messages)
    assert messages[0].startswith("Summary: “What studies have found")
    assert messages[1].startswith("Key point 2: “In one survey, about a quarter")
    client.force_login(editor_user)
    page = client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert "keep the summary and key points in plain words" in page
    article.summary = "How ketamine can harm the bladder."
    article.key_points = "Regular use can harm the bladder.\nBladder problems are common among people who use it often."
    assert [w for w in article.warnings() if w.code == "citations"] == []


@pytest.mark.django_db
def test_editors_see_triage_and_citation_warnings():
    article = make_article(body="## Bladder\n\nAbout 26.6% had symptoms. Go to A&E if you cannot pee.")
    codes = [warning.code for warning in article.warnings()]
    assert "triage" in codes and "citations" in codes


@pytest.mark.django_db
def test_a_clinician_is_named_only_when_all_three_sign_off_fields_are_filled(client):
    article = make_article(clinical_reviewer="Dr Ada Lovelace", clinical_reviewer_role="Consultant urologist")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Dr Ada Lovelace" not in page
    assert "Written and checked by the Recovery Portal editorial team from the sources listed." in page
    article.clinical_reviewed_on = date(2026, 11, 20)
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Clinically reviewed by Dr Ada Lovelace, Consultant urologist, on 20 November 2026." in page
    assert "not yet been reviewed by a clinician" not in page


@pytest.mark.django_db
def test_with_sign_off_required_a_medical_article_cannot_be_published_without_it(settings, django_user_model):
    from django.contrib.auth.models import Group

    settings.REQUIRE_CLINICAL_SIGNOFF = True
    publisher = django_user_model.objects.create_user("pub", password="a-long-test-password", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher"))
    medical = make_article(topic=make_topic(medical=True), status=Article.Status.IN_REVIEW, published_at=None)
    with pytest.raises(ValidationError, match="clinician's sign-off"):
        medical.change_status(Article.Status.PUBLISHED, publisher)
    medical.clinical_reviewer, medical.clinical_reviewer_role = "Dr Ada Lovelace", "Addiction psychiatrist"
    medical.clinical_reviewed_on = date(2026, 11, 20)
    medical.change_status(Article.Status.PUBLISHED, publisher)
    other = make_article(topic=make_topic(medical=False), status=Article.Status.IN_REVIEW, published_at=None)
    other.change_status(Article.Status.PUBLISHED, publisher)  # not a medical topic: no sign-off needed
    settings.REQUIRE_CLINICAL_SIGNOFF = False
    unsigned = make_article(topic=make_topic(medical=True), status=Article.Status.IN_REVIEW, published_at=None)
    unsigned.change_status(Article.Status.PUBLISHED, publisher)  # off by default


@pytest.mark.django_db
def test_needs_attention_lists_medical_articles_without_sign_off(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="a-long-test-password")
    client.force_login(admin)
    make_article(title="Unsigned bladder guide", topic=make_topic(medical=True))
    make_article(title="Signed bladder guide", topic=make_topic(medical=True), clinical_reviewer="Dr A",
                 clinical_reviewer_role="Urologist", clinical_reviewed_on=date(2026, 11, 1))  # fmt: skip
    make_article(title="Family guide", topic=make_topic(medical=False))
    page = client.get("/admin/needs-attention/").content.decode()
    section = page[page.index("without a clinician") :]
    assert "Unsigned bladder guide" in section
    assert "Signed bladder guide" not in section and "Family guide" not in section
