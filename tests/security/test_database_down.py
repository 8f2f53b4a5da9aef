"""Help that survives a failing database, shown against a real gunicorn server.

The test makes the database unreachable itself: a PostgreSQL address on a closed port,
and (when the suite runs on PostgreSQL) a proxy that is cut in the middle and restored.
"""

import os
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import psycopg2
import pytest

from tests.portal_server import free_port, portal_server
from tests.tcp_proxy import TcpProxy

PUBLIC_PAGES = ["/uk/", "/uk/topics/understanding-ketamine/", "/uk/articles/what-is-ketamine/", "/uk/search/?q=bladder",
                "/uk/get-help/", "/uk/pathways/", "/uk/pathways/questions/", "/uk/privacy/", "/uk/leave-this-site/", "/uk/no-such-page/"]  # fmt: skip
NEEDS_DATABASE = {
    "/uk/",
    "/uk/topics/understanding-ketamine/",
    "/uk/articles/what-is-ketamine/",
    "/uk/search/?q=bladder",
}


def get(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def assert_help_is_shown(body):
    assert "999" in body and "116 123" in body
    assert 'href="/uk/get-help/"' in body


def test_with_the_database_unreachable_every_page_still_gives_help_quickly():
    unreachable = f"postgres://portal@127.0.0.1:{free_port()}/portal"
    with portal_server(database_url=unreachable, seed=False, wait_path="/livez") as base_url:
        for path in PUBLIC_PAGES:
            status, body, seconds = get(base_url + path)
            assert seconds < 2, (path, seconds)
            expected = 503 if path in NEEDS_DATABASE else (404 if path == "/uk/no-such-page/" else 200)
            assert status == expected, path
            assert_help_is_shown(body)
        assert get(base_url + "/healthz")[0] == 503
        assert get(base_url + "/livez")[0] == 200


postgres_only = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs a PostgreSQL server to take away and give back (CI's second run has one)",
)


@pytest.fixture
def scratch_database():
    """A database of its own on the suite's PostgreSQL server, for a separate portal server."""
    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"portal_failover_{os.getpid()}"
    admin = psycopg2.connect(os.environ["DATABASE_URL"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield url, name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@postgres_only
def test_pages_recover_when_the_database_returns_without_a_restart(scratch_database):
    url, name = scratch_database
    proxy = TcpProxy(url.hostname, url.port or 5432).start()
    user = f"{url.username}{':' + url.password if url.password else ''}@" if url.username else ""
    through_proxy = f"postgres://{user}127.0.0.1:{proxy.port}/{name}"
    try:
        # One worker, so the page cache it fills is the one every later request meets.
        with portal_server(database_url=through_proxy, WEB_CONCURRENCY="1") as base_url:
            article, search = base_url + "/uk/articles/what-is-ketamine/", base_url + "/uk/search/?q=bladder"
            assert get(article)[0] == 200 and get(search)[0] == 200

            proxy.stop()
            status, body, seconds = get(search)  # search always needs the database
            assert (status, seconds < 2) == (503, True)
            assert_help_is_shown(body)
            assert get(base_url + "/healthz")[0] == 503
            assert get(base_url + "/uk/get-help/")[0] == 200
            assert get(article)[0] == 200  # pages already in the page cache are still served

            proxy.start()
            restored = time.monotonic()
            while get(search)[0] != 200:
                assert time.monotonic() - restored < 10, "the site did not recover within 10 s"
                time.sleep(0.1)
            assert get(base_url + "/healthz")[0] == 200
    finally:
        proxy.stop()
