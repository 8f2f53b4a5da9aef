"""Site-wide template context: links to the fixed pages, and where in the site a page is.

The header, footer and help boxes link to the same pages from every page; reversing
each of those URLs on every request cost more than the rest of the page chrome, so
they are worked out once per process (per script prefix, which `reverse` uses).
"""

import functools

from django.urls import get_script_prefix, reverse

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
def fixed_page_links(script_prefix):
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
    return {
        "links": fixed_page_links(get_script_prefix()),
        "section": section(getattr(request, "resolver_match", None)),
    }
