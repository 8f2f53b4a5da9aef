"""Care cards as pages show them: read from the database, kept in the cache, and read from
fixtures/care_cards.yaml when the database cannot answer, so urgent advice never disappears.

The cached copy lives under the page cache's generation, which moves on whenever an editor
saves a card, so a changed card shows on the next page.
"""

import functools
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError

from content.markdown import render
from content.models import CareCard
from content.seed import read_care_cards
from recovery_portal.page_cache import generation

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
TIER_ORDER = tuple(CareCard.Tier.values)


@dataclass(frozen=True)
class Card:
    tier: str
    title: str
    html: str


def cards(region, tiers=TIER_ORDER):
    """The region's cards for `tiers`, most urgent first."""
    by_tier = region_cards(region)
    return [by_tier[tier] for tier in sorted(set(tiers), key=TIER_ORDER.index) if tier in by_tier]


def region_cards(region):
    key = f"content:care-cards:{generation()}:{region}"
    found = cache.get(key)
    if found is not None:
        return found
    try:
        found = {
            card.tier: Card(card.tier, card.title, card.body_html) for card in CareCard.objects.filter(region=region)
        }
    except DatabaseError:
        logger.warning("Care cards could not be read; showing the cards from the fixture file.")
        return fallback_cards()[region]
    # A tier nobody has written yet in the database still shows the fixture's card.
    found = {**fallback_cards()[region], **found}
    cache.set(key, found, CACHE_SECONDS)
    return found


@functools.cache
def fallback_cards():
    """Every region's cards from the fixture file, rendered once per process."""
    by_region = {}
    for entry in read_care_cards():
        card = Card(entry["tier"], entry["title"], render(entry["body"]).html)
        by_region.setdefault(entry["region"], {})[entry["tier"]] = card
    return by_region
