"""Several gunicorn workers, reached directly and through nginx over TCP.

Issue 15's findings 3 (a per-process cache kept serving an unpublished article and old phone
numbers), 2 (behind nginx over TCP every sign-in seemed to come from nginx) and 4 (gunicorn
reached directly: slow clients, large bodies), and the set-ups gunicorn.conf.py refuses.
"""

import contextlib
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.deployment.servers import (
    PASSWORD,
    gunicorn,
    http,
    manage,
    nginx_in_front_of,
    server_env,
    sign_in,
    slow_post,
)
from tests.portal_server import ROOT, production_env

ARTICLE = "/uk/articles/what-is-ketamine/"
HELP = "/uk/get-help/"


@pytest.fixture(scope="module")
def workers(seeded, module_folder):
    """Three workers sharing the file cache (what the Docker image sets), behind nginx."""
    database, static = seeded
    env = server_env(module_folder, database, static, WEB_CONCURRENCY="3", TRUSTED_PROXY_COUNT="1")
    with gunicorn(env, module_folder) as direct:
        upstream = f"server {urlsplit(direct).netloc};"
        with nginx_in_front_of(upstream, env, module_folder) as front:
            yield direct, front, env, Path(module_folder)


def spread(base_url, path, count=24):
    """`count` requests on fresh connections, so every worker answers some."""
    return [http(base_url, "GET", path) for _ in range(count)]


def test_a_cached_page_is_sent_whole_with_its_length_not_chunked(workers):
    direct, _, _, _ = workers
    answers = spread(direct, HELP, count=6)
    cached = [(headers, page) for _, headers, page in answers if headers["X-Page-Cache"] == "hit"]
    assert cached, [headers["X-Page-Cache"] for _, headers, _ in answers]
    for headers, page in cached:
        assert headers["Transfer-Encoding"] is None
        assert int(headers["Content-Length"]) == len(page.encode())
        assert headers["Connection"] == "close"  # each worker takes a connection only when it has a free thread


def test_after_an_unpublish_no_worker_serves_the_article(workers):
    direct, _, env, _ = workers
    assert all(status == 200 for status, _, _ in spread(direct, ARTICLE))  # cached in every worker's view
    manage(env, "from content.models import Article; a = Article.objects.get(slug='what-is-ketamine'); "
                "a.status = Article.Status.DRAFT; a.save()")  # fmt: skip
    statuses = [status for status, _, _ in spread(direct, ARTICLE)]
    assert statuses == [404] * len(statuses)


def test_after_a_phone_number_changes_no_worker_shows_the_old_one(workers):
    direct, _, env, _ = workers
    assert all("0300 123 6600" in page for _, _, page in spread(direct, HELP))
    manage(env, "from pathways.models import HelpContact; c = HelpContact.objects.get(region='uk', name='FRANK'); "
                "c.phone = '0300 999 0000'; c.save()")  # fmt: skip
    pages = [page for _, _, page in spread(direct, HELP)]
    assert not [page for page in pages if "0300 123 6600" in page]
    assert all("0300 999 0000" in page for page in pages)


def test_behind_nginx_over_tcp_one_attacker_does_not_lock_out_the_editor(workers):
    _, front, _, _ = workers
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(front, "wrong guess", "127.0.0.4")[0] == 200
    assert sign_in(front, "wrong guess", "127.0.0.4")[0] == 429
    assert sign_in(front, PASSWORD, "127.0.0.4")[0] == 429
    assert sign_in(front, PASSWORD, "127.0.0.5")[0] == 302


def test_gunicorn_alone_still_answers_while_slow_clients_send(workers):
    """The finding: three slow POSTs held every sync worker. Threaded workers keep answering."""
    direct, _, _, _ = workers
    slow = [threading.Thread(target=slow_post, args=(direct, 5), daemon=True) for _ in range(3)]
    for thread in slow:
        thread.start()
    time.sleep(1)
    for path in ("/uk/search/?q=detox", "/uk/pathways/", HELP):
        started = time.monotonic()
        assert http(direct, "GET", path, timeout=5)[0] == 200
        assert time.monotonic() - started < 2, path
    for thread in slow:
        thread.join()


def test_gunicorn_alone_refuses_a_huge_upload_without_reading_it(workers):
    direct, _, _, folder = workers
    parts = urlsplit(direct)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            f"POST /uk/pathways/questions/ HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 314572800\r\n\r\n".encode()
        )
        with contextlib.suppress(OSError):
            sock.sendall(b'--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n' + b"A" * 100_000)
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                answer += chunk
        answer = answer.decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:300]
    assert "too much to send" in answer
    assert time.monotonic() - started < 3  # the connection is closed, not read to its end
    assert not list((folder / "tmp").iterdir())


def check_config(**env):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--check-config",
        "--config",
        "gunicorn.conf.py",
        "recovery_portal.wsgi",
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_several_workers_on_a_per_process_cache_refuse_to_start(tmp_path):
    result = check_config(**production_env(tmp_path, CACHE_URL="locmem://", WEB_CONCURRENCY="3"))
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr + result.stdout and "CACHE_URL" in result.stderr + result.stdout
    assert check_config(**production_env(tmp_path, CACHE_URL="locmem://", WEB_CONCURRENCY="1")).returncode == 0


def test_a_unix_socket_without_a_trusted_proxy_count_refuses_to_start(tmp_path):
    env = production_env(tmp_path, GUNICORN_BIND=f"unix:{tmp_path}/g.sock")
    env.pop("TRUSTED_PROXY_COUNT", None)
    result = check_config(**env)
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr + result.stdout
    assert check_config(**{**env, "TRUSTED_PROXY_COUNT": "1"}).returncode == 0
