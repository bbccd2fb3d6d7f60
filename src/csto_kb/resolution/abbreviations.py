"""Abbreviations a document defines: a name followed by its abbreviation in brackets
("the UN mission in Lebanon (UNIFIL)"), and the names that use one ("Coordination Service
of the CCBT")."""

from __future__ import annotations

import re
from collections import defaultdict

from csto_kb.model import Mention


def bracketed_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """Pairs of indexes (name, abbreviation) where a mention is followed right away by
    another in brackets: "the UN mission in Lebanon (UNIFIL)" names one entity twice; never
    a name nested at the end of a longer one ("Committee ... of the Collective Security
    Treaty Organization (CSSC CSTO)": the abbreviation is not the CSTO's)."""
    pairs = []
    first_start: dict[tuple[str, int], int] = {}  # where the longest name ending at a place starts
    for m in mentions:
        first_start[m.source, m.end] = min(m.start, first_start.get((m.source, m.end), m.start))
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].source, mentions[i].start))
    for a, b in zip(order, order[1:]):
        first, second = mentions[a], mentions[b]
        gap = first.sentence[first.end - first.sentence_start:second.start - first.sentence_start]
        if first.source == second.source and first.sentence_start == second.sentence_start \
                and gap.strip() == "(" and second.text.isupper() \
                and first_start[first.source, first.end] == first.start:  # not nested at the end of another
            pairs.append((a, b))
    return pairs


_INNER_ABBREVIATION = re.compile(r"^(?P<long>\w.*?\w) \((?P<short>[A-Z][A-Z-]*[A-Z])\)(?= \w)")


def spelled_out(mentions: list[Mention], pairs: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(index, name) of each name that holds an abbreviation its document defines in brackets,
    with the abbreviation spelled out: "Coordination Service of the CCBT" is "Coordination
    Service of the Council of Commanders of Border Troops" where the text gave "Council of
    Commanders of Border Troops (CCBT)"."""
    defined: dict[str, dict[str, str]] = defaultdict(dict)
    for a, b in pairs:
        defined[mentions[b].source][mentions[b].text] = mentions[a].text
    for m in mentions:  # inside a name: "Council of Commanders of Border Troops (CCBT) of the CIS"
        if (inner := _INNER_ABBREVIATION.search(m.text)):
            defined[m.source][inner["short"]] = inner["long"]
    out = []
    for i, m in enumerate(mentions):
        for short, long in defined.get(m.source, {}).items():
            spelled = m.text if m.text == short or f"({short})" in m.text else \
                re.sub(rf"\b{re.escape(short)}\b", long, m.text)
            if spelled != m.text:
                out.append((i, spelled))
    return out
