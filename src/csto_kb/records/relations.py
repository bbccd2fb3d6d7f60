"""What the texts state between entities, each with the sentence that states it: events
(what a sentence says happened on a date, and who and what was in it), relations (a body
part of another, who took part in an operation, who met whom) and office holders (the
posts of people, seen from their bodies). Only sentences of the text of a news item count:
headlines, captions, bylines and page furniture state no facts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from csto_kb.model import Document, Mention, Record, Ref, kind_of, ref
from csto_kb.resolution.resolve import Entity
from csto_kb.rules_data import load_rules

Key = tuple[str, int]  # source, start of a sentence
Fact = dict[str, object]


@dataclass
class Sentence:
    """A sentence of a news item's text and the entities mentioned in it, in text order."""

    source: str
    paragraph: int
    quote: str
    mentions: list[tuple[Mention, Ref]] = field(default_factory=list)  # (mention, record ref)
    _sorted: list[tuple[Ref, str]] | None = field(default=None, repr=False, compare=False)

    def refs(self, *kinds: str) -> list[Ref]:
        """The records mentioned, of ``kinds`` (all when none), sorted, each once (asked
        once every mention is in)."""
        if self._sorted is None:
            self._sorted = [(r, kind_of(r)) for r in sorted({r for _, r in self.mentions})]
        return [r for r, kind in self._sorted if not kinds or kind in kinds]


def text_sentences(entities: list[Entity], docs: dict[str, Document]) -> dict[Key, Sentence]:
    """Every sentence of an item's text that mentions an entity, with its mentions."""
    out: dict[Key, Sentence] = {}
    for e in entities:
        own = ref(e.kind, e.id)
        for m in e.mentions:
            doc = docs.get(m.source)
            if doc is None or doc.paragraphs[m.paragraph].role != "text":
                continue
            key = (m.source, m.sentence_start)
            sentence = out.setdefault(key, Sentence(m.source, m.paragraph, m.sentence))
            sentence.mentions.append((m, own))
    for sentence in out.values():
        sentence.mentions.sort(key=lambda item: (item[0].start, item[1]))
    return out


def _fact(kind: str, obj: str, s: Sentence, date: str | None) -> Fact:
    fact: Fact = {"type": kind, "ref": obj, "source": s.source, "paragraph": s.paragraph,
                  "quote": s.quote}
    if date:
        fact["date"] = date
    return fact


@cache
def _cues() -> tuple[re.Pattern, re.Pattern]:
    rules = load_rules("patterns.yaml")

    def compiled(key: str) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in rules[key]) + r")\b", re.IGNORECASE)

    return compiled("participation_cues"), compiled("meeting_cues")


def _nested(s: Sentence) -> Iterable[tuple[str, str]]:
    """(outer, inner): a body or force whose name, in this sentence, holds a body's name
    ("the Secretariat of the CSTO", "the Peacekeeping Forces of the CSTO")."""
    outers = [(m, r) for m, r in s.mentions if r.startswith(("bodies/", "forces/"))]
    bodies = [(m, r) for m, r in outers if r.startswith("bodies/")]
    for outer, outer_ref in outers:
        for inner, inner_ref in bodies:
            if outer.start < inner.start and inner.end <= outer.end and inner_ref != outer_ref:
                yield outer_ref, inner_ref


def _part_of(s: Sentence) -> Iterable[tuple[str, str, str]]:
    """A body or force named inside another's name is part of it."""
    for outer_ref, inner_ref in _nested(s):
        yield outer_ref, "part_of", inner_ref
        yield inner_ref, "has_part", outer_ref


def _took_part(s: Sentence) -> Iterable[tuple[str, str, str]]:
    """Forces in a sentence about an operation, and the bodies they are named as forces of
    ("the Peacekeeping Forces of the CSTO"); other bodies and people where the sentence
    says they took part ("with the participation of", "took part in")."""
    operations = s.refs("operations")
    if not operations:
        return
    cue = _cues()[0].search(s.quote) is not None
    owners = [inner for outer, inner in _nested(s) if outer.startswith("forces/")]
    for who in sorted({*s.refs("forces"), *owners, *(s.refs("bodies", "people") if cue else [])}):
        for op in operations:
            yield who, "took_part_in", op
            yield op, "participant", who


def _met(s: Sentence) -> Iterable[tuple[str, str, str]]:
    """Two people in a sentence that says they met or talked."""
    people = s.refs("people")
    if len(people) < 2 or not _cues()[1].search(s.quote):
        return
    for a in people:
        for b in people:
            if a != b:
                yield a, "met_with", b


def relations(sentences: dict[Key, Sentence], date_of: Callable[[Mention], str | None]) -> dict[str, list[Fact]]:
    """Record ref -> the relations the text states about it, sorted, each once a sentence."""
    out: dict[str, dict[tuple, Fact]] = defaultdict(dict)
    for s in sentences.values():
        date = date_of(s.mentions[0][0])
        for subject, kind, obj in (*_part_of(s), *_took_part(s), *_met(s)):
            out[subject].setdefault((kind, obj, s.source, s.paragraph), _fact(kind, obj, s, date))
    return {subject: sorted(found.values(), key=_order) for subject, found in out.items()}


def events(sentences: dict[Key, Sentence]) -> dict[str, list[Fact]]:
    """Date record ref -> its events: each sentence of a text that names the date, with the
    other entities in it."""
    out: dict[str, list[Fact]] = defaultdict(list)
    for s in sentences.values():
        others = [r for r in s.refs() if not r.startswith("dates/")]
        for date in s.refs("dates"):
            out[date].append({"source": s.source, "paragraph": s.paragraph, "quote": s.quote,
                              "entities": others})
    return {date: sorted(items, key=lambda e: (str(e["source"]), str(e["paragraph"]).zfill(9), str(e["quote"])))
            for date, items in out.items()}


def office_holders(records: list[Record]) -> dict[str, list[Fact]]:
    """Body ref -> the posts people hold in it (person, role, source, date), newest first."""
    out: dict[str, list[Fact]] = defaultdict(list)
    for r in records:
        for post in r.get("posts") or ():
            if post.get("body"):
                holder: Fact = {"person": ref("people", r["id"]), "role": post["role"],
                                "source": post["source"], "paragraph": post["paragraph"]}
                if post.get("date"):
                    holder["date"] = post["date"]
                out[str(post["body"])].append(holder)
    for items in out.values():  # by role, newest evidence first (undated last), then person
        items.sort(key=lambda h: (str(h["person"]), str(h["source"]), str(h["paragraph"]).zfill(9)))
        items.sort(key=lambda h: str(h.get("date") or ""), reverse=True)
        items.sort(key=lambda h: str(h["role"]).casefold())
    return dict(out)


def _order(fact: Fact) -> tuple[str, ...]:
    return (str(fact["type"]), str(fact["ref"]), str(fact.get("date") or ""), str(fact["source"]),
            str(fact["paragraph"]).zfill(9))
