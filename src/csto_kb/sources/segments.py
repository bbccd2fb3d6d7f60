"""The layout of a document body: paragraphs (lines), boilerplate, datelines, segments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from csto_kb.model import Paragraph, Segment
from csto_kb.sources.datelines import Dateline, needs_year, parse_dateline, rules

__all__ = ["Layout", "Line", "find_title", "is_boilerplate", "layout", "parse_dateline",
           "shorten", "split_lines"]

TITLE_MAX = 120  # characters, "…" included
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_BULLET = re.compile(r"^[•*·▪►\-–—]\s")
_BYLINE = re.compile(r"(?:(?i:posted|published|written)\s+)?[Bb]y\s+[A-Z]")  # a dateline that names its author


@dataclass(frozen=True)
class Line:
    """A non-empty line of the body: offsets exclude its surrounding spaces."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]
    first_date: str | None  # the first dateline's date


@cache
def _boilerplate_re() -> re.Pattern:
    alternatives = "|".join(f"(?:{p})" for p in rules()["boilerplate"])
    return re.compile(alternatives, re.IGNORECASE)


@cache
def _role_res() -> tuple[re.Pattern, re.Pattern]:
    r = rules()

    def compiled(key: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in r[key]), re.IGNORECASE)

    return compiled("captions"), compiled("bylines")


_AUTHOR = re.compile(r"[A-Z][^\W\d_]+(?:['’-][^\W\d_]+)?(?: [A-Z][^\W\d_]+(?:['’-][^\W\d_]+)?){1,2}")


def _role(line: Line, headline: bool, above_date: bool = False) -> str:
    """What a line is besides text: a caption or credit, a byline (also a name alone
    above the item's date: "Tobias Krenn" over "01/07/2022"), a headline."""
    captions, bylines = _role_res()
    if captions.fullmatch(line.text):
        return "caption"
    if (bylines.fullmatch(line.text) and not _SENTENCE_END.search(line.text)) \
            or (above_date and _AUTHOR.fullmatch(line.text)):
        return "byline"
    return "headline" if headline else "text"


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


@cache
def _related_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in rules()["related_headers"]), re.IGNORECASE)


def _in_related_lists(lines: list[Line]) -> set[int]:
    """Indexes of the lines of "Read also:" / "Related news" lists: the lines after such a
    header up to the first that ends a sentence or is a paragraph of text. A date line
    right above that text dates a news item: a feed's teaser ends in "Read more", and the
    next teaser's headline and date follow it."""
    inside: set[int] = set()
    listing = False
    for i, line in enumerate(lines):
        if _related_re().fullmatch(line.text):
            listing = True
        elif listing and (len(line.text) > 250 or _SENTENCE_END.search(line.text)):
            listing = False
            above = parse_dateline(lines[i - 1].text) if i - 1 in inside else None
            if above and above.alone and not is_boilerplate(line.text) and not _copyright().search(line.text):
                inside.discard(i - 1)
        elif listing:
            inside.add(i)
    return inside


def _datelines(lines: list[Line], default_date: str | None) -> list[Dateline | None]:
    """The dateline of each line. An agency dateline without a year takes it from the
    front matter, else from the last dateline above it, else from the nearest date-only
    line (a timestamp) below it; with none of them it is not a dateline. The dates of
    related-news lists start no item."""
    related = _in_related_lists(lines)
    found = [None if i in related else parse_dateline(line.text, default_date) or _address_date(line, i)
             for i, line in enumerate(lines)]
    for i, line in enumerate(lines):
        if found[i] is not None or i in related or not needs_year(line.text):
            continue
        above = [d.date for d in found[:i] if d is not None]
        below = [d.date for d in found[i + 1:] if d is not None and d.alone]
        year_from = above[-1] if above else below[0] if below else _copyright_year(lines)
        found[i] = parse_dateline(line.text, year_from) if year_from else None
    return found


