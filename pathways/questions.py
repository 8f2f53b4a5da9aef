"""The pathways questionnaire as plain data: its steps, questions and choices.

The ids are the contract shared with rules.py, the tests and any tool that drives the
form (see shared/QUESTIONNAIRE.md). Wording can change freely; ids must not. Text for
"someone else" is written separately where it reads differently; `{they}`-style
placeholders are not used, so each sentence can be read and reviewed as it appears.
No Django imports: this module is read by the rules and the management command too.
"""

from dataclasses import dataclass

NONE = "none"
NOT_SURE = "not_sure"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    label_other: str = ""  # wording when answering for someone else, if different
    hint: str = ""
    hint_other: str = ""

    def text(self, for_other):
        return (self.label_other or self.label) if for_other else self.label

    def hint_text(self, for_other):
        return (self.hint_other or self.hint) if for_other else self.hint


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # short name for the "check your answers" page
    text: str
    text_other: str
    choices: tuple
    multiple: bool = False
    hint: str = ""
    hint_other: str = ""
    error: str = ""
    error_other: str = ""
    title_other: str = ""

    @property
    def choice_ids(self):
        return tuple(choice.id for choice in self.choices)

    @property
    def exclusive(self):
        """Choices that cannot be combined with others in a multi-choice question."""
        return {NONE, NOT_SURE} & set(self.choice_ids) if self.multiple else set()

    def choice(self, choice_id):
        return next(choice for choice in self.choices if choice.id == choice_id)

    def title_text(self, for_other):
        return (self.title_other or self.title) if for_other else self.title

    def question_text(self, for_other):
        return self.text_other if for_other else self.text

    def hint_text(self, for_other):
        return (self.hint_other or self.hint) if for_other else self.hint

    def error_text(self, for_other):
        return (self.error_other or self.error) if for_other else self.error


