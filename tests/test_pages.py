"""Rendering records and sources into Markdown pages: structure, links, escaping."""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtures_pages as fx
from csto_kb.invisible import drop_invisible
from csto_kb.pages import dates as pdates
from csto_kb.pages import is_generated, render_pages
from csto_kb.pages.escape import Md, is_slug, md_escape, md_link, safe_url

LINK = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR = re.compile(r'^ *\{:? #([pq]-[0-9a-f-]+)(?: \.[a-z-]+)*(?: data-[a-z-]+="[a-z]+")* \}$', re.M)
# Characters that must never reach a page unescaped from untrusted text.
DANGEROUS = set("<>&\"'\\`*_[](){}#|!~^+=:%$@")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(fx.records(), fx.sources(), fx.CHANGES)


@pytest.fixture(scope="module")
def built(fixture_site) -> dict[str, str]:
    """The fixture site built by MkDocs (see conftest.py): {html path: html}."""
    site = fixture_site / "site"
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


# --- structure ----------------------------------------------------------------------

def test_every_kind_of_page_exists(pages):
    expected = {
        "index.md", "timeline.md", "whats-new.md", "sources/index.md", "dates/index.md",
        "people/index.md", "bodies/index.md", "forces/index.md", "operations/index.md",
        "people/stanislav-zas.md", "people/hostile-person.md", "bodies/csto.md", "bodies/csc.md",
        "forces/crrf.md", "forces/cpf.md", "operations/mercenary.md",
        "dates/2022-01-06.md", "dates/2019.md", "dates/2000s.md",
        "sources/zas-interview.md", "sources/kazakhstan-2022.md", "downloads/index.md",
    }
    assert {p for p in pages if p.endswith(".md")} == expected
    records = {p[:-3] for p in expected if p.count("/") == 1 and not p.startswith(("sources/", "downloads/"))
               and not p.endswith("/index.md")}
    downloads = {"downloads/records.jsonl", "downloads/record.schema.json",
                 *(f"downloads/{kind}.csv" for kind in ("people", "bodies", "forces", "operations", "dates"))}
    assert {p for p in pages if not p.endswith(".md")} == {f"{r}.json" for r in records} | downloads
    assert list(pages) == sorted(pages)
    assert all(is_generated(p.split("/")[0]) for p in pages)


def test_bad_ids_get_no_page(pages):
    assert not any("escape" in p or "Bad" in p or ".." in p for p in pages)
    for path in pages:
        stem = posixpath.basename(path).partition(".")[0]
        assert stem == "index" or is_slug(stem), path


def _table_names(text: str) -> list[str]:
    return re.findall(r"^\| \[([^\]]+)\]\(", text, flags=re.M)


def test_kind_indexes_are_alphabetical_tables(pages):
    assert _table_names(pages["forces/index.md"]) == [
        "Collective Peacekeeping Forces", "Collective Rapid Reaction Forces"]
    assert _table_names(pages["bodies/index.md"]) == [
        "Collective Security Council", "Collective Security Treaty Organization"]
    people = pages["people/index.md"]
    assert people.index("Evil") < people.index("Stanislav Zas")
    assert "| Name | Also known as | Mentions | First seen | Last seen |" in people


def test_tables_keep_their_columns_with_pipes_in_cells(pages):
    for path in ("people/index.md", "sources/index.md", "index.md", "dates/index.md"):
        tables = [block.splitlines() for block in pages[path].split("\n\n")
                  if block.startswith("|")]
        assert tables, path
        for rows in tables:
            assert len({line.count("|") for line in rows}) == 1, (path, rows)


