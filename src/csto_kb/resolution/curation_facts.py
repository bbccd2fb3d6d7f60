"""The facts of records under curation: the ``reject_facts`` section of ``data/curation.yaml``
(a wrong post or relation, rejected on every build), and keeping posts, relations and
events right when records are merged, retyped or rejected.

``reject_facts`` maps a record address to the facts of it to reject::

    reject_facts:
      people/stanislav-zas:
        - post: Secretary General        # every post of this role (case and spacing ignored)
          body: bodies/sco               # optional: only the one in this body
          source: some-source-id         # optional, on any entry: only as stated in this source
      operations/interaction-2024:
        - participant: forces/crrf       # a relation: part_of, has_part, took_part_in,
                                         # participant or met_with, and the other record

A relation is rejected on both records ("X took part in Y" and "Y had participant X").
A body's office holders are its people's posts: a rejected post leaves them too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple, Protocol

import yaml

from csto_kb.model import RELATION_INVERSES

FACT_KINDS = ("post", *RELATION_INVERSES)


class FactRule(NamedTuple):
    """One fact to reject: a post (``value`` its role) or a relation (``value`` the other
    record's address), optionally only in ``body`` (posts) or as stated in ``source``."""

    kind: str
    value: str
    body: str | None = None
    source: str | None = None


class _Reader(Protocol):
    def fail(self, node: yaml.Node, problem: str) -> Exception: ...
    def address(self, node: yaml.Node, section: str) -> str: ...
    def section_mapping(self, node: yaml.Node, section: str, shape: str) -> dict: ...
    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]: ...


def read_reject_facts(reader: _Reader, node: yaml.Node) -> tuple[tuple[str, tuple[FactRule, ...]], ...]:
    """The ``reject_facts`` section (see the module docstring), sorted; errors name the line."""
    section = "reject_facts"
    entries = reader.section_mapping(node, section, "record address to a list of facts")
    out = []
    for _, (key_node, value_node) in entries.items():
        address = reader.address(key_node, section)
        if not isinstance(value_node, yaml.SequenceNode):
            raise reader.fail(value_node, f"{section}: {address}: must be a list of facts like "
                                          "{post: Secretary General} or {took_part_in: operations/some-id}")
        rules = {_rule(reader, item, address) for item in value_node.value}
        out.append((address, tuple(sorted(rules, key=lambda r: tuple(str(f) for f in r)))))
    return tuple(sorted(out))


def _rule(reader: _Reader, node: yaml.Node, address: str) -> FactRule:
    where = f"reject_facts: {address}"
    if not isinstance(node, yaml.MappingNode):
        raise reader.fail(node, f"{where}: each fact is a mapping like {{post: Secretary General}}")
    fields = reader.mapping(node, where)
    kinds = [k for k in fields if k in FACT_KINDS]
    unknown = [k for k in fields if k not in (*FACT_KINDS, "body", "source")]
    if unknown or len(kinds) != 1:
        problem = f"unknown key {unknown[0]!r}" if unknown else "give exactly one of"
        raise reader.fail(node, f"{where}: {problem} ({', '.join(FACT_KINDS)}; body, source)")
    kind = kinds[0]
    value_node = fields[kind][1]
    if kind == "post":
        value = " ".join(str(getattr(value_node, "value", "") or "").split())
        if not isinstance(value_node, yaml.ScalarNode) or not value:
            raise reader.fail(value_node, f"{where}: post: the role must be a non-empty string")
    else:
        value = reader.address(value_node, f"{where}: {kind}")
    body = reader.address(fields["body"][1], f"{where}: body") if "body" in fields else None
    if body is not None and kind != "post":
        raise reader.fail(fields["body"][0], f"{where}: body narrows a post, not a {kind}")
    source = None
    if "source" in fields:
        source_node = fields["source"][1]
        source = str(source_node.value).strip() if isinstance(source_node, yaml.ScalarNode) else ""
        if not source:
            raise reader.fail(source_node, f"{where}: source must be a source id")
    return FactRule(kind, value, body, source)


Follow = Callable[[str], str | None]  # an address -> where it is now (None: rejected)


def _role_key(role: object) -> str:
    return " ".join(str(role or "").split()).casefold()


