"""From questionnaire answers to suggestions: `evaluate(answers) -> Result`.

Pure Python with no Django imports, deterministic, and ordered by the specification in
shared/QUESTIONNAIRE.md (its reasoning follows the ASAM dimensions, NICE, SAMHSA and NHS
guidance). Every reason names the question and answer it comes from.

"I'm not sure" is read as the most cautious definite answer it could stand for, and the
reason says so. The rules only ever add caution for such answers, which is what the
spec's seventh invariant asks and the property tests check.
"""

from dataclasses import dataclass

from pathways.questions import NONE, NOT_SURE, QUESTION_BY_ID

# Urgency, most urgent first.
EMERGENCY, CRISIS, URGENT_MEDICAL, NO_URGENCY = "emergency", "crisis", "urgent_medical", "none"
URGENCY_ORDER = (EMERGENCY, CRISIS, URGENT_MEDICAL, NO_URGENCY)
URGENCY_FOR_ANSWER = {
    "collapse": EMERGENCY,
    "suicidal": CRISIS,
    "urine_blood_or_blocked": URGENT_MEDICAL,
    "severe_pain": URGENT_MEDICAL,
}

# Options, in the order used to break ties: the more intensive care first, so that
# online help can never lead while a reason for 24-hour care is present.
INPATIENT, OUTPATIENT, ONLINE, SELF_HELP = "inpatient", "outpatient", "online", "self_help"
OPTIONS = (INPATIENT, OUTPATIENT, ONLINE, SELF_HELP)

STRONG, POSSIBLE, LESS_SUITED = "strong", "possible", "less_suited"
FIT_ORDER = (STRONG, POSSIBLE, LESS_SUITED)

REGULAR_USE = {"daily", "several_weekly"}
MILD_USE = {"weekly_or_less", "stopped_recently"}
RISKY_WITHDRAWAL_SUBSTANCES = ("alcohol_daily", "benzodiazepines", "opioids")
SUBSTANCE_USE = {
    "alcohol_daily": "drink alcohol every day",
    "benzodiazepines": "take benzodiazepines",
    "opioids": "take opioids",
}
IN_PERSON_PHYSICAL = ("bladder", "stomach_pain", "long_term_condition")
IN_PERSON_MENTAL = ("trauma", "diagnosed_condition")
PHYSICAL_NAMES = {
    "bladder": "bladder problems",
    "stomach_pain": "stomach pains",
    "long_term_condition": "a long-term health condition",
}
MENTAL_NAMES = {"trauma": "past trauma", "diagnosed_condition": "a diagnosed mental health condition"}


@dataclass(frozen=True)
class Reason:
    text: str
    question: str
    answer: str

    def as_dict(self):
        return {"text": self.text, "question": self.question, "answer": self.answer}


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
    suggestions: tuple  # ranked, strongest first
    for_family: bool

    def as_dict(self):
        return {
            "urgency": self.urgency,
            "urgent_flags": list(self.urgent_flags),
            "suggestions": [suggestion.as_dict() for suggestion in self.suggestions],
            "for_family": self.for_family,
        }

    def suggestion(self, option):
        return next(suggestion for suggestion in self.suggestions if suggestion.option == option)


class Answers:
    """Answers normalised to sets, with the person's words ("you" or "they")."""

    def __init__(self, raw):
        self.values = {}
        for question_id, question in QUESTION_BY_ID.items():
            value = raw.get(question_id)
            chosen = set(value) if isinstance(value, list | tuple | set | frozenset) else {value}
            chosen &= set(question.choice_ids)
            if not chosen and NOT_SURE in question.choice_ids:
                chosen = {NOT_SURE}  # an unanswered question is read as cautiously as "not sure"
            if question.multiple:
                chosen.discard(NONE)
            self.values[question_id] = chosen
        self.for_family = "someone_else" in self.values["answering_for"]
        self.you = "they" if self.for_family else "you"
        self.your = "their" if self.for_family else "your"
        self.you_object = "them" if self.for_family else "you"

    def has(self, question_id, *choice_ids):
        return bool(self.values[question_id] & set(choice_ids))

    def first(self, question_id, *choice_ids):
        """The first of `choice_ids` that was chosen, in the order given."""
        return next((choice for choice in choice_ids if choice in self.values[question_id]), None)

    def frequency_is(self, *choice_ids):
        """True if the answer is one of these, counting "not sure" as "daily" (the most cautious)."""
        frequency = self.values["frequency"]
        return bool(frequency & set(choice_ids)) or (NOT_SURE in frequency and "daily" in choice_ids)


