"""Bad and hostile input, end to end: clear messages, nothing lost, nothing injected.

One project holds every kind of bad source at once (empty, binary, too large, Windows-1251,
broken front matter, names with spaces, Cyrillic and markup, colliding ids) and one
document full of markup, Markdown and Jinja copied from web pages. It is built once,
site included (a session fixture, tests/conftest.py); the tests then read the warnings,
the records, the Markdown and the HTML. The failure cases copy the built project and fail before or
inside MkDocs, so they add no full site build.
"""

from __future__ import annotations

import html
import re

import yaml

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.model import KINDS
from csto_kb.pages.escape import is_slug
from csto_kb.sources import MAX_SOURCE_BYTES, read_sources
from hostile_project import (
    BAD_SOURCES,
    BROKEN_FRONT,
    EXPECTED_WARNINGS,
    HOSTILE_ID,
    HOSTILE_LINES,
    HOSTILE_NAME,
    HOSTILE_TITLE,
    RU_TEXT,
    SEED,
    SITE_NAME,
    UNIT_SOURCES,
    files_under,
    html_pages,
    new_project,
    one_line,
)

# --- reading ------------------------------------------------------------------------

def test_every_bad_file_gives_one_warning_line_and_the_others_are_built(hostile_built, hostile_documents):
    warnings = hostile_built["result"].warnings
    assert set(warnings) >= EXPECTED_WARNINGS, sorted(set(warnings) - EXPECTED_WARNINGS)
    assert all("\n" not in w for w in warnings)
    for name in [*BAD_SOURCES, "huge.txt"]:  # skipped, and named exactly once
        assert sum(name in w for w in warnings) == 1, name
    expected_ids = {SEED.stem, HOSTILE_ID, "novosti-odkb", "broken-front-matter", "unclosed",
                    "laughs", *(i for _, i in UNIT_SOURCES.values())}
    assert set(hostile_documents) == expected_ids
    for doc_id in expected_ids:
        assert (hostile_built["root"] / "site" / "sources" / f"{doc_id}.html").is_file(), doc_id


def test_utf8_with_bom_reads_cleanly(hostile_built, hostile_documents):
    doc = hostile_documents["bom"]
    assert "\ufeff" not in doc.text and doc.title == "CSTO news with a BOM"
    assert not any("bom.txt" in w for w in hostile_built["result"].warnings)
    assert (hostile_built["root"] / "data" / "records" / "dates" / "2022-07-01.yaml").is_file()


def test_windows_1251_is_decoded_with_a_warning(hostile_documents):
    doc = hostile_documents["novosti-odkb"]
    assert doc.text == RU_TEXT and doc.title == "Новости ОДКБ"
    assert doc.warnings == ("Новости ОДКБ.txt: decoded as windows-1251",)


def test_broken_front_matter_is_plain_text(hostile_documents, hostile_built):
    for doc_id, name in (("broken-front-matter", "broken front matter.md"),
                         ("unclosed", "unclosed.md"), ("laughs", "laughs.md")):
        doc = hostile_documents[doc_id]
        assert doc.meta == {} and doc.text == BROKEN_FRONT[name], doc_id
        assert len(doc.warnings) == 1 and doc.warnings[0].startswith(f"{name}: ")
        assert doc.title != "---", doc_id  # the title comes from after the front matter
    assert hostile_documents["broken-front-matter"].title.startswith("The CSTO met in Minsk")
    page = (hostile_built["root"] / "docs" / "sources" / "broken-front-matter.md").read_text("utf-8")
    assert "title&#58; &#91;unclosed" in page  # the front matter is shown as text
    assert (hostile_built["root"] / "data" / "records" / "dates" / "2023-06-03.yaml").is_file()


