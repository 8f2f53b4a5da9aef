"""Help contacts for every page: the crisis line in the header and help in the footer."""

from pathways.contacts import urgent_help
from recovery_portal.regions import region_of


def help_contacts(request):
    region = region_of(request)
    # Every public page shows these (crisis banner, footer), so they are read up front:
    # a cache hit, or the fallback from settings when the database cannot be read.
    return {"urgent_help": urgent_help(region), "portal_region": region}
