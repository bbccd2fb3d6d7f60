"""Word tokens with offsets, and the shape tests the rules use on them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?:Col|Lt|Maj|Brig)\.-(?:Gen|Col)\.(?=\s)"  # abbreviated ranks: Col.-Gen.
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm)\.(?=\s)"  # abbreviated titles
    r"|[^\W\d_]\.-[^\W\d_]\.(?:[^\W\d_]\.)?"  # initials of a hyphenated name: K.-J.
    r"|(?:(?:Yu|Ya|Ye|Yo|Kh|Zh|Sh|Ch|Ts)\.(?:[A-Z]\.)?)(?=\s?[A-Z][a-z])"  # Yu.G. Khachaturov, Kh. Sultonov
    r"|(?:[^\W\d_]\.){2,}"  # initials and dotted abbreviations: T.S. U.S.
    r"|[^\W\d_]\.(?=\s*[^\W\d_])"  # a single initial: T. Sultangaziev
    r"|[^\W_]+(?:-[^\W_]+|['’](?![sS]\b)[^\W_]+)*"  # words, hyphenated words, O'Neil
    r"|['’][sS]\b"  # a possessive, a token of its own: "Lavrov" "'s"
    r"|[^\w\s]"  # any other character on its own
)
# Two words glued by page furniture ("PetrovIvan Petrov": a caption run into its link):
# a lower-case letter after at least four, then a capitalised word.
_GLUED = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z])")


_DIGRAPHS = frozenset({"Yu", "Ya", "Ye", "Yo", "Kh", "Zh", "Sh", "Ch", "Ts"})  # one Cyrillic letter


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    make = tuple.__new__  # (faster than Token(...), for every word of every sentence)
    tokens = [make(Token, (m.group(), *m.span())) for m in _TOKEN.finditer(text, start, end)]
    glued = [m.start() for m in _GLUED.finditer(text, start, end)]
    return _unglue(tokens, glued) if glued else tokens


def _unglue(tokens: list[Token], cuts: list[int]) -> list[Token]:
    """``tokens`` with each token cut at the positions ``cuts`` that fall inside it."""
    out: list[Token] = []
    for tok in tokens:
        inside = [c for c in cuts if tok.start < c < tok.end] if "-" not in tok.text else []
        edges = [tok.start, *inside, tok.end]
        out += [Token(tok.text[a - tok.start:b - tok.start], a, b) for a, b in zip(edges, edges[1:])]
    return out


def is_capitalised(word: str) -> bool:
    """Starts with an upper-case letter."""
    return bool(word) and word[0].isupper()


@lru_cache(maxsize=1 << 16)  # pure, and called for every token several times
def is_initial(word: str) -> bool:
    """An initial or run of initials: "T." or "T.S."."""
    return len(word) >= 2 and word.endswith(".") and all(
        part.isalpha() and part[0].isupper() and (len(part) == 1 or part in _DIGRAPHS)
        for part in word[:-1].replace(".-", ".").split(".")
    )


@lru_cache(maxsize=1 << 16)  # pure, and called for every token several times
def is_all_caps(word: str) -> bool:
    """Every letter upper-case and at least two letters: "ZAS", "CSTO"."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1 << 16)  # pure, and called for every token several times
def is_name_shaped(word: str) -> bool:
    """Looks like a part of a name: Capitalised (with hyphens/apostrophes) or ALL CAPS."""
    if not word or not word[0].isupper() or is_initial(word):
        return False
    parts = re.split(r"[-'’]", word)
    return all(p and p[0].isalpha() for p in parts) and any(c.isalpha() for c in word)


_INNER_BRACKET = re.compile(r"\s+\([A-Z][A-Za-z]*[A-Z](?:[ -][A-Z]{2,}| [A-Z][a-z]+){0,2}\)(?=\s)")


@lru_cache(maxsize=1 << 16)
def display_name(text: str) -> str:
    """A name as a record shows it: spaces folded, an abbreviation in brackets inside it
    left out ("Council of Commanders of Border Troops (CCBT) of the CIS" -> "Council of
    Commanders of Border Troops of the CIS")."""
    return " ".join(_INNER_BRACKET.sub("", text).split())


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def word_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text`` as whole words (not inside a word or a hyphenated
    one), leftmost first and, of two starting at one place, the longer; none overlap.
    (A scan with ``str.find``: a regular expression of a document's own names would be
    compiled once per document, which costs more than the scan.)"""
    found = []
    for word in words:
        size, at = len(word), text.find(word) if word else -1
        while at >= 0:
            after = at + size
            if not (at and _word_char(text[at - 1])) and not (after < len(text)
                                                            and _word_char(text[after])):
                found.append((at, -size))
            at = text.find(word, at + 1)
    spans, reached = [], 0
    for at, minus in sorted(found):
        if at >= reached:
            spans.append((at, at - minus))
            reached = at - minus
    return spans


def spans_within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The ``spans`` (sorted, from :func:`word_spans`) inside ``start:end``."""
    out = []
    for at in range(bisect_left(spans, (start, 0)), len(spans)):
        if spans[at][0] >= end:
            break
        if spans[at][1] <= end:
            out.append(spans[at])
    return out
