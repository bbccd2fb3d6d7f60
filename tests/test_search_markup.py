"""The search markup lives in the pages: the Markdown templates mark what both engines
leave out, the theme marks what Pagefind indexes, and entity names are Pagefind filter
values (csto_kb.search, csto_kb.pages.search_markup). No build-time plugin rewrites the
pages, so a site built by another engine (tests/test_engines.py) searches the same."""

from __future__ import annotations

import re

import pytest

import fixtures_pages as fx
from csto_kb import search
from csto_kb.pages import render_pages
from csto_kb.pages.search_markup import name_filter, name_filters, normal_name


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {str(path): text for path, text in render_pages(fx.records(), fx.sources(), fx.CHANGES).items()}


def test_normal_name_and_filter_name():
    assert normal_name("  CSTO   Collective\tRapid Reaction  Forces ") == "csto collective rapid reaction forces"
    assert name_filter("csto crrf") == "name-63-73"
    assert name_filter("un") == name_filter("un interim force")
    assert name_filter("ü") == "name-fc"  # one character: one code point


def test_name_filters_escape_and_deduplicate():
    block = name_filters(["CRRF", "crrf", " ", '<script>alert("x")</script>', "A & B"])
    assert block.startswith("<div hidden data-pagefind-ignore data-search-exclude=")
    values = re.findall(r'<span data-pagefind-filter="(name-[0-9a-f-]+)">(.*?)</span>', block)
    assert [v for _, v in values][0] == "crrf" and len(values) == 3  # "CRRF" once, blank dropped
    assert "<script" not in block and "&#60;script&#62;" in block
    assert values[1][0] == name_filter("<s") == "name-3c-73"
    assert name_filters([]) == ""


def _page(pages, suffix):
    return next(text for path, text in pages.items() if path.endswith(suffix))


def test_entity_page_markup(pages):
    md = _page(pages, "people/stanislav-zas.md")
    assert re.search(r'\*\*Also known as:\*\* .*\n +\{ data-pagefind-weight="10" data-pagefind-meta="aliases" \}', md)
    assert '<span data-pagefind-filter="name-73-74">stanislav zas</span>' in md
    assert '<span data-pagefind-filter="name-73-74">stanislav vasilievich</span>' in md
    # the mentions count is furniture; the sections after the summary are left out
    assert re.search(r'\*\*Mentions:\*\*.*\n +\{ data-search-exclude="true" data-pagefind-ignore="all" \}', md)
    tail = md[md.index('<div data-pagefind-ignore="all" markdown="1">'):]
    assert '## Mentioned in { data-search-exclude="true" }' in tail and tail.rstrip().endswith("</div>")
    assert "## Mentioned in" not in md[:md.index('<div data-pagefind-ignore="all" markdown="1">')]


def test_source_and_date_page_markup(pages):
    md = _page(pages, "sources/zas-interview.md")
    box = md[md.index('<div data-pagefind-ignore="all" markdown="1">'):md.index("## Text")]
    assert '!!! abstract "Source"' in box and "</div>" in box  # Pagefind: the text, not the box
    assert re.search(r'\*\*Paragraphs:\*\*.*\n +\{ data-search-exclude="true" \}', box)
    assert '{: #p-0 .boilerplate data-search-exclude="true" data-pagefind-ignore="all" }' in md
    assert '## Entities found { data-search-exclude="true" }' in md
    date = pages["dates/2022-01-06.md"]
    assert '## Mentioned in { data-search-exclude="true" }' in date


def test_pages_left_out_of_search_say_so(pages):
    excluded = {path for path, text in pages.items() if re.search(r"^search:\n  exclude: true$", text, re.M)}
    # the index pages, the further pages of an entity's mentions (its sentences are
    # indexed in their sources), the timeline and What's new; the downloads page, which
    # explains the data files and their fields, is searched
    listed = {path for path in pages if path.endswith("/index.md") and path != "downloads/index.md"
              or re.search(r"/mentions-\d+\.md$", path)} | {"timeline.md", "whats-new.md"}
    assert excluded == listed


def test_the_theme_marks_the_body_whatever_the_engine(fixture_site):
    """Built with Material's search (the fixture site is small), the pages carry
    Pagefind's marks all the same; the pages left out of search do not."""
    site = fixture_site / "site"
    html = (site / "people" / "stanislav-zas.html").read_text(encoding="utf-8")
    assert html.count(search.PAGEFIND_BODY) == 1
    start = html.index(search.PAGEFIND_BODY)
    assert html.index("<h1") > start and html.index('id="mentioned-in"') > start
    assert 'data-pagefind-meta="aliases"' in html and 'data-pagefind-filter="name-' in html
    for excluded in ("people/index.html", "timeline.html", "whats-new.html"):
        assert search.PAGEFIND_BODY not in (site / excluded).read_text(encoding="utf-8"), excluded
    assert search.PAGEFIND_BODY in (site / "about.html").read_text(encoding="utf-8")  # hand-written
