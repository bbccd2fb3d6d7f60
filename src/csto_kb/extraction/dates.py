"""The date grammar: find calendar references in running text and normalise them.

Dates are normalised to ISO 8601 at the precision the text gives ("2022-01-06",
"2023-09", "2010") or a decade ("2000s"). A date without a year ("on June 6") or a
relative one ("this year", "in May") takes its year from ``base_date``, the date of
the news item the text belongs to; without a base date it is not a match, so a year
is never invented.

The words (months, cues, modifiers, relative phrases) live in ``rules/dates.yaml``;
this module turns them into regular expressions once, at first use.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from csto_kb.extraction.date_grammar import _grammar
from csto_kb.extraction.date_values import (
    _BASE_YEAR,
    _BUILDERS,
    _MONTH_LISTS,
    _YEAR_LISTS,
    _Base,
    _iso,
    _month,
    _opener_before,
    _words_fit,
)

__all__ = ["DateMatch", "find_dates", "parse_date_string"]


@dataclass(frozen=True)
class DateMatch:
    """One date in a text: ``text == source[start:end]``; ``end_value`` ends a range."""

    start: int
    end: int
    text: str
    value: str  # ISO 8601 at the precision of the text, or a decade ("2000s")
    end_value: str | None  # the end of a range, else None
    precision: str  # "day" | "month" | "year" | "decade"
    borrowed: bool = False  # its year is the base date's: the text gives none ("on 20 October")
    refers_back: bool = False  # "of that year": the year of the last date before it


# ---------------------------------------------------------------------------- search


def _parse_base(base_date: str | None) -> _Base:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", base_date or "")
    if not m:
        return _Base(None, None)
    return _Base(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)


# Patterns only run near anchors (a number, a month name, "year", "month"): margins
# before and after an anchor that cover the longest cue and the furthest lookahead.
_BEFORE, _AFTER = 40, 30
_PHONE_BEFORE = re.compile(r"\+\d[\d\s().-]*$")


def _regions(text: str) -> list[tuple[int, int]]:
    """Merged windows of ``text`` around anchors; no date lies outside them."""
    g = _grammar()
    regions: list[tuple[int, int]] = []
    for m in g.anchor.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


def _in_url_or_number(text: str, start: int, end: int) -> bool:
    """Whether a match sits in a URL, e-mail, path, fraction or phone number."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right]
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return True
    return _PHONE_BEFORE.search(text, max(0, start - 25), start) is not None


def _follows(text: str, start: int, chars: str) -> bool:
    """Whether ``text[start]`` comes right after a letter, digit or one of ``chars``."""
    if start == 0:
        return False
    prev = text[start - 1]
    return prev.isalnum() or prev in chars


def _candidates(text: str, base: _Base) -> list[DateMatch]:
    g = _grammar()
    out: list[DateMatch] = []
    regions = _regions(text)
    if not regions:
        return out  # (most sentences name no date: no pattern need try them)

    def add(start: int, end: int, value: str | None, end_value: str | None, precision: str,
            borrowed: bool = False, back: bool = False):
        if value:
            out.append(DateMatch(start, end, text[start:end], value, end_value, precision, borrowed, back))

    for name, pattern, not_after in g.patterns:
        for m in (m for pos, endpos in regions for m in pattern.finditer(text, pos, endpos)):
            if not_after is not None and _follows(text, m.start(), not_after):
                continue
            start, end = m.span("date") if "date" in pattern.groupindex else m.span()
            if name == "year_cue" and g.blocker_before.search(text, max(0, start - 60), start):
                continue
            groups = m.groupdict()
            borrowed = name in _BASE_YEAR and not groups.get("y") and not groups.get("rel")
            add(start, end, *_BUILDERS[name](m, base), borrowed=borrowed, back=bool(groups.get("back")))
            if name in _MONTH_LISTS and out and out[-1].start == start:  # "in September and October"
                nxt = g.month_next.match(text, end)
                while nxt:
                    add(nxt.start("m"), nxt.end("m"), f"{out[-1].value[:4]}-{_month(nxt['m']):02d}", None,
                        "month", borrowed=borrowed, back=bool(groups.get("back")))
                    nxt = g.month_next.match(text, nxt.end("m"))
            if name in _YEAR_LISTS:
                nxt = g.year_next.match(text, end)
                while nxt:
                    add(nxt.start("y"), nxt.end("y"), _iso(int(nxt["y"])), None, "year")
                    nxt = g.year_next.match(text, nxt.end("y"))
    return out


