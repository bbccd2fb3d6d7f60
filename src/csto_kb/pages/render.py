"""Render records and sources into the Markdown pages of the site (paths under docs/).

Templates live in ``templates/*.md.j2``. The Jinja2 environment has ``autoescape``
off (the output is Markdown, not HTML) but a ``finalize`` hook that passes every
``{{ value }}`` through :func:`~csto_kb.pages.escape.md_escape`: strings from sources and
records are always escaped; only :class:`~csto_kb.pages.escape.Md` values, which this
package built from escaped pieces and slug paths, go out as they are. ``join`` and
``e``/``escape`` are replaced by escaping versions, so no filter can smuggle raw text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .catalog import ENTITY_KINDS, Catalog
from .context import entity_context, kind_index_context
from .context_sources import (
    dates_index_context,
    home_context,
    source_context,
    sources_index_context,
    timeline_context,
    whats_new_context,
)
from .escape import Md, md_escape, md_separator

#: Top-level names under docs/ that :func:`render_pages` owns (everything else is hand-written).
GENERATED = ("index.md", "people", "bodies", "forces", "operations", "dates", "sources",
             "timeline.md", "whats-new.md")


def md_join(values, separator: str = ", ") -> Md:
    """Jinja ``join`` that escapes each item (``Md`` items stay as they are)."""
    return Md(md_separator(separator).join(md_escape(v) for v in values))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment for the page templates (cached)."""
    env = Environment(
        loader=PackageLoader("csto_kb.pages", "templates"),
        autoescape=False,
        finalize=md_escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["e"] = env.filters["escape"] = env.filters["md"] = md_escape
    env.filters["join"] = md_join
    return env


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _render(template: str, context: dict) -> str:
    return _tidy(environment().get_template(template).render(**context))


# A list page (an index, the timeline) holds at most this many rows; the rest go on
# numbered pages beside it ("people/_page-2.md"), so that no page grows with the corpus.
PAGE_ROWS = 200


def page_path(first: str, number: int) -> str:
    """The path of page ``number`` (1-based) of the list whose first page is ``first``.
    Ids are slugs and never start with "_", so these names cannot clash with a record."""
    if number == 1:
        return first
    folder, _, name = first.rpartition("/")
    stem = "_page" if name == "index.md" else name[:-3]
    return f"{folder + '/' if folder else ''}{stem}-{number}.md"


def _pager(first: str, number: int, count: int) -> Md:
    if count <= 1:
        return Md("")
    here = first.rpartition("/")[2] if number == 1 else page_path(first, number).rpartition("/")[2]
    parts = []
    for n in range(1, count + 1):
        target = page_path(first, n).rpartition("/")[2]
        parts.append(Md(f"**{n}**") if target == here else Md(f"[{n}]({target})"))
    return Md("Pages: " + " · ".join(parts))


def _paged(first: str, template: str, items: list, context_of) -> dict[str, str]:
    """Render ``items`` in chunks of PAGE_ROWS: ``context_of(chunk)`` gives a page's
    context, to which ``pager`` and ``total`` are added."""
    chunks = [items[i:i + PAGE_ROWS] for i in range(0, len(items), PAGE_ROWS)] or [[]]
    pages = {}
    for n, chunk in enumerate(chunks, 1):
        context = {**context_of(chunk), "pager": _pager(first, n, len(chunks)),
                   "total": len(items)}
        pages[page_path(first, n)] = _render(template, context)
    return pages


def render_pages(records: list[dict], sources: list[dict],
                 changes: dict | None = None) -> dict[str, str]:
    """Render every page of the site.

    ``records`` are the YAML records as dicts, ``sources`` the documents as dicts (see
    DESIGN.md), ``changes`` ``{"new": [...], "changed": [...], "removed": [...]}`` of
    ``"<kind>/<id>"`` refs or ``None`` for a first build. Returns ``{path under docs/:
    Markdown}``, sorted by path; the same input always gives the same output.
    """
    cat = Catalog(list(records), list(sources))
    pages: dict[str, str] = {
        "index.md": _render("home.md.j2", home_context(cat)),
        "whats-new.md": _render("whats_new.md.j2", whats_new_context(cat, changes)),
    }
    dated = cat.by_kind["dates"]
    pages |= _paged("timeline.md", "timeline.md.j2", dated, lambda c: timeline_context(cat, c))
    pages |= _paged("dates/index.md", "dates_index.md.j2", dated,
                    lambda c: dates_index_context(cat, c))
    pages |= _paged("sources/index.md", "sources_index.md.j2", cat.newest_sources(limit=None),
                    lambda c: sources_index_context(cat, c))
    for kind in ENTITY_KINDS:
        pages |= _paged(f"{kind}/index.md", "kind_index.md.j2", cat.by_kind[kind],
                        lambda c, kind=kind: kind_index_context(cat, kind, c))
    for entry in cat.entities.values():
        template = "date.md.j2" if entry.kind == "dates" else "entity.md.j2"
        pages[entry.path] = _render(template, entity_context(cat, entry))
    for src in cat.sources.values():
        pages[src.path] = _render("source.md.j2", source_context(cat, src))
    return dict(sorted(pages.items()))
