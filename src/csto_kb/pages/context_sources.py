"""Template contexts for the source pages and the site-wide pages (home, timeline, news)."""

from __future__ import annotations

from itertools import groupby
from typing import TypeGuard, cast

from csto_kb.history import as_builds
from csto_kb.invisible import drop_invisible
from csto_kb.model import KINDS

from . import dates
from .catalog import (
    ENTITY_KINDS,
    PLURAL,
    Entry,
    SourceEntry,
    SourceLink,
    href,
    unique_strings,
)
from .context import timeline_rows
from .escape import Md, md_escape, md_link, safe_url, shows_as_space
from .files import downloads_links
from .scope import Scope


def found_counts(scope: Scope) -> dict[str, int]:
    """``found``: entity ref -> mentions in the source (source page), or source id -> the
    number of entities found in it (sources index)."""
    found = scope.values.get("found", ())
    return dict(found) if isinstance(found, tuple) else {}


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _links_by_paragraph(src: SourceEntry) -> dict[int, list[dict]]:
    """The well-formed links of a source, by paragraph, ordered, without overlaps."""
    by_para: dict[int, list[dict]] = {}
    for link in src.links:
        if not isinstance(link, dict):
            continue
        para, start, end = link.get("paragraph"), link.get("start"), link.get("end")
        if not (_is_int(para) and _is_int(start) and _is_int(end)):
            continue
        if not 0 <= para < len(src.paragraphs):
            continue
        length = len(str(src.paragraphs[para].get("text") or ""))
        if 0 <= start < end <= length:
            by_para.setdefault(para, []).append(link)
    for para, links in by_para.items():
        links.sort(key=lambda link: (link["start"], -link["end"]))
        kept, last_end = [], 0
        for link in links:
            if link["start"] >= last_end:
                kept.append(link)
                last_end = link["end"]
        by_para[para] = kept
    return by_para


def linked_paragraph(scope: Scope, src: SourceEntry, index: int, links: list[dict]) -> Md:
    """One source paragraph, escaped, with every mention of a known entity linked."""
    text = str(src.paragraphs[index].get("text") or "")
    pieces: list[Md] = []
    pos = 0
    for link in links:
        start, end = link["start"], link["end"]
        pieces.append(_segment(text[pos:start]))
        surface = text[start:end]
        if link.get("ref") in scope.entities and surface.strip():
            pieces.append(scope.entity_link(link["ref"], src.path, label=surface.strip()))
        else:
            pieces.append(_segment(surface))
        pos = end
    pieces.append(_segment(text[pos:]))
    body = "".join(pieces).strip()
    return Md(body) if body else Md("&#160;")


def _segment(text: str) -> Md:
    """An escaped piece of running text that keeps one space at either end if it had any."""
    text = drop_invisible(text)  # they show nothing: neither text nor a space
    if not text:
        return Md("")
    core = md_escape(text)
    lead = " " if shows_as_space(text[:1]) else ""
    trail = " " if shows_as_space(text[-1:]) and core else ""
    return Md(f"{lead}{core}{trail}")


def source_context(scope: Scope, src: SourceEntry) -> dict:
    """Context for ``sources/<id>.md``."""
    links = _links_by_paragraph(src)
    paragraphs = [
        {"text": linked_paragraph(scope, src, i, links.get(i, [])), "anchor": Md(f"p-{i}"),
         "boilerplate": bool(p.get("boilerplate"))}
        for i, p in enumerate(src.paragraphs)
    ]
    found = found_counts(scope)
    groups = []
    for kind in KINDS:
        members = [scope.entities[r] for r in found
                   if r in scope.entities and scope.entities[r].kind == kind]
        members.sort(key=lambda e: (e.name.casefold(), e.id))
        if members:
            groups.append({"label": PLURAL[kind], "entities": [
                {"link": scope.entity_link(e.ref, src.path), "count": found[e.ref]}
                for e in members]})
    url = safe_url(src.url)
    return {
        "title": src.title,
        "date": dates.display(src.date),
        "publisher": src.publisher or "",
        "url_link": md_link(src.url, url) if url else None,
        "url_text": "" if url else (src.url or ""),
        "paragraphs": paragraphs,
        "groups": groups,
    }


def sources_index_context(scope: Scope, sources: list[SourceLink]) -> dict:
    """Context for a page of ``sources/index.md`` (sources newest first)."""
    rows = []
    found = found_counts(scope)
    for src in sources:
        rows.append({
            "title": md_link(src.title, href("sources/index.md", src.path)),
            "date": src.date or "",
            "publisher": src.publisher or "",
            "entities": found.get(src.id, 0),
        })
    return {"rows": rows}


