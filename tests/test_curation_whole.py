"""Applying a whole curation: sorted output, determinism, untouched input, from a file."""

from __future__ import annotations

import copy
import random

import pytest

from csto_kb.resolution.curation import Curation, apply_curation, load_curation, valid_date
from test_curation import by_address, curation, rec, write

# ---------------------------------------------------------------- applying: general

def sample_records() -> list[dict]:
    return [rec("people/zas", "Stanislav Zas", refs=["bodies/csto", "bodies/unifil"]),
            rec("people/zas-2", "S. Zas", refs=["bodies/csto"]),
            rec("bodies/csto", "CSTO", refs=["people/zas", "people/zas-2", "bodies/junk"]),
            rec("bodies/unifil", "UNIFIL", refs=["people/zas"]),
            rec("bodies/junk", "Junk"),
            rec("forces/crrf", "CRRF"),
            rec("dates/2022-01-06", refs=["people/zas-2", "bodies/unifil"])]


SAMPLE = curation(merge=[["people/zas", "people/zas-2"]], rename={"people/zas": "Stanislav V. Zas"},
                  retype={"bodies/unifil": "operations"}, reject=["bodies/junk"],
                  aliases={"forces/crrf": ["Collective Rapid Reaction Force"]})


def test_output_is_sorted_by_kind_then_id():
    out, _ = apply_curation(list(reversed(sample_records())), SAMPLE)
    assert [(r["type"], r["id"]) for r in out] == [
        ("person", "zas"), ("body", "csto"), ("force", "crrf"), ("operation", "unifil"),
        ("date", "2022-01-06")]
    got = by_address(out)
    assert got["bodies/csto"]["related"] == ["people/zas"]
    assert got["dates/2022-01-06"]["entities"] == ["operations/unifil", "people/zas"]


def test_apply_is_deterministic_and_order_independent():
    first = apply_curation(sample_records(), SAMPLE)
    shuffled = sample_records()
    random.Random(7).shuffle(shuffled)
    assert apply_curation(shuffled, SAMPLE) == first
    assert apply_curation(sample_records(), SAMPLE) == first


def test_input_is_never_mutated():
    records = sample_records()
    before = copy.deepcopy(records)
    out, _ = apply_curation(records, SAMPLE)
    assert records == before
    out[0]["aliases"] = ["changed"]  # the output records are new dicts (lists are shared)
    out[0].pop("mentions")
    assert records == before


def test_empty_curation_changes_nothing():
    records = sample_records()
    out, warnings = apply_curation(records, Curation.empty())
    assert warnings == []
    assert by_address(out) == by_address(records)


def test_curation_from_file_applies(tmp_path):
    path = write(tmp_path, """
        retype:
          bodies/unifil: operations
        merge:
          - [people/zas, people/zas-2]
        rename:
          people/zas: Stanislav V. Zas
        reject: [bodies/junk]
        aliases:
          forces/crrf: [Collective Rapid Reaction Force]
    """)
    assert load_curation(path) == SAMPLE
    out, warnings = apply_curation(sample_records(), load_curation(path))
    assert warnings == []
    assert by_address(out)["people/zas"]["aliases"] == ["S. Zas", "Stanislav Zas"]


@pytest.mark.parametrize("value, ok", [
    ("2022", True), ("2022-01", True), ("2022-01-06", True), ("2000s", True),
    ("2022-13", False), ("2022-02-30", False), ("2001s", False), ("22", False),
    ("2022-1-6", False), ("", False), (2022, False), (None, False)])
def test_valid_date(value, ok):
    assert valid_date(value) is ok
