"""Property-based tests: random and adversarial text through reading, extraction,
resolution, records and rendering.

Whatever the text, nothing crashes; every mention and quote is verbatim source text;
every record id is a slug and its YAML reads back the same; the rendered Markdown holds
no markup from the source (no raw ``<``, no Jinja delimiters, no ``javascript:`` link)
and each source paragraph is shown as exactly the text a reader would see.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from csto_kb.exports import FORMULA_STARTS
from csto_kb.extraction.extract import extract_document
from csto_kb.model import KIND_OF_TYPE, KINDS, Document, ref_of
from csto_kb.pages import is_generated, render_pages
from csto_kb.pages.escape import is_slug
from csto_kb.pages.views import source_views
from csto_kb.records import build_records, dump_record
from csto_kb.resolution import resolve
from csto_kb.sources import SourceError, read_source, source_id
from csto_kb.sources.ids import unique_ids
from helpers import make_document
from hostile_project import one_line

# --- adversarial fragments ----------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>", "<script src=//evil.example/x.js>", "</script>",
    "<img src=x onerror=alert(2)>", '<a href="javascript:alert(3)">link</a>',
    "javascript:alert(4)", "JaVaScRiPt:alert(5)", "[click](javascript:alert(6))",
    "![img](http://evil.example/x.png)", "<http://evil.example>", "<iframe src=x>",
    "<style>body{display:none}</style>", "<!-- c -->", "<!--", "-->", "<b>", "</p>",
    '<svg onload="alert(7)">', "<", ">", "&", "&amp;", "&#60;", "&lt;script&gt;",
    "onclick=alert(8)", '" onmouseover="alert(9)', "' onfocus='alert(10)",
]
JINJA = ["{{ config }}", "{{", "}}", "{% raw %}", "{%", "%}", "{#", "#}",
         "{%- if x -%}", "{{ 7*7 }}", "${x}", "@{x}"]
MARKDOWN = ["# ", "## Heading", "* ", "- ", "+ ", "1. ", "2) ", "> ", "```", "`code`",
            "**bold**", "__under__", "_", "*", "|", "| a | b |", "---", "===", "***",
            "!!! warning \"x\"", "{: #hijack .evil onclick=\"x\" }", "[^1]: note",
            "\\", "    indented", "[TOC]", "*[CSTO]: abbr", "[x]: http://evil.example",
            "[x][y]", "~~strike~~", "^sup^", "==mark==", "++ins++", ":smile:", "<br>"]
BRACKETS = ["(", ")", "[", "]", "{", "}", '"', "'", "«", "»", "“", "”", "‘", "’", "„",
            "(CRRF)", "(CSTO)", "()", "[]"]
DATES = ["12 March 2024", "on January 6", "June 8, 2022", "30.05.2022", "2022-01-06",
         "in 2010", "in the 2000s", "2022-2023", "from 5 to 7 May 2023", "31 February 2023",
         "29 February 2023", "00.00.0000", "99.99.9999", "1 January 10000", "May",
         "8 June 2022\n", "\n02.10.2024\n", "September 2023"]
NAMES = ["Stanislav Zas", "Imangali Tasmagambetov", "Sergey Lavrov", "Sergei Lavrov",
         "Anatoly Sidorov", "T.S. Sultangaziev", "Mr. Smith", "O'Neil", "Jean-Luc Picard",
         "Stanislav Vasilievich", "ZAS", "Zas", "Иван Петров", "Kassym-Jomart Tokayev",
         "Alexander Lukashenko", "Lukashenka", "Valery Semerikov"]
TITLES = ["Secretary General", "CSTO Secretary General", "Defence Minister",
          "Chief of the CSTO Joint Staff", "President", "Colonel General", "Gen.",
          "Foreign Minister", "Deputy Secretary General", "Ambassador"]
CSTO = ["CSTO", "the Collective Security Treaty Organization", "Collective Rapid Reaction "
        "Forces", "Collective Peacekeeping Forces (CPF)", "Operation Mercenary",
        "Operation Channel", "CSTO Joint Staff", "Council of Foreign Ministers",
        "Collective Security Council", "NATO", "UN", "SCO", "CIS", "Ministry of Defence of "
        "Kazakhstan", "peacekeeping mission", "exercises", "Interaction-2023"]
GLUE = [" ", " ", " ", ". ", ", ", "; ", ": ", " — ", "-", "!", "?", "…", "\n", "\n\n",
        "\t", "\u00a0", "\u2028", "\r\n", "\r", "\u202e", "\ufeff", "\u0301", "é", "ё",
        "🙂", "\x0b", "\x1f", "said", "met", "the", "and", "of", "in", "on", "with"]
FRONT_MATTER = ["", "", "", "---\ntitle: <script>x</script> {{ t }}\ndate: 2024-03-05\n---\n",
                "---\ntitle: [broken\n---\n", "---\nurl: javascript:alert(1)\npublisher: "
                "\"<img src=x onerror=alert(1)>\"\n---\n", "---\ntitle: x\n"]

FRAGMENTS = MARKUP + JINJA + MARKDOWN + BRACKETS + DATES + NAMES + TITLES + CSTO + GLUE

adversarial = st.builds(
    lambda head, parts: head + "".join(parts),
    st.sampled_from(FRONT_MATTER),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1,
             max_size=40),
)
random_text = st.text(max_size=300)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the pipeline on one document and the checks --------------------------------------

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
SAFE_TARGET = re.compile(r"[A-Za-z0-9_./-]+(?:#[A-Za-z0-9_-]+)?|https?://\S+")
# written by the templates themselves: the timeline's, and the search marks (csto_kb.search)
BOILERPLATE_MARKS = re.escape('.boilerplate data-search-exclude="true" data-pagefind-ignore="all"')
ALLOWED_TAGS = re.compile(r'</?(?:br|small|span|div)>|<div data-pagefind-ignore="all" markdown="1">'
                          r'|<span data-pagefind-ignore>|<div hidden data-pagefind-ignore data-search-exclude="true">'
                          r'|<span data-pagefind-filter="name-[0-9a-f-]+">')


def check_data_file(path: str, text: str, records: list) -> None:
    """A data file of the site: a record's JSON and the JSON Lines file give back the
    records exactly, one line each; no CSV cell can start a formula."""
    if path.endswith(".jsonl"):
        assert [json.loads(line) for line in text.splitlines()] == sorted(records, key=ref_of)
    elif path.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        assert len(rows) == 1 + sum(KIND_OF_TYPE[r["type"]] == path[10:-4] for r in records)
        assert not [c for row in rows for c in row if c.startswith(FORMULA_STARTS)], rows
    elif not path.endswith(".schema.json"):
        assert json.loads(text) in records, path


def check_document(doc: Document) -> None:
    """Extraction, resolution, records and pages of ``doc``, checking every contract."""
    mentions = extract_document(doc)
    event("some mentions" if mentions else "no mention")
    text = doc.text
    for m in mentions:
        assert m.kind in KINDS
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start:m.end], m
        assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence, m
        assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence), m
        assert 0 <= m.paragraph < len(doc.paragraphs)
    entities = resolve(mentions)
    records = build_records(entities, [doc])
    refs = set()
    for r in records:
        assert is_slug(r["id"]), r["id"]
        refs.add((r["type"], r["id"]))
        for m in r["mentions"]:
            assert m["source"] == doc.id
            assert m["quote"] in text, m
        assert yaml.safe_load(dump_record(r)) == r
    assert len(refs) == len(records), "two records share a kind and id"

    pages = render_pages(records, source_views([doc], records), None)
    for path, page in pages.items():
        assert is_generated(path.split("/")[0]) and ".." not in path and "\\" not in path, path
        stem = path.rsplit("/", 1)[-1].partition(".")[0]
        assert stem == "index" or is_slug(stem), path
        if not path.endswith(".md"):
            check_data_file(path, page, records)
            continue
        body = ALLOWED_TAGS.sub("", page)
        assert "<" not in body, (path, body[body.index("<") - 40:body.index("<") + 40])
        assert "{{" not in page and "{%" not in page and "{#" not in page, path
        assert "](javascript:" not in page.lower(), path
        for _, target in LINK.findall(page):
            assert SAFE_TARGET.fullmatch(target), target

    source_page = pages[f"sources/{doc.id}.md"]
    for i, para in enumerate(doc.paragraphs):
        shown = re.search(rf"^(.*)\n\{{: #p-{i}(?: {BOILERPLATE_MARKS})? \}}$", source_page, re.M)
        assert shown, f"paragraph {i} missing"
        seen = html.unescape(LINK.sub(r"\1", shown.group(1)))
        expected = one_line(text[para.start:para.end])
        assert seen == (expected or "\u00a0"), (seen, expected)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


def read_text_as_file(directory, text: str) -> Document | None:
    """``text`` written as a UTF-8 file and read back; None when the reader refuses it
    (empty or binary), which must be one clear line naming the file."""
    path = directory / "hostile input.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        doc = read_source(path)
    except SourceError as exc:
        assert str(exc).startswith("hostile input.txt: ") and "\n" not in str(exc)
        event(f"refused: {exc.reason.split(' (')[0]}")
        return None
    event("read")
    assert doc.id == "hostile-input"
    return doc


# --- the properties -------------------------------------------------------------------

@SETTINGS
@given(adversarial)
def test_adversarial_text_through_the_whole_pipeline(workdir, text):
    doc = read_text_as_file(workdir, text)
    if doc is not None:
        check_document(doc)


@SETTINGS
@given(random_text)
def test_random_text_through_the_whole_pipeline(workdir, text):
    doc = read_text_as_file(workdir, text)
    if doc is not None:
        check_document(doc)


@SETTINGS
@given(st.one_of(adversarial, random_text))
def test_unnormalised_text_straight_into_extraction(text):
    """Text the reader never saw (carriage returns, no NFC): extraction and rendering
    still keep every offset verbatim."""
    doc = make_document(text)
    check_document(doc)


file_names = st.text(st.characters(exclude_characters="/\x00"), min_size=1, max_size=120)


@SETTINGS
@given(st.lists(st.one_of(file_names, st.sampled_from(
    ["a b.txt", "a-b.txt", "A_B.md", "..", "../../etc/passwd", "Новости ОДКБ.txt", "中文.txt",
     "<script>.md", "{{ x }}.txt", "CON.txt", " .txt", "-.txt", "%2e%2e.txt"])), max_size=8))
def test_any_file_names_get_unique_url_safe_ids(names):
    ids = unique_ids([source_id(n) for n in names])
    assert all(is_slug(i) and len(i) <= 90 for i in ids), ids
    assert len(set(ids)) == len(ids)
    assert ids == unique_ids([source_id(n) for n in names])  # the same names, the same ids
