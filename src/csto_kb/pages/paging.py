"""Splitting a long list (an index, the timeline) over several pages.

A list of at most PAGE_ROWS rows is one page. A longer one is split by a stable key of
its rows (the initial of a name, the year of a date) and each group in pages of at most
PAGE_ROWS rows (the timeline and the dates index, whose rows are heavier: dated_rows()):
``people/index.md`` (the first page), ``people/_page-b.md``, ``people/_page-b-2.md``,
``timeline-2022.md``. No page grows with the corpus, and adding
a document changes only the pages of the groups its rows fall in (and the first page),
so that a rebuild renders few list pages again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import dates
from .escape import Md, md_escape

PAGE_ROWS = 100


def dated_rows() -> int:
    """Rows a page of the timeline or of the dates index holds: half of PAGE_ROWS. Such a
    row shows a date, its event and up to ten links, about twice what an index row shows,
    so that these pages are no larger than the others (about 60 KiB of Markdown)."""
    return max(1, PAGE_ROWS // 2)


@dataclass(frozen=True)
class ListPage:
    """One page of a list: its path, its rows, its label in the pager."""

    path: str
    rows: list
    label: Md  # escaped


def _stem(first: str) -> tuple[str, str]:
    folder, _, name = first.rpartition("/")
    return (folder + "/" if folder else ""), ("_page" if name == "index.md" else name[:-3])


def initial(name: str) -> str:
    """The group of a name in an alphabetical list: its initial letter, "0-9" or "other"."""
    char = unicodedata.normalize("NFKD", name.casefold()[:1])[:1]
    if "a" <= char <= "z":
        return char
    return "0-9" if char.isdigit() else "other"


def year_of(value: object) -> str:
    """The group of a date in a chronological list: its year, its decade or "undated"."""
    return dates.group(value).lower()


def split(first: str, items: list, key_of, rows: int | None = None) -> list[ListPage]:
    """The pages of the list ``items`` (already in order) whose first page is ``first``;
    ``key_of(item)`` is the group of an item (rows of one group are kept together even
    if the order scatters them). Never empty: an empty list has one empty page."""
    rows = rows or PAGE_ROWS
    if len(items) <= rows:
        return [ListPage(first, list(items), Md("1"))]
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key_of(item), []).append(item)
    folder, stem = _stem(first)
    pages = []
    for key, members in groups.items():
        slug = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "other"
        for n, start in enumerate(range(0, len(members), rows), 1):
            suffix = slug if n == 1 else f"{slug}-{n}"
            label = md_escape(key.upper() if len(key) == 1 else key.capitalize())
            pages.append(ListPage(f"{folder}{stem}-{suffix}.md", members[start:start + rows],
                                  Md(label if n == 1 else f"{label} ({n})")))
    pages[0] = ListPage(first, pages[0].rows, pages[0].label)
    return pages


def pager(pages: list[ListPage], here: str) -> Md:
    """"Pages: A · B · B (2) · C", each a link but the current one (empty for one page)."""
    if len(pages) <= 1:
        return Md("")
    parts = []
    for page in pages:
        label = page.label
        target = page.path.rpartition("/")[2]
        parts.append(Md(f"**{label}**") if page.path == here else Md(f"[{label}]({target})"))
    return Md("Pages: " + " · ".join(parts))
