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
    """A token that may be part of a capitalised name."""
    word = tok.text
    if not word[0].isupper() or word.endswith(v.modifier_endings) or word in v.headline_verbs:
        return False  # (a headline's verb: "Tasmagambetov Takes | Office")
    return word not in v.leading_noise and not word.endswith(".") or len(word) > 1 and word.isupper()


def _is_possessive(word: str) -> bool:
    return word in ("'s", "’s", "'S", "’S")


def _bracketed_word(tokens: list[Token], j: int, v: Vocabulary) -> bool:
    """A word in square brackets inside a name: "the 31st Guards Separate Air Assault
    [Peacekeeping] Brigade"."""
    return (tokens[j].text == "[" and j + 3 < len(tokens) and tokens[j + 2].text == "]"
            and _is_part(tokens[j + 1], v) and _is_part(tokens[j + 3], v))


def _joins(tokens: list[Token], j: int, v: Vocabulary) -> bool:
    """Whether a possessive at ``j`` stays inside a name: a country's ("Tajikistan's State
    Committee for National Security"), an office's before a body word ("the Prosecutor
    General's Office"); any other ends it ("the Organization's Secretariat")."""
    if not _is_possessive(tokens[j].text) or j + 1 >= len(tokens) or not _is_part(tokens[j + 1], v):
        return False
    from csto_kb.extraction.people import is_title_word

    before, after = tokens[j - 1].text, tokens[j + 1].text
    return before in v.geo_words or (is_title_word(before, v) and after in v.body_heads)


def _chunks(tokens: list[Token], blocked: set[int], v: Vocabulary) -> list[tuple[int, int]]:
    """Runs of capitalised tokens on one line (no connectors), as index ranges."""
    out, i = [], 0
    while i < len(tokens):
        ordinal = _ORDINAL.fullmatch(tokens[i].text) is not None
        if i in blocked or not (ordinal or _is_part(tokens[i], v)):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j not in blocked and tokens[j].start - tokens[j - 1].end <= 1 \
                and (_is_part(tokens[j], v) or _joins(tokens, j, v) or _bracketed_word(tokens, j, v)) \
                and not _number_sign(tokens, j, v):
            j += 3 if tokens[j].text == "[" else 1
        if ordinal and j == i + 1:
            i += 1
            continue
        out.append((i, _trim_titles(tokens, i, j, blocked, v)))
        i = j
    return out


def _number_sign(tokens: list[Token], j: int, v: Vocabulary) -> bool:
    """Whether ``tokens[j]`` is a number sign before a number ("No. 14", "No 4-5")."""
    after = tokens[j + 1:j + 3]
    return tokens[j].text in v.number_signs and bool(after) and (
        after[0].text[0].isdigit() or after[0].text == "." and len(after) > 1
        and after[1].text[0].isdigit())


def _trim_titles(tokens: list[Token], i: int, j: int, blocked: set[int], v: Vocabulary) -> int:
    """Leave out the title words a chunk ends with when a person's name follows
    ("... of the Republic of Belarus Major General | Viktor Gulevich")."""
    if j not in blocked:
        return j
    from csto_kb.extraction.people import is_title_word

    while j > i + 1 and (is_title_word(tokens[j - 1].text, v) or tokens[j - 1].text in v.title_modifiers):
        j -= 1
    return j


_EDITION = re.compile(r"-(?:19|20)\d\d$")


