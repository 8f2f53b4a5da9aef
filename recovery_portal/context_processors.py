"""Links to the site's fixed pages for every template: `{{ links.get_help }}`.

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


def links(request):
    return {"links": fixed_page_links(get_script_prefix())}