def _select(found: list[DateMatch], text: str) -> list[DateMatch]:
    """Drop matches inside URLs and the like; of overlapping matches keep the longest."""
    found = [d for d in found if not _in_url_or_number(text, d.start, d.end)]
    starts: list[int] = []  # chosen matches never overlap: sorted by start, also by end
    chosen: list[DateMatch] = []
    for d in sorted(found, key=lambda d: (d.start - d.end, d.start)):
        i = bisect.bisect_right(starts, d.start)
        if (i == 0 or chosen[i - 1].end <= d.start) and (i == len(chosen) or d.end <= starts[i]):
            starts.insert(i, d.start)
            chosen.insert(i, d)
    return chosen


def _joined(text: str, first: DateMatch, second: DateMatch) -> bool:
    """Whether the text between two dates makes them one range."""
    g = _grammar()
    sep = g.range_sep.fullmatch(text, first.end, second.start)
    if not sep:
        return False
    if not sep["sepw"]:
        return True
    opener = _opener_before(text, first.start)
    return bool(opener) and _words_fit(sep["sepw"], opener)


def _merge_ranges(dates: list[DateMatch], text: str) -> list[DateMatch]:
    """Join "from <date> to <date>", "<date> - <date>" of one precision into a range."""
    out: list[DateMatch] = []
    for d in dates:
        prev = out[-1] if out else None
        if prev and prev.end_value is None and d.end_value is None and prev.precision == d.precision:
            if _joined(text, prev, d) and d.value > prev.value:
                out[-1] = DateMatch(prev.start, d.end, text[prev.start : d.end], prev.value, d.value, d.precision)
                continue
        out.append(d)
    return out


def find_dates(text: str, base_date: str | None, year_before: str | None = None) -> list[DateMatch]:
    """All dates in ``text`` (a sentence or paragraph), sorted by start.

    ``base_date`` is the ISO date of the news item the text belongs to; it gives the
    year of dates without one ("on June 6", "in May", "this year"). Without it such
    references are not matched. Of overlapping matches the longest wins.
    """
    base = _parse_base(base_date)
    return _years_from_before(_merge_ranges(_select(_candidates(text, base), text), text), year_before,
                              base)


def _years_from_before(dates: list[DateMatch], year_before: str | None,
                       base: _Base | None = None) -> list[DateMatch]:
    """A day without a year takes the year of the last day before it in the same text that
    gives one ("on 6 October 2022 ... from 20 October": 2022), or of a month of its own
    before it ("in September 2022 ... on September 13"; in a sentence before, ``year_before``,
    unless it is the base date's month: "In January 2022 ... from Jan. 6"), else the base
    date's; "of that year" takes the year of the last date before it, here or in
    ``year_before`` (the year the sentences before gave last)."""
    out: list[DateMatch] = []
    last = year_before[:4] if year_before else None
    month = year_before if year_before and len(year_before) == 7 \
        and not (base is not None and int(year_before[5:7]) == base.month) else None
    year = None
    for d in dates:
        new = (last if d.refers_back else year if d.borrowed and d.precision == "day"
               else None)
        if d.borrowed and d.precision == "day" and month and d.value[5:7] == month[5:7]:
            new = month[:4]  # "in September 2022 ... after the clashes of September 13-14"
        if d.borrowed and new and d.value[:4] != new:
            end = new + d.end_value[4:] if d.end_value else None
            d = DateMatch(d.start, d.end, d.text, new + d.value[4:], end, d.precision, True, d.refers_back)
        elif not d.borrowed:
            year = d.value[:4] if d.precision == "day" else None
            month = d.value[:7] if d.precision == "month" and _YEAR_WRITTEN.search(d.text) else month
            last = d.value[:4] if d.value[:4].isdigit() else last
        out.append(d)
    return out


_YEAR_WRITTEN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # not "September next year"


def last_year(dates: list[DateMatch]) -> str | None:
    """The year the last of ``dates`` that gives one gives (for "of that year" after it),
    with its month when it is a month ("January 2022": for "from Jan. 6" after it)."""
    years = [d.value[:7] if d.precision in ("month", "day") and _YEAR_WRITTEN.search(d.text)
             else d.value[:4] for d in dates if not d.borrowed and d.value[:4].isdigit()]
    return years[-1] if years else None


def parse_date_string(s: str) -> str | None:
    """ISO value of a string that is wholly a date, at its precision, else None.

    Accepts "02.10.2024", "2024-10-02", "08 June 2022", "June 8, 2022", "September 2023",
    "2024-03", "2010" and the other absolute forms of ``find_dates``; a range gives its
    start. Dates that need a base date ("June 8", "this year") give None.
    """
    s = s.strip().rstrip(".,;").strip()
    if re.fullmatch(r"(?:19|20)\d\d", s):
        return s
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)", s)
    if m:
        return _iso(int(m[1]), int(m[2]))
    found = find_dates(s, None)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0].value
    return None
