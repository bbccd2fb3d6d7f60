"""A candidate span found by one rule, before overlaps are settled."""

from __future__ import annotations

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
    for cand in order:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: (c.start, c.end))
