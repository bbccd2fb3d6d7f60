"""What pages and the terminal show of untrusted names: no bidirectional controls that
reorder the text after them, no zero-width characters that make look-alike records, no
escape sequences for the terminal to obey."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from csto_kb.extraction.extract import extract_document
from csto_kb.invisible import drop_invisible
from csto_kb.pages import md_escape, render_pages
from csto_kb.pages.views import source_views
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
INVISIBLE = "\u202e\u2066\u200b\u200d\u2060\ufeff\u00ad\u200f"


def test_pages_show_no_bidirectional_or_zero_width_characters():
    assert md_escape("Stanislav \u202eZas\u202c\u200b (CSTO)") == "Stanislav Zas &#40;CSTO&#41;"
    record = {"id": "zas", "type": "person", "name": "Stanislav \u202eZas\u2069",
              "aliases": ["Z\u200bas"], "titles": [], "related": [],
              "mentions": [{"source": "doc", "quote": "Stanislav \u202eZas spoke.", "paragraph": 0}]}
    source = {"id": "doc", "title": "News \u202eof the day", "date": None, "meta": {},
              "paragraphs": [], "links": [], "text": ""}
    pages = render_pages([record], [source])
    # the data files too (but for the byte-order mark that opens a CSV table, for
    # spreadsheets); their JSON keeps the names exact, with \u escapes
    shown = {path: text.removeprefix("\ufeff") if path.endswith(".csv") else text
             for path, text in pages.items()}
    assert not [(path, c) for path, text in shown.items() for c in INVISIBLE if c in text]
    assert json.loads(pages["people/zas.json"])["name"] == record["name"]
    assert 'title: "Stanislav Zas"' in pages["people/zas.md"]


def test_zero_width_characters_make_no_second_record(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("CSTO news\n\nCSTO Secretary General Stanislav Zas met the press on 3 May "
                    "2022.\nStanislav Z\u200bas\u00ad said that Colonel General Anatoly "
                    "Sido\u200drov would lead the exercise.\nAnatoly Sidorov agreed.\n",
                    encoding="utf-8")
    doc = read_source(path)
    assert not any(c in doc.text for c in INVISIBLE)
    records = build_records(resolve(extract_document(doc)), [doc])
    people = sorted(r["name"] for r in records if r["type"] == "person")
    assert people == ["Anatoly Sidorov", "Stanislav Zas"]


def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "news.txt").write_text("CSTO news\n\nThe CSTO met in Minsk.\n", encoding="utf-8")
    (sources / "\x1b]0;owned\x07\x1b[2J\u202eevil.txt").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "csto_kb.cli", "extract", "--sources", str(sources),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "warning: skipped \\x1b]0;owned\\x07\\x1b[2J\\u202eevil.txt: empty file" in result.stderr
    pdf = tmp_path / "\x1b[31mscan.pdf"
    pdf.write_bytes(b"%PDF")
    added = subprocess.run([sys.executable, "-m", "csto_kb.cli", "add", str(pdf), "--root", str(tmp_path),
                            "--no-build"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert added.returncode == 1 and "\x1b" not in added.stderr
    assert added.stderr == f"refused: {tmp_path}/\\x1b[31mscan.pdf: not a .txt or .md document\n"


def test_source_views_of_a_document_with_invisible_characters_link_its_names(tmp_path):
    """Offsets are those of the text as read (without the invisible characters)."""
    path = tmp_path / "news.txt"
    path.write_text("CSTO news\n\nSecretary General Stanislav Z\u200bas met the CSTO Joint Staff.\n",
                    encoding="utf-8")
    doc = read_source(path)
    records = build_records(resolve(extract_document(doc)), [doc])
    page = render_pages(records, source_views([doc], records))["sources/news.md"]
    assert "[Stanislav Zas](../people/stanislav-zas.md)" in page


def test_an_invisible_character_beside_a_linked_name_shows_as_nothing(tmp_path):
    """Not as a space: the page shows the text as it looks, the link where the name is."""
    from hostile_project import one_line
    from test_properties import make_document

    for text in ("(1)\u202eStanislav Zas", "(1)\u202e Stanislav Zas", "Stanislav Zas\u200b(1)"):
        doc = make_document(text)
        records = build_records(resolve(extract_document(doc)), [doc])
        page = render_pages(records, source_views([doc], records))[f"sources/{doc.id}.md"]
        line = next(line for line in page.splitlines() if "[Stanislav Zas](" in line)
        shown = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", line).replace("&#40;", "(").replace("&#41;", ")")
        assert shown == one_line(text), (text, line)


def test_an_emoji_keeps_its_variation_selector_so_that_quotes_stay_verbatim(tmp_path):
    path = tmp_path / "feed.txt"
    text = "CSTO Watch\n\n\u2708\ufe0f CSTO Secretary General Stanislav Zas landed in Minsk.\n"
    path.write_text(text, encoding="utf-8")
    doc = read_source(path)
    quotes = {m.sentence for m in extract_document(doc)}
    assert quotes and all(q in text for q in quotes)
    # next to a letter it deceives: it goes
    assert drop_invisible("Za\ufe0fs \u25aa\ufe0f") == "Zas \u25aa\ufe0f"


# The quick tests of escape.py and json_lines.py stand for the invisible pattern, whose
# lookarounds make its search slow: they must find whatever it finds.
def test_every_invisible_character_is_in_the_quick_class_and_not_printable():
    from csto_kb.invisible import INVISIBLE as PATTERN
    from csto_kb.invisible import INVISIBLE_CHARS

    quick = re.compile(f"[{INVISIBLE_CHARS}]")
    matched = [chr(c) for c in range(sys.maxunicode + 1) if PATTERN.match(chr(c))]
    assert "\u200b" in matched and "\ufe0f" in matched
    assert all(quick.match(ch) for ch in matched)
    # escape.py's _is_clean: of these, only the variation selectors are printable
    assert {ch for ch in matched if ch.isprintable()} == {chr(c) for c in range(0xFE00, 0xFE10)}


def test_the_quick_tests_agree_with_the_patterns():
    import random

    from csto_kb.exports.json_lines import _UNSAFE, _escape_unsafe
    from csto_kb.pages.escape import _UNCLEAN, _is_clean

    pieces = [" ", "  ", "a", "Zas", "\u200d", "\ufe0f", "\u00a0", "\t", "\n", "é", "✈", "👨",
              "\u2028", "\x85", "\u200b", "\u202e", "1", "\U000e0041", "\x7f", "-", "\ud800"]
    rng = random.Random(7)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _is_clean(text) == (not _UNCLEAN.search(text)), repr(text)
        assert (_escape_unsafe(text) == text) == (not _UNSAFE.search(text)), repr(text)
