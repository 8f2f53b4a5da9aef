"""Editable texts for the four kinds of support, and the help contacts shown across the site."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from content.regions import REGIONS, foreign_terms
from content.versioning import VersionedModel
from pathways import rules


class PathwayOption(VersionedModel):
    KEYS = [
        (rules.INPATIENT, "Inpatient or residential"),
        (rules.OUTPATIENT, "Outpatient or community"),
        (rules.ONLINE, "Online"),
        (rules.SELF_HELP, "Self-help and peer support"),
    ]

    key = models.CharField(max_length=20, choices=KEYS, unique=True)
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=600, help_text="Two or three sentences shown with each suggestion.")
    what_to_expect = models.TextField(help_text="Plain text; leave a blank line between paragraphs.")
    articles = models.ManyToManyField(
        "content.Article", blank=True, related_name="pathway_options", help_text="Articles that explain this option."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[articles])

    class Meta:
        ordering = ["order", "key"]

    def __str__(self):
        return self.title

    def clean(self):
        """The texts show in every region, so they may not use one region's services or costs."""
        super().clean()
        text = "\n".join([self.title, self.summary, self.what_to_expect])
        found = sorted({term for region in REGIONS for term in foreign_terms(text, region)})
        if found:
            raise ValidationError(
                f"These texts show in every country, so they cannot name one country's services, numbers or costs "
                f"({', '.join(found)}). The questionnaire's reasons already give each country's own words."
            )


class HelpContactQuerySet(models.QuerySet):
    def needing_check(self, today, every=timedelta(days=365)):
        """Contacts nobody has checked with the service in the last year (or ever)."""
        return self.filter(models.Q(last_checked__isnull=True) | models.Q(last_checked__lt=today - every))


class HelpContact(VersionedModel):
    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency"
        CRISIS_LINE = "crisis_line", "Crisis line"
        HELPLINE = "helpline", "Helpline"
        PEER_SUPPORT = "peer_support", "Peer support"
        SERVICE_FINDER = "service_finder", "Service finder"
        FAMILY_SUPPORT = "family_support", "Family support"

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        FAMILY = "family", "Families and friends"
        YOUNG_PEOPLE = "young_people", "Young people under 18"
        DOMESTIC_ABUSE = "domestic_abuse", "People facing violence or abuse at home"
        HOUSING = "housing", "People without a stable home"

    ALL_REGIONS = "all"
    REGIONS = [*settings.PORTAL_REGIONS.items(), (ALL_REGIONS, "Everywhere (online)")]

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=5, choices=REGIONS)
    phone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField(max_length=40, blank=True, help_text="A number people can text, if there is one.")
    url = models.URLField(blank=True)
    hours = models.CharField(max_length=120, blank=True, help_text="For example: 24 hours, every day.")
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text="Who it is for. The questionnaire's result lists a contact first when the answers call for it.",
    )
    description = models.TextField(max_length=600, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first within a region.")
    last_checked = models.DateField(
        null=True, blank=True, help_text="When someone last checked these details with the service itself."
    )
    checked_against = models.URLField(
        max_length=500, blank=True, help_text="The page these details were checked against, for the next check."
    )

    objects = HelpContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_contact_per_region")]

    def __str__(self):
        return f"{self.name} ({self.get_region_display()})"
