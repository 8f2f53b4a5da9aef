from django.core.management.base import BaseCommand, CommandError

from content import seed


class Command(BaseCommand):
    help = "Load the seed care cards, topics and articles from fixtures/ (matched by slug; never duplicates)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update", action="store_true", help="Overwrite existing cards, topics and articles with the fixture text."
        )

    def handle(self, *args, update=False, **options):
        try:
            cards = seed.load_care_cards(seed.read_care_cards(), update=update)
            topics = seed.load_topics(seed.read_topics(), update=update)
            articles = seed.load_articles(seed.read_articles(), update=update)
        except seed.SeedError as error:
            raise CommandError(str(error)) from error
        for label, report in (("care cards", cards), ("topics", topics), ("articles", articles)):
            self.stdout.write(
                f"{label}: {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} left as they are"
            )
