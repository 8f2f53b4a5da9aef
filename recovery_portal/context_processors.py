"""Site-wide template context: links to the fixed pages, where in the site a page is, and
the page's region with its links to the same page in the other regions.

The header, footer and help boxes link to the same pages from every page; reversing
each of those URLs on every request cost more than the rest of the page chrome, so
they are worked out once per process, per region (and script prefix, which `reverse` uses).
"""

import functools

from django.urls import get_script_prefix, reverse
from django.utils import translation

from content.regions import REGION_BY_CODE
from recovery_portal.regions import region_links, region_of

FIXED_PAGES = {
    "home": "content:home",
    "search": "content:search",
    "find_support": "pathways:start",
    "questions": "pathways:questions",
    "get_help": "pathways:get_help",
    "quick_exit_help": "pathways:quick_exit_help",
    "privacy": "privacy",
}


@functools.cache
def fixed_page_links(script_prefix, region):
    with translation.override(REGION_BY_CODE[region].language):
        return {name: reverse(view_name) for name, view_name in FIXED_PAGES.items()}


def section(match):
    """Which main navigation item the page belongs to (for aria-current), if any."""
    if match is None:
        return None
    if match.url_name == "topic_detail":
        return "topics"
    if match.url_name == "search":
        return "search"
    if match.app_name == "pathways" and match.url_name != "quick_exit_help":
        return "get_help" if match.url_name == "get_help" else "find_support"
    return None


def links(request):
    region = region_of(request)
    return {
        "links": fixed_page_links(get_script_prefix(), region),
        "section": section(getattr(request, "resolver_match", None)),
        "region": region_links(request),
    }
