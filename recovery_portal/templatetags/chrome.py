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


_memo = {}


@register.simple_tag(takes_context=True)
def chrome(context, template_name):
    inputs = {name: context.get(name) for name in CHROME_INPUTS}
    key = (template_name, settings.QUICK_EXIT_URL, _frozen(inputs))
    html = _memo.get(key)
    if html is None or settings.DEBUG:  # with DEBUG, a developer editing a template sees it at once
        html = mark_safe(get_template(template_name).render(inputs))
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()  # never reached in practice; a bound all the same
        _memo[key] = html
    return html
