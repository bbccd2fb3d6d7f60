"""The built site in a real browser: search, entity pages, mention links, timeline.

Takes the site of the seed documents (built once per session, see conftest.py), serves
it on 127.0.0.1 and drives Debian's
Chromium through Playwright. Any JavaScript error, console error or request to another
host fails the test. ``CSTO_KB_BROWSER_SITE=fixture`` forces the fixture site.
Set ``CSTO_KB_SCREENSHOTS=1`` to save the screenshots into
docs/assets/ (otherwise they go to a temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import ROOT, watched_page
from browser_support import serve as _serve

pytestmark = pytest.mark.browser
# alias typed into the search box -> (path prefix of the expected first result, H1 text)
SEARCHES = {
    "Naemnik": ("operations/mercenary", "Mercenary"),
    "CRRF": ("forces/", "Collective Rapid Reaction Forces"),
    "Vasilievich": ("people/stanislav-zas", "Stanislav Zas"),
}


@pytest.fixture(scope="module")
def site(request) -> Path:
    """The seed site (``CSTO_KB_BROWSER_SITE=fixture``: the hand-made fixture site)."""
    name = "fixture_site" if os.environ.get("CSTO_KB_BROWSER_SITE") == "fixture" else "seed_site"
    return request.getfixturevalue(name) / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with _serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_base_url(fixture_site):
    """The hand-made fixture site (hostile records included), whatever ``site`` is."""
    with _serve(fixture_site / "site") as url:
        yield url


@pytest.fixture()
def page(browser, base_url):
    with watched_page(browser) as page:
        yield page


def _path(page, base_url: str) -> str:
    return page.url[len(base_url):].split("#")[0]


def _search(page, query: str):
    """Open Material's search with the keyboard, type ``query``, return the result items."""
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')"
        "?.textContent || 'Initializing')")
    assert meta.count() == 1
    box.press_sequentially(query, delay=20)  # Material reacts to key events, not to fill()
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible")
    return items


@pytest.mark.parametrize("query", sorted(SEARCHES))
def test_search_finds_entity_page_first(page, base_url, query):
    prefix, heading = SEARCHES[query]
    page.goto(base_url + "index.html")
    items = _search(page, query)
    first = items.first.locator("a.md-search-result__link").first
    href = first.get_attribute("href")
    target = urlsplit(page.url).path.rsplit("/", 1)[0] + "/" + href
    first.click()
    page.wait_for_load_state()
    assert _path(page, base_url).startswith(prefix), (query, href, target)
    assert heading in page.locator("article h1").first.inner_text()


def test_entity_page_and_mention_link(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "index.html")
    page.locator("nav.md-tabs").get_by_role("link", name="Forces").click()
    page.get_by_role("link", name="Collective Rapid Reaction Forces").first.click()
    page.wait_for_load_state()
    assert _path(page, base_url).startswith("forces/")
    expect(page.locator("article h1").first).to_contain_text("Collective Rapid Reaction Forces")
    expect(page.locator(".admonition").first).to_contain_text("CRRF")
    mention = page.locator("article a[href*='#p-']").first
    quote = mention.locator("xpath=..").inner_text()  # the list item: quote and "¶ N"
    mention.click()
    page.wait_for_url("**/sources/**#p-*")
    fragment = urlsplit(page.url).fragment
    assert fragment.startswith("p-")
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    words = " ".join(quote.split()).rsplit("¶", 1)[0].split()
    paragraph = " ".join(target.inner_text().split())
    assert " ".join(words[1:8]) in paragraph, (words, paragraph)  # the quote is in it


def test_timeline(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "index.html")
    page.locator("nav.md-tabs").get_by_role("link", name="Timeline").click()
    page.wait_for_load_state()
    assert _path(page, base_url) == "timeline.html"
    expect(page.locator("article h1").first).to_contain_text("Timeline")
    years = page.locator("article h2").all_inner_texts()
    assert years, "no years on the timeline"
    assert page.locator("article li a[href*='sources/']").count() > 0


def test_hostile_text_is_inert(page, fixture_base_url):
    """Hostile names, titles and source text render as literal text; no dialog opens."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(fixture_base_url + "people/hostile-person.html")
    assert "<script>alert(1)</script>" in page.locator("article h1").inner_text()
    assert page.title().startswith("Evil </title><script>")
    page.goto(fixture_base_url + "sources/kazakhstan-2022.html")
    assert "<img src=x onerror=alert(2)>" in page.locator("#p-1").inner_text()
    assert page.locator("article a[href^='javascript']").count() == 0
    page.goto(fixture_base_url + "timeline.html")
    assert "{{ x }}" in page.locator("article").inner_text()
    assert dialogs == []


def test_screenshots(page, base_url, tmp_path):
    from playwright.sync_api import expect

    out = ROOT / "docs" / "assets" if os.environ.get("CSTO_KB_SCREENSHOTS") else tmp_path
    page.goto(base_url + "index.html")
    page.screenshot(path=str(out / "screenshot-home.png"))
    page.goto(base_url + "people/stanislav-zas.html")
    page.screenshot(path=str(out / "screenshot-entity.png"))
    page.locator("article a[href*='#p-']").first.click()
    page.wait_for_url("**/sources/**#p-*")
    expect(page.locator(f"[id='{urlsplit(page.url).fragment}']")).to_be_in_viewport()  # scrolled to
    page.screenshot(path=str(out / "screenshot-source.png"))
    page.goto(base_url + "timeline.html")
    page.screenshot(path=str(out / "screenshot-timeline.png"))
    for name in ("home", "entity", "source", "timeline"):
        assert (out / f"screenshot-{name}.png").stat().st_size > 10_000
