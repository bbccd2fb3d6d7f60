"""Bad input, end to end: failures leave the last good output, the command line's
messages, and regressions these tests found (the hostile project: tests/hostile_project.py)."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys

import pytest
import yaml

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.extraction.extract import extract_document
from csto_kb.extraction.sentences import MAX_SENTENCE, split_sentences
from csto_kb.pages import render_pages
from csto_kb.pages.views import source_views
from csto_kb.records import build_records, dump_record
from csto_kb.resolution import resolve
from csto_kb.sources import read_source
from helpers import make_document
from hostile_project import (
    EXPECTED_WARNINGS,
    new_project,
    output_snapshot,
)
from test_hostile_input import LINK_MD

# --- failures leave the last good output ---------------------------------------------

@pytest.fixture
def copy_of_built(hostile_built, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(hostile_built["root"], root, symlinks=True)
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
    assert doc.warnings == ("deep.md: broken front matter (nested too deeply (more than 50 "
                            "levels)); read as plain text",)
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
