"""Reading, ordering and showing the ISO dates of records and sources.

Dates come at the precision the text gives: a decade ``"2000s"``, a year ``"2010"``,
a month ``"2023-09"`` or a day ``"2022-01-06"``. Within one year a decade comes first,
then the year itself, then months, then days, so a timeline reads from the coarse to
the precise. Anything else sorts last, under "Undated".
"""

from __future__ import annotations

import re
from functools import lru_cache

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
UNDATED = "Undated"
_DECADE = re.compile(r"^(\d{3})0s$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse(value: object) -> tuple[int, int, int, int] | None:
    """``(year, precision, month, day)`` for a date string, precision 0 decade .. 3 day."""
    if not isinstance(value, str):
        return None
    return _parse(value)


@lru_cache(maxsize=1 << 15)  # a corpus has a few thousand distinct dates, shown on many pages
def _parse(value: str) -> tuple[int, int, int, int] | None:
    if m := _DECADE.match(value):
        return int(m.group(1)) * 10, 0, 0, 0
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= 31:
        return None
    precision = 3 if day else 2 if month else 1
    return int(year), precision, int(month or 0), int(day or 0)


def sort_key(value: object) -> tuple:
    """A key that orders dates chronologically, coarse before precise, undated last."""
    parsed = parse(value)
    if parsed is None:
        return (1, 0, 0, 0, 0, str(value or ""))
    year, precision, month, day = parsed
    return (0, year, precision, month, day, "")


def group(value: object) -> str:
    """The timeline heading a date belongs to: its year, its decade, or "Undated"."""
    parsed = parse(value)
    if parsed is None:
        return UNDATED
    year, precision, _, _ = parsed
    return f"{year}s" if precision == 0 else str(year)


def display(value: object) -> str:
    """A date for readers: ``6 January 2022``, ``September 2023``, ``2010``, ``2000s``."""
    parsed = parse(value)
    if parsed is None:
        return "" if value is None else str(value)
    year, precision, month, day = parsed
    if precision == 3:
        return f"{day} {MONTHS[month - 1]} {year}"
    if precision == 2:
        return f"{MONTHS[month - 1]} {year}"
    return str(value)
