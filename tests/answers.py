"""Complete answer sets used by the journey, browser and load tests."""

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
