"""The Docker image's shape, run for real: scripts/docker-start puts nginx (deploy/nginx/) on
the port and gunicorn on a unix socket behind it, with production settings, TLS ended by a
load balancer in front (X-Forwarded-Proto), and two-factor sign-in on.

Issue 15's findings 2 (lockout on a unix socket), 4 (slow clients and large bodies), 6 (host
check and cache keys) and 9 (HTTPS and the Host header behind nginx) against this shape.
"""

import contextlib
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.deployment.servers import PASSWORD, docker_start, http, server_env, sign_in, slow_post

HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def portal(seeded, module_folder):
    database, static = seeded
    env = server_env(
        module_folder, database, static,
        HTTPS="1", TRUST_X_FORWARDED_PROTO="1", HSTS_PRELOAD="0", TWO_FACTOR_REQUIRED="1",
    )  # fmt: skip
    env.pop("TRUSTED_PROXY_COUNT", None)  # docker-start sets it for its own nginx
    with docker_start(env, module_folder) as (base_url, process):
        yield base_url, Path(module_folder), process


def test_gunicorn_listens_only_on_a_socket_behind_nginx(portal):
    base_url, folder, _ = portal
    assert (folder / "run" / "gunicorn.sock").is_socket()
    status, headers, page = http(base_url, "GET", "/uk/", headers=HTTPS)
    assert status == 200 and "999" in page
    assert headers["X-Proxy-Cache"] in ("MISS", "HIT", "EXPIRED", "UPDATING", "STALE")


def test_https_from_the_load_balancer_is_passed_on_without_a_redirect_loop(portal):
    base_url, _, _ = portal
    status, headers, _ = http(base_url, "GET", "/uk/get-help/", headers=HTTPS)
    assert status == 200 and "max-age=" in headers["Strict-Transport-Security"]
    status, headers, _ = http(base_url, "GET", "/uk/get-help/")  # plain http, no load balancer
    assert status == 301 and headers["Location"].startswith("https://")


def test_the_host_keeps_its_port_so_editors_can_sign_in(portal):
    """With `Host $host` nginx dropped the port, and Django refused the form (CSRF 403)."""
    base_url, _, _ = portal
    status, page = sign_in(base_url, PASSWORD, "127.0.0.9", secure=True)
    assert status == 302, page[:500]


def test_unknown_hosts_get_no_answer_and_no_cache_entry(portal):
    base_url, _, _ = portal
    with pytest.raises((ConnectionError, OSError)):
        http(base_url, "GET", "/uk/", headers={**HTTPS, "Host": "junk.example"})


def test_junk_query_strings_share_one_cache_entry(portal):
    base_url, _, _ = portal
    http(base_url, "GET", "/uk/topics/understanding-ketamine/?junk=1", headers=HTTPS)
    status, headers, _ = http(base_url, "GET", "/uk/topics/understanding-ketamine/?junk=2", headers=HTTPS)
    assert status == 200 and headers["X-Proxy-Cache"] == "HIT"


def test_lockout_tells_clients_apart_through_the_socket(portal):
    """On a unix socket gunicorn has no client address; nginx's X-Forwarded-For is used instead."""
    base_url, _, _ = portal
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(base_url, "wrong guess", "127.0.0.2", secure=True)[0] == 200
    assert sign_in(base_url, "wrong guess", "127.0.0.2", secure=True)[0] == 429
    status, page = sign_in(base_url, PASSWORD, "127.0.0.2", secure=True)
    assert status == 429 and "Too many failed sign-ins" in page
    # The editor, elsewhere, still signs in (and is sent to set up two-factor sign-in).
    status, page = sign_in(base_url, PASSWORD, "127.0.0.3", secure=True)
    assert status == 302, page[:500]


def test_slow_clients_do_not_hold_up_other_readers(portal):
    base_url, _, _ = portal
    sent = []
    https = {"headers": "X-Forwarded-Proto: https\r\n"}
    slow = [threading.Thread(target=slow_post, args=(base_url, 6, sent), kwargs=https, daemon=True) for _ in range(12)]
    for thread in slow:
        thread.start()
    time.sleep(1)
    for path in ("/uk/search/?q=bladder", "/uk/pathways/", "/uk/get-help/"):
        started = time.monotonic()
        status, _, _ = http(base_url, "GET", path, headers=HTTPS, timeout=5)
        assert status == 200 and time.monotonic() - started < 2, path
    assert sent  # the slow clients were still sending
    for thread in slow:
        thread.join()


def test_a_huge_upload_is_refused_at_the_door(portal):
    base_url, folder, _ = portal
    parts = urlsplit(base_url)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            f"POST /uk/pathways/questions/ HTTP/1.1\r\nHost: {parts.netloc}\r\nX-Forwarded-Proto: https\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 314572800\r\n\r\n".encode()
        )
        with contextlib.suppress(OSError):
            sock.sendall(b"--x\r\n" + b"A" * 200_000)
        answer = sock.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 3
    assert not list((folder / "tmp").iterdir())  # nothing written where uploads would go


def test_stopping_the_container_stops_both_servers(seeded):
    database, static = seeded
    with tempfile.TemporaryDirectory(prefix="portal-stop-") as folder:
        env = server_env(folder, database, static, HTTPS="0")
        with docker_start(env, folder) as (base_url, process):
            assert http(base_url, "GET", "/uk/privacy/")[0] == 200
            process.terminate()
            assert process.wait(timeout=20) is not None
    with pytest.raises(OSError):
        http(base_url, "GET", "/livez", timeout=2)
