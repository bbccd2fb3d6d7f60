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
    """A regex matching any of ``words`` (the longest it can), spaces matching any whitespace.

    Built as a trie ("in|into" -> "in(?:to)?"): the regex engine then tests one branch
    per character instead of every word at every position.
    """
    trie: dict = {}
    for word in {str(w) for w in words}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    body = _trie_regex(trie)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _trie_regex(node: dict) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _cased(words) -> str:
    """An alternation of ``words`` as written, Capitalised and in CAPITALS.

    Spelt out rather than ``(?i:...)``: a pattern that opens with literal text lets the
    regex engine skip quickly to where it can match.
    """
    variants = {v for w in map(str, words) for v in (w, w[:1].upper() + w[1:], w.upper())}
    return _alt(variants, "")


@cache
def _month_numbers() -> dict[str, int]:
    return {str(s).lower(): int(n) for n, spellings in _rules()["months"].items() for s in spellings}


def _month_re(group: str, full_only: bool = False) -> str:
    """A named group for a month: Capitalised or CAPITALS, abbreviations with an optional '.'."""
    names = []
    for spellings in _rules()["months"].values():
        for spelling in spellings[:1] if full_only else spellings:
            names += [str(spelling), str(spelling).upper()]
    dot = "" if full_only else r"\.?"
    return rf"(?P<{group}>{_alt(names, '')}\b{dot})"


def _day_re(group: str) -> str:
    """A day number (checked to be a real day later), with an optional ordinal ending."""
    suffix = _alt(_rules()["day_suffixes"], "")
    return rf"(?P<{group}>\d\d?)(?!\d){suffix}?\b"


def _year_re(group: str) -> str:
    return rf"(?P<{group}>(?:19|20)\d\d)(?!\w)(?![.,]\d)(?!-[^\W\d_])"


# ---------------------------------------------------------------------------- patterns

# What may not come right before a match: checked in Python rather than with a leading
# look-behind, which would keep the regex engine from skipping ahead.
_NOT_AFTER_WORD = "-_"  # and no letter or digit: "Brotherhood-2024", "within"
_NOT_AFTER_NUMBER = "-_.,/+:"  # and no letter or digit: "1.5 June", "3/4 May"


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern, str | None], ...]
    blocker_before: re.Pattern
    year_next: re.Pattern
    range_sep: re.Pattern
    range_open_before: re.Pattern
    anchor: re.Pattern
    relative: dict[str, tuple[str, int]]
    relative_month_years: dict[str, int]
    relative_months: dict[str, int]


def _no_quantity(r: dict, dash: str) -> str:
    """Look-ahead refusing a number that counts things: "2000 troops", "1900 to 2000 people"."""
    quantity = rf"{_alt(r['quantity_words'])}(?!\w)"
    return rf"(?!\s*{quantity})(?!\s*(?:{dash}|(?i:to)\b)\s*\d[\d,.]*\s*{quantity})"


