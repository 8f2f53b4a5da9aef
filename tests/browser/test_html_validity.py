"""The Nu HTML Checker finds no error in the HTML the server sends for any page kind."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.answers import JOURNEYS
from tests.browser.pages import CONTENT_PAGES, journey_runs, walk
from tests.portal_server import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 404 page is a page too
        return error.read().decode()


def safe_name(name):
    return "".join(ch if ch.isalnum() else "-" for ch in name)


def test_every_page_kind_is_valid_html(no_js_page, base_url, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: run `make browsers`.")
    pages = {name: fetch(base_url + path) for name, path in CONTENT_PAGES.items()}

    documents = []
    no_js_page.on(
        "response",
        lambda response: documents.append(response) if response.request.resource_type == "document" else None,
    )
    for journey, region in journey_runs(JOURNEYS):

        def visit(name, journey=journey, region=region):
            pages[f"{region} {journey} {name}"] = documents[-1].text()

        walk(
            no_js_page,
            base_url,
            JOURNEYS[journey],
            visit,
            with_errors=journey == "myself without urgency",
            region=region,
        )

    for name, html in pages.items():
        (tmp_path / f"{safe_name(name)}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"
    ]
    assert len(pages) > 150
    assert errors == []
