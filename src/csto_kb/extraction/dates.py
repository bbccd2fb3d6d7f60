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

import datetime
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Callable

import yaml

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


@cache
def _rules() -> dict:
    text = resources.files("csto_kb").joinpath("rules/dates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alt(words, flags: str = "i") -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@cache
def _month_numbers() -> dict[str, int]:
    return {str(s).lower(): int(n) for n, spellings in _rules()["months"].items() for s in spellings}


def _month_re(group: str, full_only: bool = False) -> str:
    """A named group for a month: Capitalised or CAPITALS, abbreviations with an optional '.'."""
    full, abbr = [], []
    for spellings in _rules()["months"].values():
        full += [spellings[0], spellings[0].upper()]
        abbr += [s for a in spellings[1:] for s in (a, a.upper())]
    pattern = rf"{_alt(full, '')}\b"
    if abbr and not full_only:
        pattern += rf"|{_alt(abbr, '')}\b\.?"
    return f"(?P<{group}>{pattern})"


def _day_re(group: str) -> str:
    suffix = _alt(_rules()["day_suffixes"], "")
    return rf"(?P<{group}>0?[1-9]|[12]\d|3[01])(?!\d){suffix}?\b"


def _year_re(group: str) -> str:
    return rf"(?P<{group}>(?:19|20)\d\d)(?!\w)(?![.,]\d)(?!-[^\W\d_])"


# ---------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern], ...]
    quantity_after: re.Pattern
    blocker_before: re.Pattern
    year_next: re.Pattern
    range_sep: re.Pattern
    range_open_before: re.Pattern
    skip_spans: re.Pattern
    relative: dict[str, tuple[str, int]]
    relative_month_years: dict[str, int]
    relative_months: dict[str, int]


@cache
def _grammar() -> _Grammar:
    r = _rules()
    D1, D2, D = _day_re("d1"), _day_re("d2"), _day_re("d")
    M, M1, M2 = _month_re("m"), _month_re("m1"), _month_re("m2")
    MF, MF1, MF2 = _month_re("m", True), _month_re("m1", True), _month_re("m2", True)
    Y, Y1, Y2 = _year_re("y"), _year_re("y1"), _year_re("y2")
    dash = "|".join(re.escape(d) for d in r["range_dashes"])
    words = _alt(r["range_words"] + ["and"])
    sep = rf"(?:\s*(?:{dash})\s*|\s+(?P<sepw>{words})\s+)"
    opener = rf"(?:(?P<open>{_alt(r['range_openers'])})\s+)?"
    mod = _alt(r["modifiers"])
    rel_my = _alt(r["relative_month_years"])
    quant = _alt(r["quantity_words"])
    no_qty = rf"(?!\s*{quant}(?!\w))"
    start = r"(?<![\w.,/+-])"
    sources = {
        "num_dmy": r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)(?!\.\d)",
        "iso": r"(?<![\w.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])",
        "dmy": rf"{start}{D}\s+(?:(?i:of)\s+)?{M},?\s+{Y}",
        "mdy": rf"(?<![\w-]){M}\s+{D},?\s+{Y}",
        "range_dd_m": rf"{start}{opener}(?P<date>{D1}{sep}{D2}\s+(?:(?i:of)\s+)?{M}(?:,?\s+{Y})?)",
        "range_m_dd": rf"(?<![\w-]){opener}(?P<date>{M}\s+{D1}{sep}{D2}(?:,?\s+{Y})?){no_qty}",
        "range_dm_dm": rf"{start}{opener}(?P<date>{D1}\s+(?:(?i:of)\s+)?{M1}{sep}{D2}\s+(?:(?i:of)\s+)?{M2}(?:,?\s+{Y})?)",
        "range_md_md": rf"(?<![\w-]){opener}(?P<date>{M1}\s+{D1}{sep}{M2}\s+{D2}(?:,?\s+{Y})?)",
        "range_mm_y": rf"(?<![\w-]){opener}(?P<date>{MF1}{sep}{MF2},?\s+{Y})",
        "range_yy": rf"(?<![\w-]){opener}(?P<date>{Y1}\s*(?:{dash})\s*{Y2}){no_qty}",
        "my": rf"(?<![\w-])(?P<date>(?:{mod}\s*)?{M}(?:,?\s+|\s+(?i:of)\s+){Y}){no_qty}",
        "season": rf"(?<![\w-])(?P<date>(?:(?i:the)\s+)?{_alt(r['seasons'])}\s+(?:(?i:of)\s+)?{Y}){no_qty}",
        "dm": rf"{start}(?P<date>{D}\s+(?:(?i:of)\s+)?{M})",
        "md": rf"(?<![\w-])(?P<date>{M}\s+{D})(?![.,]\d){no_qty}",
        "month_cue": rf"(?<![\w-]){_alt(r['month_cues'])}\s+(?P<date>(?:{mod}\s*)?{MF}(?:\s+(?i:of)\s+(?P<rel>{rel_my}))?)(?!,?\s*\d)",
        "month_mod": rf"(?<![\w-])(?P<date>{mod}\s*{MF}(?:\s+(?i:of)\s+(?P<rel>{rel_my}))?)(?!,?\s*\d)",
        "month_rel": rf"(?<![\w-])(?P<date>(?P<rw>{_alt(r['relative_months'])})\s+{MF})(?!,?\s*\d)",
        "year_cue": rf"(?<![\w-]){_alt(r['year_cues'])}\s+(?P<date>(?:{mod}\s*)?{Y}){no_qty}",
        "year_mod": rf"(?<![\w-])(?P<date>{mod}\s*{Y}){no_qty}",
        "year_paren": rf"\((?P<date>{Y})\)",
        "year_word": rf"(?<![\w-])(?P<date>{Y})(?=\s+(?i:year)\b)",
        "decade": rf"(?<![\w-])(?P<date>(?:{_alt(r['decade_modifiers'])}(?:-|\s+))?(?P<y>(?:19|20)\d0)s)(?!\w)",
        "relative": rf"(?<![\w-])(?P<date>{_alt(r['relative'])})(?!\w)",
    }
    patterns = tuple((name, re.compile(src)) for name, src in sources.items())
    return _Grammar(
        patterns=patterns,
        quantity_after=re.compile(rf"\s*{quant}(?!\w)"),
        blocker_before=re.compile(rf"(?<![\w-]){_alt(r['year_cue_blockers'])}\s+$"),
        year_next=re.compile(rf"(?:\s*,\s*(?:(?i:and|or)\s+)?|\s+(?i:and|or)\s+){Y}{no_qty}"),
        range_sep=re.compile(rf"{sep}"),
        range_open_before=re.compile(rf"(?<![\w-])(?P<open>{_alt(r['range_openers'])})\s+$"),
        skip_spans=re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\+\d[\d\s().-]{6,}\d|\b\d+/\d+\b"),
        relative={k.lower(): (v[0], int(v[1])) for k, v in r["relative"].items()},
        relative_month_years={k.lower(): int(v) for k, v in r["relative_month_years"].items()},
        relative_months={k.lower(): int(v) for k, v in r["relative_months"].items()},
    )


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
    return _words_fit(m.groupdict().get("sepw"), m.groupdict().get("open"))


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
    m1 = _month(gd.get("m1") or gd["m"])
    m2 = _month(gd.get("m2") or gd.get("m") or gd["m1"])
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
    ok = y2 > y1 and not m.groupdict().get("sepw")
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
    if step < 0 and month >= base.month:
        year -= 1
    elif step > 0 and month <= base.month:
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
    months = base.year * 12 + base.month - 1 + offset
    return _iso(months // 12, months % 12 + 1), None, "month"


_BUILDERS: dict[str, Callable[[re.Match, _Base], Value]] = {
    "num_dmy": _day_value, "iso": _day_value, "dmy": _day_value, "mdy": _day_value,
    "dm": _day_value, "md": _day_value,
    "range_dd_m": _day_range, "range_m_dd": _day_range, "range_dm_dm": _day_range,
    "range_md_md": _day_range, "range_mm_y": _month_range, "range_yy": _year_range,
    "my": _month_year, "season": _year_value,
    "month_cue": _month_cue, "month_mod": _month_cue, "month_rel": _month_rel,
    "year_cue": _year_value, "year_mod": _year_value, "year_paren": _year_value,
    "year_word": _year_value, "decade": _decade, "relative": _relative,
}
_YEAR_LISTS = {"year_cue", "year_mod", "year_paren"}


# ---------------------------------------------------------------------------- search


def _parse_base(base_date: str | None) -> _Base:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-\d\d)?)?", base_date or "")
    if not m:
        return _Base(None, None)
    return _Base(int(m[1]), int(m[2]) if m[2] else None)