def test_a_large_document_is_processed(tmp_path):
    """Over half a megabyte: news lines, one run-on paragraph of 300 KB without a full stop and
    50,000 abbreviations that do not end a sentence (each was quadratic once; the time of
    a document of several megabytes is measured by ``make bench``: bench/huge.py)."""
    root = new_project(tmp_path)
    seed = SEED.read_text(encoding="utf-8")
    run_on = ("Collective Security Treaty Organization Secretary General Stanislav Zas and "
              "Colonel General Anatoly Sidorov met ") * 2700
    abbreviations = "Gen. Smith and Col. Jones met U.S. officials in Minsk " * 2000
    text = (seed + "\n") * 30 + run_on + "\n" + abbreviations + "\n"
    assert 500_000 < len(text.encode("utf-8")) < MAX_SOURCE_BYTES
    (root / "data" / "sources" / "dump.txt").write_text(text, encoding="utf-8")
    result = pipeline.build(Settings(root=root), site=False)
    doc = result.corpus.documents[0]
    records = result.corpus.records
    assert any(r["id"] == "stanislav-zas" for r in records)
    quotes = [m["quote"] for r in records for m in r["mentions"]]
    assert quotes and all(q in doc.text for q in quotes)
    assert max(map(len, quotes)) <= 2000  # a run-on "sentence" is quoted in pieces


def test_a_file_over_the_limit_is_refused_by_its_size(hostile_built, hostile_documents):
    assert "huge" not in hostile_documents
    line = next(w for w in hostile_built["result"].warnings if "huge.txt" in w)
    assert line == f"skipped huge.txt: too large ({MAX_SOURCE_BYTES + 1} bytes; the limit is " \
                   f"{MAX_SOURCE_BYTES})"


# --- escaping -----------------------------------------------------------------------

LINK_TAG = re.compile(r'<a href="[^"]*">|</a>')
# the mark that keeps a source link ("¶ 0") out of Pagefind's excerpts (csto_kb.search)
PAGEFIND_IGNORED = re.compile(r"<span data-pagefind-ignore>([^<]*)</span>")
LINK_MD = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


def test_source_paragraphs_show_exactly_the_source_text(hostile_html, hostile_documents):
    doc = hostile_documents[HOSTILE_ID]
    paragraphs = dict(re.findall(r'<p id="p-(\d+)"(?: class="boilerplate")?>(.*?)</p>',
                                 hostile_html, re.S))
    assert len(paragraphs) == len(HOSTILE_LINES) == len(doc.paragraphs)
    for i, line in enumerate(HOSTILE_LINES):
        inner = LINK_TAG.sub("", paragraphs[str(i)])
        assert "<" not in inner, (i, inner)  # no tag but our links to entities
        assert html.unescape(inner) == one_line(line), i
    hrefs = re.findall(r'<a href="([^"]*)">', "".join(paragraphs.values()))
    assert hrefs and all(re.fullmatch(r"\.\./[a-z]+/[a-z0-9-]+\.html", h) for h in hrefs), hrefs


def test_title_publisher_and_url_are_text(hostile_html):
    title = re.search(r"<title>(.*?)</title>", hostile_html, re.S).group(1)
    assert html.unescape(title) == f"{HOSTILE_TITLE} - {SITE_NAME}"
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", hostile_html, re.S).group(1)
    assert html.unescape(re.sub(r'<a class="headerlink".*?</a>', "", h1)) == HOSTILE_TITLE
    assert html.unescape("<img src=x onerror=alert('publisher')>") not in hostile_html
    assert "&#60;img src&#61;x onerror&#61;alert&#40;&#39;publisher&#39;&#41;&#62;" in hostile_html
    assert "javascript&#58;alert&#40;&#39;url&#39;&#41;" in hostile_html  # shown, not linked


