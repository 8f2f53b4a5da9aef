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

# Other drugs whose withdrawal can be dangerous, so stopping needs medical supervision.
RISKY_WITHDRAWAL = ("alcohol_daily", "benzodiazepines", "opioids")
# Health needs a professional should see in person, by question, in the words of a reason.
IN_PERSON = {
    "happening_now": {
        "collapse": "{you_have} collapsed or needed emergency help",
        "suicidal": "{you_are} having thoughts of suicide or self-harm",
        "urine_blood_or_blocked": "{you_have} blood in {your} urine or cannot pass urine",
        "severe_pain": "{you_have} severe pain in the stomach, kidneys or bladder",
    },
    "physical_health": {
        "bladder": "{you_have} bladder problems",
        "stomach_pain": "{you_have} stomach pains",
        "memory_concentration": "{you_have} problems with memory or concentration",
        "long_term_condition": "{you_have} a long-term health condition",
    },
    "mental_health": {
        "low_mood": "{you_have} low mood",
        "anxiety": "{you_have} anxiety",
        "trauma": "{you_have} past trauma that still affects {you_object}",
        "diagnosed_condition": "{you_have} a diagnosed mental health condition",
    },
    "other_substances": {"stimulants": "{you} also use stimulants regularly"},
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
                chosen = {NOT_SURE}  # an unanswered question is read as cautiously as "not sure"
            if question.multiple and len(chosen) > 1:
                chosen.discard(NONE)
            self.values[question_id] = chosen
        self.for_family = "someone_else" in self.values["answering_for"]
        them = self.for_family
        self.words = {
            "you": "they" if them else "you",
            "your": "their" if them else "your",
            "you_object": "them" if them else "you",
            "you_have": "they have" if them else "you have",
            "you_are": "they are" if them else "you are",
        }

    def say(self, template):
        return template.format(**self.words)

    def has(self, question_id, *choice_ids):
        return bool(self.values[question_id] & set(choice_ids))

    def first(self, question_id, *choice_ids):
        """The first of `choice_ids` that was chosen, in the order given (all choices if none are given)."""
        order = choice_ids or QUESTION_BY_ID[question_id].choice_ids
        return next((choice for choice in order if choice in self.values[question_id]), None)

    def unsure(self, question_id):
        return NOT_SURE in self.values[question_id]

    def frequency_is(self, *choice_ids):
        """True if the answer is one of these, counting "not sure" as "daily" (the most cautious)."""
        return self.has("frequency", *choice_ids) or (self.unsure("frequency") and "daily" in choice_ids)


def _urgency(a):
    flags = sorted(
        {URGENCY_FOR_ANSWER[answer] for answer in a.values["happening_now"] if answer in URGENCY_FOR_ANSWER},
        key=URGENCY_ORDER.index,
    )
    return (flags[0] if flags else NO_URGENCY), tuple(flags)


def _risky_substance_reason(a):
    risky = [name for name in RISKY_WITHDRAWAL if a.has("other_substances", name)]
    if risky:
        parts = ["drink alcohol every day"] if "alcohol_daily" in risky else []
        drugs = [name for name in risky if name != "alcohol_daily"]
        if drugs:
            parts.append(f"take {join_words(drugs)}")
        return Reason(
            a.say(f"Because you said {{you}} also {', and '.join(parts)}: stopping ")
            + ("this" if len(risky) == 1 else "these")
            + " suddenly can be dangerous, so a medically supervised detox is safest.",
            "other_substances",
            risky[0],
        )
    if a.unsure("other_substances"):
        return Reason(
            a.say(
                "Because you were not sure whether {you} also drink alcohol every day or take benzodiazepines or "
                "opioids, we have assumed {you} might: stopping those suddenly can be dangerous, so get medical "
                "advice before stopping."
            ),
            "other_substances",
            NOT_SURE,
        )
    return None


def _withdrawal_reason(a):
    daily, strong = a.frequency_is("daily"), a.has("withdrawal", "strong", NOT_SURE)
    if not (daily and strong):
        return None
    frequency_unsure, withdrawal_unsure = a.unsure("frequency"), a.unsure("withdrawal")
    ending = ": 24-hour support can make the first weeks safer and easier."
    if frequency_unsure and withdrawal_unsure:
        text = (
            "Because you were not sure how often {you} use ketamine or what happens when {you} stop, we have "
            "assumed daily use with strong withdrawal"
        )
    elif withdrawal_unsure:
        text = (
            "Because you said {you} use ketamine every day or most days, and you were not sure what happens when "
            "{you} stop, we have assumed strong withdrawal"
        )
    elif frequency_unsure:
        text = (
            "Because you said that when {you} stop, {you} get strong cravings, anxiety or low mood, and you were "
            "not sure how often {you} use ketamine, we have assumed daily use"
        )
    else:
        text = (
            "Because you said {you} use ketamine every day or most days, and that when {you} stop, {you} get "
            "strong cravings, anxiety or low mood"
        )
    answer = NOT_SURE if withdrawal_unsure else "strong"
    question = "frequency" if frequency_unsure and not withdrawal_unsure else "withdrawal"
    return Reason(a.say(text + ending), question, NOT_SURE if question == "frequency" else answer)


def _repeated_attempts_reason(a):
    attempts = a.first("past_attempts", "tried_several_times", "had_treatment_before")
    if not attempts or not a.frequency_is("daily", "several_weekly"):
        return None
    said = {
        "tried_several_times": "{you_have} tried to stop several times",
        "had_treatment_before": "{you_have} had treatment or support before",
    }[attempts]
    now = (
        ", and you were not sure how often {you} use ketamine now"
        if a.unsure("frequency")
        else " and still use ketamine most weeks"
    )
    return Reason(
        a.say(f"Because you said {said}{now}: more intensive support may help where earlier attempts did not."),
        "past_attempts",
        attempts,
    )


def _inpatient_reasons(a):
    reasons = [_risky_substance_reason(a), _withdrawal_reason(a)]
    if a.has("mental_health", "unusual_experiences"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you_have} unusual experiences, such as seeing or hearing things or paranoia: "
                    "these need a mental health assessment, and a stay with 24-hour care can keep {you_object} safe "
                    "while that happens."
                ),
                "mental_health",
                "unusual_experiences",
            )
        )
    if a.has("home_support", "unsafe_or_using"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {your} home is not safe or others there use drugs: time away in a residential "
                    "service can give recovery a steadier start."
                ),
                "home_support",
                "unsafe_or_using",
            )
        )
    reasons.append(_repeated_attempts_reason(a))
    return [reason for reason in reasons if reason is not None]


