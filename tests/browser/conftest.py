"""Browser tests: Debian's Chromium, driven by Playwright, against a real portal server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.portal_server import CHROMIUM, CHROMIUM_ARGS, portal_server

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url():
    with portal_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make browsers` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _offline_neutral_site(route):
    # The machine has no internet: stand in for the neutral site the quick exit goes to.
    route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Weather</title><h1>Weather</h1>")


def _new_context(browser, **options):
    context = browser.new_context(**options)
    context.route("https://www.bbc.co.uk/**", _offline_neutral_site)
    return context


@pytest.fixture
def context(browser):
    context = _new_context(browser, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def phone_page(browser):
    context = _new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = _new_context(browser, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def pytest_terminal_summary(terminalreporter):
    from tests.browser.test_page_weight import FIGURES

    if FIGURES:
        terminalreporter.section("page weight (transferred, browser cache off)")
        for name, figures in sorted(FIGURES.items()):
            terminalreporter.write_line(
                f"{name:45} {figures['requests']} requests  {figures['bytes'] / 1024:6.1f} KB total"
                f"  {figures['html_bytes'] / 1024:5.1f} KB HTML"
            )
