"""Every kind of public page, and a questionnaire walk that visits each step as a person would."""

from content import seed

ARTICLE_SLUGS = [meta["slug"] for meta in seed.read_articles()]
TOPIC_SLUGS = [entry["slug"] for entry in seed.read_topics()]

# Every page kind is checked in two regions: the UK (the default) and the US, whose help,
# words and numbers differ most.

FIXED_PATHS = {
    "home": "",
    "get help": "get-help/",
    "quick exit explanation": "leave-this-site/",
    "privacy": "privacy/",
    "questionnaire start": "pathways/",
    "search results": "search/?q=bladder",
    "search with no results": "search/?q=zzzzqx",
    "not found": "no-such-page/",
}
FIXED_PAGES = {name: f"/uk/{path}" for name, path in FIXED_PATHS.items()}


# In the second region, every page kind, with the articles whose regional passages differ most.
SECOND_REGION_ARTICLES = [
    "paying-for-treatment",
    "bladder-symptoms-when-to-get-urgent-help",
    "choosing-a-rehab-and-spotting-a-broker",
    "online-versus-in-person-treatment",
    "esketamine-for-depression",
]


def region_pages(region, topics, articles):
    suffix = "" if region == "uk" else f" ({region})"
    return {
        **{f"{name}{suffix}": f"/{region}/{path}" for name, path in FIXED_PATHS.items()},
        **{f"topic {slug}{suffix}": f"/{region}/topics/{slug}/" for slug in topics},
        **{f"article {slug}{suffix}": f"/{region}/articles/{slug}/" for slug in articles},
    }


CONTENT_PAGES = {
    **region_pages("uk", TOPIC_SLUGS, ARTICLE_SLUGS),
    **region_pages("us", TOPIC_SLUGS[:2], SECOND_REGION_ARTICLES),
}


def choose(page, values):
    for value in values if isinstance(values, list) else [values]:
        page.check(f"form:has(button[value=continue]) input[value='{value}']")


def submit(page, button):
    """Click a form's button and wait until the next page has loaded (a POST to the same URL)."""
    with page.expect_navigation():
        page.click(button)


def journey_runs(journeys):
    """Every journey in the UK; in the US, one that reaches every page kind of the journey
    (the questions, the interrupt page, check your answers, the result and the print view)."""
    runs = [(name, "uk") for name in journeys]
    return [*runs, ("someone else with urgency", "us")]


URGENT_ANSWERS = {"collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice"}


def answer_question(page, step, values):
    """Choose the answers and continue; after an urgent answer, pass the interrupt page."""
    choose(page, values)
    submit(page, "button[value=continue]")
    if step == "happening_now" and set(values) & URGENT_ANSWERS:
        submit(page, "button[value=resume]")


def walk(page, base_url, answers, visit, with_errors=False, printing=True, region="uk"):
    """Answer every question by clicking, calling `visit(name)` on each page kind on the way:
    each question (and its error), the interrupt page after urgent answers, "check your
    answers", the result and the print view."""
    page.goto(f"{base_url}/{region}/pathways/questions/")
    for number, (step, values) in enumerate(answers.items(), start=1):
        visit(f"question {number} ({step})")
        if with_errors:
            submit(page, "button[value=continue]")
            visit(f"question {number} ({step}) with an error")
        choose(page, values)
        submit(page, "button[value=continue]")
        if step == "happening_now" and set(values) & URGENT_ANSWERS:
            visit("interrupt")
            submit(page, "button[value=resume]")
    visit("check your answers")
    submit(page, "button[value=result]")
    visit("result")
    if printing:
        submit(page, "button[value=print]")
        visit("print view")
