"""Static files as production serves them (collected, hashed, compressed, from WhiteNoise
under gunicorn): every file the pages use, and not the manifest that maps them."""

import json
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.portal_server import gunicorn, prepare, production_env


@pytest.fixture(scope="module")
def collected():
    """A production-like server (no database needed) and the folder its static files were collected to."""
    with tempfile.TemporaryDirectory(prefix="portal-static-") as folder:
        env = production_env(folder, WEB_CONCURRENCY="1")
        prepare(env, seed=False)
        with gunicorn(env) as base_url:
            yield base_url, Path(folder)


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("path", ["/static/staticfiles.json", "/static/staticfiles.json.gz"])
def test_the_static_files_manifest_is_not_served(collected, path):
    base_url, _ = collected
    assert status_of(base_url + path) == 404


def test_the_manifest_is_kept_beside_the_collected_files_and_still_used(collected):
    base_url, folder = collected
    assert not list((folder / "static").glob("staticfiles.json*"))
    manifest = json.loads((folder / "static-manifest" / "staticfiles.json").read_text())
    stylesheet = manifest["paths"]["css/portal.css"]
    assert stylesheet != "css/portal.css"  # a hashed name
    assert status_of(f"{base_url}/static/{stylesheet}") == 200
    with urllib.request.urlopen(base_url + "/uk/privacy/", timeout=10) as page:  # a page without the database
        assert f'href="/static/{stylesheet}"' in page.read().decode()