def _in_person_needs(a):
    """Health needs a professional should see in person, one reason per question."""
    reasons = []
    for question, needs in IN_PERSON.items():
        found = [choice for choice in needs if a.has(question, choice)]
        if not found:
            continue
        said = join_words(a.say(needs[choice]) for choice in found)
        if question in ("happening_now", "physical_health"):
            why = "a doctor or nurse should check " + ("this" if len(found) == 1 else "these") + " in person"
            if "bladder" in found or "urine_blood_or_blocked" in found:
                why += " (bladder damage from ketamine is more likely to get better when it is found early)"
        elif question == "mental_health":
            why = "face-to-face care lets a team look after mental health and ketamine use together"
        else:
            why = "a local service can help with both drugs at once"
        reasons.append(Reason(f"Because you said {said}: {why}.", question, found[0]))
    return reasons


def _inpatient(a, inpatient_reasons, urgent):
    if inpatient_reasons:
        return Suggestion(INPATIENT, STRONG, tuple(inpatient_reasons))
    if a.frequency_is("daily"):
        said = (
            "you were not sure how often {you} use ketamine"
            if a.unsure("frequency")
            else "you said {you} use ketamine every day or most days"
        )
        reason = Reason(
            a.say(
                f"Because {said}: if stopping with community support proves too hard, a residential stay is an "
                "option to ask about."
            ),
            "frequency",
            NOT_SURE if a.unsure("frequency") else "daily",
        )
        return Suggestion(INPATIENT, POSSIBLE, (reason,))
    if a.has("withdrawal", "strong", NOT_SURE):
        said = (
            "you were not sure what happens when {you} stop"
            if a.unsure("withdrawal")
            else "you said that when {you} stop, {you} get strong cravings, anxiety or low mood"
        )
        reason = Reason(
            a.say(
                f"Because {said}: if that makes it too hard to cope at home, a residential stay is an option to "
                "ask about."
            ),
            "withdrawal",
            NOT_SURE if a.unsure("withdrawal") else "strong",
        )
        return Suggestion(INPATIENT, POSSIBLE, (reason,))
    frequency = a.first("frequency", "several_weekly", "weekly_or_less", "stopped_recently")
    said = {
        "several_weekly": "{you} use ketamine several times a week, without the risks that call for 24-hour care",
        "weekly_or_less": "{you} use ketamine once a week or less",
        "stopped_recently": "{you_have} stopped recently",
    }[frequency]
    not_needed = (
        "after the urgent help above, a residential stay for ketamine use is not usually the next step"
        if urgent
        else "a residential stay is usually more than is needed"
    )
    reason = Reason(a.say(f"Because you said {said}: {not_needed}, though this can change."), "frequency", frequency)
    return Suggestion(INPATIENT, LESS_SUITED, (reason,))


