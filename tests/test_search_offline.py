"""The site opened from files (file://, no server). Material's search works there: its
offline plugin writes the index as a script, and the iframe-worker shim, shipped in the
theme, runs its worker without a server. Pagefind cannot load its index from files: the
search box says how to serve the site instead of waiting for ever (tested on the corpus
site, in test_search_corpus.py)."""

from __future__ import annotations

import re

import pytest

from browser_support import watched_page

# query typed into Material's search box -> the page that must be the first result
OFFLINE_SEARCHES = {"Vasilievich": "people/stanislav-zas.html", "CRRF": "forces/crrf.html",
                    "Naemnik": "operations/mercenary.html"}
EXTERNAL_ASSET = re.compile(r'<script[^>]+src="(?:https?:)?//|<link[^>]+href="(?:https?:)?//[^"]*"[^>]*stylesheet'
                            r'|<link[^>]+stylesheet[^>]+href="(?:https?:)?//')


def test_nothing_is_loaded_from_another_host(seed_site):
    site = seed_site / "site"
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    assert (site / "assets" / "javascripts" / "iframe-worker" / "shim.js").is_file()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL_ASSET.search(html), page
        assert "unpkg.com" not in html, page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/javascripts/iframe-worker/shim.js"></script>' in index


def _material_search(page, query: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query, delay=30)
    results = ".md-search-result__list > .md-search-result__item > a"
    # the results of the whole query: Material adds it to their links (search.highlight)
    page.locator(f"{results}[href*='?h={query.lower()}']").first.wait_for(state="attached")
    return page.locator(results).first


@pytest.mark.browser
def test_material_search_works_from_files(browser, seed_site):
    url = (seed_site / "site" / "index.html").as_uri()
    with watched_page(browser) as page:
        page.goto(url)
        for query, expected in OFFLINE_SEARCHES.items():
            href = _material_search(page, query).get_attribute("href")
            assert href.split("?")[0].split("#")[0].endswith(expected), (query, href)
        _material_search(page, "CRRF").click()
        page.wait_for_load_state()
        assert page.url.startswith("file:")
        assert "Collective Rapid Reaction Forces" in page.locator("h1").first.inner_text()