QUESTIONS = (
    Question(
        id="answering_for",
        title="Who this is for",
        text="Who are you looking for support for?",
        text_other="Who are you looking for support for?",
        choices=(
            Choice("myself", "Myself"),
            Choice("someone_else", "Someone I care about", hint="For example, a son or daughter, partner or friend."),
        ),
        error="Select who you are looking for support for",
    ),
    Question(
        id="age",
        title="Age",
        text="How old are you?",
        text_other="How old are they?",
        hint="Services for young people are different from services for adults.",
        choices=(
            Choice("under_18", "Under 18"),
            Choice("adult", "18 or over"),
        ),
        error="Select how old you are",
        error_other="Select how old they are",
    ),
    Question(
        id="happening_now",
        title="Happening now",
        text="Is any of these happening to you now, or did it happen in the last day?",
        text_other="Is any of these happening to them now, or did it happen in the last day?",
        multiple=True,
        hint="Select all that apply. If any of these is happening, we will tell you what to do straight away.",
        choices=(
            Choice(
                "collapse",
                "Collapsed or in danger",
                hint=(
                    "Unconscious or very hard to wake, struggling to breathe, a fit, chest pain, vomiting blood, "
                    "very confused, blue, grey or blotchy skin, or has taken an overdose or been seriously hurt."
                ),
            ),
            Choice(
                "suicidal",
                "Thoughts of ending your life or hurting yourself",
                label_other="Thoughts of ending their life or hurting themselves",
            ),
            Choice(
                "cannot_pass_urine",
                "Cannot pass urine (pee) at all, or only a few drops",
                hint="Often with a swollen, painful lower tummy.",
            ),
            Choice("severe_pain", "Severe pain in the stomach, back or bladder"),
            Choice("blood_in_urine", "Blood in the urine (pee)"),
            Choice(
                "infection_or_jaundice",
                "A high temperature or shivering with bladder or back pain, or yellow skin or eyes",
            ),
            Choice(NONE, "None of these"),
        ),
        error="Select what is happening now, or select 'None of these'",
    ),
    Question(
        id="frequency",
        title="How often",
        text="How often have you used ketamine in the last month?",
        text_other="How often have they used ketamine in the last month?",
        choices=(
            Choice("daily", "Every day or most days"),
            Choice("several_weekly", "Several times a week"),
            Choice("weekly_or_less", "Once a week or less"),
            Choice("stopped_recently", "I have stopped recently", label_other="They have stopped recently"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select how often you have used ketamine in the last month",
        error_other="Select how often they have used ketamine in the last month",
    ),
    Question(
        id="withdrawal",
        title="Stopping or cutting down",
        text="What happens when you stop or cut down?",
        text_other="What happens when they stop or cut down?",
        choices=(
            Choice(
                "strong",
                "Strong cravings, anxiety or low mood that make it hard to cope",
            ),
            Choice(
                "mild",
                "Some cravings or low mood, but I can cope",
                label_other="Some cravings or low mood, but they can cope",
            ),
            Choice("none", "Nothing much changes"),
            Choice("not_tried", "I have not tried to stop", label_other="They have not tried to stop"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select what happens when you stop or cut down",
        error_other="Select what happens when they stop or cut down",
    ),
    Question(
        id="other_substances",
        title="Other drugs and alcohol",
        text="Do you also regularly use any of these?",
        text_other="Do they also regularly use any of these?",
        multiple=True,
        hint=(
            "Select all that apply: not prescribed, or more than prescribed. Some of these can be dangerous to stop "
            "suddenly."
        ),
        choices=(
            Choice("alcohol_daily", "Alcohol every day"),
            Choice("benzodiazepines", "Benzodiazepines", hint="For example diazepam (Valium), Xanax, street benzos."),
            Choice("opioids", "Opioids", hint="For example heroin, fentanyl, or codeine or methadone not prescribed."),
            Choice("ghb_gbl", "GHB or GBL", hint="Sometimes called G or gina."),
            Choice("stimulants", "Stimulants", hint="For example cocaine, MDMA, amphetamine, mephedrone."),
            Choice(NONE, "None of these"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select what else is used regularly, or select 'None of these' or 'I'm not sure'",
    ),
    Question(
        id="prescribed",
        title="Prescribed medicines",
        text="Do you take any of these as prescribed by a doctor?",
        text_other="Do they take any of these as prescribed by a doctor?",
        multiple=True,
        hint="Select all that apply. We will never suggest stopping a prescribed medicine.",
        choices=(
            Choice("opioid_treatment", "Methadone or buprenorphine", hint="For example from a drug service or GP."),
            Choice(
                "other_prescribed",
                "Painkillers, sleeping tablets or anxiety medicines",
                hint="For example codeine, tramadol, diazepam, zopiclone or pregabalin.",
            ),
            Choice("ketamine_treatment", "Ketamine or esketamine, prescribed for depression or pain"),
            Choice(NONE, "None of these"),
        ),
        error="Select any prescribed medicines, or select 'None of these'",
    ),
    Question(
        id="physical_health",
        title="Physical health",
        text="Does any of this apply to you?",
        text_other="Does any of this apply to them?",
        multiple=True,
        hint="Select all that apply.",
        choices=(
            Choice(
                "pregnant",
                "Pregnant, might be pregnant, or breastfeeding",
            ),
            Choice(
                "withdrawal_seizures",
                "Has had a fit, or seen or heard things that were not there, when stopping alcohol or other drugs",
            ),
            Choice(
                "bladder", "Bladder problems", hint="Needing to pee often or urgently, pain when peeing, or leaking."
            ),
            Choice("stomach_pain", "Stomach pains or cramps", hint="Sometimes called 'K cramps'."),
            Choice("memory_concentration", "Problems with memory or concentration"),
            Choice("long_term_condition", "A long-term health condition"),
            Choice(NONE, "None of these"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select anything that applies, or select 'None of these' or 'I'm not sure'",
    ),
    Question(
        id="mental_health",
        title="Mental health",
        text="Do you have any of these?",
        text_other="Do they have any of these?",
        multiple=True,
        hint="Select all that apply.",
        choices=(
            Choice(
                "recent_suicidal_thoughts",
                "Thoughts of suicide or self-harm in the last few weeks",
                hint="But not in the last day.",
            ),
            Choice("low_mood", "Low mood or depression"),
            Choice("anxiety", "Anxiety or panic"),
            Choice(
                "unusual_experiences",
                "Unusual experiences",
                hint="Seeing or hearing things, or feeling that people are against you.",
            ),
            Choice("trauma", "Past trauma that still affects you", label_other="Past trauma that still affects them"),
            Choice("diagnosed_condition", "A diagnosed mental health condition"),
            Choice(NONE, "None of these"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select anything that applies, or select 'None of these' or 'I'm not sure'",
    ),
    Question(
        id="past_attempts",
        title="Past attempts to stop",
        text="Have you tried to stop or cut down before?",
        text_other="Have they tried to stop or cut down before?",
        choices=(
            Choice("never_tried", "No, never"),
            Choice("tried_once", "Yes, once, on my own", label_other="Yes, once, on their own"),
            Choice(
                "tried_several_times", "Yes, several times, on my own", label_other="Yes, several times, on their own"
            ),
            Choice("had_treatment_before", "Yes, with treatment or a support service"),
            Choice(NOT_SURE, "I'm not sure"),
        ),
        error="Select whether you have tried to stop or cut down before",
        error_other="Select whether they have tried to stop or cut down before",
    ),
    Question(
        id="home_support",
        title="Support",
        text="How much support do you have from the people around you?",
        text_other="How much support do they have from the people around them?",
        choices=(
            Choice(
                "supportive",
                "The people around me support me",
                label_other="The people around them support them",
            ),
            Choice("some_support", "Some support"),
            Choice("no_support", "No support, or I live alone", label_other="No support, or they live alone"),
        ),
        error="Select how much support you have",
        error_other="Select how much support they have",
    ),
    Question(
        id="home_situation",
        title="Home",
        text="Does any of this apply to your home?",
        text_other="Does any of this apply to their home?",
        multiple=True,
        hint="Select all that apply.",
        choices=(
            Choice("others_use", "People I live with use drugs", label_other="People they live with use drugs"),
            Choice(
                "unsafe",
                "Someone at home faces violence, abuse or threats",
                hint="This includes you, if you are the one answering.",
            ),
            Choice(
                "no_stable_home",
                "No stable home",
                hint="For example homeless, sofa-surfing or in a hostel.",
            ),
            Choice(NONE, "None of these"),
        ),
        error="Select anything that applies, or select 'None of these'",
    ),
    Question(
        id="goal",
        title="What you want",
        title_other="What they want",
        text="What would you like to happen?",
        text_other="What do they want to happen, as far as you know?",
        choices=(
            Choice("stop", "Stop using ketamine", label_other="Stop using ketamine"),
            Choice("cut_down", "Cut down"),
            Choice(NOT_SURE, "I'm not sure yet", label_other="I'm not sure"),
            Choice("not_ready", "I'm not ready to change", label_other="They are not ready to change"),
        ),
        error="Select what you would like to happen",
        error_other="Select what they want to happen, or 'I'm not sure'",
    ),
    Question(
        id="practicalities",
        title="Practical things",
        text="Does any of this matter for you?",
        text_other="Does any of this matter for them?",
        multiple=True,
        hint="Select all that apply.",
        choices=(
            Choice(
                "work_or_caring",
                "I need to keep working or caring for someone",
                label_other="They need to keep working or caring for someone",
            ),
            Choice("privacy", "Worried about other people finding out"),
            Choice("cost", "Needs to be free or low cost"),
            Choice("far_from_services", "Live far from services", label_other="They live far from services"),
            Choice("private_space_online", "Has a private space and the internet for video calls"),
            Choice(NONE, "None of these"),
        ),
        error="Select anything that matters, or select 'None of these'",
    ),
)

# Answers to `happening_now` that interrupt the questions with what to do now.
URGENT_ANSWERS = ("collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice")

QUESTION_BY_ID = {question.id: question for question in QUESTIONS}
STEP_IDS = tuple(question.id for question in QUESTIONS)


def next_step(step_id):
    """The step after `step_id`, or None after the last question."""
    index = STEP_IDS.index(step_id)
    return STEP_IDS[index + 1] if index + 1 < len(STEP_IDS) else None


def previous_step(step_id):
    """The step before `step_id`, or None for the first question."""
    index = STEP_IDS.index(step_id)
    return STEP_IDS[index - 1] if index > 0 else None


def validate_answers(answers):
    """Problems with a mapping of question ids to choice ids, as plain sentences.

    Single-choice answers are strings; multi-choice answers are lists of strings.
    An empty list means the question is unanswered.
    """
    problems = []
    for key in answers:
        if key not in QUESTION_BY_ID:
            problems.append(f"Unknown question id {key!r}. Known ids: {', '.join(STEP_IDS)}.")
    for question in QUESTIONS:
        if question.id not in answers:
            problems.append(f"Missing an answer for {question.id!r}.")
            continue
        value = answers[question.id]
        chosen = value if isinstance(value, list | tuple) else [value]
        if not question.multiple and isinstance(value, list | tuple):
            problems.append(f"{question.id!r} takes one choice, not a list.")
            continue
        if not chosen:
            problems.append(f"Missing an answer for {question.id!r}.")
        for choice_id in chosen:
            if choice_id not in question.choice_ids:
                problems.append(
                    f"Unknown choice {choice_id!r} for {question.id!r}. Choices: {', '.join(question.choice_ids)}."
                )
        exclusive = question.exclusive & set(chosen)
        if exclusive and len(set(chosen)) > 1:
            problems.append(
                f"{question.id!r}: {' and '.join(sorted(exclusive))} cannot be combined with other choices."
            )
    return problems
