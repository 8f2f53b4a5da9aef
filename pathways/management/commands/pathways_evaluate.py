"""The questionnaire's rules from the command line, for clinical reviewers.

pathways_evaluate [--region uk|us|ie|au] FILE.json     the result for one answer set
pathways_evaluate --distribution [--samples N]           how often each option leads
pathways_evaluate --review FILE.yaml                     a table of cases to sign off
"""

import json
import sys
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from pathways import review
from pathways.questions import validate_answers
from pathways.rules import FIT_ORDER, OPTIONS, REGIONS, URGENCY_ORDER, evaluate


class Command(BaseCommand):
    help = (
        "Print the questionnaire's result for a JSON file mapping question ids to choice ids (lists for "
        "questions that take several answers); or, with --distribution, how often each option leads over "
        "random answers; or, with --review, a table of cases for a clinician to sign off."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A JSON file of answers, or - for standard input.")
        parser.add_argument("--region", choices=REGIONS, default="uk", help="Whose services and words to use.")
        parser.add_argument("--distribution", action="store_true", help="Summarise results over random answers.")
        parser.add_argument("--samples", type=int, default=20_000, help="How many random answer sets (default 20,000).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, so runs can be repeated.")
        parser.add_argument(
            "--sampler",
            choices=["single", "subsets"],
            default="single",
            help="single: one choice per question (default); subsets: random sets for multi-choice questions.",
        )
        parser.add_argument("--review", metavar="FILE.yaml", help="Print a table of the cases in this file.")

    def handle(self, *args, file=None, region="uk", **options):
        if options["distribution"]:
            return self.print_distribution(options["samples"], options["seed"], options["sampler"], region)
        if options["review"]:
            return self.print_review(options["review"])
        if not file:
            raise CommandError("Give a JSON file of answers, --distribution or --review FILE.yaml.")
        answers = self.read_answers(file, options)
        problems = validate_answers(answers)
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(json.dumps(evaluate(answers, region).as_dict(), indent=2))

    def read_answers(self, file, options):
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
        return answers

    def print_distribution(self, samples, seed, sampler, region):
        if samples < 1:
            raise CommandError("--samples must be at least 1.")
        found = review.distribution(samples, seed, sampler, region)

        def share(count):
            return f"{100 * count / samples:.1f}%"

        self.stdout.write(f"{samples:,} random answer sets ({sampler} sampler, seed {seed}, region {region})\n")
        self.stdout.write("| option | ranked first | strong | possible | less suited |")
        self.stdout.write("|---|---|---|---|---|")
        for option in OPTIONS:
            fits = found["fits"][option]
            cells = " | ".join(share(fits[fit]) for fit in FIT_ORDER)
            self.stdout.write(f"| {option} | {share(found['first'][option])} | {cells} |")
        self.stdout.write("\n| urgency | share of answer sets |")
        self.stdout.write("|---|---|")
        for tier in URGENCY_ORDER:
            self.stdout.write(f"| {tier} | {share(found['urgency'][tier])} |")

    def print_review(self, path):
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except yaml.YAMLError as error:
            raise CommandError(f"{path} is not valid YAML: {error}.") from error
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            raise CommandError(f"{path} must hold a mapping with a list of `cases` (and optionally a `base`).")
        table, failures = review.review_table(data["cases"], data.get("base"))
        self.stdout.write(table)
        self.stdout.write(f"\n{len(data['cases'])} cases, {failures} differ from what they expect.")
        if failures:
            raise CommandError(f"{failures} case(s) differ from what they expect.")
