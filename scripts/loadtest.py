"""`make loadtest`: the portal under load, and under load while PostgreSQL is stopped.

Starts a throwaway PostgreSQL on loopback, loads the seed content, serves the portal with
gunicorn (production settings, gunicorn.conf.py) and drives it with wrk:

1. steady run: CONNECTIONS connections for DURATION seconds over article, topic and search
   pages and complete questionnaire journeys; passes only with zero errors.
2. fault run: the same load, with PostgreSQL stopped a third of the way in and started
   again two thirds in. Passes if every response during the outage still carried the
   emergency numbers, no connection failed, and the site recovered without a restart.

Prints the figures and exits non-zero if either run fails.
"""

import argparse
import json
import os
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

from tests.portal_server import free_port, gunicorn, prepare, production_env  # noqa: E402


def run(*args, env=None, **kwargs):
    return subprocess.run(list(args), cwd=ROOT, env=env, check=True, **kwargs)


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def write_requests(path, env):
    """The request mix: every article, topics, searches, and complete questionnaire journeys."""
    os.environ.update(env)
    import django

    django.setup()
    from content.models import Article, Topic
    from pathways.journey import State
    from pathways.questions import STEP_IDS
    from tests.answers import JOURNEYS

    lines = [f"GET\t{article.get_absolute_url()}" for article in Article.objects.published()]
    lines += [f"GET\t{topic.get_absolute_url()}" for topic in Topic.objects.all()]
    lines += [f"GET\t/search/?{urlencode({'q': q})}" for q in ["bladder", "special k", "withdrawal help", "online"]]
    lines += ["GET\t/", "GET\t/get-help/"]
    for answers in JOURNEYS.values():
        lines.append("GET\t/pathways/questions/")
        so_far = {}
        for step in STEP_IDS:
            body = {
                "state": State(answers=dict(so_far)).dumps(),
                "step": step,
                "action": "continue",
                step: answers[step],
            }
            lines.append(f"POST\t/pathways/questions/\t{urlencode(body, doseq=True)}")
            so_far[step] = answers[step]
        lines.append(
            f"POST\t/pathways/questions/\t{urlencode({'state': State(answers=so_far).dumps(), 'action': 'result'})}"
        )
    Path(path).write_text("\n".join(lines) + "\n")
    return len(lines)


def wrk(base_url, requests_file, connections, duration):
    env = {**os.environ, "LOADTEST_REQUESTS": str(requests_file)}
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            "scripts/loadtest.lua",
            base_url,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class Watcher(threading.Thread):
    """Polls /healthz and the help page every 100 ms, recording when each answered what."""

    def __init__(self, base_url):
        super().__init__(daemon=True)
        self.base_url, self.samples, self.running = base_url, [], True

    def run(self):
        while self.running:
            health, _ = status_of(self.base_url + "/healthz")
            help_status, help_page = status_of(self.base_url + "/uk/get-help/")
            self.samples.append((time.monotonic(), health, help_status, "116 123" in help_page))
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    options = parser.parse_args()
    run("scripts/ensure-packages", "wrk:wrk")

    with tempfile.TemporaryDirectory(prefix="portal-load-") as folder:
        os.chmod(folder, 0o755)  # the postgres user must reach the cluster inside it
        pg_dir, pg_port = Path(folder) / "pg", free_port()
        env = production_env(folder, DATABASE_URL=f"postgres://portal@127.0.0.1:{pg_port}/portal")
        run("scripts/pg-throwaway", "start", str(pg_dir), str(pg_port))
        try:
            prepare(env)
            requests_file = Path(folder) / "requests.txt"
            count = write_requests(requests_file, env)
            with gunicorn(env, wait_path="/healthz") as base_url:
                print(
                    f"Portal at {base_url} ({os.cpu_count()} cores), PostgreSQL on {pg_port}; {count} distinct requests."
                )
                steady = wrk(base_url, requests_file, options.connections, options.duration)
                print_run("Steady load", steady, options)
                fault = run_with_outage(base_url, requests_file, pg_dir, options)
        finally:
            subprocess.run(["scripts/pg-throwaway", "stop", str(pg_dir)], cwd=ROOT, capture_output=True)

    failures = []
    if steady["socket_errors"] or steady["timeouts"] or steady["unavailable"] or steady["other_status"]:
        failures.append("the steady run had errors")
    if fault["socket_errors"] or fault["timeouts"] or fault["other_status"]:
        failures.append("the fault run had connection errors or unexpected statuses")
    if fault["unavailable"] != fault["unavailable_with_help"]:
        failures.append("some 503 pages lacked the emergency numbers")
    if fault["recovery_seconds"] is None:
        failures.append("the site did not recover after PostgreSQL came back")
    if not fault["help_always_shown"]:
        failures.append("the help page stopped showing the crisis line during the outage")
    print("PASS" if not failures else "FAIL: " + "; ".join(failures))
    return 1 if failures else 0


def run_with_outage(base_url, requests_file, pg_dir, options):
    watcher = Watcher(base_url)
    watcher.start()
    result = {}
    load = threading.Thread(
        target=lambda: result.update(wrk(base_url, requests_file, options.connections, options.duration))
    )
    started = time.monotonic()
    load.start()
    time.sleep(options.duration / 3)
    stopped = time.monotonic()
    subprocess.run(["scripts/pg-throwaway", "stop", str(pg_dir)], cwd=ROOT, check=True)
    time.sleep(options.duration / 4)
    restarted = time.monotonic()
    subprocess.run(["scripts/pg-throwaway", "restart", str(pg_dir)], cwd=ROOT, check=True)
    pg_back = time.monotonic()
    load.join()
    watcher.running = False
    watcher.join()

    recovered = next((t for t, health, _, _ in watcher.samples if t >= pg_back and health == 200), None)
    result["recovery_seconds"] = None if recovered is None else round(recovered - pg_back, 2)
    outage = [s for s in watcher.samples if stopped <= s[0] <= restarted]
    result["help_always_shown"] = all(status == 200 and shown for _, _, status, shown in watcher.samples)
    result["outage_seconds"] = round(restarted - stopped, 1)
    result["healthz_503_during_outage"] = sum(1 for s in outage if s[1] == 503)
    result["stopped_at"] = round(stopped - started, 1)
    print_run("Fault run (PostgreSQL stopped mid-run)", result, options)
    print(
        f"  PostgreSQL down from {result['stopped_at']} s for {result['outage_seconds']} s; /healthz answered 503 "
        f"{result['healthz_503_during_outage']} times; /get-help/ showed the crisis line in every one of "
        f"{len(watcher.samples)} checks: {result['help_always_shown']}; back to healthy "
        f"{result['recovery_seconds']} s after PostgreSQL was up again, without restarting gunicorn."
    )
    return result


def print_run(title, figures, options):
    rate = figures["requests"] / figures["seconds"]
    print(
        f"{title}: {figures['requests']} requests in {figures['seconds']} s at {options.connections} connections "
        f"({rate:.0f}/s); latency p50 {figures['p50_ms']} ms, p90 {figures['p90_ms']} ms, p99 {figures['p99_ms']} ms, "
        f"max {figures['max_ms']} ms; errors: {figures['socket_errors']} socket, {figures['timeouts']} timeouts, "
        f"{figures['other_status']} unexpected statuses; {figures['unavailable']} answered 503 "
        f"({figures['unavailable_with_help']} of them with the emergency numbers)."
    )


if __name__ == "__main__":
    sys.exit(main())
