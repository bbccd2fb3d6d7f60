"""Finding the standing institutions of the lexicon in text, longest name first."""

from __future__ import annotations

import re
from functools import cache

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.vocab import vocabulary
from csto_kb.rules_data import load_rules

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


@cache
def _home_organs() -> tuple[re.Pattern | None, dict[str, tuple[str, str]]]:
    """"the organization's secretariat": the home organisation's organs (its context
    aliases) in lower case after a possessive of its common names."""
    rules = load_rules("lexicon.yaml")
    home, possessors = rules.get("home"), rules.get("home_possessors") or []
    organs = {a.lower(): (e.kind, e.id) for e in vocabulary().lexicon
              if e.context == home and e.id != home for a in e.context_aliases}
    if not organs or not possessors:
        return None, {}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, possessors)) + r")['’]s\s+(?P<organ>"
                         + _alternation(list(organs)) + r")" + _EDGE_R)
    return pattern, organs


def find_home_organs(text: str, start: int, end: int) -> list[Candidate]:
    """The home organisation's organs named after a possessive ("the bloc's secretariat"),
    as context aliases: they count where the document names the organisation."""
    pattern, organs = _home_organs()
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, start, end):
        kind, key = organs[re.sub(r"\s+", " ", m.group("organ")).lower()]
        out.append(Candidate(kind, m.start("organ"), m.end("organ"), key=key, rule="lexicon-context"))
    return out
