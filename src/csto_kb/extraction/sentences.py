"""Sentence boundaries inside a paragraph, as offsets, so quotes stay verbatim."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Nos|Art|Vol|vs|etc|e\.g|i\.e|"
    r"approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|U\.S|U\.N|"
    r"Yu|Ya|Ye|Yo|Kh|Zh|Sh|Ch|Ts)|"  # initials of one Cyrillic letter: "Kh. Sultonov"
    r"\b[A-Z])\.$"
)
_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[-–—•]?\s*[A-Z0-9\"'“‘«(\-–—•])")
_ABBREVIATION_MAX = 10  # longer than any abbreviation above with its full stop

MAX_SENTENCE = 2000
"""A run-on "sentence" longer than this many characters (a dump without full stops) is
cut at spaces into pieces no longer than this: quotes stay readable and verbatim, and
the work per sentence stays bounded (news sentences are well under 600 characters)."""


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of ``text[start:end]``.

    A sentence ends at ``.``, ``!`` or ``?`` (and any closing quote) followed by space and
    a capital, a digit, an opening quote or a dash; not after a known abbreviation or an
    initial ("T.S. Sultangaziev"). Leading and trailing spaces are left out.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BREAK.finditer(text, start, end):
        stop = match.end()
        # Only the few characters before the stop: not quadratic on "Gen. X Gen. Y ..."
        window = max(cursor, match.start() - _ABBREVIATION_MAX)
        if _NO_BREAK_BEFORE.search(text, window, match.start() + 1):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    out = []
    for s, e in (piece for span in spans for piece in _cut(text, *span)):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` as it is, or cut at the last space before every ``MAX_SENTENCE``
    characters (exactly there when the second half of the piece has no space)."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        while cut > start + MAX_SENTENCE // 2 and not text[cut].isspace():
            cut -= 1
        if not text[cut].isspace():
            cut = start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out
