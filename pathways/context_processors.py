"""Help contacts for every page: the crisis line in the header and help in the footer."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pathways.contacts import urgent_help


def help_contacts(request):
    region = settings.PORTAL_REGION
    return {
        "urgent_help": SimpleLazyObject(lambda: urgent_help(region)),
        "portal_region": region,
    }
