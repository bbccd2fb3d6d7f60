"""Records: the format of DESIGN.md, deterministic YAML, safe paths."""

import pytest
import yaml

from csto_kb.extraction.extract import extract_document
from csto_kb.records import RecordError, build_records, dump_record, load_records, write_records
from csto_kb.resolution import resolve
from helpers import make_document

TEXT = ("Russian Foreign Minister Sergey Lavrov met the CSTO Secretary General.\n"
        "Lavrov said on 6 January the Collective Rapid Reaction Forces (CRRF) were ready.")


def records():
    doc = make_document(TEXT, "2022-01-10")
    return build_records(resolve(extract_document(doc)), [doc])


def test_every_record_has_the_contract_fields_and_verbatim_quotes():
    for r in records():
        assert {"id", "type", "name", "aliases", "mentions"} <= set(r)
        assert all(m["quote"] in TEXT and m["source"] == "doc" for m in r["mentions"])


def test_person_record_carries_title_date_and_related():
    lavrov = next(r for r in records() if r["type"] == "person")
    assert lavrov["name"] == "Sergey Lavrov" and lavrov["aliases"] == ["Lavrov"]
    assert lavrov["titles"] == [{"title": "Russian Foreign Minister", "source": "doc",
                                 "date": "2022-01-10"}]
    assert "bodies/csto" in lavrov["related"] and "forces/crrf" in lavrov["related"]


def test_date_record_has_date_event_and_entities():
    date = next(r for r in records() if r["type"] == "date")
    assert date["date"] == "2022-01-06" and date["event"].startswith("Lavrov said on 6 January")
    assert "people/sergey-lavrov" in date["entities"]


def test_yaml_is_byte_identical_and_reads_back(tmp_path):
    write_records(records(), tmp_path / "a")
    write_records(records(), tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files_a and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
                           for f in files_a)
    assert load_records(tmp_path / "a") == sorted(
        records(), key=lambda r: (["person", "body", "force", "operation", "date"].index(r["type"]), r["id"]))


def test_a_record_id_that_is_not_a_slug_is_refused(tmp_path):
    bad = {"id": "../../etc/passwd", "type": "person", "name": "x", "aliases": [], "mentions": []}
    with pytest.raises(RecordError):
        write_records([bad], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_dump_orders_fields():
    text = dump_record({"mentions": [], "name": "N", "type": "body", "id": "n", "aliases": []})
    assert list(yaml.safe_load(text)) == ["id", "type", "name", "aliases", "mentions"]
