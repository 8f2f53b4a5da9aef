"""From questionnaire answers to suggestions: `evaluate(answers, region) -> Result`.

Pure Python with no Django imports, deterministic, and written to the version 2
specification in shared/QUESTIONNAIRE.md. It works in three steps, each a table a
clinician can read top to bottom:

1. URGENCY: red-flag answers, most urgent first.
2. RATINGS: six dimensions (after the ASAM Criteria) rated low, moderate or high.
3. PLACEMENT (`place`): the least intensive option that is safe, from the ratings.

The reasons come last. Every reason names the question and answer it comes from, is true
of the answers given, and uses the words of the visitor's region (region_words.py).
"I'm not sure" is read as "get assessed": it raises ratings to moderate, never to high,
so it strengthens in-person assessment, weakens online help, and never by itself makes
residential care the strongest fit.
"""

from dataclasses import dataclass

from pathways.questions import NONE, NOT_SURE, QUESTION_BY_ID
from pathways.region_words import REGION_WORDS

REGIONS = tuple(REGION_WORDS)

# 1. URGENCY ------------------------------------------------------------------------------
EMERGENCY, CRISIS, URGENT_NOW, URGENT_TODAY, NO_URGENCY = "emergency", "crisis", "urgent_now", "urgent_today", "none"
URGENCY_ORDER = (EMERGENCY, CRISIS, URGENT_NOW, URGENT_TODAY, NO_URGENCY)
URGENCY_FOR_ANSWER = {
    "collapse": EMERGENCY,  # call the emergency number now
    "suicidal": CRISIS,  # crisis lines now; the emergency number if in danger or already hurt
    "cannot_pass_urine": URGENT_NOW,  # A&E or the emergency room now
    "severe_pain": URGENT_NOW,
    "blood_in_urine": URGENT_TODAY,  # medical help today; A&E now if also very unwell
    "infection_or_jaundice": URGENT_TODAY,
}

