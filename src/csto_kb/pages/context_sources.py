"""Template contexts for the source pages and the site-wide pages (home, timeline, news)."""

from __future__ import annotations

from itertools import groupby
from typing import TypeGuard, cast

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
    """Context for ``whats-new.md``."""
    if changes is None:
        return {"first_build": True, "sections": []}
    sections = []
    for key, label in (("new", "New"), ("changed", "Changed"), ("removed", "Removed")):
        refs = unique_strings(changes.get(key))
        if key == "removed":
            items = [md_escape(r) for r in sorted(refs)]
        else:
            items = [scope.entity_link(r, "whats-new.md") for r in sorted(refs)]
        sections.append({"label": label, "items": items})
    empty = not any(s["items"] for s in sections)
    return {"first_build": False, "sections": sections, "empty": empty}
