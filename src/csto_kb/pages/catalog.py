"""The records and sources a build renders, with their page paths and links between them.

Only records whose id is a slug and whose type is known, and only sources whose id is a
safe file name, get a page; a reference to anything else is shown as plain (escaped)
text instead of a link, so that every link on the site points to an existing page.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from csto_kb.changes import digest, text_digest
from csto_kb.model import KIND_OF_TYPE, KINDS, Record, RecordMention
from csto_kb.model import ref as make_ref

from . import dates
from .escape import Md, is_slug, is_source_id, md_link

log = logging.getLogger(__name__)

ENTITY_KINDS = ("people", "bodies", "forces", "operations")
SINGULAR = {"people": "Person", "bodies": "Body", "forces": "Force", "operations": "Operation", "dates": "Date"}
PLURAL = {"people": "People", "bodies": "Bodies", "forces": "Forces", "operations": "Operations", "dates": "Dates"}


def file_stem(ident: str) -> str:
    """The file name (without ``.md``) of the page for ``ident``; ``index`` is kept free."""
    return "index_" if ident == "index" else ident


def json_path(page_path: str) -> str:
    """The path of the JSON of the record whose page is ``page_path`` (beside it)."""
    return page_path[: -len(".md")] + ".json"


def html_path(page_path: str) -> str:
    """The address of the page ``page_path`` (``.md``) on the site, from its root."""
    return page_path[: -len(".md")] + ".html"


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative link from the page ``from_path`` to the page ``to_path`` (both under docs/)."""
    from_dir, to_dir = from_path.rpartition("/")[0], to_path.rpartition("/")[0]
    if from_dir == to_dir:
        rel = posixpath.basename(to_path)
    elif not from_dir:
        rel = to_path
    elif to_dir.startswith(f"{from_dir}/"):  # down into a sub-folder (pages of mentions)
        rel = to_path[len(from_dir) + 1:]
    elif "/" not in from_dir:  # one folder deep, as most pages are: up to the root
        rel = f"../{to_path}"
    else:
        rel = posixpath.relpath(to_path, from_dir)
    return f"{rel}#{anchor}" if anchor else rel


def unique_strings(values: object) -> list[str]:
    """The distinct non-empty strings of a list, in their first order (non-lists: [])."""
    if not isinstance(values, (list, tuple)):
        return []
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, (str, int, float)) and str(value).strip():
            seen.setdefault(str(value), None)
    return list(seen)


def mentions_of(entry: Entry) -> list[RecordMention]:
    """The well-formed mentions of a record, by source id then paragraph."""
    mentions = [m for m in entry.record.get("mentions") or () if isinstance(m, dict)]

    def key(m: RecordMention) -> tuple:
        para = m.get("paragraph")
        return (str(m.get("source")), para if isinstance(para, int) else -1, str(m.get("quote")))

    return sorted(mentions, key=key)


def count_mentions(entry: Entry) -> int:
    """How many well-formed mentions a record has (``len(mentions_of(entry))``, unsorted)."""
    return sum(isinstance(m, dict) for m in entry.record.get("mentions") or ())


def name_key(name: str, ident: str) -> tuple[str, str]:
    """Alphabetical order of names, case- and accent-insensitive enough, ties by id."""
    return (name.casefold(), ident)


class EntryLink(NamedTuple):
    """What a link to the page of a record shows (a date's link on a timeline row also
    shows its date and event): all another page may read of that record."""

    ref: str  # "<kind>/<id>"
    kind: str
    id: str
    path: str  # relative to docs/
    name: str
    date: str | None = None  # dates only
    event: str = ""  # dates only


@dataclass(frozen=True)
class Entry:
    """One record that gets a page."""

    ref: str  # "<kind>/<id>"
    kind: str
    id: str
    path: str  # relative to docs/
    name: str
    record: Record = field(compare=False, repr=False)

    def link(self) -> EntryLink:
        """What a link to this entry shows."""
        if self.kind == "dates":
            date = self.record.get("date")
            return EntryLink(self.ref, self.kind, self.id, self.path, self.name,
                             date if isinstance(date, str) else None,
                             str(self.record.get("event") or ""))
        return EntryLink(self.ref, self.kind, self.id, self.path, self.name)


class SourceLink(NamedTuple):
    """What a link to a source page shows, and which paragraphs it has (for anchors)."""

    id: str
    path: str
    title: str
    date: str | None
    publisher: str | None
    paragraphs: int


@dataclass(frozen=True)
class SourceEntry:
    """One source document that gets a page."""

    id: str
    path: str
    title: str
    date: str | None
    publisher: str | None
    url: str | None
    paragraphs: tuple[dict, ...]
    links: tuple[dict, ...]

    def link(self) -> SourceLink:
        """What a link to this source shows."""
        return SourceLink(self.id, self.path, self.title, self.date, self.publisher,
                          len(self.paragraphs))


def _entry(record: Record) -> Entry | None:
    kind = KIND_OF_TYPE.get(str(record.get("type")))
    ident = record.get("id")
    if kind is None or not is_slug(ident):
        log.warning("pages: skipping record with bad type or id: %r", (record.get("type"), ident))
        return None
    name = str(record.get("name") or ident)
    path = f"{kind}/{file_stem(ident)}.md"
    return Entry(ref=make_ref(kind, ident), kind=kind, id=ident, path=path, name=name, record=record)


