"""Records as spreadsheet tables: one CSV file per kind, one row per record.

The columns of each kind are :data:`COLUMNS` (name, description, value), the one list
that the files, the site's downloads page and the README describe. Lists are joined
with ``"; "`` (the JSON keeps them exact). A file is UTF-8 with a byte-order mark (so
that spreadsheets read Cyrillic right), rows end with CRLF (RFC 4180), rows are sorted
by id.

Cells are safe to open in a spreadsheet: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe (``'=1+1``), so that
no source text is taken for a formula; control characters become spaces, and the
characters that show nothing (:mod:`csto_kb.invisible`: bidirectional controls,
zero-width ones) are dropped, as from the pages.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from csto_kb.invisible import drop_invisible
from csto_kb.model import Record

NamesOf = Callable[[str], str | None]  # a record's address -> its name (None: unknown)
PageOf = Callable[[Record], str | None]  # a record -> the address of its page
Cell = str | int
SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_cell(value: object) -> Cell:
    """``value`` as a cell: whole numbers as they are, text made safe (module docstring)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if not (text.isascii() and text.isprintable()):  # (most cells: nothing to make safe)
        text = drop_invisible(_SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text)))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Row:
    """One record and what its cells may name: other records' names, its page."""

    record: Record
    name_of: NamesOf
    page: str | None  # the address of its page ("people/stanislav-zas.html", or a full URL)


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Row], Cell]


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dicts(value: object) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _aliases(row: Row) -> str:
    name = row.record.get("name")
    return SEPARATOR.join(dict.fromkeys(a for a in _strings(row.record.get("aliases")) if a != name))


def _joined(key: str) -> Callable[[Row], str]:
    return lambda row: SEPARATOR.join(dict.fromkeys(_strings(row.record.get(key))))


def _field(key: str) -> Callable[[Row], str]:
    return lambda row: str(row.record.get(key) or "")


def _mentions(row: Row) -> int:
    return len(_dicts(row.record.get("mentions")))


def _sources(row: Row) -> int:
    return len({str(m.get("source")) for m in _dicts(row.record.get("mentions"))})


def _named(row: Row, ref: object) -> str:
    return (row.name_of(ref) or ref) if isinstance(ref, str) else ""


def _span(dates: list[str]) -> str:
    """" [2019-06-28 – 2022-05-30]" (or one date, or nothing)."""
    ordered = sorted(set(dates))
    return f" [{' – '.join(dict.fromkeys(ordered[:1] + ordered[-1:]))}]" if ordered else ""


def _grouped(items: Iterable[tuple[str, object]]) -> str:
    """Texts joined once each, in their first order, with the span of their dates."""
    groups: dict[str, list[str]] = {}
    for text, date in items:
        groups.setdefault(text, [])
        if isinstance(date, str) and date:
            groups[text].append(date)
    return SEPARATOR.join(text + _span(dates) for text, dates in groups.items())


def _posts(row: Row) -> str:
    """Each office once: "Secretary General (appointed), <body> [first – last date]"."""
    def text(post: dict) -> str:
        out = str(post.get("role") or "")
        if post.get("qualifier"):
            out += f" ({post['qualifier']})"
        return out + (f", {_named(row, post['body'])}" if post.get("body") else "")
    return _grouped((text(p), p.get("date")) for p in _dicts(row.record.get("posts")))


def _holders(row: Row) -> str:
    """Each holder of each post once: "Secretary General: <person> [first – last date]"."""
    return _grouped((f"{h.get('role') or ''}: {_named(row, h.get('person'))}", h.get("date"))
                    for h in _dicts(row.record.get("office_holders")))


def _entities(row: Row) -> str:
    return SEPARATOR.join(dict.fromkeys(_named(row, r) for r in _strings(row.record.get("entities"))))


def _page(row: Row) -> str:
    return row.page or ""


def _json(row: Row) -> str:
    return row.page[: -len(".html")] + ".json" if row.page and row.page.endswith(".html") else ""


_ID = Column("id", "the record's id (its file is <kind>/<id>.yaml)", _field("id"))
_NAME = Column("name", "the canonical name", _field("name"))
_ALIASES = Column("aliases", "other names, joined with '; '", _aliases)
_ABBREVIATIONS = Column("abbreviations", "abbreviations, joined with '; '", _joined("abbreviations"))
_SEEN = (Column("first_seen", "date of the first news item that mentions it", _field("first_seen")),
         Column("last_seen", "date of the last news item that mentions it", _field("last_seen")),
         Column("mentions", "number of sentences that mention it", _mentions),
         Column("sources", "number of sources that mention it", _sources))
_LINKS = (Column("page", "the address of its page on the site", _page),
          Column("json", "the address of its record as JSON", _json))
_NAMED = (_ID, _NAME, _ALIASES, _ABBREVIATIONS)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "people": (_ID, _NAME, _ALIASES,
               Column("posts", "each office the texts state once, with its body and the first "
                               "and last dates stated: 'Role (qualifier), Body [from – to]'", _posts),
               *_SEEN, *_LINKS),
    "bodies": (*_NAMED,
               Column("office_holders", "who holds each post, with the first and last dates "
                                        "stated: 'Role: Person [from – to]'", _holders),
               *_SEEN, *_LINKS),
    "forces": (*_NAMED, *_SEEN, *_LINKS),
    "operations": (*_NAMED, *_SEEN, *_LINKS),
    "dates": (_ID, _NAME,
              Column("date", "the date, ISO 8601 at the precision of the text (2022-01-06, "
                             "2022-01, 2022, 2000s)", _field("date")),
              Column("event", "what happened then (the first sentence naming it, trimmed)",
                     _field("event")),
              Column("events", "number of sentences that state what happened then",
                     lambda row: len(_dicts(row.record.get("events")))),
              Column("entities", "the records named in those sentences, joined with '; '", _entities),
              *_SEEN, *_LINKS),
}


def kind_csv(kind: str, records: Iterable[Record], name_of: NamesOf, page_of: PageOf) -> str:
    """The CSV table of ``records`` of ``kind`` (module docstring), rows sorted by id."""
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        row = Row(record, name_of, page_of(record))
        writer.writerow([safe_cell(c.value(row)) for c in columns])
    return "\ufeff" + out.getvalue()
