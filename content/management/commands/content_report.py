from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content import checks, seed
from content.markdown import render


class Command(BaseCommand):
    help = "Word count, reading ease and language warnings for each article file in fixtures/articles/."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Article files (default: all of fixtures/articles/).")

    def handle(self, *args, files=(), **options):
        paths = files or seed.article_files()
        failures = 0
        for path in paths:
            try:
                meta = seed.parse_article(Path(path).read_text(encoding="utf-8"), str(path))
            except seed.SeedError as error:
                raise CommandError(str(error)) from error
            blocks = checks.text_blocks(render(meta["body"]).html)
            words = checks.word_count(blocks)
            ease = checks.reading_ease(blocks)
            terms = checks.stigmatising_terms(meta["body"] + "\n" + meta["summary"])
            flags = []
            if ease is None or ease < checks.READING_EASE_TARGET:
                flags.append(f"reading ease below {checks.READING_EASE_TARGET}")
            if not 400 <= words <= 1200:
                flags.append("length outside 400-1200 words")
            flags += [f"'{term.found}': try {term.suggestion}" for term in terms]
            failures += bool(flags)
            self.stdout.write(
                f"{meta['slug']}: {words} words, reading ease {ease}" + "".join(f"\n  ! {f}" for f in flags)
            )
        self.stdout.write(f"{len(paths)} articles, {failures} with problems")
