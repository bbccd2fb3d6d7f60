"""Grouping mentions of bodies, forces and operations: lexicon ids, normal forms,
abbreviations and translations defined in brackets, transliterations of names."""

from __future__ import annotations

from collections import defaultdict

from csto_kb.model import Mention
from csto_kb.resolution.keys import lexicon_index, organisation_key, translit_key


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the lexicon id (or the smaller key) becomes the root: deterministic
            keep, drop = sorted((ra, rb), key=lambda k: (not k.startswith("lex:"), k))
            self.parent[drop] = keep


def name_key(kind: str, name: str) -> str:
    """The key of a name of ``kind``: "lex:<id>" when the lexicon knows it."""
    form = translit_key(name) if kind == "operations" else organisation_key(name)
    known = lexicon_index().get((kind, form)) or lexicon_index().get((kind, organisation_key(name)))
    return f"lex:{known}" if known else f"{kind}:{form}"


def _mention_key(m: Mention, doc_ministries: dict[str, set[str]]) -> str:
    if m.key and not m.key.startswith("mission-"):
        return f"lex:{m.key}"
    if m.key:
        return f"{m.kind}:{m.key}"
    key = name_key(m.kind, m.text)
    if key.endswith("-?"):  # "the Foreign Ministry": the one of that kind named in the document
        named = sorted(k for k in doc_ministries[m.source] if k.startswith(key[:-1]) and k != key)
        key = named[0] if len(named) == 1 else f"{key}@{m.source}"
    return key


def group_organisations(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of bodies, forces or operations (one kind) grouped per entity."""
    doc_ministries: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if not m.key:
            doc_ministries[m.source].add(name_key(m.kind, m.text))
    uf = _UnionFind()
    keys = []
    for m in mentions:
        key = _mention_key(m, doc_ministries)
        keys.append(key)
        uf.find(key)
        if m.long_form:
            uf.union(key, name_key(m.kind, m.long_form))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m, key in zip(mentions, keys):
        groups[uf.find(key)].append(m)
    return [groups[k] for k in sorted(groups)]


def root_lexicon_id(mentions: list[Mention]) -> str | None:
    """The lexicon id of a group, if any of its names is in the lexicon."""
    ids = sorted({name_key(m.kind, m.text) for m in mentions} | {
        f"lex:{m.key}" for m in mentions if m.key and not m.key.startswith("mission-")})
    lex = [k[4:] for k in ids if k.startswith("lex:")]
    return lex[0] if lex else None
