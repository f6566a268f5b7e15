"""Shared Playwright set-up for browser tests: Debian's Chromium, headless, plus a login helper.

pytest-playwright provides the ``page`` fixture; these fixtures point it at /usr/bin/chromium
(``playwright install`` cannot download browsers here). Tests that touch the database next to
Playwright need DJANGO_ALLOW_ASYNC_UNSAFE=true (the Makefile sets it). Mark tests with
``@pytest.mark.browser``.
"""

import warnings
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Not test-results/: pytest-playwright empties that directory for its own artifacts.
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # 1366 px is the width UX.md promises to work at; en-GB for dates the browser formats.
    # Reduced motion: Bootstrap then drops its transitions, so axe never measures a button's
    # colours half-way through a hover or focus fade (a false contrast finding under load).
    return {
        **browser_context_args,
        "viewport": {"width": 1366, "height": 900},
        "locale": "en-GB",
        "reduced_motion": "reduce",
    }


def login(page, live_server, user, password=PASSWORD):
    """Log in through the real login form."""
    response = page.goto(live_server.url + reverse("login"))
    assert response.status == 200
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


SCREENSHOT_TIMEOUT_MS = 20_000
# The suite runs in two processes, so a page may share the machine with a busy neighbour:
# assertions wait up to 15 s for the page to reach the state they expect (5 s by default).
# A page that gets there sooner costs nothing more.
expect.set_options(timeout=15_000)


def screenshot(page, name: str, directory: Path = SCREENSHOTS) -> Path | None:
    """Full-page PNG (under var/screenshots/, git-ignored, unless ``directory`` says otherwise)
    to look at by eye. A picture is not an assertion: when a loaded machine keeps Chromium from
    painting a long page in time (the suite runs in two processes), the test goes on without it
    and a warning says which picture is missing."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        warnings.warn(f"No screenshot {name}: Chromium did not paint it in time", stacklevel=2)
        return None
    return path


def serious_violations(page) -> list[str]:
    """axe-core findings of serious or critical impact, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
