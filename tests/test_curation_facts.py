"""Curation reaches facts: ``reject_facts`` (a wrong post or relation, rejected on every
build), and merges, retypes and rejects that keep posts, relations and events right."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from csto_kb.pipeline import analyse
from csto_kb.resolution.curation import CurationError, apply_curation, load_curation
from csto_kb.resolution.curation_facts import FactRule
from test_curation import by_address, curation, rec, write


def post(role: str, body: str | None = None, source: str = "doc", date: str = "2022-05-30") -> dict:
    return {"role": role, "body": body, "title": role, "source": source, "paragraph": 1, "date": date}


def relation(kind: str, ref: str, source: str = "doc") -> dict:
    return {"type": kind, "ref": ref, "source": source, "paragraph": 2, "date": "2022-05-30"}


def records() -> list[dict]:
    return [
        rec("people/zas", "Stanislav Zas", posts=[post("Secretary General", "bodies/csto"),
                                                  post("Secretary General", "bodies/sco", "other"),
                                                  post("Ambassador")],
            relations=[relation("met_with", "people/lavrov"), relation("took_part_in", "operations/x")]),
        rec("people/lavrov", "Sergey Lavrov", relations=[relation("met_with", "people/zas")]),
        rec("bodies/csto", "CSTO"), rec("bodies/sco", "SCO"), rec("bodies/sco-2", "Shanghai Org"),
        rec("operations/x", "Exercise X", relations=[relation("participant", "people/zas")]),
        rec("dates/2022", refs=["people/zas"], events=[
            {"source": "doc", "paragraph": 3, "quote": "In 2022 Zas spoke.",
             "entities": ["bodies/sco-2", "people/zas"]}]),
    ]


def _curation(rules: dict[str, list[FactRule]], **sections):
    """A Curation with ``reject_facts`` (and other sections), as the loader sorts them."""
    return replace(curation(**sections), reject_facts=tuple(sorted((a, tuple(r)) for a, r in rules.items())))


def roles(record: dict) -> list[tuple]:
    return [(p["role"], p["body"], p["source"]) for p in record.get("posts", [])]


def test_a_rejected_post_goes_whatever_its_case_and_spacing():
    out, warnings = apply_curation(records(), _curation({"people/zas": [FactRule("post", "secretary  GENERAL")]}))
    assert warnings == [] and roles(by_address(out)["people/zas"]) == [("Ambassador", None, "doc")]


def test_body_and_source_narrow_a_rejected_post():
    rules = {"people/zas": [FactRule("post", "Secretary General", body="bodies/sco"),
                            FactRule("post", "Ambassador", source="elsewhere")]}
    out, warnings = apply_curation(records(), _curation(rules))
    assert roles(by_address(out)["people/zas"]) == [("Secretary General", "bodies/csto", "doc"),
                                                    ("Ambassador", None, "doc")]
    assert warnings == ["curation: reject_facts: people/zas has no post 'Ambassador'"]


def test_a_rejected_relation_goes_from_both_records():
    rules = {"operations/x": [FactRule("participant", "people/zas")],
             "people/lavrov": [FactRule("met_with", "people/zas")]}
    got = by_address(apply_curation(records(), _curation(rules))[0])
    assert got["operations/x"]["relations"] == [] and got["people/lavrov"]["relations"] == []
    assert got["people/zas"]["relations"] == []


def test_rules_naming_nothing_warn_and_change_nothing():
    rules = {"people/nobody": [FactRule("post", "Chief")],
             "people/lavrov": [FactRule("took_part_in", "operations/x")]}
    out, warnings = apply_curation(records(), _curation(rules))
    assert warnings == ["curation: reject_facts: people/lavrov has no relation took_part_in operations/x",
                        "curation: reject_facts: no record people/nobody"]
    assert by_address(out) == by_address(records())


def test_merges_and_rejects_keep_the_facts_pointing_at_records():
    c = _curation({}, merge=[["bodies/sco", "bodies/sco-2"]], reject=["people/lavrov", "bodies/csto"])
    got = by_address(apply_curation(records(), c)[0])
    zas = got["people/zas"]
    assert roles(zas) == [("Secretary General", None, "doc"), ("Secretary General", "bodies/sco", "other"),
                          ("Ambassador", None, "doc")]
    assert [f["ref"] for f in zas["relations"]] == ["operations/x"]  # lavrov was rejected
    assert got["dates/2022"]["events"][0]["entities"] == ["bodies/sco", "people/zas"]


def test_a_merge_joins_posts_relations_and_events_once():
    extra = rec("people/zas-2", "S. Zas", posts=[post("Secretary General", "bodies/csto"), post("Chief", None, "x")],
                relations=[relation("met_with", "people/lavrov")])
    got = by_address(apply_curation([*records(), extra], curation(merge=[["people/zas", "people/zas-2"]]))[0])
    zas = got["people/zas"]
    assert sorted(roles(zas)) == [("Ambassador", None, "doc"), ("Chief", None, "x"),
                                  ("Secretary General", "bodies/csto", "doc"),
                                  ("Secretary General", "bodies/sco", "other")]
    assert [(f["type"], f["ref"]) for f in zas["relations"]] == [("met_with", "people/lavrov"),
                                                                  ("took_part_in", "operations/x")]


def test_a_merge_drops_the_relation_of_a_record_with_itself():
    got = by_address(apply_curation(records(), curation(merge=[["people/zas", "people/lavrov"]]))[0])
    assert [f["ref"] for f in got["people/zas"]["relations"]] == ["operations/x"]


def test_retypes_keep_the_fields_of_the_new_kind():
    got = by_address(apply_curation([*records(), rec("bodies/2021", "2021")],
                                    curation(retype={"people/zas": "bodies", "bodies/2021": "dates"}))[0])
    assert "posts" not in got["bodies/zas"]
    date = got["dates/2021"]
    assert [e["quote"] for e in date["events"]] == ["About 2021."] and "relations" not in date


def test_input_records_are_not_mutated():
    before = records()
    kept = copy.deepcopy(before)
    apply_curation(before, _curation({"people/zas": [FactRule("post", "Ambassador")],
                                      "operations/x": [FactRule("participant", "people/zas")]},
                                     merge=[["bodies/sco", "bodies/sco-2"]]))
    assert before == kept


# ---------------------------------------------------------------- the file

def test_reject_facts_are_read_from_the_file(tmp_path):
    path = write(tmp_path, """
        reject_facts:
          people/zas:
            - {post: Secretary   General, body: bodies/sco}
            - met_with: people/lavrov
              source: doc-1
    """)
    assert load_curation(path).reject_facts == (("people/zas", (
        FactRule("met_with", "people/lavrov", None, "doc-1"),
        FactRule("post", "Secretary General", "bodies/sco", None))),)


ZAS = "reject_facts:\n  people/zas:\n    - "  # a fact of people/zas, on line 3
AT = "3: reject_facts: people/zas: "


@pytest.mark.parametrize("text, message", [
    ("reject_facts: [people/zas]", "1: reject_facts: must be a mapping of record address to a list"),
    ("reject_facts:\n  people/zas: {post: Chief}", "2: reject_facts: people/zas: must be a list of facts"),
    (ZAS + "[post, Chief]", AT + "each fact is a mapping"),
    (ZAS + "{post: Chief, headed: bodies/x}", AT + "unknown key 'headed'"),
    (ZAS + "{post: Chief, met_with: people/y}", AT + "give exactly one of"),
    (ZAS + "{met_with: people/y, body: bodies/x}", AT + "body narrows a post"),
    (ZAS + "{post: '  '}", AT + "post: the role must be a non-empty string"),
    (ZAS + "{met_with: Lavrov}", AT + "met_with: 'Lavrov' is not a record address"),
    ("reject_facts:\n  folk/zas:\n    - {post: Chief}", "2: reject_facts: unknown kind 'folk'"),
])
def test_bad_reject_facts_name_the_line(tmp_path, text, message):
    path = write(tmp_path, text + "\n")
    with pytest.raises(CurationError) as failed:
        load_curation(path)
    assert str(failed.value).startswith(f"{path}:{message}"), str(failed.value)


# ---------------------------------------------------------------- through a build

def test_a_rejected_post_leaves_the_body_and_stays_rejected(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "item.txt").write_text("News\n\n01.10.2024\n\nCSTO Secretary General Imangali Tasmagambetov "
                                      "spoke with CSTO Secretary General Stanislav Zas.\n", encoding="utf-8")
    path = write(tmp_path, """
        reject_facts:
          people/stanislav-zas:
            - {post: Secretary General, body: bodies/csto}
    """)
    for _ in range(2):  # a rebuild reads the sources again: the rejection holds
        corpus = analyse(sources, curation=load_curation(path))
        got = by_address(corpus.records)
        assert got["people/stanislav-zas"]["posts"] == []
        assert [h["person"] for h in got["bodies/csto"]["office_holders"]] == ["people/imangali-tasmagambetov"]
        assert not [w for w in corpus.warnings if "reject_facts" in w]
