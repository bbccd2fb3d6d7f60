"""Bad and hostile input, end to end: clear messages, nothing lost, nothing injected.

One project holds every kind of bad source at once (empty, binary, too large, Windows-1251,
broken front matter, names with spaces, Cyrillic and markup, colliding ids) and one
document full of markup, Markdown and Jinja copied from web pages. It is built once,
site included (a module fixture); the tests then read the warnings, the records, the
Markdown and the HTML. The failure cases copy the built project and fail before or
inside MkDocs, so they add no full site build.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.extraction.extract import extract_document
from csto_kb.extraction.sentences import MAX_SENTENCE, split_sentences
from csto_kb.model import KINDS
from csto_kb.pages import render_pages
from csto_kb.pages.escape import is_slug
from csto_kb.pages.views import source_views
from csto_kb.records import build_records, dump_record
from csto_kb.resolution import resolve
from csto_kb.sources import MAX_SOURCE_BYTES, read_source, read_sources
from helpers import make_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "lavrov-nato-dislikes-csto.txt"
SITE_NAME = "CSTO Knowledge Base"

HOSTILE_TITLE = "<script>alert('title')</script> CSTO {{ config.site_name }} **bold** {% raw %}"
HOSTILE_FRONT = f"""---
title: "{HOSTILE_TITLE}"
date: 2023-05-04
publisher: "<img src=x onerror=alert('publisher')>"
url: "javascript:alert('url')"
---
"""
# Each line is one paragraph of the source page; each must show as exactly this text.
HOSTILE_LINES = [
    "CSTO Secretary General Imangali Tasmagambetov said on 12 March 2024 that "
    "<script>alert('body')</script> the <b onmouseover=\"alert('b')\">Collective Rapid "
    "Reaction Forces</b> are ready.",
    "Read [click me](javascript:alert('md')) and <a href=\"javascript:alert('a')\">this</a> "
    "and ![img](http://evil.example/x.png) or <http://evil.example/> or <JAVASCRIPT:alert(1)>.",
    "The Jinja {{ config.site_name }} and {% raw %} and {# comment #} and {%- if x -%} stay text.",
    "# Not a heading, *not emphasis*, **not bold**, `not code`, | table | cell |",
    "<img src=x onerror=\"alert('img')\"> Defence Minister Ivan Petrov met Colonel General "
    "Anatoly Sidorov of the CSTO Joint Staff.",
    "<iframe src=\"http://evil.example\"></iframe><style>body{display:none}</style>"
    "<!-- comment --> <svg onload=alert('svg')> <p onclick='alert(1)'>",
    "!!! warning \"not an admonition\"",
    "    not an indented code block",
    "{: #hijack .evil onclick=\"alert('attr')\" }",
    "[^1]: a footnote &amp; &#60; &lt;b&gt; entities \\*stars\\*",
    "1. not a list item",
    "- not a bullet",
    "> not a quote",
    "<div markdown=\"1\">**raw html block**</div>",
    "Operation ../../../../tmp/pwned and Colonel General Evil ../../Name met the "
    "Collective Forces of ../../etc/passwd.",
]
HOSTILE_NAME = "Hostile <script> page.md"
HOSTILE_ID = "hostile-script-page"

RU_TEXT = ("Новости ОДКБ\n\nГенеральный секретарь ОДКБ Имангали Тасмагамбетов заявил "
           "5 мая 2024 года о «сотрудничестве».\n")
UNIT_SOURCES = {  # file name -> (content, expected id)
    # Three names, one id: in the order of the names, the first takes it, the others -2, -3.
    "A_B.md": ("CSTO three\n\nThe CSTO met in Bishkek.\n", "a-b"),
    "a b.txt": ("CSTO one\n\nThe CSTO met in Minsk.\n", "a-b-2"),
    "a-b.txt": ("CSTO two\n\nThe CSTO met in Dushanbe.\n", "a-b-3"),
    "Отчёт ОДКБ 2024.txt": ("Report of the CSTO\n\nThe CSTO Collective Security Council met.\n",
                            "otchyot-odkb-2024"),
    "we\"ird'#?%&name (1).txt": ("Weird name\n\nThe CSTO met in Yerevan.\n", "we-ird-name-1"),
    "中文.txt": ("Chinese name\n\nThe CSTO met in Astana.\n", "document"),
    "bom.txt": ("\ufeffCSTO news with a BOM\n\nThe CSTO Collective Security Council met on "
                "1 July 2022.\n", "bom"),
}
BAD_SOURCES = {  # file name -> content; each is skipped with one warning line
    "empty.txt": b"",
    "blank.md": b"  \n\t\n",
    "archive.txt": b"PK\x03\x04\x00\x00\x01\x02 some zip data",
    "noise.txt": bytes(range(1, 32)) * 40 + b"text",
}
BROKEN_FRONT = {  # file name -> content; read as plain text with one warning line
    "broken front matter.md": "---\ntitle: [unclosed\ndate: x: y\n---\nThe CSTO met in Minsk "
                              "on 3 June 2023.\n",
    "unclosed.md": "---\ntitle: No end\nThe CSTO met in Minsk on 4 June 2023.\n",
    "laughs.md": "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
        + "---\nThe CSTO met in Minsk on 5 June 2023.\n",
}
EXPECTED_WARNINGS = {
    "skipped empty.txt: empty file",
    "skipped blank.md: empty file",
    "skipped archive.txt: binary file (contains NUL bytes)",
    "skipped noise.txt: binary file (mostly non-text characters)",
    f"skipped huge.txt: too large ({MAX_SOURCE_BYTES + 1} bytes; the limit is {MAX_SOURCE_BYTES})",
    "Новости ОДКБ.txt: decoded as windows-1251",
    "broken front matter.md: broken front matter (YAML error); read as plain text",
    "unclosed.md: front matter is not closed by '---'; read as plain text",
    "laughs.md: broken front matter (YAML anchors and aliases are not allowed); read as plain text",
}


def one_line(text: str) -> str:
    """What a reader sees of ``text``: control characters as spaces, spaces collapsed."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


