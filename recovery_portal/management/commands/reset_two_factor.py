from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recovery_portal import two_factor


class Command(BaseCommand):
    help = (
        "Delete a staff member's authenticator app and backup codes (a lost phone, used-up codes), "
        "so they set up a new app at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user is called {username!r}; nothing was changed.") from None
        two_factor.reset(user)
        self.stdout.write(
            f"Two-factor sign-in reset for {username}: their authenticator app and backup codes no longer work. "
            "At their next sign-in they give their password and set up an app again."
        )
