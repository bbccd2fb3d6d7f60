"""Template contexts for the entity pages (people, bodies, forces, operations, dates).

Values are plain strings (escaped by the template environment when output) or
:class:`~csto_kb.pages.escape.Md` (links and text this package assembled from escaped
pieces).
"""

from __future__ import annotations

from . import dates
from .catalog import (
    ENTITY_KINDS,
    PLURAL,
    SINGULAR,
    Entry,
    count_mentions,
    href,
    json_path,
    mentions_of,
    unique_strings,
)
from .context_facts import MAX_EVENTS, event_rows, events_of, facts_context, sentence_link, trim
from .escape import Md, md_escape, md_link
from .files import DOWNLOADS_PAGE, downloads_links
from .mentions import entity_mentions
from .scope import Scope


def aliases_of(entry: Entry) -> list[str]:
    """Aliases other than the canonical name, in record order."""
    return [a for a in unique_strings(entry.record.get("aliases")) if a != entry.name]


def titles_of(scope: Scope, entry: Entry) -> list[dict]:
    """A person's titles, each once: the date (or first and last dates) it is stated on,
    a link to the first source that states it, and how many more sources do (a post is
    stated in every text that names its holder), in the order of the record."""
    groups: dict[str, dict] = {}
    for item in entry.record.get("titles") or ():
        item = item if isinstance(item, dict) else {"title": item}
        if not str(item.get("title") or "").strip():
            continue
        title = str(item["title"])
        group = groups.setdefault(title, {"dates": [], "sources": []})
        if item.get("date"):
            group["dates"].append(item["date"])
        source = item.get("source")
        if source and source not in group["sources"]:
            group["sources"].append(source)
    rows = []
    for title, group in groups.items():
        stated = sorted(group["dates"], key=dates.sort_key)
        span = [dates.display(d) for d in dict.fromkeys(stated[:1] + stated[-1:])]
        sources = group["sources"]
        rows.append({
            "title": title,
            "date": " – ".join(span),
            "source": scope.source_link(sources[0], entry.path, label="source") if sources else None,
            "more_sources": len(sources) - 1,
        })
    return rows


# An entity page shows at most this many timeline rows, titles and related entities of
# each kind, so that no page grows with the corpus (the CSTO is named in every text);
# its quotes are paged (mentions.py).
MAX_TITLES = 20
MAX_TIMELINE = 30
MAX_RELATED = 40
MAX_ROW_LINKS = 5  # entities and sources listed on one timeline row
MAX_ROW_EVENTS = 3  # sentences quoted on one timeline row
MAX_WHEN = 10  # dates in an operation's infobox


def related_groups(scope: Scope, entry: Entry, refs: object) -> list[dict]:
    """Linked entities grouped by kind (people, bodies, forces, operations, dates)."""
    known = [scope.entities[r] for r in unique_strings(refs) if r in scope.entities and r != entry.ref]
    groups = []
    for kind in (*ENTITY_KINDS, "dates"):
        members = [e for e in known if e.kind == kind]
        members.sort(key=lambda e: (e.name.casefold(), e.id))
        if members:
            links = [scope.entity_link(e.ref, entry.path) for e in members[:MAX_RELATED]]
            if len(members) > MAX_RELATED:
                links.append(Md(f"and {len(members) - MAX_RELATED} more"))
            groups.append({"label": PLURAL[kind], "links": links})
    unknown = [r for r in unique_strings(refs) if r not in scope.entities]
    if unknown:
        groups.append({"label": "Not on this site", "links": [md_escape(r) for r in unknown]})
    return groups


def _more(total: int, shown: int) -> list[Md]:
    return [Md(f"and {total - shown} more")] if total > shown else []


def _first_paragraphs(entry: Entry) -> dict[str, object]:
    """source id -> the first paragraph of that source quoted by ``entry`` (the order of
    :func:`mentions_of`, without sorting every mention)."""
    first: dict[str, tuple[int, object]] = {}
    for m in entry.record.get("mentions") or ():
        if isinstance(m, dict):
            source, para = str(m.get("source")), m.get("paragraph")
            rank = para if isinstance(para, int) else -1
            if source not in first or rank < first[source][0]:
                first[source] = (rank, para)
    return {source: para for source, (rank, para) in first.items()}


