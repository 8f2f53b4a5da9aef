"""`make screenshots`: the home page, an article and a result page at phone and desktop widths.

Usage: python -m tests.browser.screenshots OUTPUT_FOLDER
"""

import os
import sys
from pathlib import Path

import django

WIDTHS = {"phone": 390, "desktop": 1280}


def main(folder):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.answers import JOURNEYS
    from tests.browser.pages import walk
    from tests.portal_server import CHROMIUM, CHROMIUM_ARGS, portal_server

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with portal_server() as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in [("home", "/uk/"), ("article", "/uk/articles/ketamine-and-your-bladder/")]:
                page.goto(base_url + path)
                page.screenshot(path=out / f"{name}-{label}.png", full_page=True)
            walk(page, base_url, JOURNEYS["someone else with urgency"], lambda name: None)
            page.screenshot(path=out / f"result-{label}.png", full_page=True)
            page.close()
        browser.close()
    for path in sorted(out.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