def _sources(r: dict) -> dict[str, tuple[str, str | None]]:
    """Pattern name -> (regex, characters that may not precede the match)."""
    D1, D2, D = _day_re("d1"), _day_re("d2"), _day_re("d")
    M, M1, M2 = _month_re("m"), _month_re("m1"), _month_re("m2")
    MF, MF1, MF2 = _month_re("m", True), _month_re("m1", True), _month_re("m2", True)
    Y, Y1, Y2 = _year_re("y"), _year_re("y1"), _year_re("y2")
    dash = "|".join(re.escape(d) for d in r["range_dashes"])
    sep = rf"(?:\s*(?:{dash})\s*|\s+(?P<sepw>{_alt(r['range_words'] + ['and'])})\s+)"
    of = r"(?:(?i:of)\s+)?"
    mod = _cased(r["modifiers"])
    rel_my = rf"\s+(?i:of)\s+(?P<rel>{_alt(r['relative_month_years'])})"
    no_qty = _no_quantity(r, dash)
    no_num = r"(?!,?\s*\d)(?!['’]s\b)"  # not "in May 2022" (another rule), not "May's"
    seasons = _cased(list(r["seasons"]) + [f"the {s}" for s in r["seasons"]])
    decade_mods = _cased(r["decade_modifiers"])
    W, N = _NOT_AFTER_WORD, _NOT_AFTER_NUMBER
    return {
        "num_dmy": (r"(?P<d>\d\d?)\.(?P<m>\d\d?)\.(?P<y>(?:19|20)\d\d)(?!\d)(?!\.\d)", "."),
        "iso": (r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])", W + "."),
        "dmy": (rf"(?P<date>{D}\s+{of}{M}(?:,?\s+{Y})?)", N),
        "mdy": (rf"(?P<date>{M}\s+{D}(?:,?\s+{Y})?)(?![.,]\d){no_qty}", W),
        "range_d": (rf"(?P<date>{D1}(?:\s+{of}{M1})?{sep}{D2}\s+{of}{M2}(?:,?\s+{Y})?)", N),
        "range_m": (rf"(?P<date>{M1}\s+{D1}{sep}(?:{M2}\s+)?{D2}(?:,?\s+{Y})?){no_qty}", W),
        "range_mm_y": (rf"(?P<date>{MF1}{sep}{MF2},?\s+{Y})", W),
        "range_yy": (rf"(?P<date>{Y1}\s*(?:{dash})\s*{Y2}){no_qty}", W),
        "my": (rf"(?P<date>{M}(?:,?\s+|\s+(?i:of)\s+){Y}){no_qty}", W),
        "my_mod": (rf"(?P<date>{mod}\s*{M}(?:,?\s+|\s+(?i:of)\s+){Y}){no_qty}", W),
        "season": (rf"(?P<date>{seasons}\s+{of}{Y}){no_qty}", W),
        "month_cue": (rf"{_cased(r['month_cues'])}\s+(?P<date>(?:{mod}\s*)?{MF}(?:{rel_my})?){no_num}", W),
        "month_mod": (rf"(?P<date>{mod}\s*{MF}(?:{rel_my})?){no_num}", W),
        "month_rel": (rf"(?P<date>(?P<rw>{_cased(r['relative_months'])})\s+{MF}){no_num}", W),
        "year_cue": (rf"{_cased(r['year_cues'])}\s+(?P<date>(?:{mod}\s*)?{Y}){no_qty}", W),
        "year_mod": (rf"(?P<date>{mod}\s*{Y}){no_qty}", W),
        "year_paren": (rf"\((?P<date>{Y})\)", None),
        "year_word": (rf"(?P<date>{Y})(?=\s+(?i:year)\b)", W),
        "decade": (r"(?P<date>(?P<y>(?:19|20)\d0)s)(?!\w)", W),
        "decade_mod": (rf"(?P<date>{decade_mods}(?:-|\s+)(?P<y>(?:19|20)\d0)s)(?!\w)", W),
        "relative": (rf"(?P<date>{_cased(r['relative'])})(?!\w)", W),
    }


@cache
def _grammar() -> _Grammar:
    r = _rules()
    dash = "|".join(re.escape(d) for d in r["range_dashes"])
    sep = rf"(?:\s*(?:{dash})\s*|\s+(?P<sepw>{_alt(r['range_words'] + ['and'])})\s+)"
    no_qty = _no_quantity(r, dash)
    months = [str(w) for ws in r["months"].values() for w in ws]
    anchors = months + [m.upper() for m in months]
    anchors += [v for w in ("year", "years", "month", "months") for v in (w, w.capitalize(), w.upper())]
    return _Grammar(
        patterns=tuple((name, re.compile(src), before) for name, (src, before) in _sources(r).items()),
        blocker_before=re.compile(rf"(?<![\w-]){_alt(r['year_cue_blockers'])}\s+$"),
        year_next=re.compile(rf"(?:\s*,\s*(?:(?i:and|or)\s+)?|\s+(?i:and|or)\s+){_year_re('y')}{no_qty}"),
        range_sep=re.compile(sep),
        range_open_before=re.compile(rf"(?<![\w-])(?P<open>{_alt(r['range_openers'])})\s+$"),
        anchor=re.compile(rf"\d+|\b{_alt(anchors, '')}\b"),
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
