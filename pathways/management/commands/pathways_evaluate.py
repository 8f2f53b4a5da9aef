import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pathways.questions import validate_answers
from pathways.rules import evaluate


class Command(BaseCommand):
    help = (
        "Print the questionnaire result for a JSON file mapping question ids to choice ids "
        "(lists for questions that take several answers), for checking cases by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a JSON file, or - for standard input.")

    def handle(self, *args, file, **options):
        try:
            text = options.get("stdin", sys.stdin).read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            answers = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from error
        if not isinstance(answers, dict):
            raise CommandError(f"{file} must hold a JSON object mapping question ids to choice ids.")
        problems = validate_answers(answers)
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(json.dumps(evaluate(answers).as_dict(), indent=2))
