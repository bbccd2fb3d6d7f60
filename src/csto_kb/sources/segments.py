"""The layout of a document body: paragraphs (lines), boilerplate, datelines, segments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from csto_kb.extraction.dates import find_dates, parse_date_string
from csto_kb.model import Paragraph, Segment

TITLE_MAX = 120  # characters, "…" included
DATELINE_MAX = 60  # a line that is only a date (with a label or weekday) is no longer

_NUMERIC_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"


@dataclass(frozen=True)
class Line:
    """A non-empty line of the body: offsets exclude its surrounding spaces."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Dateline:
    """A dateline: its ISO date and, for "Headline 30.05.2022", the headline text."""

    date: str
    head: str | None
    alone: bool = False  # the line is nothing but the date (and a label or weekday)


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]
    first_date: str | None  # the first dateline's date


@cache
def _rules() -> dict:
    text = resources.files("csto_kb").joinpath("rules/boilerplate.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def _boilerplate_re() -> re.Pattern:
    alternatives = "|".join(f"(?:{p})" for p in _rules()["boilerplate"])
    return re.compile(alternatives, re.IGNORECASE)


@cache
def _dateline_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rules = _rules()["datelines"]
    time = rules["time"]
    weekdays = "|".join(re.escape(w) for w in rules["weekdays"])
    words = sorted(rules["not_after"], key=len, reverse=True)
    not_after = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    label = rules["label"]
    whole = re.compile(rf"{label}?(?:(?:{weekdays}),?\s+)?(?P<date>.+?){time}?", re.IGNORECASE)
    trailing = re.compile(rf"(?P<head>.*\S)\s+(?P<date>{_NUMERIC_DATE}){time}?")
    prose = re.compile(rf"(?:^|\s)(?:{not_after})$", re.IGNORECASE)
    return whole, trailing, prose


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of ``text`` with their offsets (surrounding spaces excluded)."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            lines.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def is_boilerplate(line: str) -> bool:
    """Whether a (stripped) line is page furniture by ``rules/boilerplate.yaml``."""
    return _boilerplate_re().fullmatch(line.strip()) is not None


@cache
def _city_re() -> re.Pattern:
    return re.compile(_rules()["datelines"]["city"])


def _city_dateline(line: str, default_date: str | None) -> Dateline | None:
    """An agency dateline opening a paragraph: "MINSK, 23 November (BelTA) – ..."."""
    m = _city_re().match(line)
    if not m:
        return None
    rest = line[m.end():m.end() + 40]  # a dateline's date comes right after the city
    dates = [d for d in find_dates(rest, default_date) if d.start == 0 and d.precision == "day"]
    if not dates or not re.match(r"\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:]|$)", rest[dates[0].end:]):
        return None
    return Dateline(dates[0].value, None)


def parse_dateline(line: str, default_date: str | None = None) -> Dateline | None:
    """The dateline a (stripped) line is, if any: a date alone, a headline ending in one,
    or a city dateline opening a paragraph (its year may come from ``default_date``)."""
    city = _city_dateline(line, default_date)
    if city:
        return city
    whole, trailing, prose = _dateline_res()
    m = whole.fullmatch(line) if len(line) <= DATELINE_MAX else None
    if m:
        value = parse_date_string(m["date"])
        if value and len(value) == 10:
            return Dateline(value, None, alone=True)
    m = trailing.fullmatch(line)
    if m and not prose.search(m["head"]):
        value = parse_date_string(m["date"])
        if value:
            return Dateline(value, m["head"].strip())
    return None


def find_title(text: str, max_chars: int = TITLE_MAX) -> str | None:
    """The first line that is not a bare dateline or boilerplate, without a trailing date."""
    for line in split_lines(text):
        dateline = parse_dateline(line.text)
        if dateline and dateline.head is None or is_boilerplate(line.text):
            continue
        return shorten((dateline.head if dateline else None) or line.text, max_chars)
    return None


def shorten(text: str, max_chars: int = TITLE_MAX) -> str:
    """``text`` cut at a word boundary to at most ``max_chars`` characters, "…" marking a cut."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if space > max_chars // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def layout(text: str, default_date: str | None) -> Layout:
    """Paragraphs and dated segments of a body.

    Every dateline starts a segment with its date; text before the first dateline
    belongs to the first segment. A headline line repeated just before its dateline
    ("Headline" / "Headline 30.05.2022") opens the segment. Without datelines the
    whole body is one segment dated ``default_date``.
    """
    lines = split_lines(text)
    datelines = [parse_dateline(line.text, default_date) for line in lines]
    starts: list[tuple[int, str | None]] = []
    for i, (line, dateline) in enumerate(zip(lines, datelines)):
        if not dateline:
            continue
        start = line.start
        if dateline.head and i > 0 and lines[i - 1].text == dateline.head:
            start = lines[i - 1].start
        starts.append((0 if not starts else start, dateline.date))
    first_date = starts[0][1] if starts else None
    if not starts:
        starts = [(0, default_date)]
    ends = [s for s, _ in starts[1:]] + [len(text)]
    segments = tuple(Segment(s, e, d) for (s, d), e in zip(starts, ends))
    paragraphs = []
    index = 0
    for line, dateline in zip(lines, datelines):
        while index + 1 < len(segments) and line.start >= segments[index + 1].start:
            index += 1
        furniture = is_boilerplate(line.text) or bool(dateline and dateline.alone)
        paragraphs.append(Paragraph(line.start, line.end, index, furniture))
    return Layout(tuple(paragraphs), segments, first_date)
