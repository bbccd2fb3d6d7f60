"""Applying a ``Curation`` to the extracted records (plain dicts, see records/build.py).

The sections are applied in this order: retype, merge, rename, aliases, reject,
reject_facts (see curation_facts.py). An
address in a later section may name a record by its original address or by the one a
retype gave it. A record absorbed by a merge is followed to the record that absorbed it
by ``aliases``, but ``rename`` and ``reject`` refuse it with a warning (acting on the
merged record would touch more than the user named). Finally every ``related`` and
``entities`` reference to a record that moved, was absorbed or was rejected is rewritten
or dropped. Addresses that match no record give warnings, never errors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from csto_kb.model import KIND_OF_TYPE, KINDS, TYPE_OF_KIND, Record
from csto_kb.resolution.curation_facts import join_facts, reject_facts, rewrite_fact_refs
from csto_kb.resolution.curation_load import Curation

EVENT_MAX = 240  # as records/build.py
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECADE = re.compile(r"\d{3}0s")
_REFS = ("related", "entities")


def valid_date(value: object) -> bool:
    """True for an ISO 8601 date at some precision (2022, 2022-01, 2022-01-06) or a decade (2000s)."""
    if not isinstance(value, str):
        return False
    if _DECADE.fullmatch(value):
        return True
    match = _ISO.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def address_of(record: dict) -> str:
    """``<kind>/<id>`` of a record."""
    return f"{KIND_OF_TYPE.get(str(record.get('type')), str(record.get('type')))}/{record.get('id')}"


def sort_names(names) -> list[str]:
    """Names deduplicated and sorted case-insensitively, as records/build.py does."""
    return sorted(set(names), key=lambda f: (f.casefold(), f))


class _State:
    """The records being curated, by address, and where removed addresses went."""

    def __init__(self, records: list[dict]):
        # A shallow copy is enough: curation replaces or pops a record's fields, it never
        # changes a list or a mention in place, so the input records stay untouched.
        self.records = {address_of(r): dict(r) for r in records}
        self.redirect: dict[str, tuple[str | None, str]] = {}  # old -> (new or None, how)
        self.warnings: list[str] = []

    def warn(self, section: str, message: str) -> None:
        self.warnings.append(f"curation: {section}: {message}")

    def follow(self, address: str) -> tuple[str | None, bool]:
        """Where ``address`` is now (None: rejected) and whether a merge absorbed it."""
        merged, seen = False, set()
        while address in self.redirect and address not in seen:
            seen.add(address)
            target, how = self.redirect[address]
            merged |= how == "merge"
            if target is None:
                return None, merged
            address = target
        return address, merged

    def find(self, address: str, section: str, absorbed_ok: bool = True) -> str | None:
        """The current address of a record named in ``section``, or None with a warning."""
        where, merged = self.follow(address)
        if where is None or where not in self.records:
            self.warn(section, f"no record {address}")
            return None
        if merged and not absorbed_ok:
            self.warn(section, f"{address} was merged into {where}; name {where} instead")
            return None
        return where

    def absorb(self, target: str, other: str, how: str = "merge") -> None:
        """Record ``other`` joins record ``target`` and disappears."""
        _absorb(self.records[target], self.records.pop(other))
        self.redirect[other] = (target, how)


def apply_curation(records: list[Record], curation: Curation) -> tuple[list[Record], list[str]]:
    """New records with ``curation`` applied (the input is left untouched) and one warning
    line per address that could not be applied. Output sorted by kind, then id.

    The output records are new dicts, but they share lists and mentions with the input
    (copying them all would cost more than the rest of resolution): treat both as read-only.
    """
    state = _State(cast(list[dict[str, Any]], records))
    for address, kind in curation.retype:
        _retype(state, address, kind)
    for group in curation.merge:
        _merge(state, group)
    for address, name in curation.rename:
        _rename(state, address, name)
    for address, names in curation.aliases:
        _add_aliases(state, address, names)
    for address in curation.reject:
        if (where := state.find(address, "reject", absorbed_ok=False)) is not None:
            del state.records[where]
            state.redirect[where] = (None, "reject")
    _rewrite_refs(state)
    reject_facts(state.records, curation.reject_facts, lambda a: state.follow(a)[0],
                 lambda message: state.warn("reject_facts", message))
    return cast(list[Record], sorted(state.records.values(), key=_order)), state.warnings


def _order(record: dict) -> tuple:
    kind = KIND_OF_TYPE.get(str(record.get("type")))
    return (KINDS.index(kind) if kind else len(KINDS), str(record.get("type")), str(record.get("id")))


def _retype(state: _State, address: str, kind: str) -> None:
    if address not in state.records:
        state.warn("retype", f"no record {address}")
        return
    record = state.records[address]
    if kind == "dates" and not _date_of(record):
        state.warn("retype", f"{address} cannot become a date: neither its name nor its id is a "
                             "date like 2022-01-06; left as it is")
        return
    del state.records[address]
    _convert(record, kind)
    target = f"{kind}/{record['id']}"
    state.redirect[address] = (target, "retype")
    if target in state.records:
        _absorb(state.records[target], record)
    else:
        state.records[target] = record


def _date_of(record: dict) -> str | None:
    return next((v for v in (record.get("date"), record.get("name"), record.get("id")) if valid_date(v)), None)


def _convert(record: dict, kind: str) -> None:
    """Change ``record`` in place into a record of ``kind``, with that kind's fields."""
    refs = sorted(set(record.pop("related", [])) | set(record.pop("entities", [])))
    if record.get("type") == "person" and kind != "people":
        record.pop("titles", None)
        record.pop("posts", None)
    if record.get("type") == "date" and kind != "dates":
        record.pop("date", None)
        record.pop("event", None)
        record.pop("events", None)
    if record.get("type") == "body" and kind != "bodies":
        record.pop("office_holders", None)
    if kind == "people":
        record.setdefault("titles", [])
    if kind == "dates":
        record["date"] = _date_of(record)
        quotes = [m.get("quote", "") for m in record.get("mentions", [])]
        record["event"] = _trim(quotes[0]) if quotes else record["name"]
        record["entities"] = [r for r in refs if not r.startswith("dates/")]
        record.pop("relations", None)
        record["events"] = [{"source": m.get("source"), "paragraph": m.get("paragraph"),
                             "quote": m.get("quote", ""), "entities": record["entities"]}
                            for m in record.get("mentions", [])]
    else:
        record["related"] = refs
    record["type"] = TYPE_OF_KIND[kind]


