"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Every page fixture fails its test on a browser console error, an uncaught script error or a
Content Security Policy violation (Chromium reports those on the console).
"""

import os
import shutil

import pytest
from django.core.cache import cache
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def fresh_rate_limits(transactional_db):
    """Rate-limit counters live in the cache table, which the flush after a live-server test
    leaves alone; without this, sign-ups from earlier journeys would pause later ones."""
    yield
    cache.clear()


@pytest.fixture
def browser_errors():
    return []


@pytest.fixture
def new_page(browser, live_server, browser_errors):
    """Opens a fresh browser context (its own cookies) whose page records every console error."""
    contexts = []

    def _new_page(locale: str = "en-US", timezone_id: str = "UTC"):
        context = browser.new_context(
            base_url=live_server.url, locale=locale, timezone_id=timezone_id
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type == "error" and browser_errors.append(message.text),
        )
        page.on("pageerror", lambda error: browser_errors.append(str(error)))
        return page

    yield _new_page
    for context in contexts:
        context.close()
    assert browser_errors == [], f"browser console errors: {browser_errors}"


@pytest.fixture
def page(new_page):
    return new_page()