def _cost_reason(a, text):
    if a.has("practicalities", "cost"):
        return [Reason(f"Because you said it needs to be free: {text}.", "practicalities", "cost")]
    return []


def _outpatient(a, inpatient_reasons, needs):
    reasons = []
    regular = a.frequency_is("daily", "several_weekly")
    if regular and not inpatient_reasons:
        if a.unsure("frequency"):
            text = (
                "Because you were not sure how often {you} use ketamine: a local drug and alcohol service can help "
                "work out what support is needed."
            )
            answer = NOT_SURE
        else:
            text = (
                "Because you said {you} use ketamine regularly: a local drug and alcohol service can offer regular "
                "appointments, talking therapy and health checks while life carries on."
            )
            answer = a.first("frequency", "daily", "several_weekly")
        reasons.append(Reason(a.say(text), "frequency", answer))
    reasons.extend(needs)
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
        reasons += _cost_reason(a, "ask the local service about funded places, as private residential care costs money")
        return Suggestion(OUTPATIENT, POSSIBLE, tuple(reasons))
    if a.has("home_support", "supportive", "some_support"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you_have} support at home: that makes treatment while living at home more "
                    "likely to work."
                ),
                "home_support",
                a.first("home_support", "supportive", "some_support"),
            )
        )
    if a.has("practicalities", "work_or_caring"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you} need to keep working or caring: community appointments can fit around that."
                ),
                "practicalities",
                "work_or_caring",
            )
        )
    reasons += _cost_reason(
        a, "public drug and alcohol services are free in the UK and Ireland, and low-cost in many places"
    )
    if regular or needs:
        return Suggestion(OUTPATIENT, STRONG, tuple(reasons))
    frequency = a.first("frequency", "weekly_or_less", "stopped_recently")
    said = "{you} use ketamine once a week or less" if frequency == "weekly_or_less" else "{you_have} stopped recently"
    reasons.append(
        Reason(
            a.say(
                f"Because you said {said}: a local service or GP can still help if things change or self-help is not enough."
            ),
            "frequency",
            frequency,
        )
    )
    return Suggestion(OUTPATIENT, POSSIBLE, tuple(reasons))


