"""Help contacts for every page, read from the database when it answers and from
settings.FALLBACK_HELP when it does not, so emergency help never disappears."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from pathways.models import HelpContact

logger = logging.getLogger(__name__)

CACHE_KEY = "pathways:urgent-help:{region}"
CACHE_SECONDS = 300
# Which kind of contact fills each slot of the crisis banner, footer and help box.
SLOTS = {
    "emergency": HelpContact.Kind.EMERGENCY,
    "crisis": HelpContact.Kind.CRISIS_LINE,
    "urgent": HelpContact.Kind.HELPLINE,
}


def as_slot(contact):
    return {"name": contact.name, "phone": contact.phone, "hours": contact.hours}


def fallback_help(region):
    return settings.FALLBACK_HELP[region]


def urgent_help(region):
    """The emergency number, crisis line and main helpline for a region."""
    key = CACHE_KEY.format(region=region)
    slots = cache.get(key)
    if slots is not None:
        return slots
    try:
        contacts = list(
            HelpContact.objects.filter(
                region=region, kind__in=SLOTS.values(), audience=HelpContact.Audience.EVERYONE
            ).exclude(phone="")
        )
    except DatabaseError:
        logger.warning("Help contacts could not be read; showing the fallback contacts from settings.")
        return fallback_help(region)
    slots = dict(fallback_help(region))
    for slot, kind in SLOTS.items():
        first = next((contact for contact in contacts if contact.kind == kind), None)
        if first is not None:
            slots[slot] = as_slot(first)
    cache.set(key, slots, CACHE_SECONDS)
    return slots


def forget_urgent_help(**kwargs):
    """Signal receiver: editors changed a contact, so every region's cached slots are stale."""
    cache.delete_many([CACHE_KEY.format(region=region) for region in settings.PORTAL_REGIONS])


def contacts_by_region(region):
    """The region's contacts and the worldwide ones, grouped by kind; None when the database cannot be read."""
    try:
        contacts = list(HelpContact.objects.filter(region__in=[region, HelpContact.ALL_REGIONS]))
    except DatabaseError:
        logger.warning("Help contacts could not be read for the help page; showing the fallback contacts.")
        return None
    kinds = list(HelpContact.Kind)
    contacts.sort(key=lambda c: (kinds.index(c.kind), c.region == HelpContact.ALL_REGIONS, c.order, c.name))
    return contacts
