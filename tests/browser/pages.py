"""Every kind of public page, and a questionnaire walk that visits each step as a person would."""

from content import seed

ARTICLE_SLUGS = [meta["slug"] for meta in seed.read_articles()]
TOPIC_SLUGS = [entry["slug"] for entry in seed.read_topics()]

FIXED_PAGES = {
    "home": "/",
    "get help": "/get-help/",
    "quick exit explanation": "/leave-this-site/",
    "privacy": "/privacy/",
    "questionnaire start": "/pathways/",
    "search results": "/search/?q=bladder",
    "search with no results": "/search/?q=zzzzqx",
    "not found": "/no-such-page/",
}
CONTENT_PAGES = {
    **FIXED_PAGES,
    **{f"topic {slug}": f"/topics/{slug}/" for slug in TOPIC_SLUGS},
    **{f"article {slug}": f"/articles/{slug}/" for slug in ARTICLE_SLUGS},
}

MYSELF = {
    "answering_for": "myself",
    "happening_now": ["none"],
    "frequency": "weekly_or_less",
    "withdrawal": "mild",
    "other_substances": ["none"],
    "physical_health": ["none"],
    "mental_health": ["none"],
    "past_attempts": "never_tried",
    "home_support": "supportive",
    "goal": "cut_down",
    "practicalities": ["privacy", "private_space_online"],
}
SOMEONE_ELSE_URGENT = {
    "answering_for": "someone_else",
    "happening_now": ["suicidal", "urine_blood_or_blocked"],
    "frequency": "daily",
    "withdrawal": "not_sure",
    "other_substances": ["alcohol_daily", "stimulants"],
    "physical_health": ["bladder"],
    "mental_health": ["low_mood", "unusual_experiences"],
    "past_attempts": "tried_several_times",
    "home_support": "some_support",
    "goal": "not_sure",
    "practicalities": ["cost"],
}
JOURNEYS = {
    "myself without urgency": MYSELF,
    "myself with urgency": {**MYSELF, "happening_now": ["collapse"]},
    "someone else with urgency": SOMEONE_ELSE_URGENT,
    "someone else without urgency": {**SOMEONE_ELSE_URGENT, "happening_now": ["none"]},
}


def choose(page, values):
    for value in values if isinstance(values, list) else [values]:
        page.check(f"form:has(button[value=continue]) input[value='{value}']")


def walk(page, base_url, answers, visit, with_errors=False):
    """Answer every question by clicking, calling `visit(name)` on each page kind on the way."""
    page.goto(base_url + "/pathways/questions/")
    for number, (step, values) in enumerate(answers.items(), start=1):
        visit(f"question {number} ({step})")
        if with_errors:
            page.click("button[value=continue]")
            visit(f"question {number} ({step}) with an error")
        choose(page, values)
        page.click("button[value=continue]")
    visit("check your answers")
    page.click("button[value=result]")
    visit("result")
