"""Read the portal's configuration from environment variables.

Kept apart from settings.py so the parsing rules are small, named and tested.
"""

import os
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False, environ=os.environ):
    value = environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_list(name, default=(), environ=os.environ):
    value = environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "file": "recovery_portal.cache.FileCache",  # Django's file cache without compression
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


LOCAL_CACHE_ENTRIES = 20_000  # cached pages, at tens of kilobytes each: a few hundred megabytes at most


def cache_from_url(url):
    """Turn CACHE_URL into a Django CACHES entry.

    locmem://[name], dummy://, redis://host:port/db, rediss://..., file:///abs/path,
    memcached://host:port. A `timeout` query parameter sets the default timeout in seconds, and
    `max_entries` the bound of a file or local-memory cache (LOCAL_CACHE_ENTRIES).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in CACHE_BACKENDS:
        known = ", ".join(sorted(CACHE_BACKENDS))
        raise ImproperlyConfigured(f"CACHE_URL scheme {scheme!r} is not supported; use one of {known}.")
    config = {"BACKEND": CACHE_BACKENDS[scheme]}
    if scheme in ("redis", "rediss"):
        config["LOCATION"] = f"{scheme}://{parts.netloc}{parts.path}"
    elif scheme == "file":
        config["LOCATION"] = parts.path
    elif scheme == "memcached":
        config["LOCATION"] = parts.netloc
    elif scheme == "locmem":
        config["LOCATION"] = parts.netloc or "portal"
    query = parse_qs(parts.query)
    if "timeout" in query:
        config["TIMEOUT"] = int(query["timeout"][0])
    if scheme in ("file", "locmem"):
        # Django's default bound, 300 entries, is less than one page per region of a small
        # library: past it, every new page pushed a third of the others out. `max_entries`
        # in the URL sets it.
        config["OPTIONS"] = {"MAX_ENTRIES": int(query.get("max_entries", [LOCAL_CACHE_ENTRIES])[0])}
    return config


# Anyone who knows the secret key can forge sessions and password-reset links, so with DEBUG
# off the site refuses one that is short, repetitive or published: Django's project template
# starts its keys with "django-insecure-", and DEVELOPMENT_SECRET_KEY is in this repository.
DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-never-use-in-production"
PUBLISHED_SECRET_KEYS = ("django-insecure-", DEVELOPMENT_SECRET_KEY)
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 10


def secret_key_problem(key):
    """Why `key` is too weak to sign anything in production, or None."""
    if key.startswith(PUBLISHED_SECRET_KEYS):
        return "it is a published example key."
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"it has {len(key)} characters; use at least {MIN_SECRET_KEY_LENGTH}."
    if len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return f"it uses {len(set(key))} different characters; a random key uses dozens."
    return None
