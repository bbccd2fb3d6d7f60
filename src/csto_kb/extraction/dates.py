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
import datetime
import re
from dataclasses import dataclass
from typing import Callable

from csto_kb.extraction.date_grammar import _grammar, _month_numbers

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


@dataclass(frozen=True)
class _Base:
    """The year and month of the base date, as far as it gives them."""

    year: int | None
    month: int | None


# ---------------------------------------------------------------------------- data


# ---------------------------------------------------------------------------- values


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """ISO text for a valid date at the given precision, else None."""
    if not 1900 <= y <= 2099:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _month_numbers()[s.lower().rstrip(".")]


def _year(m: re.Match, group: str, base: _Base) -> int | None:
    text = m.groupdict().get(group)
    return int(text) if text else base.year


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _range_ok(m: re.Match) -> bool:
    """'between' goes with 'and' only; 'until'/'till' need 'from' ("from 6 until 19 May")."""
    return _words_fit(m.groupdict().get("sepw"), _opener_before(m.string, m.start()))


def _opener_before(text: str, start: int) -> str | None:
    """The range opener ("from", "between") right before ``start``, if any."""
    opened = _grammar().range_open_before.search(text, max(0, start - 20), start)
    return opened["open"] if opened else None


def _words_fit(sep_word: str | None, opener: str | None) -> bool:
    word, opener = (sep_word or "").lower(), (opener or "").lower()
    if word == "and" or opener == "between":
        return word == "and" and opener == "between"
    return word not in ("until", "till") or opener == "from"


Value = tuple[str | None, str | None, str]


def _day_value(m: re.Match, base: _Base) -> Value:
    y = _year(m, "y", base)
    return (_iso(y, _month(m["m"]), int(m["d"])) if y else None), None, "day"


def _day_range(m: re.Match, base: _Base) -> Value:
    y = _year(m, "y", base)
    if not y or not _range_ok(m):
        return None, None, "day"
    gd = m.groupdict()
    m1 = _month(gd.get("m1") or gd["m2"])
    m2 = _month(gd.get("m2") or gd["m1"])
    first, last = _iso(y, m1, int(m["d1"])), _iso(y, m2, int(m["d2"]))
    if not first or not last or last <= first:
        return None, None, "day"
    return first, last, "day"


def _month_range(m: re.Match, base: _Base) -> Value:
    y = int(m["y"])
    first, last = _iso(y, _month(m["m1"])), _iso(y, _month(m["m2"]))
    ok = _range_ok(m) and first and last and last > first
    return (first, last, "month") if ok else (None, None, "month")


def _year_range(m: re.Match, base: _Base) -> Value:
    y1, y2 = int(m["y1"]), int(m["y2"])
    ok = y2 > y1
    return (_iso(y1), _iso(y2), "year") if ok else (None, None, "year")


def _month_year(m: re.Match, base: _Base) -> Value:
    return _iso(int(m["y"]), _month(m["m"])), None, "month"


def _year_value(m: re.Match, base: _Base) -> Value:
    return _iso(int(m["y"])), None, "year"


def _month_cue(m: re.Match, base: _Base) -> Value:
    if base.year is None:
        return None, None, "month"
    offset = _grammar().relative_month_years[_norm(m["rel"])] if m["rel"] else 0
    return _iso(base.year + offset, _month(m["m"])), None, "month"


def _month_rel(m: re.Match, base: _Base) -> Value:
    step = _grammar().relative_months[m["rw"].lower()]
    month = _month(m["m"])
    if base.year is None or (step and base.month is None):
        return None, None, "month"
    year = base.year
    if step < 0 and base.month is not None and month >= base.month:
        year -= 1
    elif step > 0 and base.month is not None and month <= base.month:
        year += 1
    return _iso(year, month), None, "month"


def _decade(m: re.Match, base: _Base) -> Value:
    return f"{m['y']}s", None, "decade"


def _relative(m: re.Match, base: _Base) -> Value:
    unit, offset = _grammar().relative[_norm(m["date"])]
    if base.year is None or (unit == "month" and base.month is None):
        return None, None, unit
    if unit == "year":
        return _iso(base.year + offset), None, "year"
    months = base.year * 12 + (base.month or 1) - 1 + offset
    return _iso(months // 12, months % 12 + 1), None, "month"


_BUILDERS: dict[str, Callable[[re.Match, _Base], Value]] = {
    "num_dmy": _day_value, "iso": _day_value, "dmy": _day_value, "mdy": _day_value,
    "range_d": _day_range, "range_m": _day_range, "range_mm_y": _month_range, "range_yy": _year_range,
    "my": _month_year, "my_mod": _month_year, "season": _year_value,
    "month_cue": _month_cue, "month_mod": _month_cue, "month_rel": _month_rel,
    "year_cue": _year_value, "year_mod": _year_value, "year_paren": _year_value,
    "year_word": _year_value, "decade": _decade, "decade_mod": _decade, "relative": _relative,
}
_YEAR_LISTS = {"year_cue", "year_mod", "year_paren"}


# ---------------------------------------------------------------------------- search


def _parse_base(base_date: str | None) -> _Base:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-\d\d)?)?", base_date or "")
    if not m:
        return _Base(None, None)
    return _Base(int(m[1]), int(m[2]) if m[2] else None)


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

    def add(start: int, end: int, value: str | None, end_value: str | None, precision: str):
        if value:
            out.append(DateMatch(start, end, text[start:end], value, end_value, precision))

    for name, pattern, not_after in g.patterns:
        for m in (m for pos, endpos in regions for m in pattern.finditer(text, pos, endpos)):
            if not_after is not None and _follows(text, m.start(), not_after):
                continue
            start, end = m.span("date") if "date" in pattern.groupindex else m.span()
            if name == "year_cue" and g.blocker_before.search(text, max(0, start - 60), start):
                continue
            add(start, end, *_BUILDERS[name](m, base))
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


def find_dates(text: str, base_date: str | None) -> list[DateMatch]:
    """All dates in ``text`` (a sentence or paragraph), sorted by start.

    ``base_date`` is the ISO date of the news item the text belongs to; it gives the
    year of dates without one ("on June 6", "in May", "this year"). Without it such
    references are not matched. Of overlapping matches the longest wins.
    """
    base = _parse_base(base_date)
    return _merge_ranges(_select(_candidates(text, base), text), text)


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
