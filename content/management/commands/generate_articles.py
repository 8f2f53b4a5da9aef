from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from content import synthetic
from recovery_portal.page_cache import content_changed


class Command(BaseCommand):
    help = (
        "Load N synthetic, clearly marked articles into a scratch database, for benchmarks and tests "
        "(content/synthetic.py). Never run it on the live site's database."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0, help="How many articles to add.")
        parser.add_argument(
            "--scratch",
            action="store_true",
            help="Confirm that the configured database is a scratch database that may be filled with test articles.",
        )
        parser.add_argument("--remove", action="store_true", help="Delete every synthetic article instead.")

    def handle(self, *args, count, scratch, remove, **options):
        if not scratch:
            raise CommandError(
                f"This adds or removes test articles in the database {connection.settings_dict['NAME']!s}. "
                "Run it only on a scratch database, and say so with --scratch."
            )
        if remove:
            removed = synthetic.remove()
            content_changed()
            self.stdout.write(f"Removed {removed} synthetic articles.")
            return
        if count < 1:
            raise CommandError("Say how many articles to add, for example: generate_articles 10000 --scratch")
        made = synthetic.generate(count)
        content_changed()
        self.stdout.write(f"Added {made} synthetic articles ({connection.vendor}).")
