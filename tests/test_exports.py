"""Data to take away: every record as JSON Lines and as JSON beside its page, one CSV
table per kind, the JSON Schema; exact round trips, safe cells, the same bytes in every
build, and ``csto-kb export`` writing the same files."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import fixtures_pages as fx
from csto_kb.exports import COLUMNS, FORMULA_STARTS, kind_csv, record_json, records_jsonl, safe_cell, schema_text
from csto_kb.model import KINDS, ref_of
from csto_kb.pages import render_pages
from csto_kb.records import load_records

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_CELLS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR",
                 "=cmd|' /C calc'!A0"]


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # a byte-order mark, for spreadsheets
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.fixture(scope="module")
def seed(seed_site) -> dict:
    """The seed site's records (as their YAML files hold them) and its downloads."""
    downloads = seed_site / "site" / "downloads"
    return {"records": load_records(seed_site / "data" / "records"), "root": seed_site,
            "files": {p.name: p.read_bytes().decode("utf-8") for p in downloads.iterdir() if p.is_file()}}


def test_the_json_lines_file_gives_back_every_record_exactly(seed):
    lines = seed["files"]["records.jsonl"].split("\n")
    assert lines[-1] == ""  # a newline after each record, one record a line
    parsed = [json.loads(line) for line in lines[:-1]]
    assert parsed == sorted(seed["records"], key=ref_of)
    assert [ref_of(r) for r in parsed] == sorted(ref_of(r) for r in parsed)


def test_each_entity_json_beside_its_page_is_its_record(seed):
    site = seed["root"] / "site"
    for record in seed["records"]:
        ref = ref_of(record)
        assert (site / f"{ref}.html").is_file(), ref
        assert json.loads((site / f"{ref}.json").read_text(encoding="utf-8")) == record
    page = (site / "people" / "stanislav-zas.html").read_text(encoding="utf-8")
    assert 'href="stanislav-zas.json"' in page


def test_every_record_is_valid_against_the_schema(seed):
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads(seed["files"]["record.schema.json"]) == schema
    validator = jsonschema.Draft202012Validator(schema)
    for record in seed["records"] + fx.records()[:-2]:  # the last two have bad ids
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record["id"], errors)
    bad = [e.message for e in validator.iter_errors({"id": "Bad Id", "type": "x", "name": "n"})]
    assert len(bad) == 3  # no mentions, an id that is no slug, an unknown type


def test_the_csv_tables_have_one_row_per_record_and_the_documented_columns(seed):
    for kind in KINDS:
        text = seed["files"][f"{kind}.csv"]
        rows = read_csv(text)
        records = [r for r in seed["records"] if ref_of(r).startswith(f"{kind}/")]
        assert [r["id"] for r in rows] == sorted(r["id"] for r in records)
        assert list(rows[0]) == [c.name for c in COLUMNS[kind]]
        assert text.count("\r\n") >= len(rows) + 1
    people = {r["id"]: r for r in read_csv(seed["files"]["people.csv"])}
    zas = people["stanislav-zas"]
    assert zas["name"] == "Stanislav Zas" and zas["page"] == "people/stanislav-zas.html"
    assert zas["json"] == "people/stanislav-zas.json"
    assert "Secretary General" in zas["posts"] and "Collective Security Treaty Organization" in zas["posts"]
    assert int(zas["mentions"]) > 1 and int(zas["sources"]) >= 1
    bodies = {r["id"]: r for r in read_csv(seed["files"]["bodies.csv"])}
    assert "Secretary General: Stanislav Zas" in bodies["csto"]["office_holders"]
    days = read_csv(seed["files"]["dates.csv"])
    assert all(d["date"] for d in days) and any(d["event"] and int(d["events"]) for d in days)


def test_a_post_stated_in_many_sources_is_one_entry_with_its_dates():
    post = {"role": "Secretary General", "body": "bodies/csto", "source": "a", "date": "2022-05-30"}
    person = {"id": "zas", "type": "person", "name": "Zas", "mentions": [], "posts": [
        post, {**post, "source": "b", "date": "2019-06-28"}, {**post, "source": "c", "date": "2020"},
        {**post, "qualifier": "acting", "body": None, "date": None}]}
    names = {"bodies/csto": "CSTO"}.get
    row = read_csv(kind_csv("people", [person], names, lambda r: "people/zas.html"))[0]
    assert row["posts"] == "Secretary General, CSTO [2019-06-28 – 2022-05-30]; Secretary General (acting)"
    assert row["page"] == "people/zas.html" and row["json"] == "people/zas.json"


