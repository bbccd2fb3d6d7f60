"""A candidate span found by one rule, before overlaps are settled."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, insort
from dataclasses import dataclass

# When two candidates overlap, the longer wins; on equal length, the lower rank.
RULE_RANK = {"person": 0, "lexicon": 1, "lexicon-ci": 2, "lexicon-context": 3, "abbreviation": 4,
             "pattern": 5}
CONTEXT_RULES = ("lexicon-context",)  # names that stand for an entity only where it is named fully


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    key: str | None = None
    rule: str = "pattern"
    long_form: str | None = None
    title: str | None = None
    title_spans: tuple[tuple[int, int], ...] = ()  # people: where titles stated with the name are
    posts: tuple = ()  # people: the posts of that title (model.Post)

    @property
    def length(self) -> int:
        return self.end - self.start


def settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (ties: rule rank, then kind), by start."""
    order = sorted(candidates, key=lambda c: (-c.length, RULE_RANK.get(c.rule, 9), c.start, c.kind))
    taken: list[Candidate] = []
    # The kept spans never overlap, so sorted by (start, end) their ends rise too: a
    # candidate overlaps a kept span iff the last one starting before its end ends after
    # its start. Looked up by bisection, so a very long sentence is not quadratic.
    spans: list[tuple[int, int]] = []
    for cand in order:
        i = bisect_left(spans, (cand.end,))
        if i == 0 or spans[i - 1][1] <= cand.start:
            taken.append(cand)
            insort(spans, (cand.start, cand.end))
    return sorted(taken, key=lambda c: (c.start, c.end))


_OF_THE_BEFORE = re.compile(r"\bof\s+the\s+$")
_OF_BEFORE = re.compile(r"\bof\s+$")
NESTING_KINDS = ("bodies", "forces")


def nested_names(text: str, found: list[Candidate], kept: list[Candidate]) -> list[Candidate]:
    """Bodies and forces named inside a kept one's complement, which ``kept`` left out:
    "the House of Representatives of the | National Assembly of the Republic of Belarus |"
    names both. A complement names another entity after "of the" ("the Secretariat of the
    CSTO") or as an abbreviation ("of CIS"); "the Council of Commanders of Border Troops"
    describes its own. They come back with the rule "nested" (links go to the outer one)."""
    outer = [c for c in kept if c.kind in NESTING_KINDS]
    if not outer:
        return []
    taken = set(kept)

    def named_inside(c: Candidate, o: Candidate) -> bool:
        if not (o.start < c.start and c.end <= o.end):
            return False
        if _OF_THE_BEFORE.search(text, o.start, c.start):
            return True
        return c.rule == "lexicon" and text[c.start:c.end].isupper() \
            and _OF_BEFORE.search(text, o.start, c.start) is not None

    from csto_kb.extraction.organisations import is_generic_name

    inner = [c for c in found if c.kind in NESTING_KINDS and c not in taken
             and c.rule not in CONTEXT_RULES and any(named_inside(c, o) for o in outer)
             and not is_generic_name(text[c.start:c.end])]
    return [dataclasses.replace(c, rule="nested") for c in settle_overlaps(inner)]
