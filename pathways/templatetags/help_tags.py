from django import template
from django.conf import settings

from recovery_portal.regions import active_region

register = template.Library()


@register.filter
def tel(number):
    """A phone number as a tel: target: the first number given, digits and + only."""
    first = str(number or "").split(" or ")[0]
    return "".join(ch for ch in first if ch.isdigit() or ch == "+")


@register.inclusion_tag("includes/emergency_numbers.html")
def emergency_numbers():
    """Every region's emergency and crisis numbers from settings, the portal's region first.

    Reads no database, so error pages can always show it.
    """
    region = settings.PORTAL_REGION
    ordered = sorted(settings.FALLBACK_HELP.items(), key=lambda item: item[0] != region)
    return {"regions": [(settings.PORTAL_REGIONS[code], slots) for code, slots in ordered]}


@register.simple_tag
def quick_exit_url():
    return settings.QUICK_EXIT_URL


@register.simple_tag
def region_path(rest=""):
    """A path in the region being served, without reverse(): error pages use it, and they
    must render even when URL routing is what failed."""
    return f"/{active_region().code}/{rest}"