def home_context(scope: Scope) -> dict:
    """Context for ``index.md``: ``counts`` (kind -> records, and ``sources``), ``newest``
    (the ids of the newest sources)."""
    values = scope.values
    count = cast(dict[str, int], values["counts"] if isinstance(values.get("counts"), dict) else {})
    counts = [{"link": md_link(PLURAL[k], f"{k}/index.md"), "count": count.get(k, 0)}
              for k in ENTITY_KINDS]
    counts.append({"link": md_link("Dates", "timeline.md"), "count": count.get("dates", 0)})
    counts.append({"link": md_link("Sources", "sources/index.md"),
                   "count": count.get("sources", 0)})
    newest = [{"link": md_link(s.title, s.path), "date": s.date or "",
               "publisher": s.publisher or ""}
              for s in scope.sources.values()]
    # The home page does not depend on ``changes``: only whats-new.md reflects build history.
    return {"counts": counts, "newest": newest, "source_count": count.get("sources", 0),
            "downloads": downloads_links("index.md")}


def timeline_context(scope: Scope, dated: list[Entry]) -> dict:
    """Context for a page of ``timeline.md``: date records by year (decades and undated apart)."""
    years = []
    for year, entries in groupby(dated,
                                 key=lambda e: dates.group(e.record.get("date"))):
        years.append({"year": year, "rows": timeline_rows(scope, list(entries), "timeline.md")})
    return {"years": years,
            "dates_index": md_link("Dates", "dates/index.md")}


def dates_index_context(scope: Scope, dated: list[Entry]) -> dict:
    """Context for a page of ``dates/index.md``: a compact chronological table."""
    rows = timeline_rows(scope, dated, "dates/index.md")
    return {"rows": rows, "timeline": md_link("Timeline", "../timeline.md"),
            "downloads": downloads_links("dates/index.md")}


def whats_new_context(scope: Scope, changes: dict | None) -> dict:
    """Context for ``whats-new.md``: the builds of the history, newest first, the first
    :data:`WHATS_NEW_BUILDS` in full (at most :data:`WHATS_NEW_ROWS` records of each kind
    of change), the rest as a line each."""
    builds = as_builds(changes)
    if not builds:
        return {"first_build": True, "builds": [], "older": []}
    shown = []
    for build in builds[:WHATS_NEW_BUILDS]:
        shown.append({"date": build.get("date"), "first": bool(build.get("first")),
                      "why": _why(scope, build), "sections": _sections(scope, build)})
    older = [f"{b.get('date') or 'a build'}: {_counts(b)}" for b in builds[WHATS_NEW_BUILDS:]]
    return {"first_build": False, "builds": shown, "older": older}


WHATS_NEW_BUILDS = 10
WHATS_NEW_ROWS = 20


def _counts(build: dict) -> str:
    if build.get("first"):
        return f"first build, {build.get('records', 0)} records"
    return ", ".join(f"{(build.get(k) or {}).get('count', 0)} {k}"
                     for k in ("new", "changed", "removed"))


def _why(scope: Scope, build: dict) -> list:
    """The reasons of a build: its sources by kind of change, a curation edit."""
    if build.get("first"):
        count = (build.get("sources_count") or {}).get("new", 0)
        return [md_escape(f"{count} sources, {build.get('records', 0)} records")]
    lines = []
    counts = build.get("sources_count") or {}
    for key, label in (("new", "New sources"), ("changed", "Changed sources"),
                       ("removed", "Removed sources")):
        ids = unique_strings((build.get("sources") or {}).get(key))
        if not ids:
            continue
        links = [scope.source_link(i, "whats-new.md") if key != "removed" else md_escape(i)
                 for i in ids[:WHATS_NEW_ROWS]]
        total = int(counts.get(key, len(ids)))
        tail = f" and {total - len(links)} more" if total > len(links) else ""
        lines.append(Md(f"{label} ({total}): " + ", ".join(links) + tail))
    if build.get("curation"):
        lines.append(md_escape("The curation file was edited."))
    if not lines:
        lines.append(md_escape("No source changed: the rules or csto-kb did."))
    return lines


def _sections(scope: Scope, build: dict) -> list[dict]:
    """New, changed and removed records, each new or changed one with the sources that
    explain it when the build had more than one new or changed source."""
    touched = sum(len(unique_strings((build.get("sources") or {}).get(k))) for k in ("new", "changed"))
    sections = []
    for key, label in (("new", "New"), ("changed", "Changed"), ("removed", "Removed")):
        part = build.get(key) or {}
        listed = [i for i in part.get("listed") or () if isinstance(i, dict)][:WHATS_NEW_ROWS]
        items = []
        for item in listed:
            ref = item.get("ref")
            link = md_escape(ref) if key == "removed" else scope.entity_link(ref, "whats-new.md")
            because = unique_strings(item.get("because")) if touched > 1 else []
            if because:
                link = Md(link + " (from " + ", ".join(
                    scope.source_link(i, "whats-new.md") for i in because) + ")")
            items.append(link)
        count = int(part.get("count", len(items)))
        if count:
            sections.append({"label": label, "count": count, "items": items,
                             "more": count - len(items)})
    return sections
