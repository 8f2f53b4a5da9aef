"""`{% chrome "includes/footer.html" %}`: the parts of the site chrome that are the same on many
pages, rendered once per process for each set of inputs and then reused.

The crisis banner, header, footer and quick-exit bar depend only on the page's region, the
main-navigation section, the fixed links and the region's urgent help numbers. Rendering them
cost about a third of an uncached page. The memo is keyed by those inputs themselves (not by a
generation or a timeout), so a changed phone number, or the fallback numbers while the
database is down, is a different key and can never be served from an older rendering.
Anything else the fragment reads from the context would be a bug: CHROME_INPUTS names what it
may use, and the fragment is rendered with only those.
"""

import functools

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe

register = template.Library()

# What the memoised fragments may read from the page's context.
CHROME_INPUTS = ("links", "section", "urgent_help", "portal_region")
MEMO_SIZE = 256  # regions x sections x fragments x versions of the numbers: a few dozen in practice


def _frozen(value):
    """A hashable, comparable copy of the plain data the chrome reads."""
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


@functools.lru_cache(maxsize=MEMO_SIZE)
def _render(template_name, frozen_inputs, quick_exit_url):
    inputs = {name: _thaw(value) for name, value in frozen_inputs}
    return mark_safe(get_template(template_name).render(inputs))


def _thaw(value):
    if isinstance(value, tuple) and all(isinstance(item, tuple) and len(item) == 2 for item in value):
        return {key: _thaw(item) for key, item in value}
    return value


@register.simple_tag(takes_context=True)
def chrome(context, template_name):
    frozen = tuple((name, _frozen(context.get(name))) for name in CHROME_INPUTS)
    if settings.DEBUG:  # a developer editing a template sees the change at once
        return _render.__wrapped__(template_name, frozen, settings.QUICK_EXIT_URL)
    return _render(template_name, frozen, settings.QUICK_EXIT_URL)


def clear():
    """Forget every memoised fragment (tests that change settings or templates)."""
    _render.cache_clear()
