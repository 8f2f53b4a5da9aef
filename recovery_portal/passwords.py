"""Password validators for editors' accounts, on top of Django's own four."""

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

SITE_WORDS = ("password", "ketamine", "recovery", "portal", "admin", "editor", "publisher")
# zxcvbn refuses longer passwords (its time grows with the length): it rates their start.
ZXCVBN_MAX_LENGTH = 72


class NotGuessableValidator:
    """Refuse passwords built from the username, the site's own words, or few different characters."""

    def __init__(self, min_distinct=8):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        lowered = password.lower()
        username = (getattr(user, "username", "") or "").lower()
        if username and len(username) >= 3 and username in lowered:
            raise ValidationError("Your password must not contain your username.", code="password_has_username")
        word = next((word for word in SITE_WORDS if word in lowered), None)
        if word:
            raise ValidationError(f"Your password must not contain the word “{word}”.", code="password_site_word")
        if len(set(lowered)) < self.min_distinct:
            raise ValidationError(
                f"Your password must use at least {self.min_distinct} different characters.", code="password_repetitive"
            )

    def get_help_text(self):
        return (
            f"Your password must not contain your username or words like “password” or “ketamine”, and must "
            f"use at least {self.min_distinct} different characters."
        )


class HardToGuessValidator:
    """Refuse passwords that zxcvbn estimates easy to guess: sequences ("abcdefgh123456"),
    keyboard runs ("qwertyuiop"), dates, common passwords however spelt, and the user's own
    details or the site's words. Long passphrases of unrelated words pass.

    `min_score` is zxcvbn's 0 to 4; 3 means more than 10^8 guesses.
    """

    def __init__(self, min_score=3):
        self.min_score = min_score

    def validate(self, password, user=None):
        details = [getattr(user, name, "") or "" for name in ("username", "first_name", "last_name", "email")]
        result = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[*SITE_WORDS, *filter(None, details)])
        if result["score"] < self.min_score:
            feedback = result["feedback"]
            advice = " ".join(filter(None, [feedback["warning"], *feedback["suggestions"]]))
            raise ValidationError(f"This password is too easy to guess. {advice}".strip(), code="password_guessable")

    def get_help_text(self):
        return (
            "Your password must be hard to guess: no sequences such as “abcd1234”, keyboard runs such as "
            "“qwerty” or dates. Three or four unrelated words make a strong one."
        )
