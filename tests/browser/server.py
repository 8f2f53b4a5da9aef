"""A real portal for the browser tests: gunicorn with production settings (DEBUG off,
collected and compressed static files) on a fresh SQLite database loaded with the seed
content, on a free loopback port."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


@contextmanager
def portal_server():
    with tempfile.TemporaryDirectory(prefix="portal-browser-") as folder:
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "recovery_portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "browser-tests-only-not-a-real-secret-0123456789abcdef",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{folder}/portal.sqlite3",
            "STATIC_ROOT": f"{folder}/static",
            "CACHE_URL": "locmem://",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
        }
        for command in (["migrate", "--noinput"], ["load_articles"], ["load_help"], ["collectstatic", "--noinput"]):
            _manage(env, *command)
        log = open(Path(folder) / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "recovery_portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base_url, process)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()


def _wait_until_up(base_url, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(base_url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the portal did not answer at {base_url} within {timeout} s")