def _trim(sentence: str) -> str:
    sentence = " ".join(sentence.split()).strip(" -–—•")
    if len(sentence) <= EVENT_MAX:
        return sentence
    return sentence[:EVENT_MAX].rsplit(" ", 1)[0] + " …"


def _absorb(target: dict, other: dict) -> None:
    """``target`` takes in ``other``: names as aliases, mentions, titles, seen dates, refs."""
    names = set(target.get("aliases", [])) | {other["name"]} | set(other.get("aliases", []))
    names.discard(target["name"])
    target["aliases"] = sort_names(names)
    target["mentions"] = _join_mentions(target.get("mentions", []), other.get("mentions", []))
    if target.get("type") == "person":
        target["titles"] = _join_titles(target.get("titles", []), other.get("titles", []))
    for key, pick in (("first_seen", min), ("last_seen", max)):
        seen = [str(r[key]) for r in (target, other) if r.get(key)]
        if seen:
            target[key] = pick(seen)
    field = "entities" if target.get("type") == "date" else "related"
    refs = set(target.get(field, []))
    for name in _REFS:
        refs |= set(other.get(name, []))
    target[field] = sorted(refs)
    join_facts(target, other)
    for kind, fields in (("person", ("posts",)), ("date", ("events",))):
        if target.get("type") != kind:
            for name in fields:
                target.pop(name, None)
    if target.get("type") == "date":
        target.pop("relations", None)


def _mention_key(m: dict) -> tuple:
    return (str(m.get("source", "")), m.get("paragraph", -1), str(m.get("quote", "")))


def _join_mentions(first: list[dict], second: list[dict]) -> list[dict]:
    """One mention per sentence; the spans of a sentence both records quote are joined."""
    joined: dict[tuple, dict] = {}
    for m in first + second:
        kept = joined.setdefault(_mention_key(m), m)
        if kept is not m and m.get("spans"):
            spans = sorted({tuple(s) for s in (kept.get("spans") or []) + m["spans"]})
            joined[_mention_key(m)] = {**kept, "spans": [list(s) for s in spans]}
    return [joined[k] for k in sorted(joined)]


def _join_titles(first: list[dict], second: list[dict]) -> list[dict]:
    joined: dict[tuple, dict] = {}
    for t in first + second:
        joined.setdefault((t.get("title"), t.get("source")), t)
    return sorted(joined.values(), key=lambda t: (t.get("date") or "", str(t.get("title")),
                                                  str(t.get("source"))))


def _merge(state: _State, group: tuple[str, ...]) -> None:
    found = []
    for address in group:
        where = state.find(address, "merge")
        if where is not None and where not in found:
            found.append(where)
    if len(found) > 1 and state.follow(group[0])[0] != found[0]:
        state.warn("merge", f"{found[0]} absorbs the others in place of {group[0]}")
    for other in found[1:]:
        state.absorb(found[0], other)


def _rename(state: _State, address: str, name: str) -> None:
    where = state.find(address, "rename", absorbed_ok=False)
    if where is None:
        return
    record = state.records[where]
    if record["name"] == name:
        return
    aliases = set(record.get("aliases", [])) | {record["name"]}
    aliases.discard(name)
    record["name"], record["aliases"] = name, sort_names(aliases)


def _add_aliases(state: _State, address: str, names: tuple[str, ...]) -> None:
    where = state.find(address, "aliases")
    if where is None:
        return
    record = state.records[where]
    record["aliases"] = sort_names(set(record.get("aliases", [])) | set(names) - {record["name"]})
    wanted = {" ".join(n.split()).casefold() for n in names}
    kind = where.split("/", 1)[0]
    for other, rec in sorted(state.records.items()):
        if other != where and other.startswith(f"{kind}/") and \
                " ".join(str(rec.get("name", "")).split()).casefold() in wanted:
            state.absorb(where, other)


def _rewrite_refs(state: _State) -> None:
    for address, record in state.records.items():
        for field in _REFS:
            if field in record:
                refs = {state.follow(ref)[0] for ref in record[field]}
                refs.discard(None)
                refs.discard(address)
                record[field] = sorted(refs)
        rewrite_fact_refs(address, record, lambda a: state.follow(a)[0])
