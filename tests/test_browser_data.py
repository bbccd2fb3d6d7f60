"""The data to take away and the evidence, in a real browser: a reader downloads the
JSON Lines file and a CSV table from the seed site, opens an entity's JSON, follows and
reopens a quote's anchor, and reaches the 150th sentence naming an entity within two
clicks of its page.

Serves the seed site (``seed_url``, conftest.py) and a site of an entity named in 250 sentences
(fixtures_mentions.py) on 127.0.0.1 and drives Debian's Chromium; any JavaScript error,
console error or request to another host fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import fixtures_pages as fx
from browser_support import serve as _serve
from browser_support import watched_page
from csto_kb.model import ref_of
from csto_kb.records import load_records
from fixtures_mentions import busy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def busy_url(tmp_path_factory):
    """A site whose "Busy Council" is named in 250 sentences of 25 sources."""
    from csto_kb.pages import render_pages
    from csto_kb.site import build_site

    root = fx.write_project(tmp_path_factory.mktemp("busy-site"), render_pages(*busy(250)))
    build_site(root, root / "site", strict=True)
    with _serve(root / "site") as url:
        yield url


def _download(page, link) -> str:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes().decode("utf-8")


def test_a_reader_downloads_every_record_and_a_table(page, seed_url, seed_site):
    records = sorted(load_records(seed_site / "data" / "records"), key=ref_of)
    page.goto(seed_url + "index.html")
    text = _download(page, page.locator("article").get_by_role("link", name="records.jsonl"))
    assert [json.loads(line) for line in text.split("\n")[:-1]] == records
    page.locator("nav.md-tabs").get_by_role("link", name="People").click()
    page.wait_for_load_state()
    table = _download(page, page.locator("article").get_by_role("link", name="people.csv"))
    rows = list(csv.DictReader(io.StringIO(table.removeprefix("\ufeff"), newline="")))
    assert [r["id"] for r in rows] == [r["id"] for r in records if r["type"] == "person"]
    assert all(r["page"] == f"people/{r['id']}.html" for r in rows)


def test_a_reader_opens_an_entity_s_json(page, seed_url, seed_site):
    records = load_records(seed_site / "data" / "records")
    zas = next(r for r in records if ref_of(r) == "people/stanislav-zas")
    # Chromium asks for /favicon.ico for a document that is not HTML; the site has none.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(seed_url + "people/stanislav-zas.html")
    with page.expect_response(lambda r: r.url.endswith("/people/stanislav-zas.json")) as answer:
        page.locator("article .admonition").get_by_role("link", name="JSON").click()
    page.wait_for_url("**/people/stanislav-zas.json")
    assert answer.value.json() == zas
    assert json.loads(page.locator("pre").first.inner_text()) == zas  # shown as it is


def test_a_quote_s_anchor_is_followed_and_opens_again_when_cited(page, browser, seed_url):
    from playwright.sync_api import expect

    page.goto(seed_url + "people/stanislav-zas.html")
    permalink = page.locator("article p.quote a[href^='#q-']").nth(1)
    fragment = permalink.get_attribute("href")[1:]
    quote = page.locator(f"[id='{fragment}']")
    words = quote.inner_text().split("¶")[0].split()[:6]
    permalink.click()
    assert urlsplit(page.url).fragment == fragment
    assert page.evaluate("document.querySelector(':target').id") == fragment
    expect(quote).to_be_in_viewport()
    with watched_page(browser) as cited:  # a reader opening the cited address
        cited.goto(page.url)
        target = cited.locator(":target")
        expect(target).to_be_in_viewport()
        assert target.get_attribute("id") == fragment
        assert target.inner_text().split()[:6] == words


def test_the_150th_mention_is_two_clicks_from_the_entity_page(page, busy_url):
    from playwright.sync_api import expect

    entity = busy_url + "bodies/busy-council.html"
    page.goto(entity)
    wanted = page.locator("article p.quote", has_text="Sentence 150:")
    assert wanted.count() == 0  # not on the entity page: the first 100 are
    pages = page.locator("article a[href*='busy-council/mentions-']")
    hrefs = list(dict.fromkeys(pages.nth(i).get_attribute("href") for i in range(pages.count())))
    assert len(hrefs) == 2
    for href in hrefs:  # first click: one of the pages of mentions the entity page links
        page.goto(entity)
        page.locator(f"article a[href='{href}']").first.click()
        page.wait_for_load_state()
        if wanted.count():
            break
    assert wanted.count() == 1, "the 150th mention is on no page linked from the entity page"
    first, last = map(int, re.search(r"mentions (\d+)–(\d+)", page.locator("article h1").inner_text()).groups())
    assert first <= 150 <= last
    wanted.locator("a[href^='#q-']").click()  # second click: the quote itself
    expect(wanted).to_be_in_viewport()
    assert urlsplit(page.url).fragment == wanted.get_attribute("id")
    source = wanted.locator("a[href*='#p-']")
    assert "sources/busy-014.html#p-9" in source.get_attribute("href")