def _urgency(answers):
    flags = sorted(
        {URGENCY_FOR_ANSWER[answer] for answer in answers.values["happening_now"] if answer in URGENCY_FOR_ANSWER},
        key=URGENCY_ORDER.index,
    )
    return (flags[0] if flags else NO_URGENCY), tuple(flags)


def _inpatient_reasons(a):
    reasons = []
    you, your = a.you, a.your
    risky = [name for name in RISKY_WITHDRAWAL_SUBSTANCES if a.has("other_substances", name)]
    if risky:
        uses = " and ".join(SUBSTANCE_USE[name] for name in risky)
        reasons.append(
            Reason(
                f"Because you said {you} also {uses}: stopping these suddenly can be dangerous, "
                "so a medically supervised detox is safest.",
                "other_substances",
                risky[0],
            )
        )
    elif a.has("other_substances", NOT_SURE):
        reasons.append(
            Reason(
                f"Because you were not sure whether {you} also drink every day or take benzodiazepines or opioids, "
                "we have assumed they might: stopping those suddenly can be dangerous, so get medical advice "
                "before stopping.",
                "other_substances",
                NOT_SURE,
            )
        )
    strong_withdrawal = a.has("withdrawal", "strong", NOT_SURE)
    if strong_withdrawal and a.frequency_is("daily"):
        unsure = [
            name
            for name, q in (("how often", "frequency"), ("what stopping is like", "withdrawal"))
            if a.has(q, NOT_SURE)
        ]
        text = f"Because you said {you} use ketamine every day or most days and stopping brings strong cravings, anxiety or low mood: 24-hour support can make the first weeks safer and easier."
        if unsure:
            text = f"Because you were not sure about {' and '.join(unsure)}, we have assumed daily use with strong withdrawal: 24-hour support can make the first weeks safer and easier."
        answer = NOT_SURE if unsure else "strong"
        reasons.append(Reason(text, "withdrawal", answer))
    if a.has("mental_health", "unusual_experiences"):
        reasons.append(
            Reason(
                f"Because you said {you} have unusual experiences such as seeing or hearing things or paranoia: "
                "these need a mental health assessment, and staying somewhere with 24-hour care can keep "
                f"{a.you_object} safe while that happens.",
                "mental_health",
                "unusual_experiences",
            )
        )
    if a.has("home_support", "unsafe_or_using"):
        reasons.append(
            Reason(
                f"Because you said {your} home is not safe or others there use drugs: time away in a residential "
                "service can give recovery a steadier start.",
                "home_support",
                "unsafe_or_using",
            )
        )
    repeated = a.first("past_attempts", "tried_several_times", "had_treatment_before")
    if repeated and a.frequency_is("daily", "several_weekly"):
        reasons.append(
            Reason(
                f"Because {you} have tried to stop before and still use ketamine most weeks: more intensive "
                "support may help where earlier attempts did not.",
                "past_attempts",
                repeated,
            )
        )
    return reasons


def _in_person_needs(a):
    physical = [name for name in IN_PERSON_PHYSICAL if a.has("physical_health", name)]
    mental = [name for name in IN_PERSON_MENTAL if a.has("mental_health", name)]
    reasons = []
    if physical:
        reasons.append(
            Reason(
                f"Because you said {a.you} have {' and '.join(PHYSICAL_NAMES[name] for name in physical)}: "
                "these need to be checked in person by a doctor or nurse"
                + (
                    " (bladder symptoms usually get better if ketamine use stops early)."
                    if "bladder" in physical
                    else "."
                ),
                "physical_health",
                physical[0],
            )
        )
    if mental:
        reasons.append(
            Reason(
                f"Because you said {a.you} have {' and '.join(MENTAL_NAMES[name] for name in mental)}: "
                "face-to-face care lets a team look after mental health and ketamine use together.",
                "mental_health",
                mental[0],
            )
        )
    return reasons


