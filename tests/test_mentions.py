"""Every sentence that mentions an entity is on its page or on a page of mentions that
its page links to (two clicks: to the page, to the quote's anchor); every such page is
bounded; each quote's anchor stays the same when documents are added."""

from __future__ import annotations

from pathlib import Path

import pytest

import fixtures_pages as fx
from csto_kb.changes import record_digests
from csto_kb.pages import render_pages, render_site
from csto_kb.pages.views import source_views
from csto_kb.pipeline import extract_mentions
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_sources
from fixtures_mentions import PATH, busy, linked_pages, quote_anchors

MAX_PAGE = 60 * 1024  # bytes of Markdown a page may take


def _reachable(pages: dict[str, str], start: str) -> dict[str, str]:
    """Sentence number -> the page (``start`` or one it links to) that quotes it."""
    found = {}
    for path in [start, *sorted(linked_pages(pages, start))]:
        for number in quote_anchors(pages.get(path, "")):
            found.setdefault(number, path)
    return found


@pytest.mark.parametrize("words", [8, 320])  # sentences of ~150 and of ~2,000 characters
def test_every_mention_is_two_clicks_from_the_entity_page(words):
    records, sources = busy(250, words)
    pages = render_pages(records, sources)
    found = _reachable(pages, PATH)
    assert sorted(found, key=int) == [str(n) for n in range(1, 251)]
    holding = set(found.values())
    assert len(holding) >= 3 and PATH in holding
    for path in holding:
        assert len(pages[path].encode("utf-8")) <= MAX_PAGE, (path, len(pages[path]))
        assert path == PATH or path.startswith("bodies/busy-council/mentions-")
    # In order, oldest first: the entity page holds the first quotes.
    assert found["1"] == PATH and found["250"] != PATH
    assert "250 sentences, oldest source first" in pages[PATH]


def test_pages_of_mentions_link_back_and_to_each_other():
    pages = render_pages(*busy(250, words=1))  # short sentences: 100 a page
    second, third = "bodies/busy-council/mentions-2.md", "bodies/busy-council/mentions-3.md"
    assert "mentions 101–200" in pages[second] and "mentions 201–250" in pages[third]
    assert linked_pages(pages, second) >= {PATH, third}
    assert PATH in linked_pages(pages, third)
    assert "search:\n  exclude: true" in pages[second]  # its sentences are indexed in their sources
    assert "[2 &#40;2015–2016&#41;](busy-council/mentions-2.md)" in pages[PATH]
    assert "../../sources/busy-010.md#p-0" in pages[second]


def test_an_entity_on_one_page_has_no_pages_of_mentions():
    pages = render_pages(*busy(100, words=1))
    assert not any("/busy-council/" in path for path in pages)
    assert len(quote_anchors(pages[PATH])) == 100
    assert "oldest source first" not in pages[PATH]


def _anchors(pages: dict[str, str]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    for path in [PATH, *linked_pages(pages, PATH)]:
        anchors.update(quote_anchors(pages.get(path, "")))
    return anchors


def test_anchors_stay_when_documents_are_added_before_and_after():
    records, sources = busy(150)
    before = _anchors(render_pages(records, sources))
    older_records, older = busy(30, offset=-5)  # five sources dated before all the others
    for m in older_records[0]["mentions"]:
        m["quote"] = m["quote"].replace("Sentence", "Earlier sentence")
    records[0]["mentions"] += older_records[0]["mentions"]
    after = render_pages(records, older + sources)
    assert len(before) == 150
    moved = _anchors(after)
    assert {n: moved[n] for n in before} == before  # the same anchor, on another page maybe
    assert render_pages(records, older + sources) == after  # and in every build


def test_a_sentence_stated_twice_gets_two_anchors():
    records, sources = busy(3)
    twice = dict(records[0]["mentions"][0], paragraph=1)
    records[0]["mentions"].append(twice)
    page = render_pages(records, sources)[PATH]
    anchors = [line.split("#")[-1].split(" ")[0] for line in page.splitlines() if line.startswith("  { #q-")]
    assert len(anchors) == len(set(anchors)) == 4
    assert any(a.endswith("-2") for a in anchors)


def test_a_new_document_renders_only_the_last_pages_of_mentions_again():
    first = render_site(*busy(250))
    records, sources = busy(260)
    second = render_site(records, sources, None, first.signatures, record_digests(records))
    mention_pages = {p for p in second.texts if "/busy-council/" in p}
    assert mention_pages == {"bodies/busy-council/mentions-3.md"}
    assert "bodies/busy-council/mentions-2.md" in second.kept


ROOT = Path(__file__).resolve().parents[1]


def _seed_pages(count: int) -> dict[str, str]:
    documents = read_sources(ROOT / "data" / "sources")[0][:count]
    records = build_records(resolve(extract_mentions(documents)[0]), documents)
    return render_pages(records, source_views(documents, records))


def test_anchors_of_real_records_stay_when_a_document_is_added():
    before, after = _seed_pages(4), _seed_pages(5)
    for path in ("bodies/csto.md", "people/stanislav-zas.md"):
        old = {a for p in [path, *linked_pages(before, path)] for a in _anchor_ids(before.get(p, ""))}
        new = {a for p in [path, *linked_pages(after, path)] for a in _anchor_ids(after.get(p, ""))}
        assert old and old <= new, path
        assert len(new) > len(old) or path != "bodies/csto.md"


def _anchor_ids(page: str) -> set[str]:
    return {line.split()[1][1:] for line in page.splitlines() if line.startswith("  { #q-")}


def test_fixture_pages_quote_with_anchors():
    page = render_pages(fx.records(), fx.sources())["forces/crrf.md"]
    assert len(_anchor_ids(page)) == 2
    assert "[#](#q-" in page and "this record as [JSON](crrf.json)" in page
