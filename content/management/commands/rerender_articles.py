from django.core.management.base import BaseCommand

from content.models import Article


class Command(BaseCommand):
    help = (
        "Render every article's text for every region again, from its Markdown and the current care cards "
        "(no new version, no change to what editors see in the history)."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article._base_manager.all():
            article.rerender()
            count += 1
        self.stdout.write(f"{count} articles rendered for every region.")
