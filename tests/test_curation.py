"""The curation file: loading (with line numbers) and applying."""

from __future__ import annotations

import copy
import random
import textwrap
from pathlib import Path

import pytest

from csto_kb.resolution.curation import Curation, CurationError, apply_curation, load_curation, valid_date

TYPES = {"people": "person", "bodies": "body", "forces": "force", "operations": "operation",
         "dates": "date"}


# ---------------------------------------------------------------- helpers

def mention(source: str = "doc", quote: str = "A sentence.", paragraph: int = 0) -> dict:
    return {"source": source, "quote": quote, "paragraph": paragraph, "text": "x"}


def rec(address: str, name: str | None = None, *, aliases=(), mentions=None, refs=(),
        **extra) -> dict:
    """A minimal record at ``address`` (``kind/id``) in the shape of records/build.py."""
    kind, rid = address.split("/")
    record = {"id": rid, "type": TYPES[kind], "name": name or rid.replace("-", " ").title(),
              "aliases": list(aliases),
              "mentions": mentions if mentions is not None else [mention(quote=f"About {rid}.")]}
    if kind == "people":
        record["titles"] = []
    if kind == "dates":
        record.update(date=rid, event=f"About {rid}.", entities=sorted(refs))
    else:
        record["related"] = sorted(refs)
    record.update(extra)
    return record


def by_address(records: list[dict]) -> dict[str, dict]:
    kinds = {v: k for k, v in TYPES.items()}
    return {f"{kinds[r['type']]}/{r['id']}": r for r in records}