def new_project(root: Path) -> Path:
    """An empty project: the MkDocs configuration, theme overrides and hand-written pages."""
    (root / "data" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    return root


def write_hostile_sources(sources: Path) -> None:
    shutil.copy(SEED, sources / SEED.name)
    (sources / HOSTILE_NAME).write_text(HOSTILE_FRONT + "\n".join(HOSTILE_LINES) + "\n",
                                        encoding="utf-8")
    (sources / "Новости ОДКБ.txt").write_bytes(RU_TEXT.encode("windows-1251"))
    for name, (content, _) in UNIT_SOURCES.items():
        (sources / name).write_text(content, encoding="utf-8")
    for name, content in BAD_SOURCES.items():
        (sources / name).write_bytes(content)
    for name, content in BROKEN_FRONT.items():
        (sources / name).write_text(content, encoding="utf-8")
    with open(sources / "huge.txt", "wb") as f:  # sparse: refused by its size, never read
        f.truncate(MAX_SOURCE_BYTES + 1)


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def output_snapshot(root: Path) -> dict[str, bytes]:
    """Every byte of the build's outputs: records, pages, site."""
    out = {}
    for sub in ("data/records", "docs", "site"):
        out.update({f"{sub}/{k}": v for k, v in files_under(root / sub).items()})
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The hostile project after one full build (site included)."""
    root = new_project(tmp_path_factory.mktemp("hostile"))
    write_hostile_sources(root / "data" / "sources")
    before = files_under(root)
    result = pipeline.build(Settings(root=root), site=True)
    return {"root": root, "result": result, "before": before}


@pytest.fixture(scope="module")
def documents(built):
    return {d.id: d for d in built["result"].corpus.documents}


@pytest.fixture(scope="module")
def hostile_html(built) -> str:
    return (built["root"] / "site" / "sources" / f"{HOSTILE_ID}.html").read_text(encoding="utf-8")


def html_pages(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root / "site")): p.read_text(encoding="utf-8")
            for p in sorted((root / "site").rglob("*.html"))}


# --- reading ------------------------------------------------------------------------

def test_every_bad_file_gives_one_warning_line_and_the_others_are_built(built, documents):
    warnings = built["result"].warnings
    assert set(warnings) >= EXPECTED_WARNINGS, sorted(set(warnings) - EXPECTED_WARNINGS)
    assert all("\n" not in w for w in warnings)
    for name in [*BAD_SOURCES, "huge.txt"]:  # skipped, and named exactly once
        assert sum(name in w for w in warnings) == 1, name
    expected_ids = {SEED.stem, HOSTILE_ID, "novosti-odkb", "broken-front-matter", "unclosed",
                    "laughs", *(i for _, i in UNIT_SOURCES.values())}
    assert set(documents) == expected_ids
    for doc_id in expected_ids:
        assert (built["root"] / "site" / "sources" / f"{doc_id}.html").is_file(), doc_id


def test_utf8_with_bom_reads_cleanly(built, documents):
    doc = documents["bom"]
    assert "\ufeff" not in doc.text and doc.title == "CSTO news with a BOM"
    assert not any("bom.txt" in w for w in built["result"].warnings)
    assert (built["root"] / "data" / "records" / "dates" / "2022-07-01.yaml").is_file()


def test_windows_1251_is_decoded_with_a_warning(documents):
    doc = documents["novosti-odkb"]
    assert doc.text == RU_TEXT and doc.title == "Новости ОДКБ"
    assert doc.warnings == ("Новости ОДКБ.txt: decoded as windows-1251",)


def test_broken_front_matter_is_plain_text(documents, built):
    for doc_id, name in (("broken-front-matter", "broken front matter.md"),
                         ("unclosed", "unclosed.md"), ("laughs", "laughs.md")):
        doc = documents[doc_id]
        assert doc.meta == {} and doc.text == BROKEN_FRONT[name], doc_id
        assert len(doc.warnings) == 1 and doc.warnings[0].startswith(f"{name}: ")
        assert doc.title != "---", doc_id  # the title comes from after the front matter
    assert documents["broken-front-matter"].title.startswith("The CSTO met in Minsk")
    page = (built["root"] / "docs" / "sources" / "broken-front-matter.md").read_text("utf-8")
    assert "title&#58; &#91;unclosed" in page  # the front matter is shown as text
    assert (built["root"] / "data" / "records" / "dates" / "2023-06-03.yaml").is_file()


def test_a_multi_megabyte_document_is_processed(tmp_path):
    """About 2.5 MB: news lines, one run-on paragraph of 300 KB without a full stop and
    50,000 abbreviations that do not end a sentence (each was quadratic once; its time
    is measured by ``make bench``: bench/huge.py)."""
    root = new_project(tmp_path)
    seed = SEED.read_text(encoding="utf-8")
    run_on = ("Collective Security Treaty Organization Secretary General Stanislav Zas and "
              "Colonel General Anatoly Sidorov met ") * 2700
    abbreviations = "Gen. Smith and Col. Jones met U.S. officials in Minsk " * 2000
    text = (seed + "\n") * 400 + run_on + "\n" + abbreviations + "\n"
    assert 2_000_000 < len(text.encode("utf-8")) < MAX_SOURCE_BYTES
    (root / "data" / "sources" / "dump.txt").write_text(text, encoding="utf-8")
    result = pipeline.build(Settings(root=root), site=False)
    doc = result.corpus.documents[0]
    records = result.corpus.records
    assert any(r["id"] == "stanislav-zas" for r in records)
    quotes = [m["quote"] for r in records for m in r["mentions"]]
    assert quotes and all(q in doc.text for q in quotes)
    assert max(map(len, quotes)) <= 2000  # a run-on "sentence" is quoted in pieces


def test_a_file_over_the_limit_is_refused_by_its_size(built, documents):
    assert "huge" not in documents
    line = next(w for w in built["result"].warnings if "huge.txt" in w)
    assert line == f"skipped huge.txt: too large ({MAX_SOURCE_BYTES + 1} bytes; the limit is " \
                   f"{MAX_SOURCE_BYTES})"


# --- escaping -----------------------------------------------------------------------

LINK_TAG = re.compile(r'<a href="[^"]*">|</a>')
LINK_MD = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


def test_source_paragraphs_show_exactly_the_source_text(hostile_html, documents):
    doc = documents[HOSTILE_ID]
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


def test_no_page_of_the_site_carries_markup_from_a_source(built):
    pages = html_pages(built["root"])
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
    index = built["root"] / "site" / "search" / "search_index.json"
    if index.exists():  # Material's search renders its text as HTML: it must stay escaped
        text = index.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|img|iframe|svg|style|b |a href)", text, re.I)


def test_entity_pages_quote_the_hostile_sentences_as_text(built):
    page = (built["root"] / "site" / "people" / "imangali-tasmagambetov.html").read_text("utf-8")
    items = [i for i in re.findall(r"<li>(.*?)</li>", page) if "said on" in i]
    assert items
    for item in items:  # the mention and the timeline entry
        shown = re.sub(r"</?strong>", "", LINK_TAG.sub("", item))
        assert "<" not in shown, shown
        assert one_line(HOSTILE_LINES[0]) in html.unescape(shown)


# --- names and paths ----------------------------------------------------------------

def test_every_file_name_gets_a_unique_url_safe_id(documents):
    by_path = {d.path: d.id for d in documents.values()}
    for name, (_, expected) in UNIT_SOURCES.items():
        assert by_path[name] == expected, name
    assert by_path[HOSTILE_NAME] == HOSTILE_ID
    assert by_path["Новости ОДКБ.txt"] == "novosti-odkb"
    assert all(is_slug(i) for i in documents)
    assert len(set(by_path.values())) == len(by_path)


def test_ids_are_stable_from_build_to_build(built):
    again, _ = read_sources(built["root"] / "data" / "sources")
    assert {d.path: d.id for d in again} == {d.path: d.id
                                            for d in built["result"].corpus.documents}


def test_nothing_is_written_outside_records_docs_and_site(built):
    root = built["root"]
    after = files_under(root)
    allowed = ("data/records/", "docs/", "site/", ".cache/")
    changed = {p for p in after if built["before"].get(p) != after[p]}
    assert {p for p in changed if not p.startswith(allowed)} <= {"data/changes.yaml"}
    assert not any(p.startswith("data/sources/") for p in changed)
    for path in (root / "data" / "records").rglob("*"):
        rel = path.relative_to(root / "data" / "records")
        if path.is_file():
            assert rel.parent.name in KINDS and len(rel.parts) == 2, rel
            assert rel.suffix == ".yaml" and is_slug(rel.stem), rel
    for path in (root / "docs").rglob("*.md"):
        rel = path.relative_to(root / "docs")
        assert rel.stem == "index" or is_slug(rel.stem) or rel.name == "about.md", rel
    for sub in ("tmp", "etc"):
        assert not (root / "data" / sub).exists() and not (root / sub).exists()


def test_records_keep_every_quote_verbatim(built, documents):
    root = built["root"] / "data" / "records"
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.yaml"))]
    on_disk = {(r["type"], r["id"]): r for r in records}
    assert on_disk == {(r["type"], r["id"]): r for r in built["result"].corpus.records}
    for record in records:
        assert is_slug(record["id"])
        for m in record["mentions"]:
            assert m["quote"] in documents[m["source"]].text, m


# --- failures leave the last good output ---------------------------------------------

@pytest.fixture
def copy_of_built(built, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(built["root"], root, symlinks=True)
    return root


def test_an_invalid_curation_file_fails_and_keeps_records_pages_and_site(copy_of_built):
    root = copy_of_built
    before = output_snapshot(root)
    (root / "data" / "curation.yaml").write_text("merge:\n  - people/x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"curation\.yaml:2: merge: .*at least two"):
        pipeline.build(Settings(root=root), site=True)
    assert output_snapshot(root) == before


def test_a_failing_site_build_keeps_records_pages_and_site(copy_of_built):
    root = copy_of_built
    before = output_snapshot(root)
    (root / "data" / "sources" / "new.txt").write_text(
        "New item\n\nDefence Minister Oleg Tarasenko visited Minsk.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\ntheme: [\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"mkdocs\.yml: .*error parsing the configuration"):
        pipeline.build(Settings(root=root), site=True)
    assert output_snapshot(root) == before
    assert not (root / "data" / "records" / "people" / "oleg-tarasenko.yaml").exists()


def test_strict_fails_on_the_warnings_and_writes_nothing(copy_of_built):
    root = copy_of_built
    before = output_snapshot(root)
    with pytest.raises(pipeline.BuildError) as failure:
        pipeline.build(Settings(root=root, strict=True), site=True)
    message = str(failure.value)
    assert message.startswith("strict: warnings are failures; nothing was written")
    for line in EXPECTED_WARNINGS:
        assert line in message
    assert output_snapshot(root) == before


# --- the command line ---------------------------------------------------------------

@pytest.mark.slow
def test_cli_build_warns_and_strict_build_fails(tmp_path):
    """``csto-kb build`` prints each warning on stderr and succeeds; with ``--strict`` the
    same warning fails the build (a few seconds: one small MkDocs build)."""
    root = new_project(tmp_path)
    (root / "data" / "sources" / "news.txt").write_text(
        "CSTO news\n\nThe CSTO Collective Security Council met on 1 July 2022.\n", encoding="utf-8")
    (root / "data" / "sources" / "empty.txt").write_bytes(b"")

    def run(*extra):
        return subprocess.run([sys.executable, "-m", "csto_kb.cli", "build", "--root", str(root),
                               "--jobs", "1", *extra], capture_output=True, text=True, timeout=300)

    strict = run("--strict")
    assert strict.returncode != 0
    assert strict.stderr.startswith("csto-kb: error: strict: warnings are failures")
    assert "skipped empty.txt: empty file" in strict.stderr
    assert not (root / "site").exists() and not (root / "data" / "records").exists()

    plain = run()
    assert plain.returncode == 0, plain.stderr
    assert "warning: skipped empty.txt: empty file" in plain.stderr.splitlines()
    assert (root / "site" / "sources" / "news.html").is_file()
    assert (root / "data" / "records" / "dates" / "2022-07-01.yaml").is_file()


# --- regressions: bugs these tests found ----------------------------------------------

@pytest.mark.parametrize("front, reason", [
    ("publisher: &a [*a]\n", "YAML anchors and aliases are not allowed"),  # a list holding itself
    ("date: 2024-13-45\n", "month must be in 1..12"),
])
def test_front_matter_that_cannot_be_read_is_named_with_its_reason(tmp_path, front, reason):
    path = tmp_path / "fm.md"
    path.write_text(f"---\ntitle: T\n{front}---\nThe CSTO met.\n", encoding="utf-8")
    doc = read_source(path)
    assert doc.warnings == (f"fm.md: broken front matter ({reason}); read as plain text",)
    assert doc.text.startswith("---\ntitle: T\n")
    assert doc.title == "The CSTO met."  # the text after the front matter, not "---"


def test_deeply_nested_front_matter_does_not_crash(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: T\ntags: " + "[" * 3000 + "]" * 3000 + "\n---\nThe CSTO met.\n",
                    encoding="utf-8")
    doc = read_source(path)
    assert doc.warnings == ("deep.md: broken front matter (nested too deeply); read as plain text",)
    assert doc.text.startswith("---\ntitle: T\n") and doc.title == "The CSTO met."


def test_front_matter_nested_a_little_is_read(tmp_path):
    path = tmp_path / "nested.md"
    path.write_text("---\ntitle: T\ntags: [[a, [b]], {c: [d]}]\n---\nThe CSTO met.\n",
                    encoding="utf-8")
    doc = read_source(path)
    assert doc.title == "T" and doc.text == "The CSTO met." and doc.warnings == ()


@pytest.mark.parametrize("quote", ["a\x85b", "a\u2028b", "a\u2029b", "The CSTO\x85met."])
def test_record_yaml_keeps_unicode_line_breaks_in_quotes(quote):
    record = {"id": "x", "type": "body", "name": "X",
              "mentions": [{"source": "s", "quote": quote, "paragraph": 0, "text": "X"}]}
    assert yaml.safe_load(dump_record(record)) == record


def test_run_on_text_and_many_abbreviations_are_split():
    run_on = "word " * 100_000  # its time is measured by ``make bench`` (bench/huge.py)
    pieces = split_sentences(run_on)
    abbreviations = split_sentences("Gen. Smith and U.S. Jones met " * 20_000)
    assert max(e - s for s, e in pieces) <= MAX_SENTENCE
    assert " ".join(run_on[s:e] for s, e in pieces) == run_on.strip()
    assert max(e - s for s, e in abbreviations) <= MAX_SENTENCE


def test_a_control_character_between_words_shows_as_a_space():
    doc = make_document("The CSTO\x80met Stanislav Zas\x1bin Minsk.")
    mentions = extract_document(doc)
    entities = resolve(mentions)
    records = build_records(entities, [doc])
    page = render_pages(records, source_views([doc], records))["sources/doc.md"]
    line = page.split("\n{: #p-0 }")[0].rsplit("\n", 1)[-1]
    assert html.unescape(LINK_MD.sub(r"\1", line)) == "The CSTO met Stanislav Zas in Minsk."
