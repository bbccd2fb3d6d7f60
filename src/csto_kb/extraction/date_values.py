"""The values of the date grammar's matches: ISO 8601 text at the precision the text
gives, the year of a date without one taken from the base date (the news item's).
``extraction/dates.py`` finds the matches; each pattern name of
``extraction/date_grammar.py`` has a builder here."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Callable

from csto_kb.extraction.date_grammar import _grammar, _month_numbers


@dataclass(frozen=True)
class _Base:
    """The year and month of the base date, as far as it gives them."""

    year: int | None
    month: int | None
    day: int | None = None


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
    """The year ``group`` states, else the base's moved by a relative year ("November 28
    of last year"), else the base's."""
    text, rel = m.groupdict().get(group), m.groupdict().get("rel")
    if text:
        return int(text)
    if rel and base.year is not None:
        return base.year + _grammar().relative_month_years[_norm(rel)]
    return base.year


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


def _month_back(m: re.Match, base: _Base) -> Value:
    return (_iso(base.year, _month(m["m"])) if base.year is not None else None), None, "month"


def _month_rel(m: re.Match, base: _Base) -> Value:
    step = _grammar().relative_months[m["rw"].lower()]
    month = _month(m["m"])
    if base.year is None or (step and base.month is None):
        return None, None, "month"
    year, base_month = base.year, base.month or 0
    if step < 0 and month >= base_month:
        year -= 1
    elif step > 0 and month <= base_month:
        year += 1
    return _iso(year, month), None, "month"


def _decade(m: re.Match, base: _Base) -> Value:
    return f"{m['y']}s", None, "decade"


def _base_day(base: _Base) -> datetime.date | None:
    if base.year is None or base.month is None or base.day is None:
        return None
    return datetime.date(base.year, base.month, base.day)


def _relative(m: re.Match, base: _Base) -> Value:
    unit, offset = _grammar().relative[_norm(m["date"])]
    if unit == "day":  # "today": the news item's own date
        day = _base_day(base)
        return (str(day + datetime.timedelta(days=offset)) if day else None), None, "day"
    if base.year is None or base.month is None and unit == "month":
        return None, None, unit
    if unit == "year" or base.month is None:
        return _iso(base.year + offset), None, "year"
    months = base.year * 12 + base.month - 1 + offset
    return _iso(months // 12, months % 12 + 1), None, "month"


_BUILDERS: dict[str, Callable[[re.Match, _Base], Value]] = {
    "num_dmy": _day_value, "num_dmy_dash": _day_value, "iso": _day_value, "dmy": _day_value, "mdy": _day_value,
    "range_d": _day_range, "range_m": _day_range, "range_mm_y": _month_range, "range_yy": _year_range,
    "my": _month_year, "my_mod": _month_year, "season": _year_value,
    "month_cue": _month_cue, "month_mod": _month_cue, "month_rel": _month_rel, "month_back": _month_back,
    "year_cue": _year_value, "year_mod": _year_value, "year_paren": _year_value, "year_noun": _year_value,
    "year_word": _year_value, "decade": _decade, "decade_mod": _decade, "relative": _relative,
}
_YEAR_LISTS = {"year_cue", "year_mod", "year_paren"}
_MONTH_LISTS = {"month_cue", "month_mod"}
# Patterns whose year, when the text gives none, is the base date's.
_BASE_YEAR = {"dmy", "mdy", "range_d", "range_m", "month_cue", "month_mod", "month_back"}
