"""Datelines: the lines that say when a news item was published.

A dateline is a line that is only a date or a timestamp ("02.10.2024", "Thu, 11/28/2019 -
15:58", "16:29, 14 May 2012 | GMT +6", "Posted: 23.05.2022 10:47:00", "date: 2015-08-24"),
a headline ending in a numeric date ("Headline 30.05.2022"), an agency dateline opening a
paragraph ("MOSCOW, November 28. /TASS/. ...", "MINSK, 23 November (BelTA) – ...") or a
metadata line opening one ("date 2016-12-21 The meeting ..."). The words and shapes are
data in ``rules/boilerplate.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from csto_kb.extraction.dates import find_dates, parse_date_string
from csto_kb.rules_data import load_rules

DATELINE_MAX = 80  # a line that is only a date (with a label, weekday, time) is no longer

_NUMERIC_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
_SENTENCE_END = re.compile(r"[.!?…;][\"'”’»)\]]*$")
_US_DATE = re.compile(r"(?P<m>\d{1,2})(?P<sp> ?)/(?P=sp)(?P<d>\d{1,2})(?P=sp)/(?P=sp)(?P<y>(?:19|20)\d\d)")
_DAY_FIRST_DASHED = re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d\d)")  # "12-03-2025"
_YEAR_FIRST_SLASHED = re.compile(r"(?P<y>(?:19|20)\d\d)[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")  # "2025/03/12"
_SHORT_YEAR = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d\d)")  # "12.09.24" on a timestamp line
_NUMERIC_DAYS = ((_DAY_FIRST_DASHED, ""), (_YEAR_FIRST_SLASHED, ""), (_SHORT_YEAR, "20"))  # (pattern, century)
_GLUED_TIME = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)")  # "February 23, 20243:18 PM"


@dataclass(frozen=True)
class Dateline:
    """A dateline: its ISO date and, for "Headline 30.05.2022", the headline text."""

    date: str
    head: str | None
    alone: bool = False  # the line is nothing but the date (and a label, weekday, time)
    update: bool = False  # "Updated 1:07 AM GMT+5, June 15, 2024": when the item was last changed


def rules() -> dict:
    """The page-furniture rules (``rules/boilerplate.yaml``)."""
    return load_rules("boilerplate.yaml")


@dataclass(frozen=True)
class _Patterns:
    whole: re.Pattern
    trailing: re.Pattern
    prose: re.Pattern
    city: re.Pattern
    after_city_date: re.Pattern
    metadata: re.Pattern
    header_tail: re.Pattern
    source_line: re.Pattern
    rule: re.Pattern
    dashed_header: re.Pattern
    chat_stamp: re.Pattern
    published_note: re.Pattern
    copy_label: re.Pattern


@cache
def _patterns() -> _Patterns:
    r = rules()["datelines"]
    time, sep, zone = r["time"], r["time_separator"], r["zone"]
    weekdays = "|".join(re.escape(w) for w in sorted(r["weekdays"], key=len, reverse=True))
    words = sorted(r["not_after"], key=len, reverse=True)
    not_after = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    whole = re.compile(
        rf"{r['label']}?(?:{time}{sep})?(?:(?:{weekdays})\.?,?\s+)?(?P<date>.+?)"
        rf"(?:{sep}{time})?(?:{zone})?(?:,?\s+(?:{weekdays}))?(?:{r['byline_after']})?(?:{r['views_after']})?",
        re.IGNORECASE)
    trailing = re.compile(rf"(?P<head>.*\S)\s+(?P<date>{_NUMERIC_DATE})(?:{sep}{time})?")
    return _Patterns(
        whole=whole,
        trailing=trailing,
        prose=re.compile(rf"(?:^|\s)(?:{not_after})$", re.IGNORECASE),
        city=re.compile(r["city"]),
        after_city_date=re.compile(r["after_city_date"]),
        metadata=re.compile(r["metadata"]),
        source_line=re.compile(r["source_line"]),
        rule=re.compile(r["rule"]),
        dashed_header=re.compile(r["dashed_header"]),
        chat_stamp=re.compile(r["chat_stamp"]),
        published_note=re.compile(r["published_note"]),
        copy_label=re.compile(r"(?:" + "|".join(map(re.escape, r["copy_labels"])) + r")\b", re.IGNORECASE),
        header_tail=re.compile(rf"(?:{sep}{time})?(?:{zone})?(?:,\s*(?:p\.|page)\s*\d+)?\s*(?:[|•·].*)?",
                               re.IGNORECASE),
    )


def _day_value(text: str) -> str | None:
    """The ISO day a string that is wholly a date gives ("11/28/2019" read month first)."""
    text = text.strip()
    for pattern, century in _NUMERIC_DAYS:
        if m := pattern.fullmatch(text):
            return parse_date_string(f"{century}{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}")
    us = _US_DATE.fullmatch(text)
    if us:  # month first ("11/28/2019"), but day first where it must be or spaced ("15 / 09 / 2021")
        month, day = int(us["m"]), int(us["d"])
        if month > 12 or (us["sp"] and day <= 12):
            month, day = day, month
        value = parse_date_string(f"{us['y']}-{month:02d}-{day:02d}")
    else:
        value = parse_date_string(text)
    return value if value and len(value) == 10 else None


def _yearless_day(text: str, year_from: str | None) -> str | None:
    """A feed's timestamp without a year ("12 March, 10:23"): the day in the year of
    ``year_from``, or in the year before when that would put it over a month later."""
    if not year_from or not re.fullmatch(r"[\w .]{3,20}", text) or re.search(r"\d{4}", text):
        return None
    year = int(year_from[:4])
    value = _day_value(f"{text} {year}")
    if value and value[5:] > year_from[5:] and _months_between(year_from, value) > 1:
        value = _day_value(f"{text} {year - 1}")
    return value


def _months_between(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def _city_dateline(line: str, year_from: str | None) -> Dateline | None:
    """An agency dateline opening a paragraph; a date without a year takes the year of
    ``year_from`` (the date known from elsewhere on the page), or is no dateline."""
    p = _patterns()
    m = p.city.match(line)
    if not m:
        return None
    rest = line[m.end():m.end() + 40]  # a dateline's date comes right after the city
    dates = [d for d in find_dates(rest, year_from) if d.start == 0 and d.precision == "day"]
    if not dates or not p.after_city_date.match(rest, dates[0].end):
        return None
    return Dateline(dates[0].value, None)


@cache
def _update_label() -> re.Pattern:
    labels = "|".join(re.escape(w) for w in sorted(rules()["datelines"]["update_labels"], key=len, reverse=True))
    return re.compile(rf"\s*[|•·(/–—-]?\s*(?:\b|(?<=\d))(?:{labels})\b\s*:?\s*", re.IGNORECASE)  # "GMT+4Updated"


def parse_dateline(line: str, year_from: str | None = None) -> Dateline | None:
    """The dateline a (stripped) line is, if any. ``year_from`` is a date that gives the
    year of an agency dateline without one (the front matter's, a timestamp's). A line
    that says when the item was updated is one (``update``); an update stated after the
    publication date ("03/07/2025 15:40 | Updated: 04/07/2025") is left out."""
    p = _patterns()
    line = _GLUED_TIME.sub(r"\1 \2", p.rule.sub("", line))
    if p.copy_label.match(line):
        return None  # when a copy of the page was made
    if (m := p.dashed_header.fullmatch(line) or p.chat_stamp.fullmatch(line)):
        found = _parse(m.group(1), year_from)
        return Dateline(found.date, None, alone=True) if found and found.head is None else None
    update = _update_label().search(line)
    if update and update.start() == 0:
        found = _parse(line[update.end():], year_from)
        return Dateline(found.date, None, alone=found.alone, update=True) if found else None
    return _parse(line[:update.start()] if update else line, year_from)


def _parse(line: str, year_from: str | None) -> Dateline | None:
    city = _city_dateline(line, year_from)
    if city:
        return city
    p = _patterns()
    m = p.whole.fullmatch(line) if len(line) <= DATELINE_MAX else None
    if m and (value := _day_value(m["date"]) or _yearless_day(m["date"], year_from)):
        return Dateline(value, None, alone=True)
    m = p.metadata.match(line)
    if m and (value := _day_value(m["date"])):
        return Dateline(value, None, alone=m.end() == len(line))
    m = p.trailing.fullmatch(line)
    if m and not p.prose.search(m["head"]):
        value = parse_date_string(m["date"])
        if value:
            return Dateline(value, m["head"].strip())
    value = _header_date(line) or _source_line(line) or _published_note(line)
    return Dateline(value, None, alone=False) if value else None


def _published_note(line: str) -> str | None:
    """The date of "This column was published on February 16, 2026." ending a line."""
    m = _patterns().published_note.search(line)
    return _day_value(m["date"]) if m else None


def _one_of(found: list[tuple[int, int, str]], line: str) -> tuple[int, int, str]:
    """The same date written twice ("01/07/2022 January 7, 2022"): as one span."""
    start, end = min(f[0] for f in found), max(f[1] for f in found)
    return start, end, found[0][2]


def _source_line(line: str) -> str | None:
    """The date of "Source: Khovar news agency, Dushanbe, in Russian 16 Sep 21"."""
    m = _patterns().source_line.match(line)
    return parse_date_string(f"{m['d']} {m['m']} 20{m['y']}") if m else None


_QUOTES = "\"'“”‘’«»"


def _header_date(line: str) -> str | None:
    """The date of a page-header line that carries one among labels and fields:
    "Politics Materials 28 November 2024 14:20 (UTC +04:00)", "Source: Xinhua |
    2025-11-27 22:31:10 | Editor: huaxia". Not a headline with a date in it ("Drills to
    start on 12 May 2024"): no sentence, no preposition before the date, at most a few
    words before it, nothing but a time, a zone or another field after it."""
    r, p = rules()["datelines"], _patterns()
    if len(line) > r["header_max"] or _SENTENCE_END.search(line) or line[:1] in _QUOTES:
        return None  # a quotation and its attribution ("'...' - X to Sputnik, 14 April 2026")
    found = [(d.start, d.end, d.value) for d in find_dates(line, None) if d.precision == "day"]
    found += [(m.start(), m.end(), v) for m in _US_DATE.finditer(line) if (v := _day_value(m.group()))]
    if len({v for _, _, v in found}) != 1:
        return None  # no date, or several: a headline about them
    start, end, value = found[0] if len(found) == 1 else _one_of(found, line)
    before = re.split(r"[|•·:,]", line[:start])[-1]
    issue = re.search(r"\bNo\.?\s*[\d/-]+\s+(?:of|dated)\s*$", before)  # "No. 221 of 28.11.2022"
    if (p.prose.search(before.rstrip()) and not issue) or len(before.split()) > r["header_words_before"]:
        return None
    return value if p.header_tail.fullmatch(line, end) else None


def needs_year(line: str) -> bool:
    """Whether ``line`` is an agency dateline or a timestamp whose date gives no year of its own."""
    return parse_dateline(line) is None and (_city_dateline(line, "2000") is not None
                                             or parse_dateline(line, "2000-12-31") is not None)