# 2. RATINGS ------------------------------------------------------------------------------
LOW, MODERATE, HIGH = "low", "moderate", "high"
LEVELS = (LOW, MODERATE, HIGH)
D1, D2, D3, D5, D6 = "d1", "d2", "d3", "d5", "d6"  # D4 (readiness) is the goal answer itself
DIMENSIONS = (D1, D2, D3, D5, D6)
REGULAR_USE = frozenset({"daily", "several_weekly"})
URGENT_PHYSICAL = frozenset({"collapse", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice"})
DEPRESSANTS = frozenset({"alcohol_daily", "benzodiazepines", "ghb_gbl"})  # withdrawal can cause fits
DANGEROUS_TO_STOP = DEPRESSANTS | {"opioids"}


@dataclass(frozen=True)
class Rating:
    """A dimension reaches `level` when `question` has one of `answers` (and, if given,
    `and_question` has one of `and_answers`)."""

    dimension: str
    level: str
    question: str
    answers: frozenset
    and_question: str = ""
    and_answers: frozenset = frozenset()


def _rating(dimension, level, question, answers, and_=("", ())):
    return Rating(dimension, level, question, frozenset(answers), and_[0], frozenset(and_[1]))


RATINGS = (
    # D1 withdrawal and other drugs: dangerous withdrawal or overdose risk is high.
    _rating(D1, HIGH, "other_substances", DANGEROUS_TO_STOP),
    _rating(D1, HIGH, "physical_health", {"withdrawal_seizures"}),
    _rating(D1, MODERATE, "withdrawal", {"strong", NOT_SURE}),
    _rating(D1, MODERATE, "frequency", {"daily"}),
    _rating(D1, MODERATE, "other_substances", {"stimulants", NOT_SURE}),
    _rating(D1, MODERATE, "prescribed", {"opioid_treatment", "other_prescribed"}),  # mixing raises overdose risk
    # D2 physical health.
    _rating(D2, HIGH, "physical_health", {"pregnant"}),
    _rating(D2, HIGH, "happening_now", URGENT_PHYSICAL),
    _rating(D2, MODERATE, "physical_health", {"bladder", "stomach_pain", "memory_concentration", "long_term_condition", NOT_SURE}),
    # D3 mental health (an unsafe home counts in D6 only).
    _rating(D3, HIGH, "happening_now", {"suicidal"}),
    _rating(D3, HIGH, "mental_health", {"unusual_experiences"}, and_=("home_support", {"no_support"})),
    _rating(D3, MODERATE, "mental_health", {"recent_suicidal_thoughts", "unusual_experiences", "low_mood", "anxiety", "trauma", "diagnosed_condition", NOT_SURE}),
    # D5 relapse potential.
    _rating(D5, HIGH, "past_attempts", {"had_treatment_before"}, and_=("frequency", REGULAR_USE)),
    _rating(D5, HIGH, "frequency", {"stopped_recently"}, and_=("withdrawal", {"strong"})),
    _rating(D5, HIGH, "frequency", {"stopped_recently"}, and_=("mental_health", {"low_mood", "recent_suicidal_thoughts"})),
    _rating(D5, MODERATE, "past_attempts", {"had_treatment_before", "tried_several_times", NOT_SURE}),
    # D6 recovery environment.
    _rating(D6, HIGH, "home_situation", {"unsafe", "no_stable_home", "others_use"}),
    _rating(D6, MODERATE, "home_support", {"no_support"}),
)  # fmt: skip

# 3. PLACEMENT ----------------------------------------------------------------------------
INPATIENT, OUTPATIENT, ONLINE, SELF_HELP = "inpatient", "outpatient", "online", "self_help"
OPTIONS = (INPATIENT, OUTPATIENT, ONLINE, SELF_HELP)
TIE_ORDER = (OUTPATIENT, INPATIENT, ONLINE, SELF_HELP)  # among equal fits: assessment first
STRONG, POSSIBLE, LESS_SUITED = "strong", "possible", "less_suited"
FIT_ORDER = (STRONG, POSSIBLE, LESS_SUITED)
RESIDENTIAL_DIMENSIONS = (D1, D3, D5, D6)  # serious needs that, combined, call for residential care


@dataclass(frozen=True)
class Facts:
    """What the placement rules read: the ratings, and a few answers they name."""

    ratings: dict
    serious: int  # how many of D1, D3, D5 and D6 are high
    depressant_combination: bool  # two of alcohol, benzodiazepines, GHB; or one with past withdrawal fits
    regular_or_unsure_use: bool
    any_need: bool  # any of D1, D2, D3, D5, D6 above low
    any_high: bool
    urgent: bool
    pregnant: bool
    young: bool
    prescribed: bool
    light_use: bool  # weekly or less, or stopped recently
    private_space: bool

    def low(self, *dimensions):
        return all(self.ratings[dimension] == LOW for dimension in dimensions)


def always(_facts):
    return True


# Each option takes the fit of the first row whose condition holds (QUESTIONNAIRE.md, "Placement").
PLACEMENT = {
    INPATIENT: (
        (POSSIBLE, "under 18 (adult residential services are not for young people)",
         lambda f: f.young and (f.serious >= 2 or f.depressant_combination)),
        (STRONG, "two or more of D1, D3, D5, D6 high; or two of alcohol, benzodiazepines and GHB; or one of them with past withdrawal fits",
         lambda f: f.serious >= 2 or f.depressant_combination),
        (POSSIBLE, "exactly one of D1, D3, D5, D6 high", lambda f: f.serious == 1),
        (LESS_SUITED, "otherwise", always),
    ),
    OUTPATIENT: (
        (STRONG, "regular or unsure use; any need in D1, D2, D3, D5 or D6; pregnancy; under 18; any prescribed medicine",
         lambda f: f.regular_or_unsure_use or f.any_need or f.pregnant or f.young or f.prescribed),
        (POSSIBLE, "otherwise", always),
    ),
    ONLINE: (
        (LESS_SUITED, "any high dimension or any urgency", lambda f: f.any_high or f.urgent),
        (STRONG, "weekly or less or stopped recently, D1, D2 and D3 low, and a private space",
         lambda f: f.light_use and f.low(D1, D2, D3) and f.private_space),
        (POSSIBLE, "otherwise", always),
    ),
    SELF_HELP: (
        (STRONG, "D1, D2, D3, D5 and D6 all low", lambda f: f.low(*DIMENSIONS)),
        (POSSIBLE, "otherwise: alongside professional help", always),
    ),
}  # fmt: skip


def facts(ratings, a):
    depressants = a.chosen("other_substances") & DEPRESSANTS
    return Facts(
        ratings=ratings,
        serious=sum(ratings[dimension] == HIGH for dimension in RESIDENTIAL_DIMENSIONS),
        depressant_combination=len(depressants) >= 2
        or bool(depressants and a.has("physical_health", "withdrawal_seizures")),
        regular_or_unsure_use=a.has("frequency", *REGULAR_USE, NOT_SURE),
        any_need=any(ratings[dimension] != LOW for dimension in DIMENSIONS),
        any_high=any(ratings[dimension] == HIGH for dimension in DIMENSIONS),
        urgent=a.urgent,
        pregnant=a.pregnant,
        young=a.young,
        prescribed=not a.has("prescribed", NONE),
        light_use=a.light_use,
        private_space=a.has("practicalities", "private_space_online"),
    )


def place(ratings, a):
    """The fit of each option: the first row of PLACEMENT whose condition holds."""
    found = facts(ratings, a)
    return {option: next(fit for fit, _, holds in rows if holds(found)) for option, rows in PLACEMENT.items()}


# Reasons ---------------------------------------------------------------------------------
# What the person said, in the words of a reason ("Because you said ..."), and what a
# "not sure" answer was about ("Because you were not sure ...").
SAID = {
    ("age", "under_18"): "{you_are} under 18",
    ("happening_now", "collapse"): "{you_have} collapsed or been in danger in the last day",
    ("happening_now", "suicidal"): "{you_have} had thoughts of ending {your} life or hurting {yourself} in the last day",
    ("happening_now", "cannot_pass_urine"): "{you} cannot pass urine",
    ("happening_now", "severe_pain"): "{you_have} severe pain in the stomach, back or bladder",
    ("happening_now", "blood_in_urine"): "{you_have} blood in {your} urine",
    ("happening_now", "infection_or_jaundice"): "{you_have} a high temperature or shivering with bladder or back pain, or yellow skin or eyes",
    ("frequency", "daily"): "{you} use ketamine every day or most days",
    ("frequency", "several_weekly"): "{you} use ketamine several times a week",
    ("frequency", "weekly_or_less"): "{you} use ketamine once a week or less",
    ("frequency", "stopped_recently"): "{you_have} stopped using ketamine recently",
    ("withdrawal", "strong"): "stopping or cutting down brings strong cravings, anxiety or low mood",
    ("other_substances", "alcohol_daily"): "{you} drink alcohol every day",
    ("other_substances", "benzodiazepines"): "{you} also take benzodiazepines",
    ("other_substances", "opioids"): "{you} also take opioids that are not prescribed",
    ("other_substances", "ghb_gbl"): "{you} also take GHB or GBL",
    ("other_substances", "stimulants"): "{you} also use stimulants",
    ("prescribed", "opioid_treatment"): "{you_are} prescribed methadone or buprenorphine",
    ("prescribed", "other_prescribed"): "{you_are} prescribed painkillers, sleeping tablets or anxiety medicines",
    ("prescribed", "ketamine_treatment"): "{you_are} prescribed ketamine or esketamine",
    ("physical_health", "pregnant"): "{you_are} pregnant, might be, or breastfeeding",
    ("physical_health", "withdrawal_seizures"): "{you_have} had a fit, or seen or heard things that were not there, when stopping alcohol or other drugs",
    ("physical_health", "bladder"): "{you_have} bladder problems",
    ("physical_health", "stomach_pain"): "{you_have} stomach pains or cramps",
    ("physical_health", "memory_concentration"): "{you_have} problems with memory or concentration",
    ("physical_health", "long_term_condition"): "{you_have} a long-term health condition",
    ("mental_health", "recent_suicidal_thoughts"): "{you_have} had thoughts of suicide or self-harm in the last few weeks",
    ("mental_health", "low_mood"): "{you_have} low mood",
    ("mental_health", "anxiety"): "{you_have} anxiety",
    ("mental_health", "unusual_experiences"): "{you_have} unusual experiences, such as seeing or hearing things or paranoia",
    ("mental_health", "trauma"): "{you_have} past trauma that still affects {you_object}",
    ("mental_health", "diagnosed_condition"): "{you_have} a diagnosed mental health condition",
    ("past_attempts", "tried_several_times"): "{you_have} tried to stop several times on {your} own",
    ("past_attempts", "had_treatment_before"): "{you_have} had treatment or support before",
    ("home_support", "supportive"): "{you_have} support from the people around {you_object}",
    ("home_support", "some_support"): "{you_have} some support",
    ("home_support", "no_support"): "{you_have} no support, or live alone",
    ("home_situation", "others_use"): "people {you} live with use drugs",
    ("home_situation", "unsafe"): "someone at home faces violence, abuse or threats",
    ("home_situation", "no_stable_home"): "{you_have} no stable home",
    ("goal", "not_ready"): "{you_are} not ready to change",
    ("goal", "stop"): "{you} want to stop",
    ("goal", "cut_down"): "{you} want to cut down",
    ("practicalities", "work_or_caring"): "{you} need to keep working or caring for someone",
    ("practicalities", "privacy"): "{you_are} worried about other people finding out",
    ("practicalities", "cost"): "help needs to be free or low cost",
    ("practicalities", "far_from_services"): "{you} live far from services",
    ("practicalities", "private_space_online"): "{you_have} a private space and the internet",
}  # fmt: skip
UNSURE = {
    "frequency": "how often {you} use ketamine",
    "withdrawal": "what happens when {you} stop",
    "other_substances": "whether {you} also use alcohol or other drugs",
    "physical_health": "about {your} physical health",
    "mental_health": "about {your} mental health",
    "past_attempts": "whether {you_have} tried to stop before",
    "goal": "what {you} want yet",
}
SUBSTANCE_NAMES = {"alcohol_daily": "alcohol", "benzodiazepines": "benzodiazepines", "opioids": "opioids", "ghb_gbl": "GHB or GBL"}  # fmt: skip
# What online help alone cannot do, for the first serious need that rules it out.
ONLINE_CANNOT = {
    D1: "manage a medically supervised withdrawal",
    D2: "check physical health in person",
    D3: "keep {you_object} safe in a crisis",
    D5: "give the structure that is needed after stopping or earlier treatment",
    D6: "make home safer or more stable",
}
ONLINE_RAISERS = (
    ("privacy", "online help can be more private"),
    ("far_from_services", "online help saves long journeys"),
    ("work_or_caring", "online sessions can fit around work or caring"),
)


@dataclass(frozen=True)
class Reason:
    text: str
    question: str
    answer: str

    def as_dict(self):
        return {"text": self.text, "question": self.question, "answer": self.answer}

    def question_answer(self):
        return self.question, self.answer


@dataclass(frozen=True)
class Suggestion:
    option: str
    fit: str
    reasons: tuple

    def as_dict(self):
        return {"option": self.option, "fit": self.fit, "reasons": [reason.as_dict() for reason in self.reasons]}


@dataclass(frozen=True)
class Result:
    urgency: str
    urgent_flags: tuple  # every urgency that applies, most urgent first
    dimensions: dict
    suggestions: tuple  # ranked, strongest first
    for_family: bool
    young_person: bool
    region: str
    contact_needs: tuple = ()  # extra help lines the page lists first: young_people, domestic_abuse, housing

    def as_dict(self):
        return {
            "urgency": self.urgency,
            "urgent_flags": list(self.urgent_flags),
            "dimensions": dict(self.dimensions),
            "suggestions": [suggestion.as_dict() for suggestion in self.suggestions],
            "for_family": self.for_family,
            "young_person": self.young_person,
            "region": self.region,
        }

    def suggestion(self, option):
        return next(suggestion for suggestion in self.suggestions if suggestion.option == option)


def join_words(items):
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class Answers:
    """Answers as sets of choice ids, with the words for the person they are about."""

    def __init__(self, raw):
        self.values = {}
        for question_id, question in QUESTION_BY_ID.items():
            value = raw.get(question_id)
            chosen = set(value) if isinstance(value, list | tuple | set | frozenset) else {value}
            chosen &= set(question.choice_ids)
            if not chosen and NOT_SURE in question.choice_ids:
                chosen = {NOT_SURE}  # an unanswered question is read as "not sure"
            elif not chosen and NONE in question.choice_ids:
                chosen = {NONE}
            if question.multiple and len(chosen) > 1:
                chosen -= {NONE, NOT_SURE}
            self.values[question_id] = chosen
        self.for_family = "someone_else" in self.values["answering_for"]
        self.young = "under_18" in self.values["age"]
        self.pregnant = self.has("physical_health", "pregnant")
        self.urgent = any(answer in URGENCY_FOR_ANSWER for answer in self.values["happening_now"])
        self.light_use = self.has("frequency", "weekly_or_less", "stopped_recently")
        them = self.for_family
        self.words = {
            "you": "they" if them else "you",
            "your": "their" if them else "your",
            "you_object": "them" if them else "you",
            "yourself": "themselves" if them else "yourself",
            "you_have": "they have" if them else "you have",
            "you_are": "they are" if them else "you are",
        }

    def say(self, template, **extra):
        return template.format(**self.words, **extra)

    def chosen(self, question_id):
        return self.values[question_id]

    def has(self, question_id, *choice_ids):
        return bool(self.values[question_id] & set(choice_ids))

    def ordered(self, question_id, among=None):
        """The chosen answers in the question's own order (optionally only those in `among`)."""
        return [
            choice
            for choice in QUESTION_BY_ID[question_id].choice_ids
            if choice in self.values[question_id] and (among is None or choice in among)
        ]

    def first(self, question_id):
        return self.ordered(question_id)[0]


def because(a, pairs):
    """ "Because you said X and Y, and you were not sure Z" for (question, answer) pairs."""
    said = [a.say(SAID[pair]) for pair in pairs if pair[1] != NOT_SURE and pair in SAID]
    unsure = [a.say(UNSURE[question]) for question, answer in pairs if answer == NOT_SURE]
    parts = []
    if said:
        parts.append("you said " + join_words(said))
    if unsure:
        parts.append("you were not sure " + join_words(unsure))
    return "Because " + ", and ".join(parts)


def reason(a, pairs, why, **extra):
    """A reason from the answers `pairs` that led to it; named by the first of them."""
    pairs = list(dict.fromkeys(pairs))
    return Reason(f"{because(a, pairs)}: {a.say(why, **extra)}.", *pairs[0])


@dataclass(frozen=True)
class Driver:
    """An answer (and the answer it needed alongside it) that raised a dimension."""

    dimension: str
    level: str
    pairs: tuple


def rate(a):
    """Each dimension's rating, and the answers that raised it."""
    drivers = []
    for rating in RATINGS:
        for answer in a.ordered(rating.question, rating.answers):
            if not rating.and_question:
                drivers.append(Driver(rating.dimension, rating.level, ((rating.question, answer),)))
                continue
            for other in a.ordered(rating.and_question, rating.and_answers):
                drivers.append(
                    Driver(rating.dimension, rating.level, ((rating.question, answer), (rating.and_question, other)))
                )
    ratings = {dimension: LOW for dimension in DIMENSIONS}
    for driver in drivers:
        if LEVELS.index(driver.level) > LEVELS.index(ratings[driver.dimension]):
            ratings[driver.dimension] = driver.level
    return ratings, drivers


def _pairs(drivers, dimension, level=None, questions=None, answers=None):
    return [
        pair
        for driver in drivers
        if driver.dimension == dimension and (level is None or driver.level == level)
        for pair in driver.pairs
        if (questions is None or pair[0] in questions) and (answers is None or pair[1] in answers)
    ]


def _urgency(a):
    flags = sorted(
        {URGENCY_FOR_ANSWER[x] for x in a.chosen("happening_now") if x in URGENCY_FOR_ANSWER}, key=URGENCY_ORDER.index
    )
    return (flags[0] if flags else NO_URGENCY), tuple(flags)


def _dangerous_drugs(a):
    return [SUBSTANCE_NAMES[name] for name in a.ordered("other_substances", DANGEROUS_TO_STOP)]


def _serious_need_reasons(a, ratings, drivers, words):
    """Why 24-hour care comes into it: one reason for each high dimension among D1, D3, D5, D6."""
    reasons = []
    if ratings[D1] == HIGH:
        drugs = _dangerous_drugs(a)
        pairs = _pairs(drivers, D1, HIGH)
        if drugs:
            why = (
                f"stopping {join_words(drugs)} suddenly can be dangerous, so withdrawal from "
                f"{join_words(drugs)} needs to be medically managed, at home with a community team "
                "or in a hospital or residential unit, depending on an assessment"
            )
        else:
            why = "any stop needs to be planned with a doctor, and a supervised withdrawal may be safest"
        reasons.append(reason(a, pairs, why))
    if ratings[D3] == HIGH:
        pairs = _pairs(drivers, D3, HIGH)
        if a.has("happening_now", "suicidal"):
            why = "after the crisis help above, a crisis team or a stay in hospital can keep {you_object} safe if home is not safe enough"
        else:
            why = "a mental health assessment is needed, and a stay with 24-hour care can keep {you_object} safe while it happens"
        reasons.append(reason(a, pairs, why))
    if ratings[D5] == HIGH:
        reasons.append(
            reason(
                a,
                _pairs(drivers, D5, HIGH),
                "this is a time when setbacks are more likely, and a structured programme can give recovery a steadier start",
            )
        )
    if ratings[D6] == HIGH:
        situation = a.ordered("home_situation", {"unsafe", "no_stable_home", "others_use"})
        whys = {
            "unsafe": "safety comes first, and a residential service can offer a safe place to recover",
            "no_stable_home": "a residential service can offer a stable place to recover while housing is sorted out",
            "others_use": "time away in a residential service can give recovery a steadier start",
        }
        reasons.append(reason(a, [("home_situation", item) for item in situation], whys[situation[0]]))
    return reasons


def _inpatient(a, fit, ratings, drivers, words):
    serious = _serious_need_reasons(a, ratings, drivers, words)
    reasons = []
    if fit == STRONG:
        reasons = serious
        depressants = a.ordered("other_substances", DEPRESSANTS)
        if len(serious) < 2 and depressants:
            # Strong through the combination of depressants (or one with past withdrawal fits).
            names = [SUBSTANCE_NAMES[name] for name in depressants]
            pairs = [("other_substances", name) for name in depressants]
            if a.has("physical_health", "withdrawal_seizures"):
                pairs.append(("physical_health", "withdrawal_seizures"))
            combination = reason(
                a,
                pairs,
                f"withdrawal from {join_words(names)} together, or after fits in past withdrawal, can cause fits "
                "and confusion, so it is safest in a hospital or residential unit with 24-hour medical care",
            )
            reasons = [combination, *serious[1:]]
        last = reasons[-1]
        reasons[-1] = Reason(f"{last.text} {words.residential_route}", *last.question_answer())
    elif a.young and len([d for d in RESIDENTIAL_DIMENSIONS if ratings[d] == HIGH]) >= 1:
        reasons = [
            *serious,
            reason(
                a,
                [("age", "under_18")],
                "adult residential services are not for young people; {route} can arrange more support if it is needed",
                route=words.young_people_route,
            ),
        ]
    elif fit == POSSIBLE:
        only = serious[0]
        reasons = [
            Reason(
                f"{only.text} With this one serious need, support in the community usually comes first; a "
                "residential stay is worth asking about if that is not enough.",
                *only.question_answer(),
            )
        ]
    else:
        frequency = a.first("frequency")
        after = "after the urgent help above, " if a.urgent else ""
        reasons = [
            reason(
                a,
                [("frequency", frequency)],
                f"{after}none of {{your}} answers shows the combination of serious needs that residential care is for, "
                "so it is usually more than is needed, though this can change",
            )
        ]
        if a.young:
            reasons.append(
                reason(
                    a,
                    [("age", "under_18")],
                    "adult residential services are not for young people; {route} is the place to start",
                    route=words.young_people_route,
                )
            )
    return Suggestion(INPATIENT, fit, tuple(reasons))


def _outpatient(a, fit, ratings, drivers, words):
    reasons = []
    frequency = a.first("frequency")
    if frequency in REGULAR_USE:
        reasons.append(
            reason(
                a,
                [("frequency", frequency)],
                "{service} can offer regular appointments, talking therapy and health checks while life carries on",
                service=words.local_service,
            )
        )
    elif frequency == NOT_SURE:
        reasons.append(reason(a, [("frequency", NOT_SURE)], "an assessment can work out what support is needed"))
    if a.young:
        reasons.append(
            reason(
                a,
                [("age", "under_18")],
                "{route} is the right place to start, working with young people and, where it helps, with families",
                route=words.young_people_route,
            )
        )
    if a.pregnant:
        pairs = [("physical_health", "pregnant")]
        reasons.append(
            reason(
                a,
                pairs,
                "stopping ketamine is safe and best for {you_object} and the baby. Do not stop alcohol, "
                "benzodiazepines, opioids or prescribed medicines suddenly; tell {your} {maternity} or drug service first",
                maternity=words.maternity,
            )
        )
    for prescribed in a.ordered("prescribed", {"opioid_treatment", "other_prescribed", "ketamine_treatment"}):
        why = "do not stop or change this medicine before talking to {your} prescriber or key worker, and mention any ketamine use"
        if prescribed == "opioid_treatment":
            why = (
                "keep taking it as prescribed, and do not stop or change it before talking to {your} prescriber or key "
                "worker; it protects against overdose, and the same team can help with ketamine use too"
            )
        elif prescribed == "ketamine_treatment":
            why = (
                "do not stop or change this treatment before talking to {your} prescriber, and say if any ketamine "
                "is taken beyond what is prescribed"
            )
        reasons.append(reason(a, [("prescribed", prescribed)], why))
    reasons.extend(_withdrawal_reasons(a, ratings, drivers, words))
    reasons.extend(_health_reasons(a, ratings, drivers, words))
    if ratings[D5] != LOW:
        pairs = _pairs(drivers, D5)
        if any(question == "past_attempts" for question, _ in pairs):
            why = "more support than before, with a plan for cravings and setbacks, can help where earlier attempts did not"
        else:
            why = "the first months after stopping are when setbacks are most likely, and regular support helps"
        reasons.append(reason(a, pairs, why))
    reasons.extend(_home_reasons(a, ratings, drivers, words))
    if fit == STRONG and a.has("home_support", "supportive", "some_support") and ratings[D6] == LOW:
        reasons.append(
            reason(
                a,
                [("home_support", a.first("home_support"))],
                "treatment while living at home is more likely to work with support around {you_object}",
            )
        )
    if a.has("practicalities", "work_or_caring"):
        reasons.append(
            reason(a, [("practicalities", "work_or_caring")], "community appointments can fit around work or caring")
        )
    if a.has("practicalities", "cost"):
        reasons.append(reason(a, [("practicalities", "cost")], "{free}", free=words.free_route))
    if fit == POSSIBLE:
        reasons.insert(
            0,
            reason(
                a,
                [("frequency", frequency)],
                "nothing else in {your} answers calls for regular appointments now, but {service} or {doctor} can help "
                "if things change or self-help is not enough",
                service=words.local_service,
                doctor=words.doctor,
            ),
        )
    return Suggestion(OUTPATIENT, fit, tuple(reasons))


def _withdrawal_reasons(a, ratings, drivers, words):
    """Outpatient reasons from D1: other drugs, past fits, and hard ketamine withdrawal."""
    reasons = []
    drugs = a.ordered("other_substances", DANGEROUS_TO_STOP)
    if drugs:
        names = [SUBSTANCE_NAMES[name] for name in drugs]
        reasons.append(
            reason(
                a,
                [("other_substances", name) for name in drugs],
                f"do not stop {join_words(names)} suddenly; a drug and alcohol service or {words.doctor} can plan a "
                f"safe, supervised withdrawal from {join_words(names)}",
            )
        )
    if "opioids" in drugs:
        reasons.append(
            reason(
                a,
                [("other_substances", "opioids")],
                "the drug service can offer opioid substitution treatment (methadone or buprenorphine), which lowers "
                "the risk of overdose, and naloxone, a medicine that can reverse an opioid overdose",
            )
        )
    if a.has("physical_health", "withdrawal_seizures"):
        reasons.append(
            reason(
                a,
                [("physical_health", "withdrawal_seizures")],
                "tell the service or {doctor}, because any stop needs to be planned with medical supervision",
                doctor=words.doctor,
            )
        )
    if a.has("other_substances", NOT_SURE):
        reasons.append(
            reason(
                a,
                [("other_substances", NOT_SURE)],
                "an assessment can check, because stopping alcohol, benzodiazepines, opioids or GHB suddenly can be "
                "dangerous",
            )
        )
    if a.has("other_substances", "stimulants"):
        reasons.append(
            reason(a, [("other_substances", "stimulants")], "a local service can help with both drugs at once")
        )
    ketamine = _pairs(drivers, D1, MODERATE, questions={"withdrawal", "frequency"})
    if ketamine:
        reasons.append(
            reason(
                a,
                ketamine,
                "a drug and alcohol service can help with cravings, low mood and sleep while {you} cut down or stop; "
                "stopping ketamine is not usually dangerous to the body, but it can be hard to cope with alone",
            )
        )
    return reasons


def _health_reasons(a, ratings, drivers, words):
    """Outpatient reasons from D2 and D3: health needs a professional should see in person."""
    reasons = []
    urgent = [("happening_now", answer) for answer in a.ordered("happening_now", URGENT_PHYSICAL)]
    if urgent:
        reasons.append(
            reason(a, urgent, "after the urgent help above, {doctor} should follow this up", doctor=words.doctor)
        )
    physical = _pairs(drivers, D2, MODERATE)
    if physical:
        why = "a doctor or nurse should check " + ("this" if len(physical) == 1 else "these") + " in person"
        if ("physical_health", "bladder") in physical:
            why += ", and bladder damage from ketamine is more likely to get better when it is found early and ketamine use stops"
        reasons.append(reason(a, physical, why))
    if a.has("happening_now", "suicidal"):
        reasons.append(
            reason(
                a,
                [("happening_now", "suicidal")],
                "after the crisis help above, a team can look after mental health and ketamine use together",
            )
        )
    mental = _pairs(drivers, D3, MODERATE)
    if mental:
        why = "face-to-face care lets a team look after mental health and ketamine use together"
        if ("mental_health", "recent_suicidal_thoughts") in mental:
            why += "; if thoughts of suicide come back or get stronger, use the crisis lines on this page straight away"
        reasons.append(reason(a, mental, why))
    return reasons


def _home_reasons(a, ratings, drivers, words):
    """Outpatient reasons from D6: safety, housing, and support at home."""
    reasons = []
    if a.has("home_situation", "unsafe"):
        reasons.append(
            reason(
                a,
                [("home_situation", "unsafe")],
                "safety comes first, and {line} can talk in confidence with anyone at home, including the person "
                "answering, and help plan for safety",
                line=words.domestic_abuse_line,
            )
        )
    if a.has("home_situation", "no_stable_home"):
        reasons.append(
            reason(
                a,
                [("home_situation", "no_stable_home")],
                "{line} can help with somewhere to stay, and drug services can work alongside housing support",
                line=words.housing_line,
            )
        )
    if a.has("home_situation", "others_use"):
        reasons.append(
            reason(
                a,
                [("home_situation", "others_use")],
                "staying well is harder when others at home use drugs, and a key worker can help plan for that",
            )
        )
    if a.has("home_support", "no_support"):
        reasons.append(
            reason(
                a, [("home_support", "no_support")], "a key worker and groups can give support that is missing at home"
            )
        )
    return reasons


def _online(a, fit, ratings, drivers, words):
    reasons = []
    raisers = [(name, text) for name, text in ONLINE_RAISERS if a.has("practicalities", name)]
    if fit == LESS_SUITED:
        flags = [("happening_now", answer) for answer in a.ordered("happening_now", URGENCY_FOR_ANSWER)]
        high = next(dimension for dimension in DIMENSIONS if ratings[dimension] == HIGH)
        cannot = "give urgent care" if flags else ONLINE_CANNOT[high]
        reasons.append(
            reason(
                a,
                flags or _pairs(drivers, high, HIGH),
                f"online help alone cannot {cannot}, though online groups can add support alongside face-to-face care",
            )
        )
        return Suggestion(ONLINE, fit, tuple(reasons))
    if fit == STRONG:
        frequency = a.first("frequency")
        reasons.append(
            reason(
                a,
                [("frequency", frequency), ("practicalities", "private_space_online")],
                "online counselling or groups can suit this stage, with nothing in {your} answers that needs an "
                "in-person check",
            )
        )
    else:
        health = _pairs(drivers, D2) + _pairs(drivers, D3)
        if health:
            reasons.append(
                reason(
                    a,
                    health,
                    "some of this needs a professional to see {you_object} in person; online support can add to "
                    "face-to-face care, not replace it",
                )
            )
        heavier = _pairs(drivers, D1) + (
            [("frequency", a.first("frequency"))] if a.has("frequency", *REGULAR_USE, NOT_SURE) else []
        )
        if heavier:
            reasons.append(
                reason(a, heavier, "online help is best used alongside a local service rather than on its own")
            )
        others = _pairs(drivers, D5) + _pairs(drivers, D6)
        if others and not health and not heavier:
            reasons.append(reason(a, others, "online help works best alongside other support, not on its own"))
        if not a.has("practicalities", "private_space_online"):
            reasons.append(
                Reason(
                    "Because you did not say there is a private space with the internet: online sessions work best "
                    "where no one can overhear.",
                    "practicalities",
                    a.first("practicalities"),
                )
            )
    reasons.extend(reason(a, [("practicalities", name)], text) for name, text in raisers)
    if a.young:
        reasons.append(
            reason(
                a,
                [("age", "under_18")],
                "many online services are for adults, so check that a service works with young people",
            )
        )
    return Suggestion(ONLINE, fit, tuple(reasons))


def _self_help(a, fit, ratings, drivers, words):
    reasons = []
    if fit == STRONG:
        reasons.append(
            reason(
                a,
                [("frequency", a.first("frequency"))],
                "none of {your} answers points to risks from withdrawal, physical or mental health, past attempts or "
                "home, so peer support and self-help tools are a good place to start",
            )
        )
        if a.has("frequency", "stopped_recently"):
            reasons.append(
                reason(
                    a,
                    [("frequency", "stopped_recently")],
                    "peer support and a plan for cravings can help {you_object} stay stopped",
                )
            )
    else:
        first_need = next(driver for driver in drivers if driver.dimension in DIMENSIONS)
        reasons.append(
            reason(
                a,
                first_need.pairs,
                "groups such as Narcotics Anonymous and SMART Recovery, in person or online, add support alongside "
                "professional help, not instead of it",
            )
        )
    if a.has("goal", "not_ready"):
        reasons.append(
            reason(
                a,
                [("goal", "not_ready")],
                "information on staying safer, and knowing where to go when ready, can still help",
            )
        )
    if a.has("practicalities", "cost"):
        reasons.append(reason(a, [("practicalities", "cost")], "peer-support groups are free"))
    return Suggestion(SELF_HELP, fit, tuple(reasons))


def _rank(suggestion):
    """Stronger fits first; among equal fits, the fixed order outpatient, inpatient, online, self-help."""
    return FIT_ORDER.index(suggestion.fit), TIE_ORDER.index(suggestion.option)


def evaluate(answers, region):
    """Suggest kinds of support for a mapping of question ids to choice ids, in `region`'s words.

    Multi-choice answers may be given as lists or sets; their order never matters.
    Unknown choices are ignored and a missing answer counts as "not sure" where that is a
    choice (validate first with questions.validate_answers to report them).
    """
    words = REGION_WORDS[region]
    a = Answers(answers)
    urgency, flags = _urgency(a)
    ratings, drivers = rate(a)
    fits = place(ratings, a)
    suggestions = [
        _inpatient(a, fits[INPATIENT], ratings, drivers, words),
        _outpatient(a, fits[OUTPATIENT], ratings, drivers, words),
        _online(a, fits[ONLINE], ratings, drivers, words),
        _self_help(a, fits[SELF_HELP], ratings, drivers, words),
    ]
    contact_needs = tuple(
        need
        for need, present in (
            ("young_people", a.young),
            ("domestic_abuse", a.has("home_situation", "unsafe")),
            ("housing", a.has("home_situation", "no_stable_home")),
        )
        if present
    )
    return Result(
        urgency=urgency,
        urgent_flags=flags,
        dimensions={
            "d1": ratings[D1],
            "d2": ratings[D2],
            "d3": ratings[D3],
            "d4": a.first("goal"),
            "d5": ratings[D5],
            "d6": ratings[D6],
        },
        suggestions=tuple(sorted(suggestions, key=_rank)),
        for_family=a.for_family,
        young_person=a.young,
        region=region,
        contact_needs=contact_needs,
    )