def timeline_rows(scope: Scope, entries: list[Entry], from_path: str) -> list[dict]:
    """Date records as rows: linked date, event, linked entities and sources (at most
    MAX_ROW_LINKS of each: a busy date must not make its row, and the page, grow)."""
    rows = []
    for e in entries:
        refs = [r for r in unique_strings(e.record.get("entities")) if r in scope.entities]
        entities = [scope.entity_link(r, from_path) for r in refs[:MAX_ROW_LINKS]]
        entities += _more(len(refs), MAX_ROW_LINKS)
        first = _first_paragraphs(e)
        shown = sorted(first)[:MAX_ROW_LINKS]
        sources = [scope.source_link(s, from_path, first[s]) for s in shown]
        sources += _more(len(first), MAX_ROW_LINKS)
        rows.append({
            "date": md_link(dates.display(e.record.get("date")) or e.name, href(from_path, e.path)),
            "event": str(e.record.get("event") or ""),
            "events": event_rows(scope, events_of(e), from_path, MAX_ROW_EVENTS),
            "more_events": max(0, len(events_of(e)) - MAX_ROW_EVENTS),
            "entities": entities,
            "sources": sources,
        })
    return rows


def _event_rows(scope: Scope, from_path: str) -> list[dict]:
    """The events naming the page's entity (its scope's ``events``, the latest first) as
    rows: linked date, the sentence, a link to its paragraph."""
    rows = []
    events = scope.values.get("events")
    for date_ref, source, paragraph, quote in reversed(events if isinstance(events, tuple) else ()):
        link = scope.entities.get(date_ref)
        if link is None:
            continue
        rows.append({"date": md_link(dates.display(link.date) or link.name, href(from_path, link.path)),
                     "event": md_escape(trim(str(quote), 400)),
                     "source": sentence_link(scope, {"source": source, "paragraph": paragraph},
                                             from_path)})
    return rows


def _when(scope: Scope) -> list[Md]:
    """The dates of the sentences naming the page's entity, each once, chronologically."""
    events = scope.values.get("events")
    refs = dict.fromkeys(e[0] for e in reversed(events)) if isinstance(events, tuple) else {}
    links = sorted((scope.entities[r] for r in refs if r in scope.entities),
                   key=lambda d: dates.sort_key(d.date))
    return [md_link(dates.display(d.date) or d.name, href(scope.own().path, d.path)) for d in links]


def entity_context(scope: Scope, entry: Entry) -> dict:
    """Context for ``<kind>/<id>.md``."""
    record = entry.record
    mentions = mentions_of(entry)
    titles = titles_of(scope, entry)
    more_events = scope.values.get("more_events")
    return {
        "name": entry.name,
        "kind": entry.kind,
        "kind_label": SINGULAR[entry.kind],
        "kind_index": md_link(PLURAL[entry.kind], href(entry.path, f"{entry.kind}/index.md")),
        "aliases": aliases_of(entry),
        "abbreviations": [a for a in unique_strings(record.get("abbreviations"))
                          if a != entry.name],
        "titles": titles[-MAX_TITLES:],
        "more_titles": max(0, len(titles) - MAX_TITLES),
        **facts_context(scope, entry),
        "when": (when := _when(scope) if entry.kind == "operations" else [])[:MAX_WHEN],
        "more_when": max(0, len(when) - MAX_WHEN),
        "first_seen": dates.display(record.get("first_seen")),
        "last_seen": dates.display(record.get("last_seen")),
        "mention_count": len(mentions),
        "source_count": len({str(m.get("source")) for m in mentions}),
        **entity_mentions(scope, entry),
        "json": md_link("JSON", href(entry.path, json_path(entry.path))),
        "downloads": md_link("all records", href(entry.path, DOWNLOADS_PAGE)),
        "related": related_groups(scope, entry, record.get("related")),
        "timeline": _event_rows(scope, entry.path),
        "more_timeline": more_events if isinstance(more_events, int) else 0,
        "timeline_link": md_link("Timeline", href(entry.path, "timeline.md")),
        # date records
        "date": dates.display(record.get("date")),
        "iso_date": str(record.get("date") or ""),
        "event": str(record.get("event") or ""),
        "events": event_rows(scope, events_of(entry), entry.path),
        "more_events": max(0, len(events_of(entry)) - MAX_EVENTS),
        "entities": related_groups(scope, entry, record.get("entities")),
    }


def _iso(value: object) -> str:
    """A date as its ISO string (compact, for table cells); empty when absent."""
    return "" if value is None else str(value)


def kind_index_context(scope: Scope, kind: str, entries: list[Entry]) -> dict:
    """Context for a page of ``<kind>/index.md``: one table row per record, alphabetical."""
    path = f"{kind}/index.md"
    rows = []
    for e in entries:
        rows.append({
            "name": scope.entity_link(e.ref, path),
            "aliases": aliases_of(e),
            "mentions": count_mentions(e),
            "first_seen": _iso(e.record.get("first_seen")),
            "last_seen": _iso(e.record.get("last_seen")),
        })
    return {"kind": kind, "label": PLURAL[kind], "singular": SINGULAR[kind].lower(),
            "rows": rows, "downloads": downloads_links(path)}
