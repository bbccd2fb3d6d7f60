"""Shared by the browser tests: serving a built site on 127.0.0.1 and driving Chromium.

Debian's Chromium (``/usr/bin/chromium``) through Playwright, never a downloaded
browser. :func:`watched_page` records JavaScript errors, console errors and requests
to any host other than 127.0.0.1, and fails when the page is done if there were any.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from csto_kb.serve import serve_directory

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    return serve_directory(directory, quiet=True)


@contextlib.contextmanager
def chromium():
    """A headless Chromium; skips the test when it is missing (fails under CI)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing and CI is set")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Problems(list):
    """JavaScript errors, console errors and requests to other hosts seen by a page."""


@contextlib.contextmanager
def watched_page(browser, viewport: dict | None = None):
    """A new page whose ``problems`` are checked (must be none) when the block ends."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = Problems()
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" else None)

    def check_host(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host != "127.0.0.1":
            problems.append(f"external request: {request.url}")

    page.on("request", check_host)
    page.problems = problems
    try:
        yield page
    finally:
        context.close()
    assert not problems, problems


def pagefind_search(page, query: str):
    """Type ``query`` into Pagefind's box in the header bar; return the result links."""
    box = page.locator("header.md-header .md-header__inner #csto-pagefind input")
    box.wait_for(state="visible")
    box.click()
    box.press_sequentially(query, delay=20)
    # the results of the whole query, not those of a part typed so far (a loaded machine
    # shows those first): Pagefind's message names the query it answers
    page.locator("#csto-pagefind .pagefind-ui__message").filter(has_text=query).wait_for()
    links = page.locator("#csto-pagefind .pagefind-ui__result-link")
    links.first.wait_for(state="visible")
    return links
