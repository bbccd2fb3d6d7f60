"""Pagefind on a site above the threshold: a generated corpus (bench/corpus.py) of more
than 2,000 pages, built with mkdocs.yml as it is, searched in Chromium through the
search box's own code (theme/assets/javascripts/csto-pagefind*): an entity's page comes
first for each of its names, and result excerpts are text, not page furniture. Opened
from files, the site says how to search it.

Every test that needs the corpus site is here: it takes longest to build (conftest.py),
and under pytest-xdist a module runs on one worker."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_support import pagefind_search, serve, watched_page
from csto_kb import search
from csto_kb.model import ref_of
from csto_kb.pages.search_markup import normal_name
from csto_kb.records import load_records

# Text of the pages' furniture, which no excerpt may show.
FURNITURE = ("Paragraphs:", "muted ones", "page furniture", "Mentions:", "see all", "Mentioned in",
             "On the timeline", "Entities found", "¶")


def _names(root) -> dict[str, set[str]]:
    """Every name of every entity (dates aside), normalised -> the pages of that name."""
    names: dict[str, set[str]] = {}
    for record in load_records(root / "data" / "records"):
        if record["type"] == "date":
            continue
        for name in [record["name"], *record.get("aliases", []), *record.get("abbreviations", [])]:
            names.setdefault(normal_name(name), set()).add(f"{ref_of(record)}.html")
    return names


def _sample(names: dict[str, set[str]]) -> list[str]:
    """The names that are part of another entity's name (where Pagefind alone ranks
    the other first), and every tenth of the others."""
    holders: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        words = tuple(re.findall(r"\w+", name))
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                holders.setdefault(words[i:j], set()).add(name)
    inside = {n for n in names if len(holders.get(tuple(re.findall(r"\w+", n)), ())) > 1}
    others = [n for n in sorted(names) if n not in inside]
    return sorted(inside) + others[::10]


@pytest.fixture(scope="module")
def names(corpus_site) -> dict[str, set[str]]:
    return _names(corpus_site)


@pytest.fixture(scope="module")
def sample(names) -> list[str]:
    return _sample(names)


def test_the_corpus_site_is_searched_with_pagefind(corpus_site):
    pages = search.count_pages(corpus_site / "docs")
    assert pages > search.DEFAULT_PAGEFIND_ABOVE, pages
    site = corpus_site / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    filters = list((site / "pagefind" / "filter").glob("*.pf_filter"))
    assert len(filters) > 50  # the names spread over one filter per two first characters


def _open_box(page, base_url: str):
    page.goto(base_url + "index.html")
    box = page.locator("header.md-header #csto-pagefind input")
    box.wait_for(state="visible")
    return box


RANK_ALL = """async (queries) => {
  const pf = await import(new URL("assets/javascripts/csto-pagefind/pagefind.js", document.baseURI));
  const out = {};
  for (const q of queries) {
    const found = await pf.search(q);
    const top = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
    out[q] = top.map((d) => [d.url, d.excerpt]);
  }
  return out;
}"""


@pytest.mark.browser
def test_an_entity_page_comes_first_for_each_of_its_names(browser, corpus_site, names, sample):
    assert len(sample) > 300 and "csto" in sample
    with serve(corpus_site / "site") as base_url, watched_page(browser) as page:
        box = _open_box(page, base_url)
        box.click()
        box.press_sequentially("CSTO", delay=20)  # the UI loads Pagefind with its options
        page.locator("#csto-pagefind .pagefind-ui__result-link").first.wait_for(state="visible")
        found = page.evaluate(RANK_ALL, sample)
    wrong = {q: (found[q][0][0] if found[q] else None, sorted(names[q])) for q in sample
             if not found[q] or found[q][0][0].lstrip("/") not in names[q]}
    assert not wrong, f"{len(wrong)} of {len(sample)}: {dict(list(wrong.items())[:10])}"
    shown = [(q, excerpt) for q in sample for _, excerpt in found[q]]
    furniture = [(q, e) for q, e in shown if any(f in re.sub(r"</?mark>", "", e) for f in FURNITURE)]
    assert not furniture, furniture[:5]


@pytest.mark.browser
def test_the_search_box_lists_the_named_page_first(browser, corpus_site, names, sample):
    """Typed into the box: a name that is part of many other names ("Channel" of every
    "Channel-<place>" operation) finds its own page first; excerpts are sentences."""
    query = next(n for n in sample if len(names[n]) == 1 and " " not in n and len(n) > 5)
    with serve(corpus_site / "site") as base_url, watched_page(browser) as page:
        page.goto(base_url + "index.html")
        first = pagefind_search(page, query).first.get_attribute("href")
        assert urlsplit(first).path.lstrip("/") in names[query], (query, first)
        excerpts = page.locator("#csto-pagefind .pagefind-ui__result-excerpt").all_inner_texts()
        assert excerpts and all(e.strip() for e in excerpts)
        assert not [e for e in excerpts if any(f in e for f in FURNITURE)], excerpts
        assert not page.locator("#csto-pagefind .pagefind-ui__filter-panel").is_visible()


@pytest.mark.browser
def test_pagefind_site_from_files_says_how_to_search(browser, corpus_site):
    url = (corpus_site / "site" / "people" / "index.html").as_uri()
    with watched_page(browser) as page:
        page.goto(url)
        note = page.locator("header.md-header #csto-pagefind")
        note.wait_for(state="visible")
        assert "csto-kb serve" in note.inner_text() and "http.server" in note.inner_text()
        assert note.locator("input").count() == 0
        assert page.locator("nav.md-tabs").is_visible()  # the rest of the page works
