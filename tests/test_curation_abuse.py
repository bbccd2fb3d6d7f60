"""Curation files and record files written to break things: every problem is one line
naming the file and the line, never a traceback, a hang or a silent surprise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from csto_kb.resolution.curation import CurationError, apply_curation, load_curation

ROOT = Path(__file__).resolve().parents[1]


def curation(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(CurationError) as failure:
        load_curation(curation(tmp_path, text))
    return str(failure.value)


def record(address: str, name: str) -> dict:
    kind, rid = address.split("/")
    return {"id": rid, "type": {"people": "person", "dates": "date"}[kind], "name": name,
            "aliases": [], "mentions": [{"source": "s", "quote": f"{name} spoke."}]}


def test_a_merge_across_kinds_is_refused_with_its_line(tmp_path):
    assert refused(tmp_path, "merge:\n  - [people/a, people/b]\n  - [dates/2022, people/x]\n") \
        == (f"{tmp_path / 'curation.yaml'}:3: merge: people/x is a person and dates/2022 a "
            "date: only records of one kind merge (retype one of them first)")
    ok = load_curation(curation(tmp_path, "retype:\n  people/x: dates\nmerge:\n"
                                          "  - [dates/2022, people/x]\n"))
    assert ok.merge == (("dates/2022", "people/x"),)  # retyped first: one kind


def test_renaming_to_the_name_of_another_record_warns():
    records = [record("people/a", "Ivan Petrov"), record("people/b", "Oleg Sidorov")]
    cur = load_curation_text("rename:\n  people/a: oleg  Sidorov\n")
    out, warnings = apply_curation(records, cur)
    assert warnings == ["curation: rename: people/a is renamed 'oleg Sidorov', the name of "
                        "people/b; merge them if they are one"]
    assert [r["name"] for r in out] == ["oleg Sidorov", "Oleg Sidorov"]


def load_curation_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return load_curation(curation(Path(folder), text))


def test_huge_alias_lists_and_names_are_refused_with_their_line(tmp_path):
    names = "".join(f"    - Name {n}\n" for n in range(101))
    assert refused(tmp_path, f"aliases:\n  people/a:\n{names}").endswith(
        ":103: aliases: people/a: more than 100 names; a record has at most that many (are "
        "they all one entity?)")
    assert refused(tmp_path, f"rename:\n  people/a: {'x' * 201}\n").endswith(
        ":2: rename: people/a: the new name is 201 characters long; at most 200")
    big = curation(tmp_path, "aliases:\n  people/a: [" + "A, " * 2_000_000 + "B]\n")
    with pytest.raises(CurationError, match=r"curation\.yaml:1: \d+ bytes, more than a "
                                            r"curation file needs \(at most 5242880\)"):
        load_curation(big)


@pytest.mark.parametrize("text, problem", [
    ("aliases:\n  people/a: " + "[" * 20_000 + "]" * 20_000 + "\n",
     ":2: nested too deeply (more than 50 levels)"),
    ("merge:\n  - !!python/object:os.system [people/a, people/b]\n",
     ":2: the tag !!python/object:os.system is not allowed (plain YAML only: text, numbers, "
     "lists and mappings)"),
    ("rename:\n  people/a: !!python/object/apply:os.system [ls]\n",
     ":2: the tag !!python/object/apply:os.system is not allowed"),
    ("aliases:\n  people/a: &names [A, B]\n  people/b: *names\n",
     ":2: YAML anchors and aliases are not allowed"),
])
def test_yaml_that_is_not_plain_is_refused_with_its_line(tmp_path, text, problem):
    assert problem in refused(tmp_path, text)


def test_names_are_compared_as_they_look(tmp_path):
    cur = load_curation(curation(tmp_path, "rename:\n  people/a: \"Stanislav\\u200b Zas\\u202e\"\n"
                                           "aliases:\n  people/a: [\"Z\\u200bas\"]\n"))
    assert cur.rename == (("people/a", "Stanislav Zas"),) and cur.aliases == (("people/a", ("Zas",)),)


def test_check_reports_malformed_record_files_one_line_each(tmp_path):
    people = tmp_path / "data" / "records" / "people"
    people.mkdir(parents=True)
    (people / "deep.yaml").write_text("id: deep\ntype: person\nname: X\nmentions: []\naliases: "
                                      + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    (people / "folder.yaml").mkdir()
    (people / "link.yaml").symlink_to("/etc/passwd")
    os.mkfifo(people / "pipe.yaml")  # reading it would wait for ever
    (people / "tag.yaml").write_text("id: tag\ntype: person\nname: !!python/object:os.system X\n"
                                     "mentions: []\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "csto_kb.cli", "check", "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{people}/deep.yaml:5: aliases must be a list of names",
        f"{people}/folder.yaml:1: a directory, not a regular file",
        f"{people}/link.yaml:1: a symbolic link, not a regular file",
        f"{people}/pipe.yaml:1: a named pipe, not a regular file",
        f"{people}/tag.yaml:3: not valid YAML: the tag !!python/object:os.system is not allowed "
        "in a record",
    ]
