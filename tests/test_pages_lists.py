"""Rendering pages: links in sources, long lists over several pages, bounded entity pages."""

from __future__ import annotations

from csto_kb.pages import render_pages
from csto_kb.site import build_site


def test_overlapping_and_stray_links_are_dropped():
    text = "Stanislav Zas met the CSTO."
    sources = [{"id": "s", "title": "S", "paragraphs": [{"text": text}], "links": [
        {"paragraph": 0, "start": 0, "end": 13, "ref": "people/stanislav-zas"},
        {"paragraph": 0, "start": 10, "end": 13, "ref": "people/stanislav-zas"},   # overlaps
        {"paragraph": 0, "start": 22, "end": 26, "ref": "bodies/unknown"},          # no page
        {"paragraph": 7, "start": 0, "end": 3, "ref": "people/stanislav-zas"},      # no paragraph
    ]}]
    records = [{"id": "stanislav-zas", "type": "person", "name": "Stanislav Zas"}]
    page = render_pages(records, sources)["sources/s.md"]
    assert "[Stanislav Zas](../people/stanislav-zas.md) met the CSTO.\n{: #p-0 }" in page


def test_dated_lists_have_half_the_rows_of_a_page(monkeypatch):
    """A timeline row carries up to ten links: the timeline and the dates index hold
    half of PAGE_ROWS rows a page, the other lists PAGE_ROWS."""
    from csto_kb.pages import paging
    from csto_kb.pages import render as render_module
    from fixtures_pages import records, sources

    monkeypatch.setattr(paging, "PAGE_ROWS", 4)
    dates = [{"id": f"2022-01-{d:02d}", "type": "date", "name": f"{d} January 2022",
              "date": f"2022-01-{d:02d}", "event": f"Event {d}.", "entities": [],
              "aliases": [], "mentions": []} for d in range(10, 15)]
    people = [{"id": f"abe-{n}", "type": "person", "name": f"Abe {n}", "aliases": [],
               "mentions": []} for n in range(4)]
    pages = render_module.render_pages(records() + dates + people, sources())
    timeline = {p: t for p, t in pages.items() if p.startswith("timeline")}
    rows = {p: t.count("\n- **") for p, t in timeline.items()}
    assert max(rows.values()) == 2 and sum(rows.values()) == 5 + 3  # 3 dates in records()
    assert {"timeline-2022.md", "timeline-2022-2.md", "timeline-2022-3.md"} <= set(timeline)
    assert "dates/_page-2022-3.md" in pages
    people_pages = [t for p, t in pages.items()
                    if p.startswith(("people/index", "people/_page")) and "Abe 0" in t]
    assert len(people_pages) == 1 and "Abe 3" in people_pages[0]  # 4 rows on one page


def test_long_lists_are_split_into_pages_that_mkdocs_accepts(tmp_path, monkeypatch):
    """No list page grows with the corpus: beyond PAGE_ROWS rows a list is split by
    initial (or year), each group on pages of at most PAGE_ROWS rows."""
    from csto_kb.pages import paging
    from csto_kb.pages import render as render_module
    from fixtures_pages import records, sources, write_project

    monkeypatch.setattr(paging, "PAGE_ROWS", 2)
    people = [{"id": f"person-{n}", "type": "person", "name": f"{name} {n:02d}", "aliases": [],
               "mentions": []} for n, name in enumerate(["Zed", "Zed", "Zed", "Abe", "Bob"])]
    pages = render_module.render_pages(records() + people, sources())
    assert {"people/_page-b.md", "people/_page-z.md", "people/_page-z-2.md"} <= set(pages)
    first = pages["people/index.md"]
    assert "Pages: **A** · [B](_page-b.md)" in first and "[Z (2)](_page-z-2.md)" in first
    assert "[Z](_page-z.md) · **Z (2)**" in pages["people/_page-z-2.md"]
    assert "[A](index.md) · [B](_page-b.md)" in pages["people/_page-z-2.md"]
    assert "Zed 02" in pages["people/_page-z-2.md"] and "Zed 02" not in pages["people/_page-z.md"]
    assert any(p.startswith("timeline-") for p in pages)
    root = write_project(tmp_path, pages)
    build_site(root, root / "site", strict=True)
    assert (root / "site" / "people" / "_page-z-2.html").exists()


def test_paging_groups_by_a_stable_key():
    from csto_kb.pages import paging

    assert paging.initial("Émile") == "e" and paging.initial("1st Army") == "0-9"
    assert paging.initial("«Vostok»") == "other"
    assert [paging.year_of(v) for v in ("2022-01-06", "2000s", None)] == ["2022", "2000s", "undated"]
    short = paging.split("x/index.md", [1, 2], str, rows=2)
    assert [(p.path, p.rows) for p in short] == [("x/index.md", [1, 2])]
    pages = paging.split("timeline.md", ["2021a", "2022a", "2022b", "2022c"], lambda v: v[:4], rows=2)
    assert [(p.path, p.rows, p.label) for p in pages] == [
        ("timeline.md", ["2021a"], "2021"), ("timeline-2022.md", ["2022a", "2022b"], "2022"),
        ("timeline-2022-2.md", ["2022c"], "2022 (2)")]
    assert paging.pager(pages, "timeline-2022.md") == (
        "Pages: [2021](timeline.md) · **2022** · [2022 (2)](timeline-2022-2.md)")


def test_an_entity_page_shows_a_bounded_number_of_quotes_and_links_the_others(monkeypatch):
    from csto_kb.pages import mentions
    from csto_kb.pages.render import render_pages
    from fixtures_pages import records, sources

    monkeypatch.setattr(mentions, "MAX_QUOTES", 1)
    pages = render_pages(records(), sources())
    page = pages["bodies/csto.md"]
    assert page.count("  { #q-") == 1
    assert "the first 1 are here, the others on the pages [2 &#40;2021&#41;](csto/mentions-2.md)" in page
    assert pages["bodies/csto/mentions-2.md"].count("  { #q-") == 1


def test_a_title_is_shown_once_with_its_dates_and_sources_and_titles_are_bounded(monkeypatch):
    """A post is stated in every text that names its holder: each title is one row
    (first - last date, the first source, how many more), and only the last MAX_TITLES."""
    from csto_kb.pages import context
    from csto_kb.pages.render import render_pages
    from fixtures_pages import records, sources

    monkeypatch.setattr(context, "MAX_TITLES", 2)
    person = {"id": "ivan-ivanov", "type": "person", "name": "Ivan Ivanov", "aliases": [],
              "mentions": [], "titles": [
                  {"title": "Deputy Minister", "source": "zas-interview", "date": "2019"},
                  {"title": "Secretary General", "source": "zas-interview", "date": "2021-11-30"},
                  {"title": "Secretary General", "source": "kazakhstan-2022", "date": "2022-01-07"},
                  {"title": "Secretary General", "source": "kazakhstan-2022", "date": "2022-01-07"},
                  {"title": "Chairman", "source": "kazakhstan-2022", "date": "2022-01-07"}]}
    page = render_pages(records() + [person], sources())["people/ivan-ivanov.md"]
    assert page.count("Secretary General") == 1 and "Deputy Minister" not in page
    assert "1 earlier title not shown" in page
    assert ("Secretary General (30 November 2021 – 7 January 2022) · <span data-pagefind-ignore>"
            "[source](../sources/zas-interview.md)</span> and 1 more") in page
    assert ("- Chairman (7 January 2022) · <span data-pagefind-ignore>[source](../sources/kazakhstan-2022.md)"
            "</span>\n") in page