def _candidates(text: str, base: _Base) -> list[DateMatch]:
    g = _grammar()
    out: list[DateMatch] = []

    def add(start: int, end: int, value: str | None, end_value: str | None, precision: str):
        if value:
            out.append(DateMatch(start, end, text[start:end], value, end_value, precision))

    for name, pattern in g.patterns:
        for m in pattern.finditer(text):
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
    skip = [m.span() for m in _grammar().skip_spans.finditer(text)]
    found = [d for d in found if not any(s < d.end and d.start < e for s, e in skip)]
    chosen: list[DateMatch] = []
    for d in sorted(found, key=lambda d: (d.start - d.end, d.start)):
        if all(d.end <= c.start or c.end <= d.start for c in chosen):
            chosen.append(d)
    return sorted(chosen, key=lambda d: d.start)


def _joined(text: str, first: DateMatch, second: DateMatch) -> bool:
    """Whether the text between two dates makes them one range."""
    g = _grammar()
    sep = g.range_sep.fullmatch(text, first.end, second.start)
    if not sep:
        return False
    if not sep["sepw"]:
        return True
    opened = g.range_open_before.search(text, max(0, first.start - 20), first.start)
    return bool(opened) and _words_fit(sep["sepw"], opened["open"])


def _merge_ranges(dates: list[DateMatch], text: str) -> list[DateMatch]:
    """Join "from <date> to <date>", "<date> - <date>" of one precision into a range."""
    g = _grammar()
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
