"""Complete answer sets used by the journey, browser and load tests (questionnaire version 2)."""

MYSELF = {
    "answering_for": "myself",
    "age": "adult",
    "happening_now": ["none"],
    "frequency": "weekly_or_less",
    "withdrawal": "mild",
    "other_substances": ["none"],
    "prescribed": ["none"],
    "physical_health": ["none"],
    "mental_health": ["none"],
    "past_attempts": "never_tried",
    "home_support": "supportive",
    "home_situation": ["none"],
    "goal": "cut_down",
    "practicalities": ["privacy", "private_space_online"],
}
SOMEONE_ELSE_URGENT = {
    "answering_for": "someone_else",
    "age": "adult",
    "happening_now": ["suicidal", "blood_in_urine"],
    "frequency": "daily",
    "withdrawal": "not_sure",
    "other_substances": ["alcohol_daily", "stimulants"],
    "prescribed": ["none"],
    "physical_health": ["bladder"],
    "mental_health": ["low_mood", "unusual_experiences"],
    "past_attempts": "tried_several_times",
    "home_support": "some_support",
    "home_situation": ["none"],
    "goal": "not_sure",
    "practicalities": ["cost"],
}
YOUNG_PERSON = {**MYSELF, "age": "under_18", "frequency": "several_weekly", "practicalities": ["none"]}
PREGNANT = {**MYSELF, "physical_health": ["pregnant"], "practicalities": ["privacy", "private_space_online"]}
JOURNEYS = {
    "myself without urgency": MYSELF,
    "myself with urgency": {**MYSELF, "happening_now": ["collapse"]},
    "someone else with urgency": SOMEONE_ELSE_URGENT,
    "someone else without urgency": {**SOMEONE_ELSE_URGENT, "happening_now": ["none"]},
    "young person": YOUNG_PERSON,
    "pregnant": PREGNANT,
}