def _address_date(line: Line, index: int) -> Dateline | None:
    """The date in the path of the page's own address on one of its first lines."""
    r = rules()["datelines"]
    m = re.fullmatch(r["address_date"], line.text) if index < r["address_lines"] else None
    return Dateline(f"{m['y']}-{m['m']}-{m['d']}", None, alone=True) if m and int(m["m"]) <= 12 else None


@cache
def _copyright() -> re.Pattern:
    return re.compile(rules()["datelines"]["copyright_year"], re.IGNORECASE)


def _copyright_year(lines: list[Line]) -> str | None:
    """The last day of the year the page's last copyright line states ("© 2024 Trend")."""
    for line in reversed(lines):
        if (m := _copyright().search(line.text)):
            return f"{m['y']}-12-31"
    return None


def _is_headline(line: Line, dateline: Dateline | None) -> bool:
    """A line that may head the news item of a dateline below it: no sentence, bullet,
    furniture or date of its own."""
    return (dateline is None and len(line.text) <= 250 and not _SENTENCE_END.search(line.text)
            and not _BULLET.match(line.text) and not is_boilerplate(line.text))


def _item_start(lines: list[Line], datelines: list[Dateline | None], i: int) -> int:
    """Where the news item of the dateline on line ``i`` starts: its line, or the
    headline lines printed above it ("Headline" / "Headline 30.05.2022")."""
    dateline = datelines[i]
    if dateline is None or i == 0:
        return lines[i].start if lines else 0
    if dateline.head and lines[i - 1].text == dateline.head:
        return lines[i - 1].start
    k = i
    while k > 0 and i - k < rules()["datelines"]["headline_lines"] \
            and _is_headline(lines[k - 1], datelines[k - 1]):
        k -= 1
    return lines[k].start if k > 0 else lines[i].start


def layout(text: str, default_date: str | None) -> Layout:
    """Paragraphs and dated segments of a body.

    Every dateline starts a segment with its date; text before the first dateline
    belongs to the first segment. The headline lines just above a dateline open its
    segment. Without datelines the whole body is one segment dated ``default_date``.
    """
    lines = split_lines(text)
    datelines = _datelines(lines, default_date)
    starts: list[tuple[int, str | None]] = []
    for i, dateline in enumerate(datelines):
        if dateline and not (dateline.update and starts):  # an update line dates no new item
            starts.append((0 if not starts else _item_start(lines, datelines, i), dateline.date))
    first_date = starts[0][1] if starts else None
    if not starts:
        starts = [(0, default_date)]
    ends = [s for s, _ in starts[1:]] + [len(text)]
    segments = tuple(Segment(s, e, d) for (s, d), e in zip(starts, ends))
    paragraphs = []
    index = 0
    heads = _headlines(lines, datelines)
    for n, (line, dateline) in enumerate(zip(lines, datelines)):
        while index + 1 < len(segments) and line.start >= segments[index + 1].start:
            index += 1
        furniture = is_boilerplate(line.text) or bool(dateline and dateline.alone
                                                     and not _BYLINE.match(line.text))
        following = datelines[n + 1] if n + 1 < len(lines) else None
        above_date = following is not None and following.head is None
        paragraphs.append(Paragraph(line.start, line.end, index, furniture,
                                    _role(line, n in heads, above_date)))
    return Layout(tuple(paragraphs), segments, first_date)


def _headlines(lines: list[Line], datelines: list[Dateline | None]) -> set[int]:
    """The lines that are headlines: the first line (a page's title) and the lines above a
    dateline that open its item, when they end no sentence."""
    out = {0} if lines and _is_headline(lines[0], datelines[0]) else set()
    for i, dateline in enumerate(datelines):
        if dateline is None:
            continue
        if dateline.head:
            out.add(i)
        k = i
        while k > 0 and i - k < rules()["datelines"]["headline_lines"] \
                and _is_headline(lines[k - 1], datelines[k - 1]):
            k -= 1
            out.add(k)
    return out
