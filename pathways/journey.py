"""The questionnaire's state, carried between steps in a signed hidden field.

Nothing about the answers is kept on the server: each page holds the answers so far,
signed so that a changed or forged value is detected, and timestamped so that an old
page cannot be resumed for ever.
"""

from dataclasses import dataclass, field

from django.core import signing

from pathways.questions import QUESTION_BY_ID, STEP_IDS

SALT = "pathways.journey"
VERSION = 2  # the questionnaire's version: pages from an older one cannot be carried on
MAX_AGE_SECONDS = 4 * 60 * 60
MAX_STATE_LENGTH = 4000


class StateError(Exception):
    """The state could not be read. `expired` tells an old page from a changed one."""

    def __init__(self, message, expired=False, outdated=False):
        super().__init__(message)
        self.expired = expired
        self.outdated = outdated


@dataclass
class State:
    answers: dict = field(default_factory=dict)
    reviewing: bool = False  # came from "check your answers": return there after one step

    @property
    def for_other(self):
        return self.answers.get("answering_for") == "someone_else"

    def dumps(self):
        return signing.dumps({"v": VERSION, "a": self.answers, "r": self.reviewing}, salt=SALT, compress=True)

    @classmethod
    def loads(cls, token):
        if not token:
            return cls()
        if len(token) > MAX_STATE_LENGTH:
            raise StateError("The saved answers are too long to be ours.")
        try:
            data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        except signing.SignatureExpired as error:
            raise StateError("The answers on this page have expired.", expired=True) from error
        except signing.BadSignature as error:
            raise StateError("The answers on this page have been changed.") from error
        if isinstance(data, dict) and data.get("v") != VERSION:
            raise StateError("The questions have changed since this page was made.", outdated=True)
        answers = data.get("a") if isinstance(data, dict) else None
        if not isinstance(answers, dict) or not all(_valid(key, value) for key, value in answers.items()):
            raise StateError("The answers on this page are not in a form we recognise.")
        return cls(answers=answers, reviewing=bool(data.get("r")))

    def first_unanswered(self):
        return next((step for step in STEP_IDS if step not in self.answers), None)


def _valid(question_id, value):
    question = QUESTION_BY_ID.get(question_id)
    if question is None:
        return False
    if question.multiple:
        return (
            isinstance(value, list)
            and bool(value)
            and len(set(value)) == len(value)
            and all(choice in question.choice_ids for choice in value)
        )
    return isinstance(value, str) and value in question.choice_ids
