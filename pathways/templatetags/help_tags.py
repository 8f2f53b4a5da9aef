from django import template

register = template.Library()


@register.filter
def tel(number):
    """A phone number as a tel: target: the first number given, digits and + only."""
    first = str(number or "").split(" or ")[0]
    return "".join(ch for ch in first if ch.isdigit() or ch == "+")