def test_cells_that_could_start_a_formula_get_an_apostrophe():
    for text in HOSTILE_CELLS:
        cell = safe_cell(text)
        assert isinstance(cell, str) and cell.startswith("'") and cell[1:].strip() == text.strip()
    assert safe_cell("CSTO") == "CSTO" and safe_cell(12) == 12 and safe_cell(None) == ""
    assert safe_cell("a\x00b\x1bc") == "a b c"
    records = [{"id": f"p{n}", "type": "person", "name": text, "aliases": [text, "Plain"],
                "mentions": [], "posts": [{"role": text, "body": None, "source": "s"}]}
               for n, text in enumerate(HOSTILE_CELLS)]
    rows = read_csv(kind_csv("people", records, lambda ref: None, lambda r: None))
    assert len(rows) == len(HOSTILE_CELLS)
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), row
    assert rows[0]["name"] == "'" + HOSTILE_CELLS[0]
    assert rows[0]["aliases"] == "Plain"  # the name itself is not an alias


def test_hostile_text_round_trips_and_stays_one_line_per_record():
    text = 'He said "=1+2", then\n\u2028a\u2029b\x85c; d,e <script>' + "\ud800" + " {{ x }}"
    records = fx.records()[:-2]
    records[0]["name"] = text
    records[0]["mentions"][0]["quote"] = text
    lines = records_jsonl(records).split("\n")[:-1]
    assert len(lines) == len(records)
    assert [json.loads(line) for line in lines] == sorted(records, key=ref_of)
    assert json.loads(record_json(records[0])) == records[0]
    record_json(records[0]).encode("utf-8")  # valid UTF-8: the surrogate is escaped
    rows = {r["id"]: r for r in read_csv(kind_csv("people", records[:2], lambda ref: None, lambda r: None))}
    assert rows["stanislav-zas"]["name"] == text.replace("\ud800", "\ufffd") and len(rows) == 2


def test_the_data_files_are_the_same_bytes_in_every_build():
    pages = render_pages(fx.records(), fx.sources(), fx.CHANGES)
    again = render_pages(list(reversed(fx.records())), list(reversed(fx.sources())), fx.CHANGES)
    data = {p: t for p, t in pages.items() if not p.endswith(".md")}
    assert len(data) > 10 and data == {p: t for p, t in again.items() if not p.endswith(".md")}


def test_the_downloads_are_linked_and_documented(seed):
    site = seed["root"] / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/records.jsonl"' in home and 'href="downloads/people.csv"' in home
    for kind in KINDS:
        index = (site / kind / "index.html").read_text(encoding="utf-8")
        assert f'href="../downloads/{kind}.csv"' in index and "download" in index
    about = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in KINDS:
        for column in COLUMNS[kind]:
            assert f"<td><code>{column.name}</code></td>" in about, column.name
            assert re.search(rf"`{column.name}`", readme), column.name
    for field in json.loads(schema_text())["properties"]:
        assert f"<td><code>{field}</code></td>" in about, field


def cli(*args):
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", *map(str, args)],
                          capture_output=True, text=True)


@pytest.mark.slow
def test_the_export_command_writes_the_files_of_the_site(seed, tmp_path):
    root = seed["root"]
    done = cli("export", "--root", root, "--format", "jsonl", "--out", tmp_path / "j")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "j" / "records.jsonl").read_bytes().decode() == seed["files"]["records.jsonl"]
    assert (tmp_path / "c" / "people.csv").exists() is False
    done = cli("export", "--root", root, "--format", "csv", "--out", tmp_path / "c",
               "--base-url", "https://kb.example.org")
    assert done.returncode == 0, done.stderr
    rows = read_csv((tmp_path / "c" / "people.csv").read_bytes().decode())
    assert {r["page"] for r in rows} == {f"https://kb.example.org/people/{r['id']}.html" for r in rows}
    helped = cli("export", "--help")
    assert helped.returncode == 0 and "examples:" in helped.stdout and "--base-url" in helped.stdout
    wrong = cli("export", "--root", tmp_path, "--format", "csv", "--out", tmp_path / "x")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "csto-kb build" in wrong.stderr
