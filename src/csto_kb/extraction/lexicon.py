"""Finding the standing institutions of the lexicon in text, longest name first."""

from __future__ import annotations

import re
from functools import cache

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.vocab import vocabulary

_EDGE_L = r"(?<![\w-])"
_EDGE_R = r"(?![\w-])"


def _alternation(names: list[str]) -> str:
    names = sorted(set(names), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


@cache
def _matchers() -> tuple[re.Pattern, re.Pattern, dict, dict]:
    exact: dict[str, tuple[str, str]] = {}
    folded: dict[str, tuple[str, str]] = {}
    for entry in vocabulary().lexicon:
        if not entry.match:
            continue
        for alias in entry.aliases:
            exact.setdefault(alias, (entry.kind, entry.id))
        for alias in entry.aliases_ci:
            folded.setdefault(alias.casefold(), (entry.kind, entry.id))
    case_sensitive = re.compile(_EDGE_L + "(?:" + _alternation(list(exact)) + ")" + _EDGE_R)
    case_folded = re.compile(_EDGE_L + "(?:" + _alternation(list(folded)) + ")" + _EDGE_R, re.I)
    return case_sensitive, case_folded, exact, folded


def find_lexicon(text: str, start: int, end: int) -> list[Candidate]:
    """Lexicon names in ``text[start:end]`` as candidates carrying their record id."""
    case_sensitive, case_folded, exact, folded = _matchers()
    found = []
    for match in case_sensitive.finditer(text, start, end):
        kind, key = exact[re.sub(r"\s+", " ", match.group())]
        found.append(Candidate(kind, match.start(), match.end(), key=key, rule="lexicon"))
    for match in case_folded.finditer(text, start, end):
        kind, key = folded[re.sub(r"\s+", " ", match.group()).casefold()]
        found.append(Candidate(kind, match.start(), match.end(), key=key, rule="lexicon-ci"))
    return found
