"""Bodies and forces found by shape: a capitalised phrase whose principal noun is a
body word (Council, Ministry, Centre ...) or a force word (Forces, Division ...),
with its complements ("of Internal Affairs of the Russian Federation")."""

from __future__ import annotations

import re
from functools import cache

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.tokens import Token
from csto_kb.extraction.vocab import Vocabulary, vocabulary
from csto_kb.rules_data import load_rules

COMPLEMENT_WORDS = {"of", "for", "on"}


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _is_part(tok: Token, v: Vocabulary) -> bool:
    word = tok.text
    return word[0].isupper() and word not in v.leading_noise and not word.endswith(".") \
        or word[0].isupper() and len(word) > 1 and word.isupper()


def _breaks_after(word: str, v: Vocabulary) -> bool:
    """A possessive ends a name ("the Organization's Secretariat"), unless it is a
    country's ("Tajikistan's State Committee for National Security")."""
    stem = re.sub(r"['’]s$", "", word)
    return stem != word and stem not in v.geo_words


def _chunks(tokens: list[Token], blocked: set[int], v: Vocabulary) -> list[tuple[int, int]]:
    """Runs of capitalised tokens on one line (no connectors), as index ranges."""
    out, i = [], 0
    while i < len(tokens):
        ordinal = _ORDINAL.fullmatch(tokens[i].text) is not None
        if i in blocked or not (ordinal or _is_part(tokens[i], v)):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j not in blocked and _is_part(tokens[j], v) \
                and tokens[j].start - tokens[j - 1].end <= 1 \
                and not _breaks_after(tokens[j - 1].text, v):
            j += 1
        if ordinal and j == i + 1:
            i += 1
            continue
        out.append((i, _trim_titles(tokens, i, j, blocked, v)))
        i = j
    return out


def _trim_titles(tokens: list[Token], i: int, j: int, blocked: set[int], v: Vocabulary) -> int:
    """Leave out the title words a chunk ends with when a person's name follows
    ("... of the Republic of Belarus Major General | Viktor Gulevich")."""
    if j not in blocked:
        return j
    from csto_kb.extraction.people import is_title_word

    while j > i + 1 and (is_title_word(tokens[j - 1].text, v) or tokens[j - 1].text in v.title_modifiers):
        j -= 1
    return j


def _principal(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _extend(tokens: list[Token], chunks: list[tuple[int, int]], n: int, v: Vocabulary) -> int:
    """Index after the complements that follow chunk ``n`` ("of the Russian Federation")."""
    end = chunks[n][1]
    m = n + 1
    complemented = False
    while m < len(chunks):
        gap = [t.text for t in tokens[end:chunks[m][0]]]
        close = chunks[m][1]
        bracket = (gap == ["("] and close + 2 < len(tokens) and tokens[close].text == ")"
                   and tokens[close + 1].text in COMPLEMENT_WORDS)
        if bracket:
            end = chunks[m][1] + 1
            m += 1
            continue
        joined = complemented and gap == ["and"]  # "on Defence and Security Issues"
        if not joined and (not gap or gap[0] not in COMPLEMENT_WORDS or any(
                w not in v.connectors for w in gap) or len(gap) > 2) \
                or tokens[chunks[m][0]].text in v.not_complements:
            break
        complemented = True
        end = chunks[m][1]
        m += 1
    return end


def find_organisations(text: str, tokens: list[Token], blocked: set[int]) -> list[Candidate]:
    """Body and force candidates among one sentence's ``tokens``; ``blocked`` are token
    indexes already taken by people."""
    v = vocabulary()
    chunks = _chunks(tokens, blocked, v)
    found = []
    for n, (i, j) in enumerate(chunks):
        head = _principal(tokens[j - 1].text)
        if head in v.not_body_heads:
            continue
        kind = "bodies" if head in v.body_heads else "forces" if head in v.force_heads else None
        if kind is None or (j - i == 1 and kind == "forces" and head in ("Forces", "Force", "Troops")):
            continue
        end = _extend(tokens, chunks, n, v)
        if end - i == 1:  # a head word alone ("the Council") names nothing in particular
            continue
        found.append(Candidate(kind, tokens[i].start, tokens[end - 1].end))
    return found


@cache
def _force_phrases() -> re.Pattern:
    phrases = sorted(load_rules("patterns.yaml")["force_lower_phrases"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.I)


@cache
def _numbered_force() -> re.Pattern:
    return re.compile(load_rules("patterns.yaml")["force_numbered"])


def find_force_phrases(text: str, start: int, end: int) -> list[Candidate]:
    """Lower-case force phrases of the rules ("regional groupings of forces and means",
    "the 201st military base")."""
    found = [Candidate("forces", m.start(), m.end()) for m in _force_phrases().finditer(text, start, end)]
    found += [Candidate("forces", m.start(), m.end()) for m in _numbered_force().finditer(text, start, end)]
    return found
