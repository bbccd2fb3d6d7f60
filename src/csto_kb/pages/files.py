"""The data files of the site: each record as JSON beside its page
(``people/stanislav-zas.json``), and in ``downloads/`` every record as JSON Lines, one
CSV table per kind and the JSON Schema of a record (see :mod:`csto_kb.exports`).

They are planned like the pages (:mod:`csto_kb.pages.plan`): each is a function of its
scope alone, written into docs/ when the scope's digest changes, and MkDocs copies
them into the site as they are. A record's JSON is rendered again when its record
changes; the JSON Lines file when any record does; a CSV table when a record of its
kind, or the name of a record its rows name, does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping

from csto_kb.exports import (
    COLUMNS,
    DOWNLOADS,
    FORMULA_STARTS,
    JSONL_FILE,
    SCHEMA_FILE,
    SEPARATOR,
    csv_file,
    kind_csv,
    record_json,
    records_jsonl,
    schema_text,
)
from csto_kb.model import KINDS, Record

from .catalog import PLURAL, Catalog, Entry, EntryLink, href, html_path, json_path
from .escape import Md, md_link
from .scope import Scope, entries_refs

DataFile = tuple[str, str, Scope, Callable[[Scope], str]]  # path, kind of file, scope, text
DOWNLOADS_PAGE = f"{DOWNLOADS}/index.md"
JSONL_PATH = f"{DOWNLOADS}/{JSONL_FILE}"
SCHEMA_PATH = f"{DOWNLOADS}/{SCHEMA_FILE}"


def csv_path(kind: str) -> str:
    """The path (under docs/) of the CSV table of ``kind``."""
    return f"{DOWNLOADS}/{csv_file(kind)}"


def _record_json(scope: Scope) -> str:
    return record_json(scope.own().record)


def _records_jsonl(scope: Scope) -> str:
    return records_jsonl((e.record for e in scope.entries.values()), scope.texts())


def _schema(scope: Scope) -> str:
    return schema_text()


def kind_table(kind: str, entries: Iterable[Entry], links: Mapping[str, EntryLink],
               base_url: str = "") -> str:
    """The CSV table of the records of ``entries`` (of ``kind``): ``links`` gives the
    names of the records they name; ``base_url`` is put before the pages' addresses."""
    by_id = {e.id: e for e in entries}

    def name_of(ref: str) -> str | None:
        link = links.get(ref)
        return link.name if link else None

    def page_of(record: Record) -> str | None:
        entry = by_id.get(record["id"])
        return base_url + html_path(entry.path) if entry else None

    return kind_csv(kind, [e.record for e in by_id.values()], name_of, page_of)


def _table(scope: Scope) -> str:
    return kind_table(str(scope.values["kind"]), scope.entries.values(), scope.entities)


def _post_bodies(entries: list[Entry]) -> list[str]:
    return [str(p["body"]) for e in entries for p in e.record.get("posts") or ()
            if isinstance(p, dict) and isinstance(p.get("body"), str)]


def _holders(entries: list[Entry]) -> list[str]:
    return [str(h["person"]) for e in entries for h in e.record.get("office_holders") or ()
            if isinstance(h, dict) and isinstance(h.get("person"), str)]


def data_files(cat: Catalog) -> Iterator[DataFile]:
    """Every data file of the site for the records of ``cat`` (module docstring)."""
    yield JSONL_PATH, "jsonl", Scope(cat, list(cat.entities.values())), _records_jsonl
    yield SCHEMA_PATH, "schema", Scope(cat), _schema
    for kind in KINDS:
        rows = cat.by_kind[kind]
        named = [*_post_bodies(rows), *_holders(rows), *entries_refs(rows, "entities")]
        yield csv_path(kind), "csv", Scope(cat, rows, refs=named, kind=kind), _table
    for entry in cat.entities.values():
        yield json_path(entry.path), "json", Scope(cat, [entry]), _record_json


def download_link(label: object, from_path: str, path: str) -> Md:
    """A link from ``from_path`` that downloads the data file ``path``."""
    return Md(md_link(label, href(from_path, path)) + "{ download }")


def downloads_links(from_path: str) -> dict[str, object]:
    """Links to the downloads (the JSON Lines file, each CSV table, the page about them)
    from the page ``from_path``, for the home page and the index pages."""
    return {"jsonl": download_link(JSONL_FILE, from_path, JSONL_PATH),
            "csv": {kind: download_link(csv_file(kind), from_path, csv_path(kind)) for kind in KINDS},
            "about": md_link("fields and columns", href(from_path, DOWNLOADS_PAGE))}


def _code(name: str) -> Md:
    """A field's or column's name (ours: letters and underscores) as code."""
    return Md(f"`{name}`")


_SHOWN = {"\t": "a tab", "\r": "a carriage return"}


def _fields() -> list[dict]:
    schema = json.loads(schema_text())
    return [{"name": _code(name), "description": str(spec.get("description") or "")}
            for name, spec in schema["properties"].items()]


def downloads_context(scope: Scope) -> dict:
    """Context of ``downloads/index.md``: the files, the record's fields (from the JSON
    Schema), the columns of each table and the number of records of each kind."""
    counts = scope.values["counts"]
    counts = counts if isinstance(counts, dict) else {}
    here = DOWNLOADS_PAGE
    return {
        "jsonl": download_link(JSONL_FILE, here, JSONL_PATH),
        "schema": md_link(SCHEMA_FILE, href(here, SCHEMA_PATH)),
        "total": sum(counts.values()),
        "tables": [{"kind": kind, "label": PLURAL[kind], "count": counts.get(kind, 0),
                    "link": download_link(csv_file(kind), here, csv_path(kind)),
                    "columns": [{"name": _code(c.name), "description": c.description}
                                for c in COLUMNS[kind]]} for kind in KINDS],
        "fields": _fields(),
        "separator": SEPARATOR.strip(),
        "formula_starts": ", ".join(_SHOWN.get(c, c) for c in FORMULA_STARTS),
    }
