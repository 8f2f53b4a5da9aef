"""A real portal for the browser and failure tests: gunicorn with production settings
(DEBUG off, collected and compressed static files) on a free loopback port, by default on
a fresh SQLite database loaded with the seed content."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def production_env(folder, **overrides):
    """Environment for the portal with production settings on plain http, files in `folder`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": "test-and-benchmark-only-not-a-real-secret-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder}/portal.sqlite3",
        "STATIC_ROOT": f"{folder}/static",
        "CACHE_URL": f"file://{folder}/cache",  # shared by the workers, as production's Redis is
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "GUNICORN_ACCESSLOG": "",
        **overrides,
    }


def prepare(env, seed=True):
    """Migrate and load the seed content (unless `seed` is false), and collect static files."""
    commands = [["migrate", "--noinput"], ["load_articles"], ["load_help"]] if seed else []
    for command in [*commands, ["collectstatic", "--noinput"]]:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


@contextmanager
def gunicorn(env, wait_path="/livez", log_path=None):
    """Run gunicorn with gunicorn.conf.py at env's GUNICORN_BIND; yield its base URL once it answers."""
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "recovery_portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = "http://" + env["GUNICORN_BIND"]
    try:
        _wait_until_up(base_url + wait_path, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if log_path:
            log.close()


@contextmanager
def portal_server(database_url=None, seed=True, wait_path="/", **extra_env):
    """Serve the portal on a fresh database; yield its base URL. `seed=False` skips
    migrations and seed content (for a database that cannot be reached)."""
    with tempfile.TemporaryDirectory(prefix="portal-server-") as folder:
        overrides = {"WEB_CONCURRENCY": "2", **extra_env}
        if database_url:
            overrides["DATABASE_URL"] = database_url
        env = production_env(folder, **overrides)
        prepare(env, seed=seed)
        with gunicorn(env, wait_path=wait_path, log_path=Path(folder) / "gunicorn.log") as base_url:
            yield base_url


def _wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the portal did not answer at {url} within {timeout} s")
