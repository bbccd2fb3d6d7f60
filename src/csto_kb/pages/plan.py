"""Every page of the site: its path, its template, its scope (what it is rendered from:
see :mod:`csto_kb.pages.scope`) and the function that makes its context from the scope;
and every data file (:mod:`csto_kb.pages.files`), whose function makes its text.

Each context function below takes the scope alone: whatever a page shows comes from
its scope, so the scope's digest tells whether the page changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

from csto_kb.history import as_builds
from csto_kb.model import Record

from . import paging
from .catalog import ENTITY_KINDS, Catalog, Entry, SourceEntry
from .context import MAX_TIMELINE, entity_context, kind_index_context
from .context_facts import fact_refs, fact_sources
from .context_sources import (
    dates_index_context,
    home_context,
    source_context,
    sources_index_context,
    timeline_context,
    whats_new_context,
)
from .files import DOWNLOADS_PAGE, DataFile, data_files, downloads_context
from .mentions import mentions_page_context, one_page, page_path, quotes, split
from .scope import Scope, entries_refs, entries_sources, refs_of, sources_of

Page = tuple[str, str, Scope, Callable[[Scope], dict]]  # path, template, scope, context


def _with_pager(context: dict, scope: Scope) -> dict:
    return {**context, "pager": scope.values["pager"], "total": scope.values["total"]}


def _entity(scope: Scope) -> dict:
    return entity_context(scope, scope.own())


def _source(scope: Scope) -> dict:
    return source_context(scope, next(iter(scope.documents.values())))


def _home(scope: Scope) -> dict:
    return home_context(scope)


def _whats_new(scope: Scope) -> dict:
    changes = scope.values["changes"]
    return whats_new_context(scope, changes if isinstance(changes, dict) else None)


def _downloads(scope: Scope) -> dict:
    return downloads_context(scope)


def _mentions_page(scope: Scope) -> dict:
    return mentions_page_context(scope)


def _kind_index(scope: Scope) -> dict:
    kind = str(scope.values["kind"])
    return _with_pager(kind_index_context(scope, kind, list(scope.entries.values())), scope)


def _timeline(scope: Scope) -> dict:
    return _with_pager(timeline_context(scope, list(scope.entries.values())), scope)


def _dates_index(scope: Scope) -> dict:
    return _with_pager(dates_index_context(scope, list(scope.entries.values())), scope)


def _sources_index(scope: Scope) -> dict:
    return _with_pager(sources_index_context(scope, list(scope.sources.values())), scope)


def _entity_scope(cat: Catalog, entry: Entry) -> Scope:
    record = entry.record
    on_dates = tuple(d.ref for d in cat.on_dates.get(entry.ref, ()))
    # The events naming the entity, the latest first, as plain values (they are part of
    # the scope's digest): (date ref, source, paragraph, sentence).
    events = tuple((date, str(e.get("source")), e.get("paragraph"), str(e.get("quote") or ""))
                   for date, e in reversed(cat.events_on.get(entry.ref, [])))[:MAX_TIMELINE]
    return Scope(cat, [entry], refs=[*refs_of(record.get("related")),
                                     *refs_of(record.get("entities")), *on_dates,
                                     *fact_refs(record)],
                 sources=[*sources_of(record.get("mentions")), *sources_of(record.get("titles")),
                          *fact_sources(record), *(e[1] for e in events)],
                 events=events, more_events=len(cat.events_on.get(entry.ref, ())) - len(events))


def _mention_pages(cat: Catalog, entry: Entry) -> Iterator[Page]:
    """The further pages of an entity's quotes (see mentions.py), each scoped to its own
    quotes, their sources, its neighbours' paths and the link to the entity page."""
    mentions = entry.record.get("mentions") or []
    if one_page(mentions):
        return
    pages = split(quotes(mentions, cat.source_links))
    first = len(pages[0]) + 1
    for number, page in enumerate(pages[1:], 2):
        path = page_path(entry.path, number)
        after = page_path(entry.path, number + 1) if number < len(pages) else None
        yield path, "mentions.md.j2", Scope(
            cat, refs=[entry.ref], sources=dict.fromkeys(q.source for q in page),
            entity=entry.ref, path=path, quotes=tuple(page), first=first,
            previous=page_path(entry.path, number - 1), next=after), _mentions_page
        first += len(page)