def _inpatient(a, inpatient_reasons):
    if inpatient_reasons:
        return Suggestion(INPATIENT, STRONG, tuple(inpatient_reasons))
    you = a.you
    if a.frequency_is("daily"):
        unsure = a.has("frequency", NOT_SURE)
        said = (
            f"you were not sure how often {you} use ketamine"
            if unsure
            else f"you said {you} use ketamine every day or most days"
        )
        reason = Reason(
            f"Because {said}: if stopping with community support proves too hard, a residential stay is an option "
            "to ask about.",
            "frequency",
            NOT_SURE if unsure else "daily",
        )
        return Suggestion(INPATIENT, POSSIBLE, (reason,))
    if a.has("withdrawal", "strong", NOT_SURE):
        unsure = a.has("withdrawal", NOT_SURE)
        said = (
            f"you were not sure what happens when {you} stop"
            if unsure
            else "you said stopping brings strong cravings, anxiety or low mood"
        )
        reason = Reason(
            f"Because {said}: if that makes it too hard to cope at home, a residential stay is an option to ask about.",
            "withdrawal",
            NOT_SURE if unsure else "strong",
        )
        return Suggestion(INPATIENT, POSSIBLE, (reason,))
    frequency = a.first("frequency", "several_weekly", "weekly_or_less", "stopped_recently")
    said = {
        "several_weekly": f"you said {you} use ketamine several times a week, without the risks that call for 24-hour care",
        "weekly_or_less": f"you said {you} use ketamine once a week or less",
        "stopped_recently": f"you said {you} have stopped recently",
        None: "nothing you said points to the risks that call for 24-hour care",
    }[frequency]
    reason = Reason(
        f"Because {said}: a residential stay is usually more than is needed, though this can change.",
        "frequency",
        frequency or NONE,
    )
    return Suggestion(INPATIENT, LESS_SUITED, (reason,))


def _outpatient(a, inpatient_reasons, in_person):
    you = a.you
    reasons = []
    regular = a.frequency_is("daily", "several_weekly")
    if regular and not inpatient_reasons:
        if a.has("frequency", NOT_SURE):
            reasons.append(
                Reason(
                    f"Because you were not sure how often {you} use ketamine: a local drug and alcohol service can "
                    "help work out what support is needed.",
                    "frequency",
                    NOT_SURE,
                )
            )
        else:
            reasons.append(
                Reason(
                    f"Because you said {you} use ketamine regularly: a local drug and alcohol service can offer "
                    "regular appointments, talking therapy and health checks while life carries on.",
                    "frequency",
                    a.first("frequency", "daily", "several_weekly"),
                )
            )
    reasons.extend(in_person)
    if inpatient_reasons:
        first = inpatient_reasons[0]
        reasons.append(
            Reason(
                "Because of the reasons for more intensive care: a community service is often the way in to a "
                "residential place, and it supports people before and after a stay.",
                first.question,
                first.answer,
            )
        )
        return Suggestion(OUTPATIENT, POSSIBLE, tuple(reasons))
    if a.has("home_support", "supportive", "some_support"):
        reasons.append(
            Reason(
                f"Because you said {you} have support at home: that makes treatment while living at home more "
                "likely to work.",
                "home_support",
                a.first("home_support", "supportive", "some_support"),
            )
        )
    if a.has("practicalities", "work_or_caring"):
        reasons.append(
            Reason(
                f"Because you said {you} need to keep working or caring: community appointments can fit around that.",
                "practicalities",
                "work_or_caring",
            )
        )
    if regular or in_person:
        return Suggestion(OUTPATIENT, STRONG, tuple(reasons))
    frequency = a.first("frequency", "weekly_or_less", "stopped_recently")
    said = {
        "weekly_or_less": f"you said {you} use ketamine once a week or less",
        "stopped_recently": f"you said {you} have stopped recently",
        None: "nothing you said calls for regular appointments",
    }[frequency]
    reasons.append(
        Reason(
            f"Because {said}: a local service or GP can still help if things change or self-help is not enough.",
            "frequency",
            frequency or NONE,
        )
    )
    return Suggestion(OUTPATIENT, POSSIBLE, tuple(reasons))


ONLINE_RAISERS = (
    ("privacy", "online help can be more private"),
    ("far_from_services", "online help saves long journeys"),
    ("work_or_caring", "online sessions can fit around work or caring"),
)