def _source(source: dict) -> SourceEntry | None:
    ident = source.get("id")
    if not is_source_id(ident):
        log.warning("pages: skipping source with bad id: %r", ident)
        return None
    paragraphs = tuple(p if isinstance(p, dict) else {"text": str(p)}
                       for p in source.get("paragraphs") or ())
    return SourceEntry(
        id=ident,
        path=f"sources/{file_stem(ident)}.md",
        title=str(source.get("title") or ident),
        date=source.get("date") or None,
        publisher=source.get("publisher") or None,
        url=source.get("url") or None,
        paragraphs=paragraphs,
        links=tuple(source.get("links") or ()),
    )


def _paragraphs_digest(src: SourceEntry) -> str:
    """A digest of a whole source page's data: metadata, paragraphs and links. Each
    paragraph's text is hashed as UTF-8 after its length (its ``repr``, escaping and
    all, costs several times more)."""
    h = hashlib.sha1(repr((src.link(), src.url, src.links)).encode(
        "utf-8", "surrogatepass"))
    for p in src.paragraphs:
        text = p.get("text")
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else b""
        rest = [(k, v) for k, v in p.items() if k != "text" or not isinstance(v, str)]
        h.update(f"{len(data)}:{rest!r}:".encode("utf-8", "surrogatepass"))
        h.update(data)
    return h.hexdigest()


class Catalog:
    """Every entity and source that gets a page, by reference, sorted; what a link to
    each shows; the digests of records and sources (see :mod:`csto_kb.pages.scope`)."""

    def __init__(self, records: list[Record], sources: list[dict],
                 digests: Mapping[str, str] | None = None,
                 texts: Mapping[str, str] | None = None):
        self.entities: dict[str, Entry] = {}
        for entry in filter(None, map(_entry, records)):
            self.entities.setdefault(entry.ref, entry)
        self.sources: dict[str, SourceEntry] = {}
        for src in filter(None, map(_source, sources)):
            self.sources.setdefault(src.id, src)
        self.by_kind: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
        for entry in self.entities.values():
            self.by_kind[entry.kind].append(entry)
        for kind, entries in self.by_kind.items():
            if kind == "dates":
                entries.sort(key=lambda e: (dates.sort_key(e.record.get("date")), e.id))
            else:
                entries.sort(key=lambda e: name_key(e.name, e.id))
        self.links = {ref: e.link() for ref, e in self.entities.items()}
        self.source_links = {sid: src.link() for sid, src in self.sources.items()}
        self.link_keys = {ref: repr(tuple(link)) for ref, link in self.links.items()}
        self.source_keys = {sid: repr(tuple(link)) for sid, link in self.source_links.items()}
        self._digests = dict(digests or {})
        self.texts: Mapping[str, str] = texts or {}  # canonical JSON of records, by ref
        self._source_digests: dict[str, str] = {}
        self._name_links: dict[tuple[str, str], Md] = {}
        self.found_in = self._mentions_per_source()
        self.on_dates = self._dates_per_entity()
        self.events_on = self._events_per_entity()

    def record_digest(self, entry: Entry) -> str:
        """The digest of ``entry``'s record (:func:`csto_kb.changes.digest`, as the build
        computes it for every record, when it gave it)."""
        found = self._digests.get(entry.ref)
        if found is None:
            text = self.texts.get(entry.ref)
            found = self._digests[entry.ref] = (digest(entry.record) if text is None
                                                else text_digest(text))
        return found

    def source_digest(self, src: SourceEntry) -> str:
        """The digest of a source page's data (metadata, paragraphs, links)."""
        found = self._source_digests.get(src.id)
        if found is None:
            found = self._source_digests[src.id] = _paragraphs_digest(src)
        return found

    def name_link(self, link: EntryLink, from_path: str) -> Md:
        """A link labelled with the name of ``link``'s record (the same on many pages)."""
        key = (link.ref, from_path.rpartition("/")[0])
        found = self._name_links.get(key)
        if found is None:
            found = self._name_links[key] = md_link(link.name, href(from_path, link.path))
        return found

    def _mentions_per_source(self) -> dict[str, dict[str, int]]:
        """source id -> {entity ref: number of mentions in that source}."""
        found: dict[str, dict[str, int]] = {}
        for entry in self.entities.values():
            for mention in entry.record.get("mentions") or ():
                if isinstance(mention, dict):
                    counts = found.setdefault(str(mention.get("source")), {})
                    counts[entry.ref] = counts.get(entry.ref, 0) + 1
        return found

    def _dates_per_entity(self) -> dict[str, list[Entry]]:
        """entity ref -> the date records that name it, in chronological order."""
        on: dict[str, list[Entry]] = {}
        for entry in self.by_kind["dates"]:
            for ref in unique_strings(entry.record.get("entities")):
                if ref in self.entities and ref != entry.ref:
                    on.setdefault(ref, []).append(entry)
        return on

    def _events_per_entity(self) -> dict[str, list[tuple[str, dict]]]:
        """entity ref -> (date ref, event) for each event naming it, in chronological order."""
        on: dict[str, list[tuple[str, dict]]] = {}
        for entry in self.by_kind["dates"]:
            for event in entry.record.get("events") or ():
                for ref in unique_strings(event.get("entities") if isinstance(event, dict) else None):
                    if ref in self.entities:
                        on.setdefault(ref, []).append((entry.ref, event))
        return on

    def sorted_sources(self) -> list[SourceEntry]:
        """Sources by title, then id."""
        return sorted(self.sources.values(), key=lambda s: name_key(s.title, s.id))

    def newest_sources(self, limit: int | None = 10) -> list[SourceEntry]:
        """Dated sources, newest first (ties by title), then undated ones by title."""
        ordered = self.sorted_sources()
        dated = [s for s in ordered if dates.parse(s.date)]
        dated.sort(key=lambda s: dates.sort_key(s.date), reverse=True)
        undated = [s for s in ordered if not dates.parse(s.date)]
        return (dated + undated)[:limit]