def _source_scope(cat: Catalog, src: SourceEntry) -> Scope:
    found = cat.found_in.get(src.id, {})
    links = [str(link.get("ref")) for link in src.links if isinstance(link, dict)]
    return Scope(cat, refs=[*links, *found], documents=[src], found=tuple(found.items()))


def _kind_scope(cat: Catalog, kind: str, rows: list[Entry]) -> Scope:
    return Scope(cat, rows, kind=kind)


def _list_pages(first: str, template: str, context: Callable[[Scope], dict],
                items: list, key_of: Callable[[Any], str],
                scope_of: Callable[[list], Scope], rows: int | None = None) -> Iterator[Page]:
    """The pages of the list ``items`` (see paging.py): ``scope_of(rows)`` gives a
    page's scope, to which its pager and (on the first page) the total are added."""
    pages = paging.split(first, items, key_of, rows)
    for page in pages:
        scope = scope_of(page.rows)
        scope.values["pager"] = paging.pager(pages, page.path)
        scope.values["total"] = len(items) if page.path == first else None
        yield page.path, template, scope, context


def pages(records: list[Record], sources: list[dict], changes: dict | None = None,
          digests: Mapping[str, str] | None = None,
          texts: Mapping[str, str] | None = None) -> Iterator[Page | DataFile]:
    """Every page and data file of the site for ``records`` and ``sources`` (see
    render.py): a path ending in ``.md`` is a page, any other a data file."""
    cat = Catalog(records, sources, digests, texts)
    counts = {kind: len(entries) for kind, entries in cat.by_kind.items()}
    yield DOWNLOADS_PAGE, "downloads.md.j2", Scope(cat, counts=counts), _downloads
    yield from data_files(cat)
    yield "index.md", "home.md.j2", Scope(
        cat, sources=[s.id for s in cat.newest_sources(10)],
        counts={**counts, "sources": len(cat.sources)}), _home
    listed, because = [], []
    for build in as_builds(changes):
        for key in ("new", "changed"):
            for item in (build.get(key) or {}).get("listed") or ():
                listed.append(str(item.get("ref")))
                because += refs_of(item.get("because"))
        for key in ("new", "changed"):
            because += refs_of((build.get("sources") or {}).get(key))
    yield "whats-new.md", "whats_new.md.j2", Scope(cat, refs=listed, sources=because,
                                                   changes=changes), _whats_new

    def dated_scope(rows: list) -> Scope:
        return Scope(cat, rows, refs=entries_refs(rows, "entities"),
                     sources=entries_sources(rows, "mentions"))

    dated = cat.by_kind["dates"]
    year = lambda e: paging.year_of(e.record.get("date"))
    yield from _list_pages("timeline.md", "timeline.md.j2", _timeline, dated, year,
                           dated_scope, paging.dated_rows())
    yield from _list_pages("dates/index.md", "dates_index.md.j2", _dates_index, dated, year,
                           dated_scope, paging.dated_rows())
    yield from _list_pages(
        "sources/index.md", "sources_index.md.j2", _sources_index,
        cat.newest_sources(limit=None), lambda s: paging.year_of(s.date),
        lambda rows: Scope(cat, sources=[s.id for s in rows],
                           found=tuple((s.id, len(cat.found_in.get(s.id, {}))) for s in rows)))
    for kind in ENTITY_KINDS:
        yield from _list_pages(f"{kind}/index.md", "kind_index.md.j2", _kind_index,
                               cat.by_kind[kind], lambda e: paging.initial(e.name),
                               partial(_kind_scope, cat, kind))
    for entry in cat.entities.values():
        template = "date.md.j2" if entry.kind == "dates" else "entity.md.j2"
        yield entry.path, template, _entity_scope(cat, entry), _entity
        yield from _mention_pages(cat, entry)
    for src in cat.sources.values():
        yield src.path, "source.md.j2", _source_scope(cat, src), _source
