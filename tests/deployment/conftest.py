"""Fixtures for the deployment tests: one seeded database for the session, copied per server."""

import os
import tempfile

import pytest

from tests.deployment.servers import NGINX, prepared_database


@pytest.fixture(scope="session")
def seeded():
    if not os.path.exists(NGINX):
        pytest.fail(f"nginx is not installed at {NGINX}: run `make test` (it installs it with apt-get).")
    with tempfile.TemporaryDirectory(prefix="portal-seeded-") as folder:
        yield prepared_database(folder)


@pytest.fixture(scope="module")
def module_folder():
    with tempfile.TemporaryDirectory(prefix="portal-deploy-") as folder:
        yield folder