def test_entity_page_contents(pages):
    text = pages["people/stanislav-zas.md"]
    assert text.startswith("---\n")
    front, body = text.split("\n---\n", 1)
    assert "search:\n  boost: 2" in front
    assert body.lstrip().startswith("# Stanislav Zas\n")
    assert "Stanislav Vasilievich" in body and "Zas" in body  # names in the body, for search
    assert ("- Secretary General · [Collective Security Treaty Organization](../bodies/csto.md)"
            " · as of 30 November 2021 · <span data-pagefind-ignore>[source](../sources/zas-interview.md#p-1)"
            "</span>") in body
    assert "[¶&#160;1](../sources/zas-interview.md#p-1)" in body
    assert ("**[Stanislav Zas on the CSTO forces](../sources/zas-interview.md)** · 30 November 2021"
            "\n{: .mention-source }\n") in body
    assert "**Stanislav Zas**, the Secretary General" in body
    assert "- **Bodies:** [Collective Security Treaty Organization](../bodies/csto.md)" in body


def test_operation_and_force_pages_show_aliases(pages):
    assert "Naemnik" in pages["operations/mercenary.md"].split("## Mentioned in")[0]
    assert "CRRF" in pages["forces/crrf.md"].split("## Mentioned in")[0]
    assert "On the timeline" in pages["forces/crrf.md"]


def test_source_page_has_anchored_paragraphs_and_links(pages):
    text = pages["sources/zas-interview.md"]
    assert ANCHOR.findall(text) == ["p-0", "p-1", "p-2"]
    assert ('Home &#124; News &#124; Contacts\n'
            '{: #p-0 .boilerplate data-search-exclude="true" data-pagefind-ignore="all" }') in text
    assert "[Stanislav Zas](../people/stanislav-zas.md), the Secretary General" in text
    assert "[CRRF](../forces/crrf.md) taking part." in text
    assert "[https&#58;//tass.com/world/zas?a&#61;1&#38;b&#61;&#40;2&#41;]" \
           "(https://tass.com/world/zas?a=1&b=%282%29)" in text
    assert "## Entities found" in text


def test_unsafe_source_url_is_not_a_link(pages):
    text = pages["sources/kazakhstan-2022.md"]
    assert "**URL:** javascript&#58;alert&#40;3&#41;" in text
    assert "](javascript" not in text


def test_timeline_is_chronological_and_grouped_by_year(pages):
    text = pages["timeline.md"]
    assert re.findall(r"^## (.+)$", text, flags=re.M) == ["2000s", "2019", "2022"]
    assert "[6 January 2022](dates/2022-01-06.md)" in text
    assert "[¶&#160;0](sources/kazakhstan-2022.md#p-0)" in text  # each sentence links to its paragraph


def test_date_sort_order():
    values = ["2022-01-06", "2022", "2000s", "2022-01", "2010", "garbage", "2001"]
    assert sorted(values, key=pdates.sort_key) == [
        "2000s", "2001", "2010", "2022", "2022-01", "2022-01-06", "garbage"]
    assert pdates.display("2023-09") == "September 2023"
    assert pdates.group("2000s") == "2000s" and pdates.group("2022-01-06") == "2022"


def test_whats_new(pages):
    text = pages["whats-new.md"]
    assert "**New (2)**" in text and "[Collective Peacekeeping Forces](forces/cpf.md)" in text
    assert "**Removed (1)**" in text and "- people/old-person" in text
    first = render_pages(fx.records(), fx.sources(), None)["whats-new.md"]
    assert "First build" in first


def test_home_page(pages):
    text = pages["index.md"]
    assert "| [People](people/index.md) | [Bodies](bodies/index.md) | [Forces](forces/index.md) |" \
        in text
    assert "| 2 | 2 | 2 | 1 | 3 | 2 |" in text
    assert text.index("Peacekeepers sent") < text.index("Stanislav Zas on the CSTO forces")
    assert "[Timeline](timeline.md)" in text and "[What's new](whats-new.md)" in text


def test_links_are_relative_and_resolve(pages):
    anchors = {path: set(ANCHOR.findall(text)) for path, text in pages.items()}
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue  # data files: JSON, CSV
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            assert not target.startswith("/") and ":" not in target, (path, target)
            file, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file)) if file else path
            assert resolved in pages, (path, target)
            if anchor:
                assert anchor in anchors[resolved], (path, target)


