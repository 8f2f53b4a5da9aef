"""A password validator for editors' accounts, on top of Django's own four."""

from django.core.exceptions import ValidationError

SITE_WORDS = ("password", "ketamine", "recovery", "portal", "admin", "editor", "publisher")


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