def _online(a, inpatient_reasons, in_person):
    you = a.you
    if inpatient_reasons:
        first = inpatient_reasons[0]
        reason = Reason(
            "Because of the reasons for more intensive care: online help alone cannot manage a detox or check "
            "physical health, though online groups can add support alongside other care.",
            first.question,
            first.answer,
        )
        return Suggestion(ONLINE, LESS_SUITED, (reason,))
    reasons = []
    if in_person:
        first = in_person[0]
        reasons.append(
            Reason(
                "Because some of what you said needs checking in person: online support can add to face-to-face "
                "care, but cannot replace it.",
                first.question,
                first.answer,
            )
        )
    mild = a.frequency_is("weekly_or_less", "stopped_recently") and a.has("withdrawal", "mild", "none", "not_tried")
    if mild:
        reasons.append(
            Reason(
                f"Because you said {you} use ketamine once a week or less, or have stopped, without strong "
                "withdrawal: online counselling or groups can be enough at this stage.",
                "frequency",
                a.first("frequency", "weekly_or_less", "stopped_recently"),
            )
        )
    raisers = [(name, text) for name, text in ONLINE_RAISERS if a.has("practicalities", name)]
    reasons.extend(Reason(f"Because you said this matters: {text}.", "practicalities", name) for name, text in raisers)
    private_space = a.has("practicalities", "private_space_online")
    supportive = a.has("home_support", "supportive", "some_support")
    if private_space:
        reasons.append(
            Reason(
                f"Because you said {you} have a private space and the internet: video sessions can stay confidential.",
                "practicalities",
                "private_space_online",
            )
        )
    # Privacy, distance or work can make up for a home that is not fully supportive.
    if mild and private_space and not in_person and (supportive or raisers):
        return Suggestion(ONLINE, STRONG, tuple(reasons))
    if not private_space:
        reasons.append(
            Reason(
                "Because you did not say there is a private space with the internet: online sessions work best "
                "where no one can overhear.",
                "practicalities",
                a.first("practicalities", "work_or_caring", "privacy", "cost", "far_from_services") or NONE,
            )
        )
    elif not supportive:
        reasons.append(
            Reason(
                f"Because you said {you} have little support at home: online help works best with some support nearby.",
                "home_support",
                a.first("home_support", "no_support") or NONE,
            )
        )
    elif not mild:
        reasons.append(
            Reason(
                f"Because of how often {you} use ketamine or how hard stopping is: online help is best used alongside "
                "a local service rather than on its own.",
                "frequency",
                a.first("frequency", "daily", "several_weekly", NOT_SURE, "weekly_or_less", "stopped_recently") or NONE,
            )
        )
    return Suggestion(ONLINE, POSSIBLE, tuple(reasons))


def _self_help(a, inpatient_reasons, in_person):
    you = a.you
    reasons = []
    if a.has("frequency", "stopped_recently"):
        reasons.append(
            Reason(
                f"Because you said {you} have stopped recently: peer support and a plan for cravings help "
                "prevent a relapse.",
                "frequency",
                "stopped_recently",
            )
        )
    if a.has("goal", "not_ready"):
        reasons.append(
            Reason(
                f"Because you said {you} are not ready to change: information on safer use and knowing where to go "
                "when ready can still help.",
                "goal",
                "not_ready",
            )
        )
    occasional = a.has("frequency", "weekly_or_less") and not inpatient_reasons and not in_person
    if occasional:
        reasons.append(
            Reason(
                f"Because you said {you} use ketamine once a week or less with no complications: self-help and "
                "peer support are a good place to start.",
                "frequency",
                "weekly_or_less",
            )
        )
    if reasons:
        return Suggestion(SELF_HELP, STRONG, tuple(reasons))
    goal = a.first("goal", "stop", "cut_down", NOT_SURE)
    said = {
        "stop": f"you said {you} want to stop",
        "cut_down": f"you said {you} want to cut down",
        NOT_SURE: f"you were not sure what {you} want yet",
        None: "support from others helps at every stage",
    }[goal]
    reason = Reason(
        f"Because {said}: groups such as Narcotics Anonymous and SMART Recovery, in person or online, add support "
        "alongside any treatment.",
        "goal",
        goal or NONE,
    )
    return Suggestion(SELF_HELP, POSSIBLE, (reason,))


def _rank(suggestion):
    """Stronger fits first; among equal fits, the more intensive option first."""
    return FIT_ORDER.index(suggestion.fit), OPTIONS.index(suggestion.option)


def evaluate(answers):
    """Suggest kinds of support for a mapping of question ids to choice ids.

    Multi-choice answers may be given as lists or sets; their order never matters.
    Unknown choices are ignored and a missing answer counts as "not sure" where that is a
    choice (validate first with questions.validate_answers to report them).
    """
    a = Answers(answers)
    urgency, flags = _urgency(a)
    inpatient_reasons = _inpatient_reasons(a)
    in_person = _in_person_needs(a)
    suggestions = [
        _inpatient(a, inpatient_reasons),
        _outpatient(a, inpatient_reasons, in_person),
        _online(a, inpatient_reasons, in_person),
        _self_help(a, inpatient_reasons, in_person),
    ]
    ranked = tuple(sorted(suggestions, key=_rank))
    return Result(urgency=urgency, urgent_flags=flags, suggestions=ranked, for_family=a.for_family)
