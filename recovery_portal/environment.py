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
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def cache_from_url(url):
    """Turn CACHE_URL into a Django CACHES entry.

    locmem://[name], dummy://, redis://host:port/db, rediss://..., file:///abs/path,
    memcached://host:port. A `timeout` query parameter sets the default timeout in seconds.
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
    return config
