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


Entry = tuple[str, str, str]  # kind, lexicon id, rule


@cache
def _matchers() -> tuple[re.Pattern, re.Pattern, dict[str, Entry], dict[str, Entry]]:
    exact: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    for entry in vocabulary().lexicon:
        if not entry.match:
            continue
        for alias in entry.aliases:
            exact.setdefault(alias, (entry.kind, entry.id, "lexicon"))
        for alias in entry.context_aliases:
            exact.setdefault(alias, (entry.kind, entry.id, "lexicon-context"))
        for alias in entry.aliases_ci:
            folded.setdefault(alias.casefold(), (entry.kind, entry.id, "lexicon-ci"))
    case_sensitive = re.compile(_EDGE_L + "(?:" + _alternation(list(exact)) + ")" + _EDGE_R)
    case_folded = re.compile(_EDGE_L + "(?:" + _alternation(list(folded)) + ")" + _EDGE_R, re.I)
    return case_sensitive, case_folded, exact, folded


@cache
def context_of() -> dict[str, str]:
    """Lexicon id -> the id a document must name for its context aliases to count."""
    return {e.id: e.context for e in vocabulary().lexicon if e.context_aliases}


def find_lexicon(text: str, start: int, end: int) -> list[Candidate]:
    """Lexicon names in ``text[start:end]`` as candidates carrying their record id; a
    context alias has the rule "lexicon-context" (see :func:`keep_in_context`)."""
    case_sensitive, case_folded, exact, folded = _matchers()
    found = []
    for match in case_sensitive.finditer(text, start, end):
        kind, key, rule = exact[re.sub(r"\s+", " ", match.group())]
        found.append(Candidate(kind, match.start(), match.end(), key=key, rule=rule))
    for match in case_folded.finditer(text, start, end):
        kind, key, rule = folded[re.sub(r"\s+", " ", match.group()).casefold()]
        found.append(Candidate(kind, match.start(), match.end(), key=key, rule=rule))
    return found


def keep_in_context(candidates: list[Candidate], named: set[str]) -> list[Candidate]:
    """``candidates`` without the context aliases whose context the document does not
    name in full (``named``: the lexicon ids of its full-name matches)."""
    return [c for c in candidates
            if c.rule != "lexicon-context" or context_of().get(c.key or "") in named]