def test_no_page_of_the_site_carries_markup_from_a_source(hostile_built):
    pages = html_pages(hostile_built["root"])
    assert len(pages) > 20
    forbidden = re.compile(r"<script[^>]*>\s*alert|<script src=//|onerror=|onmouseover=|"
                           r"onload=|onclick=|href=\"javascript:|<iframe|<img src=x|"
                           r"<svg onload|<style>body|"
                           r"<div markdown|<strong>(?:bold|not bold|raw html block)</strong>|"
                           r"id=\"hijack\"|class=\"admonition warning\"", re.I)
    for path, page in pages.items():
        found = forbidden.search(page)
        assert not found, (path, page[found.start() - 80:found.end() + 80])
        assert SITE_NAME + " and" not in page, path  # {{ config.site_name }} not evaluated
    index = hostile_built["root"] / "site" / "search" / "search_index.json"
    if index.exists():  # Material's search renders its text as HTML: it must stay escaped
        text = index.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|img|iframe|svg|style|b |a href)", text, re.I)


def test_entity_pages_quote_the_hostile_sentences_as_text(hostile_built):
    page = (hostile_built["root"] / "site" / "people" / "imangali-tasmagambetov.html").read_text("utf-8")
    items = [i for i in re.findall(r"<li>(.*?)</li>", page) if "said on" in i]
    assert items
    for item in items:  # the mention and the timeline entry
        shown = PAGEFIND_IGNORED.sub(r"\1", re.sub(r"</?strong>", "", LINK_TAG.sub("", item)))
        assert "<" not in shown, shown
        assert one_line(HOSTILE_LINES[0]) in html.unescape(shown)


# --- names and paths ----------------------------------------------------------------

def test_every_file_name_gets_a_unique_url_safe_id(hostile_documents):
    by_path = {d.path: d.id for d in hostile_documents.values()}
    for name, (_, expected) in UNIT_SOURCES.items():
        assert by_path[name] == expected, name
    assert by_path[HOSTILE_NAME] == HOSTILE_ID
    assert by_path["Новости ОДКБ.txt"] == "novosti-odkb"
    assert all(is_slug(i) for i in hostile_documents)
    assert len(set(by_path.values())) == len(by_path)


def test_ids_are_stable_from_build_to_build(hostile_built):
    again, _ = read_sources(hostile_built["root"] / "data" / "sources")
    assert {d.path: d.id for d in again} == {d.path: d.id
                                            for d in hostile_built["result"].corpus.documents}


def test_nothing_is_written_outside_records_docs_and_site(hostile_built):
    root = hostile_built["root"]
    after = files_under(root)
    allowed = ("data/records/", "docs/", "site/", ".cache/")
    changed = {p for p in after if hostile_built["before"].get(p) != after[p]}
    assert {p for p in changed if not p.startswith(allowed)} <= {"data/ids.yaml", "data/history.yaml",
                                                                   "data/history-state.json"}
    assert not any(p.startswith("data/sources/") for p in changed)
    for path in (root / "data" / "records").rglob("*"):
        rel = path.relative_to(root / "data" / "records")
        if path.is_file() and rel.name != ".csto-kb-manifest":  # what csto-kb wrote there
            assert rel.parent.name in KINDS and len(rel.parts) == 2, rel
            assert rel.suffix == ".yaml" and is_slug(rel.stem), rel
    for path in (root / "docs").rglob("*.md"):
        rel = path.relative_to(root / "docs")
        assert rel.stem == "index" or is_slug(rel.stem) or rel.name == "about.md", rel
    for sub in ("tmp", "etc"):
        assert not (root / "data" / sub).exists() and not (root / sub).exists()


def test_records_keep_every_quote_verbatim(hostile_built, hostile_documents):
    root = hostile_built["root"] / "data" / "records"
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.yaml"))]
    on_disk = {(r["type"], r["id"]): r for r in records}
    assert on_disk == {(r["type"], r["id"]): r for r in hostile_built["result"].corpus.records}
    for record in records:
        assert is_slug(record["id"])
        for m in record["mentions"]:
            assert m["quote"] in hostile_documents[m["source"]].text, m
