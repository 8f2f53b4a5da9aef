"""`make scale-demo`: the scale-out shape of compose.yaml, without Docker, on this machine.

Two gunicorn instances of the portal on two loopback ports, behind nginx (with
deploy/nginx/, the same proxy settings as compose.yaml and the Docker image), sharing one
PostgreSQL and one Redis cache, all from Debian's packages. Then it checks:

1. a page cached by one instance is served from the shared cache by the other;
2. stopping one instance while readers are using the site loses no request;
3. with both instances stopped, nginx still serves the pages it holds (stale), crisis
   numbers included.

Prints what it saw and exits non-zero if any check fails.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.portal_server import free_port, production_env  # noqa: E402


def fetch(url, data=None, headers=None):
    body = urlencode(data).encode() if data else None
    try:
        request = urllib.request.Request(url, data=body, headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
    except OSError as error:
        return None, {}, str(error)


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fetch(url)[0] == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def main():
    subprocess.run(
        ["scripts/ensure-packages", "/usr/sbin/nginx:nginx", "redis-server:redis-server"], cwd=ROOT, check=True
    )
    checks = []
    processes = []
    with tempfile.TemporaryDirectory(prefix="portal-scale-") as folder:
        os.chmod(folder, 0o777)  # nginx workers and the postgres user work inside it too
        pg_dir = Path(folder) / "pg"
        pg_port, redis_port, port_a, port_b, port = (free_port() for _ in range(5))
        env = production_env(
            folder,
            DATABASE_URL=f"postgres://portal@127.0.0.1:{pg_port}/portal",
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
            WEB_CONCURRENCY="2",
            # Short cache lifetimes, so the demo can show nginx serving pages after they go stale.
            PAGE_CACHE_SECONDS="3",
        )
        subprocess.run(["scripts/pg-throwaway", "start", str(pg_dir), str(pg_port)], cwd=ROOT, check=True)
        try:
            processes.append(
                subprocess.Popen(
                    [
                        "redis-server",
                        "--port",
                        str(redis_port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            for command in (["migrate", "--noinput"], ["load_articles"], ["load_help"], ["collectstatic", "--noinput"]):
                subprocess.run(
                    [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
                )
            instances = {}
            for name, instance_port in (("A", port_a), ("B", port_b)):
                instances[name] = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "recovery_portal.wsgi"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{instance_port}"},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                processes.append(instances[name])
            for instance_port in (port_a, port_b):
                wait_for(f"http://127.0.0.1:{instance_port}/healthz")
            nginx_dir = Path(folder) / "nginx"
            upstream = " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in (port_a, port_b))
            nginx_env = {
                **env,
                "PORTAL_LISTEN": f"127.0.0.1:{port}",
                "PORTAL_UPSTREAM": upstream,
                "NGINX_WORKERS": "2",
                "NGINX_ERROR_LOG": str(nginx_dir / "error.log"),
            }
            subprocess.run(["scripts/render-nginx", str(nginx_dir)], cwd=ROOT, env=nginx_env, check=True)
            subprocess.run(["/usr/sbin/nginx", "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")], check=True)
            front = f"http://127.0.0.1:{port}"
            wait_for(front + "/livez")
            print(f"nginx on {port} -> gunicorn A on {port_a}, B on {port_b}; PostgreSQL {pg_port}; Redis {redis_port}")

            checks.append(shared_cache(port_a, port_b))
            checks.append(no_request_lost(front, instances["A"]))
            checks.append(stale_pages_survive(front, instances["B"]))
        finally:
            nginx_dir = Path(folder) / "nginx"
            if (nginx_dir / "nginx.pid").exists():
                subprocess.run(
                    ["/usr/sbin/nginx", "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf"), "-s", "stop"]
                )
            for process in processes:
                if process.poll() is None:
                    process.terminate()
                    process.wait(timeout=20)
            subprocess.run(["scripts/pg-throwaway", "stop", str(pg_dir)], cwd=ROOT, capture_output=True)
    failed = [name for name, passed in checks if not passed]
    print("PASS: all checks passed" if not failed else f"FAIL: {', '.join(failed)}")
    return 1 if failed else 0


def shared_cache(port_a, port_b):
    path = "/uk/articles/ketamine-and-your-bladder/"
    # Both with the site's public host name, as nginx passes it on (pages are cached per host).
    status_a, headers_a, page_a = fetch(f"http://127.0.0.1:{port_a}{path}", headers={"Host": "localhost"})
    status_b, headers_b, page_b = fetch(f"http://127.0.0.1:{port_b}{path}", headers={"Host": "localhost"})
    passed = (
        (status_a, status_b) == (200, 200)
        and headers_a.get("X-Page-Cache") == "miss"
        and headers_b.get("X-Page-Cache") == "hit"
        and page_a == page_b
    )
    print(
        f"1. Shared cache: instance A rendered {path} (X-Page-Cache: {headers_a.get('X-Page-Cache')}); instance B "
        f"served it from Redis (X-Page-Cache: {headers_b.get('X-Page-Cache')}), identical: {page_a == page_b}."
    )
    return "a page cached by one instance is served by the other", passed


def no_request_lost(front, instance):
    """Readers keep using pages nginx cannot cache (search, questionnaire) while A stops."""
    results, stop = [], threading.Event()

    def reader(number):
        while not stop.is_set():
            if number % 2:
                status, _, page = fetch(front + f"/uk/search/?q=bladder+{number}+{len(results)}")
            else:
                answer = {"state": "", "step": "answering_for", "action": "continue", "answering_for": "myself"}
                status, _, page = fetch(front + "/uk/pathways/questions/", answer)
            results.append((status, "116 123" in page))

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in readers:
        thread.start()
    time.sleep(3)
    before = len(results)
    instance.send_signal(signal.SIGTERM)  # a graceful stop, as in a rolling deploy
    instance.wait(timeout=30)
    time.sleep(3)
    stop.set()
    for thread in readers:
        thread.join()
    failures = [status for status, _ in results if status != 200]
    print(
        f"2. One instance stopped under load: {len(results)} requests ({before} before A stopped, "
        f"{len(results) - before} after), {len(failures)} failed."
    )
    return "stopping one instance loses no request", not failures and len(results) - before > 0


def stale_pages_survive(front, instance):
    path = "/uk/articles/what-is-ketamine/"
    first = fetch(front + path)
    instance.send_signal(signal.SIGTERM)
    instance.wait(timeout=30)
    time.sleep(4)  # past the page's s-maxage: nginx now holds only a stale copy
    status, headers, page = fetch(front + path)
    passed = first[0] == 200 and status == 200 and "116 123" in page and headers.get("X-Proxy-Cache") == "STALE"
    print(
        f"3. Both instances stopped: nginx still served {path} with status {status} "
        f"(X-Proxy-Cache: {headers.get('X-Proxy-Cache')}), crisis line shown: {'116 123' in page}."
    )
    return "pages survive an app outage behind nginx", passed


if __name__ == "__main__":
    sys.exit(main())
