"""Load the help contacts and pathway options from fixtures/ (see content.seed for articles)."""

from django.db import transaction

from content.models import Article
from content.seed import LoadReport, SeedError, upsert
from pathways.models import HelpContact, PathwayOption

CONTACT_FIELDS = ("kind", "phone", "text_number", "url", "hours", "description", "order")
OPTION_FIELDS = ("title", "summary", "what_to_expect", "order")


@transaction.atomic
def load_help_contacts(entries, update=False):
    report = LoadReport()
    for entry in entries:
        values = {name: entry.get(name, "") for name in CONTACT_FIELDS}
        values["order"] = entry.get("order", 0)
        upsert(HelpContact, {"region": entry["region"], "name": entry["name"]}, values, update, report)
    return report


@transaction.atomic
def load_pathway_options(entries, update=False):
    report = LoadReport()
    for entry in entries:
        values = {name: entry[name] for name in OPTION_FIELDS}
        option, written = upsert(PathwayOption, {"key": entry["key"]}, values, update, report)
        if written:
            slugs = entry.get("articles") or []
            articles = list(Article.objects.filter(slug__in=slugs))
            missing = set(slugs) - {article.slug for article in articles}
            if missing:
                raise SeedError(f"pathway option {entry['key']}: article(s) not found: {', '.join(sorted(missing))}.")
            option.articles.set(articles)
    return report
