"""``csto-kb check`` of a records directory, and records checked when they are loaded:
every problem names the file and the line."""

from __future__ import annotations

import pytest

from csto_kb.records import RecordError, load_records, write_records
from csto_kb.records.check import check_records
from test_curation import rec


def test_check_records_on_a_good_directory(tmp_path):
    write_records([rec("people/zas", refs=["bodies/csto"]), rec("people/zas-2"),
                   rec("bodies/csto", refs=["people/zas"]),
                   rec("dates/2000s", refs=["bodies/csto"])],
                  tmp_path / "records")
    assert check_records(tmp_path / "records") == []


def test_check_records_reports_each_problem(tmp_path):
    root = tmp_path / "records"
    write_records([rec("people/a", refs=["bodies/csto"]), rec("bodies/csto")], root)
    files = {
        "people/broken.yaml": "id: broken\nname: [unclosed\n",
        "people/list.yaml": "- just a list\n",
        "people/bare.yaml": "id: bare\n",
        "people/wrong-id.yaml": "id: other\ntype: person\nname: X\nmentions: []\n",
        "bodies/wrong-type.yaml": "id: wrong-type\ntype: person\nname: X\nmentions: []\n",
        "forces/bad-mentions.yaml": ("id: bad-mentions\ntype: force\nname: X\nmentions:\n"
                                     "  - source: doc\n  - quote: Q.\n  - just text\n"),
        "dates/2022-13.yaml": ("id: 2022-13\ntype: date\nname: X\ndate: 2022-13\n"
                               "mentions: []\nentities: [people/a, people/ghost]\n"),
        "operations/refs.yaml": ("id: refs\ntype: operation\nname: X\nmentions: []\n"
                                 "related: [operations/refs, bodies/csto, bodies/nowhere]\n"),
        "stray.yaml": "id: stray\n",
    }
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    problems = check_records(root)
    expected = [
        f"{root}/stray.yaml:1: not in a kind folder",
        f"{root}/people/broken.yaml:3: not valid YAML",
        f"{root}/people/list.yaml:1: not a record",
        f"{root}/people/bare.yaml:1: missing type",
        f"{root}/people/bare.yaml:1: missing name",
        f"{root}/people/bare.yaml:1: missing mentions",
        f"{root}/people/wrong-id.yaml:1: id 'other' does not match the file name 'wrong-id.yaml'",
        f"{root}/bodies/wrong-type.yaml:2: type 'person' does not match the folder 'bodies'",
        f"{root}/forces/bad-mentions.yaml:5: mention 1 has no quote",
        f"{root}/forces/bad-mentions.yaml:6: mention 2 has no source",
        f"{root}/forces/bad-mentions.yaml:7: mention 3 is not a mapping",
        f"{root}/operations/refs.yaml:5: related: lists the record itself",
        f"{root}/operations/refs.yaml:5: related: no record bodies/nowhere",
        f"{root}/dates/2022-13.yaml:4: date '2022-13' is not a date",
        f"{root}/dates/2022-13.yaml:6: entities: no record people/ghost",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), line
    assert len(problems) == len(expected)


def test_check_records_on_a_missing_directory(tmp_path):
    assert check_records(tmp_path / "none") == [f"{tmp_path / 'none'}: not a directory"]


def test_loading_a_record_of_the_wrong_shape_names_the_file_and_line(tmp_path):
    root = tmp_path / "records"
    write_records([rec("people/a"), rec("bodies/csto")], root)
    (root / "people" / "a.yaml").write_text(
        "id: a\ntype: person\nname: A\nmentions:\n- source: doc\n  quote: Q.\n"
        "  spans: [[5, 2]]\nrelated: [bodies/csto, not-a-ref]\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"people/a\.yaml:7: mention 1: spans"):
        load_records(root)
    (root / "people" / "a.yaml").write_text(
        "id: a\ntype: person\nname: A\nmentions: []\nrelated: [bodies/csto, not-a-ref]\n",
        encoding="utf-8")
    with pytest.raises(RecordError, match=r"people/a\.yaml:5: related: 'not-a-ref' is not"):
        load_records(root)
    (root / "people" / "a.yaml").write_text("id: a\ntype: person\nname: [A\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"people/a\.yaml:\d+: not valid YAML"):
        load_records(root)