def test_rendering_is_deterministic(pages):
    again = render_pages(fx.records(), fx.sources(), fx.CHANGES)
    assert again == pages
    shuffled = render_pages(list(reversed(fx.records())), list(reversed(fx.sources())),
                            fx.CHANGES)
    assert shuffled == pages


def test_empty_input_renders():
    pages = render_pages([], [], None)
    assert "No people found yet." in pages["people/index.md"]
    assert "No dated events yet." in pages["timeline.md"]


def test_broken_record_fields_do_not_crash():
    records = [{"id": "x", "type": "person", "name": None, "aliases": "notalist",
                "titles": ["plain"], "mentions": [{"source": "nope", "paragraph": "3"}, "junk"],
                "related": None}]
    sources = [{"id": "s", "title": None, "paragraphs": [{"text": ""}, "raw"],
                "links": [{"paragraph": 0, "start": 5, "end": 2, "ref": "people/x"}]}]
    pages = render_pages(records, sources)
    assert "# x" in pages["people/x.md"]
    assert "&#160;\n{: #p-0 }" in pages["sources/s.md"]


# --- escaping -----------------------------------------------------------------------

def test_hostile_text_is_escaped_in_markdown(pages):
    for path in ("people/hostile-person.md", "sources/kazakhstan-2022.md", "timeline.md", "dates/2000s.md",
                 "people/index.md", "whats-new.md"):
        text = pages[path]
        for raw in ("<script", "<img", "onerror=", "javascript:", "**bold**", "{{", "{%",
                    "[x](", "</title>"):
            assert raw not in text, (path, raw)


def test_escape_basics():
    assert md_escape("<b>&") == "&#60;b&#62;&#38;"
    assert md_escape("- item") == "&#45; item"
    assert md_escape("12. May") == "12&#46; May"
    assert md_escape("  a\n\n b\t") == "a b"
    assert md_escape(None) == ""
    assert isinstance(md_escape("x"), Md) and md_escape(Md("<b>")) == "<b>"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.org/a b(c)") == "https://x.org/a%20b%28c%29"
    with pytest.raises(ValueError):
        md_link("x", "javascript:alert(1)")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_is_inert_and_lossless(text):
    out = md_escape(text)
    assert "\n" not in out and "\r" not in out
    assert not (set(re.sub(r"&#\d+;", "", out)) & DANGEROUS), out
    assert not re.match(r"\s|-|\d+[.)]", out), out
    one_line = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
                       for ch in drop_invisible(text))  # bidi controls, zero widths: dropped
    assert html.unescape(out) == " ".join(one_line.split())


# --- through MkDocs -----------------------------------------------------------------

def test_built_html_shows_hostile_text_literally(built):
    for path, page in built.items():
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page, path
        assert 'href="javascript' not in page, path
        assert "<strong>bold</strong>" not in page, path
        assert "</title><script" not in page, path
    person = built["people/hostile-person.html"]
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in person
    assert "&#60;img src&#61;x onerror&#61;alert&#40;2&#41;&#62;" in person
    assert "&#123;&#123; x &#125;&#125;" in person and "&#123;&#37; raw &#37;&#125;" in person
    assert "&#42;&#42;bold&#42;&#42;" in person
    assert "x&#124;y" in person


def test_built_html_has_anchors_and_links(built):
    source = built["sources/zas-interview.html"]
    assert '<p id="p-1">' in source
    assert 'class="boilerplate"' in source and 'id="p-0"' in source
    entity = built["people/stanislav-zas.html"]
    assert 'href="../sources/zas-interview.html#p-1"' in entity
    assert "<title>Stanislav Zas - CSTO Knowledge Base</title>" in entity


def test_built_site_loads_nothing_from_other_hosts(built):
    for path, page in built.items():
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', page):
            # Only the theme credit in the footer and the document's own URL are external.
            assert url.startswith(("https://squidfunk.github.io/", "https://tass.com/")), url
        assert "fonts.googleapis" not in page and "<link rel=\"preconnect\"" not in page