def reject_facts(records: dict[str, dict], rules: tuple[tuple[str, tuple[FactRule, ...]], ...],
                 follow: Follow, warn: Callable[[str], None]) -> None:
    """Remove the facts ``rules`` name from ``records`` (by current address, in place: each
    changed field is replaced by a new list)."""
    for address, wanted in rules:
        where = follow(address)
        if where is None or where not in records:
            warn(f"no record {address}")
            continue
        for rule in wanted:
            if rule.kind == "post":
                if not _drop(records[where], "posts", partial(_post_matches, rule=rule, follow=follow)):
                    warn(f"{address} has no post {rule.value!r}" + (f" in {rule.body}" if rule.body else ""))
                continue
            other = follow(rule.value)
            found = _drop(records[where], "relations", partial(_relation_matches, rule=rule, other=other))
            if other is not None and other in records:
                inverse = rule._replace(kind=RELATION_INVERSES[rule.kind])
                found |= _drop(records[other], "relations",
                               partial(_relation_matches, rule=inverse, other=where))
            if not found:
                warn(f"{address} has no relation {rule.kind} {rule.value}")


def _drop(record: dict, field: str, matches: Callable[[dict], bool]) -> bool:
    items = record.get(field)
    if not isinstance(items, list):
        return False
    kept = [i for i in items if not (isinstance(i, dict) and matches(i))]
    if len(kept) != len(items):
        record[field] = kept
    return len(kept) != len(items)


def _post_matches(post: dict, rule: FactRule, follow: Follow) -> bool:
    return (_role_key(post.get("role")) == _role_key(rule.value)
            and (rule.body is None or post.get("body") == follow(rule.body))
            and (rule.source is None or post.get("source") == rule.source))


def _relation_matches(fact: dict, rule: FactRule, other: str | None) -> bool:
    return (fact.get("type") == rule.kind and other is not None and fact.get("ref") == other
            and (rule.source is None or fact.get("source") == rule.source))


def join_facts(target: dict, other: dict) -> None:
    """``target`` takes in the posts, relations and events of ``other`` (a merge), each once."""
    for field, key in (("posts", _post_key), ("relations", _relation_key), ("events", _event_key)):
        if field in target or field in other:
            joined: dict[tuple, dict] = {}
            for item in [*(target.get(field) or []), *(other.get(field) or [])]:
                if isinstance(item, dict):
                    joined.setdefault(key(item), item)
            target[field] = [joined[k] for k in sorted(joined)]


def _post_key(p: dict) -> tuple:
    return (str(p.get("date") or ""), str(p.get("role")), str(p.get("source")),
            str(p.get("paragraph")).zfill(9), str(p.get("body") or ""), str(p.get("qualifier") or ""))


def _relation_key(f: dict) -> tuple:
    return (str(f.get("type")), str(f.get("ref")), str(f.get("date") or ""), str(f.get("source")),
            str(f.get("paragraph")).zfill(9))


def _event_key(e: dict) -> tuple:
    return (str(e.get("source")), str(e.get("paragraph")).zfill(9), str(e.get("quote")))


def rewrite_fact_refs(address: str, record: dict, follow: Follow) -> None:
    """Point the facts of ``record`` at where the records they name are now: a post's body
    that was rejected becomes none; a relation to a rejected record, or that a merge made
    a relation of the record with itself, goes; events name the records' new addresses."""
    if isinstance(record.get("posts"), list):
        record["posts"] = [{**p, "body": follow(p["body"])} if p.get("body") else p
                           for p in record["posts"] if isinstance(p, dict)]
    if isinstance(record.get("relations"), list):
        moved = [{**f, "ref": follow(str(f.get("ref")))} for f in record["relations"] if isinstance(f, dict)]
        kept = {_relation_key(f): f for f in moved if f["ref"] not in (None, address)}
        record["relations"] = [kept[k] for k in sorted(kept)]
    if isinstance(record.get("events"), list):
        record["events"] = [{**e, "entities": sorted({r for r in map(follow, e.get("entities") or [])
                                                      if r is not None and r != address})}
                            for e in record["events"] if isinstance(e, dict)]
