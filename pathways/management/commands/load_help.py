from django.core.management.base import BaseCommand, CommandError

from content.seed import SeedError, read_yaml
from pathways import seed


class Command(BaseCommand):
    help = "Load the seed help contacts and pathway options from fixtures/ (run load_articles first)."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Overwrite existing rows with the fixture text.")

    def handle(self, *args, update=False, **options):
        try:
            contacts = seed.load_help_contacts(read_yaml("help_contacts.yaml"), update=update)
            pathway_options = seed.load_pathway_options(read_yaml("pathway_options.yaml"), update=update)
        except SeedError as error:
            raise CommandError(str(error)) from error
        for label, report in (("help contacts", contacts), ("pathway options", pathway_options)):
            self.stdout.write(
                f"{label}: {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} left as they are"
            )
