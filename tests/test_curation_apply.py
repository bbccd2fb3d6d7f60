"""Applying the curation file to records: retype, merge, rename, aliases, reject, in that order."""

from __future__ import annotations

from csto_kb.resolution.curation import apply_curation
from test_curation import by_address, curation, mention, rec

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