def curation(**sections) -> Curation:
    """A Curation from plain Python values, as the loader would sort them."""
    return Curation(
        merge=tuple(sorted(tuple(g) for g in sections.get("merge", []))),
        rename=tuple(sorted(sections.get("rename", {}).items())),
        retype=tuple(sorted(sections.get("retype", {}).items())),
        reject=tuple(sorted(sections.get("reject", []))),
        aliases=tuple(sorted((a, tuple(n)) for a, n in sections.get("aliases", {}).items())))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CurationError) as info:
        load_curation(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    return message[len(str(path)) + 1:]


# ---------------------------------------------------------------- loading

def test_missing_or_empty_file_is_no_curation(tmp_path):
    assert load_curation(tmp_path / "nope.yaml") == Curation.empty()
    assert load_curation(write(tmp_path, "")) == Curation.empty()
    assert load_curation(write(tmp_path, "# nothing yet\n")) == Curation.empty()
    assert load_curation(write(tmp_path, "merge:\nreject: []\n")) == Curation.empty()


def test_full_file_is_read_and_sorted(tmp_path):
    path = write(tmp_path, """
        merge:
          - [people/sergey-lavrov, people/sergei-lavrov]
          - [bodies/b, bodies/a]
        rename:
          people/stanislav-zas: "  Stanislav   Vasilievich Zas "
        retype:
          bodies/unifil: operations
        reject:
          - bodies/z
          - bodies/international-structures
          - bodies/z
        aliases:
          operations/mercenary: [Operation Mercenary, mercenary op, Operation Mercenary]
    """)
    c = load_curation(path)
    assert c.merge == (("bodies/b", "bodies/a"), ("people/sergey-lavrov", "people/sergei-lavrov"))
    assert c.rename == (("people/stanislav-zas", "Stanislav Vasilievich Zas"),)
    assert c.retype == (("bodies/unifil", "operations"),)
    assert c.reject == ("bodies/international-structures", "bodies/z")
    assert c.aliases == (("operations/mercenary", ("mercenary op", "Operation Mercenary")),)


@pytest.mark.parametrize("text, expected", [
    ("merge:\n  - [people/a, people/b]\n  - people/c\n",
     "3: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("# comment\n\n\nmerge:\n  - [people/a]\n",
     "5: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("merge: people/a\n",
     "1: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("retype:\n  bodies/x: people\n  bodies/unifil: organisations\n",
     "3: retype: unknown kind 'organisations' (one of people, bodies, forces, operations, dates)"),
    ("retype:\n  bodies/x: bodies\n", "2: retype: bodies/x is already in bodies"),
    ("retype:\n  bodies/x: operations\n  operations/x: forces\n",
     "2: retype: bodies/x would move onto operations/x, which is itself retyped"),
    ("reject:\n  - bodies/ok\n  - Bodies/Bad\n",
     "3: reject: unknown kind 'Bodies' in 'Bodies/Bad' (one of people, bodies, forces, "
     "operations, dates)"),
    ("reject:\n  - nobody\n", "2: reject: 'nobody' is not a record address like people/some-id"),
    ("reject:\n  - people/Not_A_Slug\n",
     "2: reject: 'people/Not_A_Slug' is not a record address like people/some-id "
     "(ids are lower-case letters, digits and hyphens)"),
    ("reject:\n  - [people/a]\n", "2: reject: this is not a record address like people/some-id"),
    ("reject: people/a\n", "1: reject: must be a list of record addresses like people/some-id"),
    ("rename:\n  people/a: A\n  people/b: '  '\n", "3: rename: people/b: the new name is empty"),
    ("rename:\n  people/b:\n", "2: rename: people/b: the new name is empty"),
    ("rename:\n  - people/a\n", "2: rename: must be a mapping of record address to new name"),
    ("retype:\n  bodies/x: operations\nrename:\n  bodies/x: X\n  operations/x: Y\n",
     "5: rename: operations/x is renamed twice (also as bodies/x)"),
    ("aliases:\n  people/a: Just One\n", "2: aliases: people/a: must be a list of names"),
    ("aliases:\n  people/a:\n    - ok\n    - {not: a string}\n",
     "4: aliases: people/a: every alias must be a non-empty string"),
    ("aliases:\n  people/a: [Foo]\n  people/b: [foo]\n",
     "3: aliases: 'foo' is given for both people/a and people/b"),
    ("merge:\n  - [people/a, people/b]\n  - [people/c, people/b]\n",
     "3: merge: people/b is already in the merge on line 2"),
    ("merge:\n  - [people/a, people/a]\n", "2: merge: people/a is already in the merge on line 2"),
    ("retype:\n  bodies/x: operations\nmerge:\n  - [operations/y, bodies/x]\n"
     "  - [operations/x, operations/z]\n",
     "5: merge: operations/x is already in the merge on line 4"),
    ("merge: []\nrenames:\n  people/a: B\n",
     "2: unknown section 'renames' (one of merge, rename, retype, reject, aliases)"),
    ("reject: []\nreject: []\n", "2: the file: 'reject' is given twice"),
    ("- people/a\n", "1: the file must be a mapping with sections merge, rename, retype, "
                     "reject, aliases"),
    ("merge:\n  - [people/a, people/b\nreject: []\n", "3: YAML syntax error: "),
    ("rename:\n  people/a: \"unclosed\n", "3: YAML syntax error: "),
    ("reject:\n\t- people/a\n", "2: YAML syntax error: "),
])
def test_errors_name_the_line(tmp_path, text, expected):
    assert load_error(tmp_path, text).startswith(expected)


def test_error_message_names_the_file(tmp_path):
    path = write(tmp_path, "retype:\n  bodies/unifil: organisations\n")
    with pytest.raises(CurationError, match=r"curation\.yaml:2: retype: unknown kind") as info:
        load_curation(path)
    assert isinstance(info.value, ValueError)


def test_fingerprint_is_stable_and_tracks_content(tmp_path):
    a = load_curation(write(tmp_path, "reject: [bodies/b, bodies/a]\n"))
    b = load_curation(write(tmp_path, "reject:\n  - bodies/a\n  - bodies/b\n"))
    c = load_curation(write(tmp_path, "reject: [bodies/a]\n"))
    assert a.fingerprint() == b.fingerprint() != c.fingerprint()
    assert Curation.empty().fingerprint() == Curation.empty().fingerprint()
    assert len(a.fingerprint()) == 64


def test_recognised_names_follow_retype_and_skip_dates():
    c = curation(retype={"bodies/unifil": "operations"},
                 aliases={"bodies/unifil": ["UNIFIL mission"], "people/zas": ["S. Zas"],
                          "dates/2022-01-06": ["Epiphany 2022"]})
    assert c.recognised_names() == {"S. Zas": "people", "UNIFIL mission": "operations"}
    assert Curation.empty().recognised_names() == {}


# ---------------------------------------------------------------- applying: retype

def test_retype_moves_record_and_rewrites_references():
    records = [rec("bodies/unifil", "UNIFIL", refs=["people/a"]),
               rec("people/a", refs=["bodies/unifil"]),
               rec("dates/2022", refs=["bodies/unifil", "people/a"])]
    out, warnings = apply_curation(records, curation(retype={"bodies/unifil": "operations"}))
    got = by_address(out)
    assert warnings == []
    assert "bodies/unifil" not in got
    moved = got["operations/unifil"]
    assert moved["type"] == "operation" and moved["name"] == "UNIFIL"
    assert moved["related"] == ["people/a"]
    assert got["people/a"]["related"] == ["operations/unifil"]
    assert got["dates/2022"]["entities"] == ["operations/unifil", "people/a"]


def test_retype_adjusts_type_specific_fields():
    records = [rec("people/x", titles=[{"title": "Minister", "source": "doc"}]),
               rec("bodies/y", refs=["people/x"]),
               rec("dates/2020s", refs=["bodies/y"])]
    c = curation(retype={"people/x": "bodies", "bodies/y": "people", "dates/2020s": "forces"})
    got = by_address(apply_curation(records, c)[0])
    assert "titles" not in got["bodies/x"]
    assert got["people/y"]["titles"] == [] and got["people/y"]["related"] == ["bodies/x"]
    force = got["forces/2020s"]
    assert {"date", "event", "entities"}.isdisjoint(force) and force["related"] == ["people/y"]


def test_retype_to_date_needs_a_date():
    records = [rec("bodies/2019", "2019", refs=["people/a", "dates/2020"],
                   mentions=[mention(quote="  In 2019   it began. ")]),
               rec("bodies/summit", "The summit"), rec("people/a"), rec("dates/2020")]
    c = curation(retype={"bodies/2019": "dates", "bodies/summit": "dates"})
    out, warnings = apply_curation(records, c)
    got = by_address(out)
    assert warnings == ["curation: retype: bodies/summit cannot become a date: neither its name "
                        "nor its id is a date like 2022-01-06; left as it is"]
    assert got["bodies/summit"] == records[1]
    date = got["dates/2019"]
    assert (date["type"], date["date"], date["event"]) == ("date", "2019", "In 2019 it began.")
    assert date["entities"] == ["people/a"] and "related" not in date


def test_retype_onto_existing_id_merges():
    records = [rec("bodies/unifil", "UNIFIL", mentions=[mention("b", "B.")]),
               rec("operations/unifil", "UN Interim Force", mentions=[mention("a", "A.")]),
               rec("people/p", refs=["bodies/unifil", "operations/unifil"])]
    got = by_address(apply_curation(records, curation(retype={"bodies/unifil": "operations"}))[0])
    op = got["operations/unifil"]
    assert op["name"] == "UN Interim Force" and op["aliases"] == ["UNIFIL"]
    assert [m["source"] for m in op["mentions"]] == ["a", "b"]
    assert got["people/p"]["related"] == ["operations/unifil"]
    assert len(got) == 2


# ---------------------------------------------------------------- applying: merge

def test_merge_joins_everything_into_the_first():
    first = rec("people/sergey-lavrov", "Sergey Lavrov", aliases=["Lavrov"],
                mentions=[mention("b", "Lavrov said.", 3), mention("a", "Hello.", 1)],
                refs=["bodies/csto"], first_seen="2022-06-08", last_seen="2022-06-08",
                titles=[{"title": "Foreign Minister", "source": "b", "date": "2022-06-08"}])
    second = rec("people/sergei-lavrov", "Sergei Lavrov", aliases=["Sergey Lavrov", "S. Lavrov"],
                 mentions=[mention("a", "Hello.", 1), mention("a", "Again.", 0)],
                 refs=["bodies/nato", "people/sergey-lavrov"], first_seen="2021-01",
                 last_seen="2023",
                 titles=[{"title": "Foreign Minister", "source": "b"},
                         {"title": "Minister", "source": "a", "date": "2021-01"}])
    other = rec("bodies/csto", refs=["people/sergei-lavrov", "people/sergey-lavrov"])
    out, warnings = apply_curation([first, second, other],
                                   curation(merge=[["people/sergey-lavrov", "people/sergei-lavrov"]]))
    got = by_address(out)
    assert warnings == [] and "people/sergei-lavrov" not in got
    lavrov = got["people/sergey-lavrov"]
    assert lavrov["name"] == "Sergey Lavrov"
    assert lavrov["aliases"] == ["Lavrov", "S. Lavrov", "Sergei Lavrov"]
    assert [(m["source"], m["paragraph"], m["quote"]) for m in lavrov["mentions"]] == [
        ("a", 0, "Again."), ("a", 1, "Hello."), ("b", 3, "Lavrov said.")]
    assert lavrov["titles"] == [{"title": "Minister", "source": "a", "date": "2021-01"},
                                {"title": "Foreign Minister", "source": "b", "date": "2022-06-08"}]
    assert (lavrov["first_seen"], lavrov["last_seen"]) == ("2021-01", "2023")
    assert lavrov["related"] == ["bodies/csto", "bodies/nato"]  # never itself
    assert got["bodies/csto"]["related"] == ["people/sergey-lavrov"]


def test_merge_warns_about_unknown_addresses():
    records = [rec("people/a"), rec("people/b"), rec("people/c")]
    c = curation(merge=[["people/a", "people/nobody", "people/b"], ["people/ghost", "people/c"]])
    out, warnings = apply_curation(records, c)
    assert sorted(by_address(out)) == ["people/a", "people/c"]
    assert warnings == ["curation: merge: no record people/nobody",
                        "curation: merge: no record people/ghost"]


def test_merge_falls_back_when_the_first_is_missing():
    records = [rec("people/b"), rec("people/c")]
    out, warnings = apply_curation(records, curation(merge=[["people/a", "people/b", "people/c"]]))
    assert sorted(by_address(out)) == ["people/b"]
    assert warnings == ["curation: merge: no record people/a",
                        "curation: merge: people/b absorbs the others in place of people/a"]


def test_merge_accepts_retyped_addresses():
    records = [rec("bodies/unifil", "UNIFIL"), rec("operations/un-mission", "UN mission")]
    for address in ("bodies/unifil", "operations/unifil"):
        c = curation(retype={"bodies/unifil": "operations"},
                     merge=[["operations/un-mission", address]])
        out, warnings = apply_curation(records, c)
        assert warnings == []
        assert [(r["id"], r["aliases"]) for r in out] == [("un-mission", ["UNIFIL"])]


# ---------------------------------------------------------------- applying: rename

def test_rename_keeps_id_and_old_name_becomes_alias():
    records = [rec("people/stanislav-zas", "Stanislav Zas",
                   aliases=["Zas", "Stanislav Vasilievich Zas"])]
    c = curation(rename={"people/stanislav-zas": "Stanislav Vasilievich Zas"})
    out, warnings = apply_curation(records, c)
    assert warnings == []
    assert out[0]["id"] == "stanislav-zas"
    assert out[0]["name"] == "Stanislav Vasilievich Zas"
    assert out[0]["aliases"] == ["Stanislav Zas", "Zas"]


def test_rename_of_missing_or_absorbed_record_warns():
    records = [rec("people/a", "A"), rec("people/b", "B")]
    c = curation(merge=[["people/a", "people/b"]], rename={"people/b": "Bee", "people/x": "X"})
    out, warnings = apply_curation(records, c)
    assert out[0]["name"] == "A"
    assert warnings == ["curation: rename: people/b was merged into people/a; name people/a instead",
                        "curation: rename: no record people/x"]


def test_rename_by_retyped_address():
    records = [rec("bodies/unifil", "Unifil")]
    c = curation(retype={"bodies/unifil": "operations"}, rename={"operations/unifil": "UNIFIL"})
    out, warnings = apply_curation(records, c)
    assert warnings == [] and (out[0]["type"], out[0]["name"]) == ("operation", "UNIFIL")


# ---------------------------------------------------------------- applying: aliases

def test_aliases_are_added_sorted_and_deduplicated():
    records = [rec("operations/mercenary", "Mercenary", aliases=["mercenary"])]
    c = curation(aliases={"operations/mercenary": ["Operation Mercenary", "mercenary",
                                                   "Mercenary", "anti-mercenary"]})
    out, warnings = apply_curation(records, c)
    assert warnings == []
    assert out[0]["aliases"] == ["anti-mercenary", "mercenary", "Operation Mercenary"]


def test_aliases_pull_in_records_with_that_name():
    records = [rec("operations/mercenary", "Mercenary", refs=["bodies/csto"]),
               rec("operations/operation-mercenary", "operation  MERCENARY",
                   mentions=[mention("new-doc", "Operation Mercenary began.")], refs=["bodies/csto"]),
               rec("bodies/operation-mercenary", "Operation Mercenary"),
               rec("bodies/csto", refs=["operations/operation-mercenary"])]
    c = curation(aliases={"operations/mercenary": ["Operation Mercenary"]})
    got = by_address(apply_curation(records, c)[0])
    assert "operations/operation-mercenary" not in got
    assert "bodies/operation-mercenary" in got  # another kind is left alone
    merged = got["operations/mercenary"]
    assert merged["aliases"] == ["operation  MERCENARY", "Operation Mercenary"]
    assert [m["source"] for m in merged["mentions"]] == ["doc", "new-doc"]
    assert got["bodies/csto"]["related"] == ["operations/mercenary"]


def test_aliases_follow_a_merge_and_warn_on_unknown():
    records = [rec("people/a", "A"), rec("people/b", "B")]
    c = curation(merge=[["people/a", "people/b"]],
                 aliases={"people/b": ["Bee"], "people/nobody": ["N"]})
    out, warnings = apply_curation(records, c)
    assert out[0]["aliases"] == ["B", "Bee"]
    assert warnings == ["curation: aliases: no record people/nobody"]


# ---------------------------------------------------------------- applying: reject

def test_reject_removes_record_and_references():
    records = [rec("bodies/international-structures"),
               rec("bodies/csto", refs=["bodies/international-structures", "people/a"]),
               rec("dates/2022", refs=["bodies/international-structures"]),
               rec("people/a")]
    c = curation(reject=["bodies/international-structures", "bodies/ghost"])
    out, warnings = apply_curation(records, c)
    got = by_address(out)
    assert "bodies/international-structures" not in got
    assert got["bodies/csto"]["related"] == ["people/a"]
    assert got["dates/2022"]["entities"] == []
    assert warnings == ["curation: reject: no record bodies/ghost"]


def test_reject_by_original_address_of_a_retyped_record():
    records = [rec("bodies/x"), rec("people/a", refs=["bodies/x"])]
    c = curation(retype={"bodies/x": "forces"}, reject=["bodies/x"])
    got = by_address(apply_curation(records, c)[0])
    assert list(got) == ["people/a"] and got["people/a"]["related"] == []


def test_reject_of_an_absorbed_record_warns_and_keeps_the_merge():
    records = [rec("people/a"), rec("people/b")]
    c = curation(merge=[["people/a", "people/b"]], reject=["people/b"])
    out, warnings = apply_curation(records, c)
    assert [r["id"] for r in out] == ["a"]
    assert warnings == ["curation: reject: people/b was merged into people/a; name people/a instead"]


def test_absorbed_then_rejected_references_are_dropped():
    records = [rec("people/a"), rec("people/b"), rec("bodies/c", refs=["people/a", "people/b"])]
    c = curation(merge=[["people/a", "people/b"]], reject=["people/a"])
    got = by_address(apply_curation(records, c)[0])
    assert list(got) == ["bodies/c"] and got["bodies/c"]["related"] == []


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