def _online(a, inpatient_reasons, needs):
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
    if needs:
        reasons.append(
            Reason(
                a.say(
                    "Because some of what you said needs a professional to see {you_object} in person: online "
                    "support can add to face-to-face care, but cannot replace it."
                ),
                needs[0].question,
                needs[0].answer,
            )
        )
    mild = a.frequency_is("weekly_or_less", "stopped_recently") and a.has("withdrawal", "mild", "none", "not_tried")
    if mild:
        said = (
            "{you} use ketamine once a week or less"
            if a.has("frequency", "weekly_or_less")
            else "{you_have} stopped recently"
        )
        reasons.append(
            Reason(
                a.say(
                    f"Because you said {said}, without strong withdrawal: online counselling or groups can be enough at this stage."
                ),
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
                a.say(
                    "Because you said {you_have} a private space and the internet: video sessions can stay confidential."
                ),
                "practicalities",
                "private_space_online",
            )
        )
    # Privacy, distance or work can make up for a home that is not fully supportive.
    if mild and private_space and not needs and (supportive or raisers):
        return Suggestion(ONLINE, STRONG, tuple(reasons))
    if not private_space:
        reasons.append(
            Reason(
                "Because you did not say there is a private space with the internet: online sessions work best "
                "where no one can overhear.",
                "practicalities",
                a.first("practicalities") or NONE,
            )
        )
    elif not mild:
        reasons.append(_not_mild_reason(a))
    elif not supportive and not needs:
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you_have} little support at home: online help works best with some support nearby."
                ),
                "home_support",
                a.first("home_support") or "no_support",
            )
        )
    return Suggestion(ONLINE, POSSIBLE, tuple(reasons))


def _not_mild_reason(a):
    """Why online help alone may not be enough: use is frequent, or stopping is hard (or unknown)."""
    alongside = ": online help is best used alongside a local service rather than on its own."
    if a.unsure("frequency"):
        return Reason(
            a.say("Because you were not sure how often {you} use ketamine" + alongside), "frequency", NOT_SURE
        )
    if a.has("frequency", "daily", "several_weekly"):
        how_often = "every day or most days" if a.has("frequency", "daily") else "several times a week"
        return Reason(
            a.say(f"Because you said {{you}} use ketamine {how_often}" + alongside),
            "frequency",
            a.first("frequency", "daily", "several_weekly"),
        )
    if a.unsure("withdrawal"):
        return Reason(
            a.say("Because you were not sure what happens when {you} stop" + alongside), "withdrawal", NOT_SURE
        )
    return Reason(
        a.say("Because you said that when {you} stop, {you} get strong cravings, anxiety or low mood" + alongside),
        "withdrawal",
        "strong",
    )


def _self_help(a, inpatient_reasons, needs):
    reasons = []
    if a.has("frequency", "stopped_recently"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you_have} stopped recently: peer support and a plan for cravings help "
                    "prevent a relapse."
                ),
                "frequency",
                "stopped_recently",
            )
        )
    if a.has("goal", "not_ready"):
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you_are} not ready to change: information on safer use, and knowing where "
                    "to go when ready, can still help."
                ),
                "goal",
                "not_ready",
            )
        )
    if a.has("frequency", "weekly_or_less") and not inpatient_reasons and not needs:
        reasons.append(
            Reason(
                a.say(
                    "Because you said {you} use ketamine once a week or less, with no other problems: self-help and "
                    "peer support are a good place to start."
                ),
                "frequency",
                "weekly_or_less",
            )
        )
    if reasons:
        return Suggestion(SELF_HELP, STRONG, (*reasons, *_cost_reason(a, "peer-support groups are free")))
    goal = a.first("goal", "stop", "cut_down", NOT_SURE)
    said = {
        "stop": "you said {you} want to stop",
        "cut_down": "you said {you} want to cut down",
        NOT_SURE: "you were not sure what {you} want yet",
    }[goal]
    reason = Reason(
        a.say(
            f"Because {said}: groups such as Narcotics Anonymous and SMART Recovery, in person or online, add "
            "support alongside any treatment."
        ),
        "goal",
        goal,
    )
    return Suggestion(SELF_HELP, POSSIBLE, (reason, *_cost_reason(a, "peer-support groups are free")))


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
    needs = _in_person_needs(a)
    suggestions = [
        _inpatient(a, inpatient_reasons, urgent=bool(flags)),
        _outpatient(a, inpatient_reasons, needs),
        _online(a, inpatient_reasons, needs),
        _self_help(a, inpatient_reasons, needs),
    ]
    return Result(
        urgency=urgency, urgent_flags=flags, suggestions=tuple(sorted(suggestions, key=_rank)), for_family=a.for_family
    )
