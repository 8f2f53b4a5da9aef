"""Settings read from the environment, and refuse unsafe production values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from recovery_portal.environment import DEVELOPMENT_SECRET_KEY, cache_from_url, env_bool, env_list

STRONG_KEY = "Vq3k9sZt_1Lw8mXe-Pa7Rb2Yc5Nd0Gf4Hj6Ku8Io1Up3Qs5Tv7Wx9Zy2Ac4Be6Df8Eg"


def import_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "PORTAL_REGION", "DATABASE_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import recovery_portal.settings as s; print(s.DEBUG, s.PORTAL_REGION, s.DATABASES['default']['ENGINE'])",
        ],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_in_production_without_a_secret_key():
    result = import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_set():
    result = import_settings(SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False uk")


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("short", "it has 5 characters"),
        ("x" * 60, "it uses 1 different characters"),
        ("0123" * 20, "it uses 4 different characters"),
        ("django-insecure-" + STRONG_KEY, "published example key"),
        (DEVELOPMENT_SECRET_KEY, "published example key"),
    ],
)
def test_refuses_to_start_in_production_with_a_weak_secret_key(key, reason):
    result = import_settings(SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production" in result.stderr
    assert reason in result.stderr


def test_development_takes_any_secret_key():
    result = import_settings(DEBUG="1", SECRET_KEY="short")
    assert result.returncode == 0, result.stderr


def test_development_runs_without_a_secret_key():
    result = import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True uk")


def test_default_database_is_sqlite_in_the_project():
    result = import_settings(DEBUG="1")
    assert result.stdout.strip().endswith("django.db.backends.sqlite3")


def test_database_url_chooses_the_database():
    result = import_settings(DEBUG="1", DATABASE_URL="postgres://portal@127.0.0.1:5432/portal")
    assert result.stdout.strip().endswith("django.db.backends.postgresql")


def test_unknown_region_is_refused():
    result = import_settings(DEBUG="1", PORTAL_REGION="mars")
    assert result.returncode != 0
    assert "PORTAL_REGION must be one of" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("no", False), ("", False)]
)
def test_env_bool(value, expected):
    assert env_bool("FLAG", environ={"FLAG": value}) is expected


def test_env_bool_rejects_nonsense():
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", environ={"FLAG": "maybe"})


def test_env_list():
    assert env_list("HOSTS", environ={"HOSTS": "a.example, b.example,,"}) == ["a.example", "b.example"]
    assert env_list("HOSTS", default=["x"], environ={}) == ["x"]


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "portal"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/1"),
        ("file:///tmp/portal-cache", "recovery_portal.cache.FileCache", "/tmp/portal-cache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", None),
    ],
)
def test_cache_url(url, backend, location):
    config = cache_from_url(url)
    assert config["BACKEND"] == backend
    assert config.get("LOCATION") == location


def test_cache_url_timeout_and_unknown_scheme():
    assert cache_from_url("locmem://?timeout=60")["TIMEOUT"] == 60
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("ftp://example")


def test_a_local_cache_holds_thousands_of_pages_and_keeps_a_bound(tmp_path, monkeypatch):
    from django.core.cache.backends.filebased import FileBasedCache

    from recovery_portal import cache as file_cache

    assert (
        cache_from_url("file:///tmp/x")["OPTIONS"]["MAX_ENTRIES"]
        == cache_from_url("locmem://")["OPTIONS"]["MAX_ENTRIES"]
        >= 10_000
    )
    assert cache_from_url("file:///tmp/x?max_entries=50")["OPTIONS"]["MAX_ENTRIES"] == 50
    store = file_cache.FileCache(str(tmp_path / "big"), {"OPTIONS": {"MAX_ENTRIES": 10_000}})
    for n in range(400):  # four regions of a hundred pages: more than Django's default bound of 300
        store.set(f"page-{n}", f"<html>{n}</html>")
    assert all(store.get(f"page-{n}") == f"<html>{n}</html>" for n in range(400))
    listings = []
    monkeypatch.setattr(FileBasedCache, "_list_cache_files", lambda self: listings.append(1) or [])
    for n in range(500):
        store.set(f"more-{n}", "x")
    assert len(listings) == 500 // file_cache.CULL_CHECK_EVERY  # the folder is counted now and then, not on every set
    monkeypatch.undo()
    monkeypatch.setattr(file_cache, "CULL_CHECK_EVERY", 1)
    small = file_cache.FileCache(str(tmp_path / "small"), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for n in range(100):
        small.set(f"page-{n}", "x")
    assert len(list((tmp_path / "small").iterdir())) <= 30  # the bound still holds


def test_the_file_cache_forgets_what_has_expired_and_what_it_cannot_read(tmp_path):
    from recovery_portal.cache import FileCache

    store = FileCache(str(tmp_path), {})
    store.set("page", "<html>kept</html>", 600)
    store.set("gone", "<html>old</html>", 600)
    assert store.get("page") == "<html>kept</html>" and store.get("gone") == "<html>old</html>"
    gone = store._key_to_file("gone")
    with open(gone, "r+b") as f:
        store._write_content(f, -1, "<html>old</html>")  # its time is up
    assert store.get("gone", "missing") == "missing" and not Path(gone).exists()
    Path(store._key_to_file("page")).write_bytes(b"")  # cut short
    assert store.get("page") is None
