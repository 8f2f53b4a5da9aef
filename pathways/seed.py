"""Load the help contacts and pathway options from fixtures/ (see content.seed for articles)."""

from django.db import transaction

from content.models import Article
from content.seed import LoadReport, SeedError, upsert
from pathways.models import HelpContact, PathwayOption

CONTACT_FIELDS = ("kind", "audience", "phone", "text_number", "url", "hours", "description", "checked_against")
OPTION_FIELDS = ("title", "summary", "what_to_expect", "order")


@transaction.atomic
def load_help_contacts(entries, update=False):
    report = LoadReport()
    for entry in entries:
        values = {name: entry.get(name, "") for name in CONTACT_FIELDS}
        values["audience"] = values["audience"] or HelpContact.Audience.EVERYONE
        values["order"] = entry.get("order", 0)
        values["last_checked"] = entry.get("last_checked")
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