def _principal(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _complement_gap(gap: list[str], place: bool, v: Vocabulary) -> bool:
    """Whether the words between two chunks join them as a complement: "of", "of the",
    "for", "on"; "in", "to", "at" after a place head ("the Embassy of X in Y")."""
    if not gap or len(gap) > 2:
        return False
    opener = gap[0] in COMPLEMENT_WORDS or (place and gap[0] in v.place_words)
    return opener and all(w in v.connectors or w == gap[0] for w in gap)


def _extend(tokens: list[Token], chunks: list[tuple[int, int]], n: int, v: Vocabulary,
            inner: bool = False) -> int:
    """Index after the complements that follow chunk ``n`` ("of the Russian Federation");
    a bracketed abbreviation stays inside only when a complement follows it ("Border
    Troops (CCBT) of the CIS"); a list joins with commas and "and" ("of Russian, East
    European and Central Asian Studies"). A name ``inner`` to a longer one takes no "on"
    or "for": that is the longer one's ("the Standing Commission of [the Parliamentary
    Assembly of the CSTO] on Defence and Security Issues")."""
    from csto_kb.extraction.people import is_title_word

    end = chunks[n][1]
    place = _principal(tokens[end - 1].text) in v.place_heads
    unit = _ORDINAL.fullmatch(tokens[chunks[n][0]].text) is not None and tokens[end - 1].text in v.unit_heads
    m = n + 1
    complemented = False

    def takes(gap: list[str], k: int) -> bool:
        """Whether chunk ``k``, after the words ``gap``, goes on the name."""
        first = tokens[chunks[k][0]].text
        joined = complemented and first not in v.body_heads and not is_title_word(first, v) and (
            gap == ["and"] or gap == [","] and _list_ends(tokens, chunks, k))  # "... and | Minister of"
        field = len(gap) == 2 and gap == ["in", "the"] and first in v.field_words
        under = gap == ["under", "the"] and first in v.under_heads
        joined_with = gap == ["with"] and complemented and tokens[end - 1].text in v.with_nouns
        last = _principal(tokens[chunks[k][1] - 1].text)
        if unit and last in v.parent_force_heads:
            return False  # "the 98th Guards Airborne Division | of the Airborne Forces"
        if gap[:1] in (["on"], ["for"]) and (inner or last in v.document_heads):
            return False  # "the Council | on the Targeted Interstate Programme"
        return (joined or field or under or joined_with or _complement_gap(gap, place, v)) \
            and first not in v.not_complements and not _modifies_a_noun(tokens, chunks[k][1], v) \
            and not _EDITION.search(tokens[chunks[k][1] - 1].text)  # "the Joint Staff on | Rubezh-2025"

    while m < len(chunks):
        gap = [t.text for t in tokens[end:chunks[m][0]]]
        close = chunks[m][1]
        if gap == ["("] and close + 1 < len(tokens) and tokens[close].text == ")" \
                and m + 1 < len(chunks) and takes([t.text for t in tokens[close + 1:chunks[m + 1][0]]], m + 1):
            end = close + 1  # "(CCBT)", then its complement
            m += 1
            continue
        if not takes(gap, m):
            break
        complemented = True
        end = chunks[m][1]
        m += 1
    return end


def _modifies_a_noun(tokens: list[Token], end: int, v: Vocabulary) -> bool:
    """Whether the chunk ending at ``end`` qualifies the lower-case noun after it ("on the
    CSTO | operation Illegal-2019", "of the CSTO | member states"): then it is no complement."""
    return end < len(tokens) and tokens[end].text in v.modified_nouns


def _and_before(tokens: list[Token], chunks: list[tuple[int, int]], n: int, v: Vocabulary) -> int:
    """Where a name starts that joins a chunk to the one before with "and": "the
    Information and Press Department", "the Central Asian Regional Information and
    Coordination Centre"; the chunk before is no country, lexicon name or head."""
    i = chunks[n][0]
    if n == 0 or [t.text for t in tokens[chunks[n - 1][1]:i]] != ["and"]:
        return i
    a, b = chunks[n - 1]
    words = [t.text for t in tokens[a:b]]
    opened = a == 0 or tokens[a - 1].text in ("the", "The")
    plain = not any(w in v.geo_words or w in v.lexicon_words or w in v.body_heads for w in words)
    return a if opened and plain else i


def _list_ends(tokens: list[Token], chunks: list[tuple[int, int]], m: int) -> bool:
    """Whether chunks ``m``, ``m + 1`` ... are joined by commas up to an "and"."""
    while m + 1 < len(chunks):
        gap = [t.text for t in tokens[chunks[m][1]:chunks[m + 1][0]]]
        if gap == ["and"]:
            return True
        if gap != [","]:
            return False
        m += 1
    return False


def find_organisations(text: str, tokens: list[Token], blocked: set[int]) -> list[Candidate]:
    """Body and force candidates among one sentence's ``tokens``; ``blocked`` are token
    indexes already taken by people."""
    v = vocabulary()
    chunks = _chunks(tokens, blocked, v)
    found = []
    reach = 0  # the end of the names found so far (a token index)
    for n, (i, j) in enumerate(chunks):
        head = _principal(tokens[j - 1].text)
        if head in v.not_body_heads or _ends_an_office(tokens, i, j):
            continue
        kind = "bodies" if head in v.body_heads else "forces" if head in v.force_heads else None
        if kind is None and j - i == 1 and (lower_end := _lower_head(text, tokens[i], v)):
            found.append(Candidate("bodies", tokens[i].start, lower_end))  # "the CSTO secretariat"
        if kind is None or (j - i == 1 and head in v.force_heads_need_modifier):
            continue
        end = _extend(tokens, chunks, n, v, inner=i < reach)
        reach = max(reach, end)
        if end - i == 1 and head not in v.standalone_heads:
            continue  # a head word alone ("the Council") names nothing in particular
        start = _and_before(tokens, chunks, n, v)
        if " ".join(t.text for t in tokens[start:end]).lower() in v.country_of:
            continue  # "the Soviet Union", "the United Kingdom": a country
        stop = tokens[end - 1].end
        tail = _lower_tail().match(text, stop) if tokens[end - 1].text.isupper() else None
        found.append(Candidate(kind, tokens[start].start, tail.end() if tail else stop))
    return found


@cache
def _office_ends() -> dict[str, list[tuple[str, ...]]]:
    """The words of the offices of people.yaml compound_offices that end in a body's head
    word ("Chief of Staff"), by that word."""
    heads = vocabulary().body_heads
    offices = load_rules("people.yaml").get("compound_offices") or []
    out: dict[str, list[tuple[str, ...]]] = {}
    for o in offices:
        if " of " in o and o.split()[-1] in heads:
            out.setdefault(o.split()[-1], []).append(tuple(o.split()))
    return out


def _ends_an_office(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the chunk ``tokens[i:j]`` is the last word of an office ("Chief of | Staff
    of the Border Troops": the body is the Border Troops)."""
    return j - i == 1 and any(i >= len(o) - 1 and tuple(t.text for t in tokens[i - len(o) + 1:j]) == o
                              for o in _office_ends().get(tokens[i].text, ()))


def _lower_head(text: str, tok: Token, v: Vocabulary) -> int | None:
    """Where a body ends whose head is written in lower case after an abbreviation or a
    country ("the CSTO secretariat", "the Russian foreign ministry"), or None."""
    if not (tok.text.isupper() and len(tok.text) > 1) and tok.text.lower() not in v.country_of:
        return None
    m = _lower_heads().match(text, tok.end)
    return m.end() if m else None


@cache
def _lower_heads() -> re.Pattern:
    return re.compile(load_rules("patterns.yaml")["lower_heads"])


@cache
def _lower_tail() -> re.Pattern:
    return re.compile(load_rules("patterns.yaml")["lower_tail"])


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


def is_generic_name(name: str) -> bool:
    """Whether a body or force name names no one in particular: only generic words, heads
    and connectors ("Security Council", "General Staff of the Armed Forces")."""
    v = vocabulary()
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in v.connectors]
    return bool(words) and all(w in v.generic_words or w in v.body_heads or w in v.force_heads
                               for w in words)
