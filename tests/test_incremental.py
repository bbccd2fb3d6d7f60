"""A rebuild renders only the pages whose scope changed, and the site it leaves is the
one a full rendering gives: adding, removing and changing documents, renaming records
(their name shows on other pages), retitling sources, with lists and quotes split over
pages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csto_kb.changes import record_digests
from csto_kb.model import ref_of as record_ref
from csto_kb.pages import mentions, paging, render_pages, render_site
from csto_kb.pages.views import source_views
from csto_kb.pipeline import extract_mentions
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_sources

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "data" / "sources", ROOT / "eval" / "dev", ROOT / "eval" / "heldout"]


@lru_cache(maxsize=1)
def corpus():
    """Every document of the seeds and the eval sets, with its mentions."""
    documents = []
    for folder in FOLDERS:
        documents += read_sources(folder)[0]
    mentions = {doc.id: extract_mentions([doc])[0] for doc in documents}
    return documents, mentions


def site_input(chosen: list[int], renamed=(), retitled=(), linked=()):
    """Records and source views for the documents ``chosen`` (indexes into the corpus),
    with the records at ``renamed`` (indexes into the records) renamed, the sources at
    ``retitled`` given a new title, and for each index in ``linked`` a date record
    naming one more entity (which that entity's record does not name back)."""
    documents, mentions = corpus()
    docs = [documents[i] for i in sorted(set(chosen))]
    entities = resolve([m for d in docs for m in mentions[d.id]])
    records = build_records(entities, docs)
    views = source_views(docs, records)
    for i in renamed:
        if records:
            n = i % len(records)
            records[n] = {**records[n], "name": f"Renamed {records[n]['name']}",
                          "event": "renamed"}
    for i in retitled:
        if views:
            n = i % len(views)
            views[n] = {**views[n], "title": f"Retitled {views[n]['title']}"}
    dated = [n for n, r in enumerate(records) if r["type"] == "date"]
    for i in linked:
        if dated and len(records) > 1:
            n, other = dated[i % len(dated)], records[(i * 7 + 1) % len(records)]
            records[n] = {**records[n], "entities": sorted(
                set(records[n].get("entities", [])) | {record_ref(other)})}
    return records, views


def rebuild(before, after):
    """The pages of ``after`` as a rebuild over ``before`` leaves them, and what it rendered."""
    first = render_site(*before)
    second = render_site(*after, None, first.signatures, record_digests(after[0]))
    pages = {path: second.texts[path] if path in second.texts else first.texts[path]
             for path in second.signatures}
    return pages, second


documents_sets = st.lists(st.integers(0, 20), min_size=1, max_size=12)
few = st.lists(st.integers(0, 10_000), max_size=2)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_sets, st.lists(st.integers(0, 20), max_size=2), few, few, few, few, few)
def test_a_rebuild_leaves_the_pages_a_full_rendering_gives(before, added, dropped, renamed,
                                                           retitled, linked, unlinked):
    """The second build differs a little from the first (so that most pages are kept);
    ``unlinked``: date links the first build has and the second not."""
    after = [d for d in before + added if d not in {before[i % len(before)] for i in dropped}]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PAGE_ROWS", 7)  # lists over several pages, by initial and year
        patch.setattr(mentions, "MAX_QUOTES", 3)  # quotes over several pages of mentions
        old = site_input(before, linked=unlinked)
        new = site_input(after or before, renamed, retitled, linked)
        pages, second = rebuild(old, new)
        assert pages == render_pages(*new)


def test_an_unchanged_rebuild_renders_no_page():
    inputs = site_input(list(range(21)))
    pages, second = rebuild(inputs, inputs)
    assert second.texts == {}
    assert len(second.kept) == len(pages) > 300


def test_adding_a_document_renders_few_pages():
    pages, second = rebuild(site_input(list(range(20))), site_input(list(range(21))))
    assert pages == render_pages(*site_input(list(range(21))))
    assert len(second.texts) < len(pages) / 2


def test_a_renamed_record_is_rendered_again_where_it_is_linked():
    records, views = site_input(list(range(21)))
    pages, second = rebuild((records, views), site_input(list(range(21)), [5]))
    renamed = f"Renamed {records[5]['name']}"
    holding = [path for path, text in pages.items() if renamed in text]
    assert len(holding) > 1 and set(holding) <= set(second.texts)
