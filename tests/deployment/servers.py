"""Real servers for the deployment tests: gunicorn with production settings, alone or behind
nginx (deploy/nginx/), as the Docker image and compose.yaml run them, on a seeded SQLite
database shared by every worker.

`http` speaks HTTP from a chosen loopback address (127.0.0.2, 127.0.0.3...), so tests can be
different clients on one machine; `sign_in` is the admin's sign-in form as a browser sends it.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.portal_server import ROOT, free_port, prepare, production_env

NGINX = "/usr/sbin/nginx"
PASSWORD = "a-long-deployment-test-passphrase"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepared_database(folder):
    """A seeded database with one staff user (edna), built once and copied for each server."""
    env = production_env(folder)
    prepare(env)
    code = (
        "from django.contrib.auth.models import Group, User; "
        f"u = User.objects.create_user('edna', password='{PASSWORD}', is_staff=True); "
        "u.groups.add(Group.objects.get(name='Publisher'))"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)
    return Path(folder) / "portal.sqlite3", Path(folder) / "static"


def server_env(folder, database, static, **overrides):
    folder = Path(folder)
    shutil.copy(database, folder / "portal.sqlite3")
    folder.chmod(0o755)  # nginx's workers run as another user when the tests run as root
    return production_env(folder, **{"STATIC_ROOT": str(static), "WEB_CONCURRENCY": "2", **overrides})


def manage(env, code):
    """Run Python in the portal's environment, as an editor's save would: signals, commit and all."""
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped while starting (exit {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            status = http_get(f"http://127.0.0.1:{port}", "/livez")[0]
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")


def http_get(base, path, **kwargs):
    return http(base, "GET", path, **kwargs)


@contextlib.contextmanager
def running(command, env, port, log):
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port, process)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def gunicorn(env, folder):
    """gunicorn.conf.py on a loopback port; yields its base URL."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "TMPDIR": str(Path(folder) / "tmp")}
    (Path(folder) / "tmp").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "recovery_portal.wsgi"]
    with running(command, env, port, Path(folder) / "gunicorn.log"):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def nginx_in_front_of(upstream, env, folder):
    """nginx from deploy/nginx/ in front of `upstream` ("server 127.0.0.1:8001;"); yields its base URL."""
    port = free_port()
    nginx_dir = Path(folder) / "nginx"
    nginx_env = {**env, "PORTAL_LISTEN": f"127.0.0.1:{port}", "PORTAL_UPSTREAM": upstream, "NGINX_WORKERS": "2"}
    subprocess.run([sys.executable, "scripts/render-nginx", str(nginx_dir)], cwd=ROOT, env=nginx_env, check=True)
    command = [NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf"), "-g", "daemon off;"]
    with running(command, nginx_env, port, Path(folder) / "nginx.log"):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def docker_start(env, folder):
    """scripts/docker-start, the Docker image's command: nginx on a port, gunicorn on a unix socket."""
    port = free_port()
    env = {
        **env,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "RUN_MIGRATIONS": "0",
        "PORT": str(port),
        "PORTAL_LISTEN": f"127.0.0.1:{port}",
        "PORTAL_RUN_DIR": str(Path(folder) / "run"),
        "NGINX_BIN": NGINX,
        "TMPDIR": str(Path(folder) / "tmp"),
    }
    env.pop("GUNICORN_BIND", None)
    (Path(folder) / "tmp").mkdir(exist_ok=True)
    with running(["scripts/docker-start"], env, port, Path(folder) / "docker-start.log") as process:
        yield f"http://127.0.0.1:{port}", process


def http(base, method, path, body=None, headers=None, source=None, timeout=10):
    """One request from loopback address `source`; (status, headers, text)."""
    parts = urlsplit(base)
    connection = HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers={"Host": parts.netloc, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


def sign_in(base, password, source, username="edna", secure=False):
    """The admin's sign-in form, from `source`: (status, page). `secure` sends what a load
    balancer ending TLS sends (X-Forwarded-Proto: https) and the browser's Origin."""
    extra = {"X-Forwarded-Proto": "https"} if secure else {}
    status, headers, page = http(base, "GET", "/admin/login/", headers=extra, source=source)
    assert status == 200, (status, page[:300])
    cookie = headers["Set-Cookie"].split(";")[0]
    form = {"csrfmiddlewaretoken": CSRF.search(page).group(1), "username": username, "password": password}
    origin = ("https://" if secure else "http://") + urlsplit(base).netloc
    status, _, page = http(
        base,
        "POST",
        "/admin/login/?next=/admin/",
        body=urlencode(form),
        headers={**extra, "Cookie": cookie, "Origin": origin, "Content-Type": "application/x-www-form-urlencoded"},
        source=source,
    )
    return status, page


def slow_post(base_url, seconds, sent=None, headers=""):
    """A client that sends a questionnaire POST's body one byte at a time, for `seconds`;
    each byte sent is counted in `sent` (a list), if given."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=seconds + 5) as sock:
        sock.sendall(
            f"POST /uk/pathways/questions/ HTTP/1.1\r\nHost: {parts.netloc}\r\n{headers}"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n".encode()
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                sock.sendall(b"a")
                if sent is not None:
                    sent.append(1)
            time.sleep(0.5)
