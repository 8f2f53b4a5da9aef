"""Help contacts for every page: the crisis line in the header and help in the footer."""

from django.conf import settings


def help_contacts(request):
    region = settings.PORTAL_REGION
    return {"urgent_help": settings.FALLBACK_HELP[region], "portal_region": region}
