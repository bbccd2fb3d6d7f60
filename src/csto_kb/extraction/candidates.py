"""A candidate span found by one rule, before overlaps are settled."""

from __future__ import annotations

from bisect import bisect_left, insort
import dataclasses
import re
from dataclasses import dataclass

# When two candidates overlap, the longer wins; on equal length, the lower rank.
RULE_RANK = {"person": 0, "lexicon": 1, "lexicon-ci": 2, "abbreviation": 3, "pattern": 4}


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    key: str | None = None
    rule: str = "pattern"
    long_form: str | None = None
    title: str | None = None

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


_OF_BEFORE = re.compile(r"\bof(?:\s+the)?\s+$")
NESTING_KINDS = ("bodies", "forces")


def nested_names(text: str, found: list[Candidate], kept: list[Candidate]) -> list[Candidate]:
    """Bodies and forces named inside a kept one's complement, which ``kept`` left out:
    "the House of Representatives of | the National Assembly of the Republic of Belarus |"
    names both. They come back with the rule "nested" (links go to the outer one)."""
    outer = [c for c in kept if c.kind in NESTING_KINDS]
    if not outer:
        return []
    taken = set(kept)
    inner = [c for c in found if c.kind in NESTING_KINDS and c not in taken and any(
        o.start < c.start and c.end <= o.end and _OF_BEFORE.search(text, o.start, c.start)
        for o in outer)]
    return [dataclasses.replace(c, rule="nested") for c in settle_overlaps(inner)]
