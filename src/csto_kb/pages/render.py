"""Render records and sources into the Markdown pages of the site (paths under docs/).

:func:`page_jobs` lists every page with its template, its context and its inputs;
:func:`render_site` renders the pages whose inputs changed since the last build and
keeps the others; :func:`render_pages` renders them all.

Templates live in ``templates/*.md.j2``. The Jinja2 environment has ``autoescape``
off (the output is Markdown, not HTML) but a ``finalize`` hook that passes every
``{{ value }}`` through :func:`~csto_kb.pages.escape.md_escape`: strings from sources and
records are always escaped; only :class:`~csto_kb.pages.escape.Md` values, which this
package built from escaped pieces and slug paths, go out as they are. ``join`` and
``e``/``escape`` are replaced by escaping versions, so no filter can smuggle raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from csto_kb.parallel import fork_map

from . import context as _context
from . import paging
from .catalog import ENTITY_KINDS, Catalog, Entry
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
from .inputs import PageInputs, code_version, signature

#: Top-level names under docs/ that :func:`render_pages` owns (everything else is hand-written).
GENERATED = ("index.md", "people", "bodies", "forces", "operations", "dates", "sources",
             "timeline.md", "whats-new.md")
_MORE_TIMELINE = re.compile(r"timeline-[a-z0-9-]+\.md")  # the timeline's further pages


def is_generated(name: str) -> bool:
    """True for a top-level file or folder name under docs/ that :func:`render_pages`
    owns (the rest of docs/ is hand-written and left alone)."""
    return name in GENERATED or bool(_MORE_TIMELINE.fullmatch(name))


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


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates on disk; a cache that cannot be read or written is no cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def keep_compiled_templates(directory: Path) -> None:
    """Keep the compiled templates in ``directory`` (a build's cache), so that the next
    process does not compile them again; stale ones are told by Jinja2's checksum."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    environment().bytecode_cache = _TemplateCache(str(directory))


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _render(template: str, context: dict) -> str:
    return _tidy(environment().get_template(template).render(**context))


def _render_job(job: "PageJob") -> str:
    return _render(job.template, job.context())


@dataclass(frozen=True)
class PageJob:
    """One page of the site: its path under docs/, its template, a function giving its
    context, and one giving its inputs (plain data naming everything the context reads;
    ``None``: always render the page); for an entity page, its entry."""

    path: str
    template: str
    context: Callable[[], dict]
    inputs: Callable[[], object] | None = None
    entry: Entry | None = None


def _paged(first: str, template: str, items: list, key_of, context_of, inputs_of,
           rows: int | None = None) -> list[PageJob]:
    """Jobs for the pages of the list ``items`` (see paging.py), at most ``rows`` rows a
    page: ``context_of(rows)`` gives a page's context, to which ``pager`` and ``total``
    (the first page only) are added; ``inputs_of(rows)`` its inputs."""
    pages = paging.split(first, items, key_of, rows)
    jobs = []
    for page in pages:
        pager = paging.pager(pages, page.path)
        total = len(items) if page.path == first else None

        def context(page=page, pager=pager, total=total) -> dict:
            return {**context_of(page.rows), "pager": pager, "total": total}

        jobs.append(PageJob(page.path, template, context,
                            lambda page=page, pager=pager, total=total:
                            (pager, total, inputs_of(page.rows))))
    return jobs


def page_jobs(cat: Catalog, changes: dict | None = None,
              inputs: PageInputs | None = None) -> list[PageJob]:
    """Every page of the site for ``cat``, in no particular order."""
    inputs = inputs or PageInputs(cat)
    jobs = [
        PageJob("index.md", "home.md.j2", lambda: home_context(cat)),
        PageJob("whats-new.md", "whats_new.md.j2", lambda: whats_new_context(cat, changes)),
    ]
    dated = cat.by_kind["dates"]
    year = lambda e: paging.year_of(e.record.get("date"))  # noqa: E731
    jobs += _paged("timeline.md", "timeline.md.j2", dated, year,
                   lambda rows: timeline_context(cat, rows), inputs.timeline_rows,
                   paging.dated_rows())
    jobs += _paged("dates/index.md", "dates_index.md.j2", dated, year,
                   lambda rows: dates_index_context(cat, rows), inputs.timeline_rows,
                   paging.dated_rows())
    jobs += _paged("sources/index.md", "sources_index.md.j2", cat.newest_sources(limit=None),
                   lambda s: paging.year_of(s.date),
                   lambda rows: sources_index_context(cat, rows), inputs.source_rows)
    for kind in ENTITY_KINDS:
        jobs += _paged(f"{kind}/index.md", "kind_index.md.j2", cat.by_kind[kind],
                       lambda e: paging.initial(e.name),
                       lambda rows, kind=kind: kind_index_context(cat, kind, rows),
                       inputs.kind_rows)
    for entry in cat.entities.values():
        template = "date.md.j2" if entry.kind == "dates" else "entity.md.j2"
        jobs.append(PageJob(entry.path, template, lambda e=entry: entity_context(cat, e),
                            lambda e=entry: inputs.entity_page(e), entry))
    for src in cat.sources.values():
        jobs.append(PageJob(src.path, "source.md.j2", lambda s=src: source_context(cat, s),
                            lambda s=src: inputs.source_page(s)))
    return jobs


def _limits() -> tuple:
    """The caps on rows and links (tests change them), part of every page's signature."""
    return (paging.PAGE_ROWS, _context.MAX_QUOTES, _context.MAX_TIMELINE, _context.MAX_RELATED,
            _context.MAX_ROW_LINKS, _context.MAX_TITLES)


@dataclass
class RenderedSite:
    """The outcome of :func:`render_site`."""

    texts: dict[str, str]  # the pages rendered in this run: path -> Markdown
    signatures: dict[str, str]  # every page of the site: path -> digest of its inputs
    kept: list[str] = field(default_factory=list)  # pages left as the last build wrote them
    state: dict = field(default_factory=dict)  # for the next build's LastPages.state


@dataclass
class LastPages:
    """What the last build left in docs/, so that :func:`render_site` keeps what did not
    change: ``signature(path)`` of the page there (``None``: no such page), the
    ``state`` of its :class:`RenderedSite`, and the refs of the records that are the
    same as then (``unchanged``)."""

    signature: Callable[[str], str | None]
    state: dict = field(default_factory=dict)
    unchanged: set[str] = field(default_factory=set)


# Below this many pages to render, forking workers costs more than it saves.
PARALLEL_MIN_PAGES = 400


def render_site(records: list[dict], sources: list[dict], changes: dict | None = None,
                last: LastPages | None = None, digests: dict[str, str] | None = None,
                jobs: int = 1) -> RenderedSite:
    """Render the pages of the site whose inputs changed since the build ``last``
    describes (``None``: render every page).

    A page whose signature (a digest of its inputs) is the one the last build left is
    kept, not rendered; an entity page whose inputs certainly did not change (see
    :meth:`PageInputs.entity_page_is_as_before`) keeps its signature without computing
    it. ``digests`` are known digests of records (by ``<kind>/<id>``), to save computing
    them again. ``jobs`` processes render (when there are many pages). Other arguments
    as :func:`render_pages`.
    """
    cat = Catalog(list(records), list(sources))
    version = signature(code_version(), _limits())
    inputs = PageInputs(cat, digests)
    state = {"version": version, **inputs.state()}
    as_before = _shortcut(inputs, last, version)
    signatures, kept, todo = {}, [], []
    for job in page_jobs(cat, changes, inputs):
        previous = last.signature(job.path) if last is not None else None
        if previous and job.entry is not None and as_before(job.entry):
            sig = previous
        else:
            sig = signature(version, job.path, job.template, job.inputs()) if job.inputs else ""
        signatures[job.path] = sig
        if sig and previous == sig:
            kept.append(job.path)
        else:
            todo.append(job)
    rendered = fork_map(_render_job, todo, jobs, PARALLEL_MIN_PAGES)
    texts = {job.path: text for job, text in zip(todo, rendered, strict=True)}
    return RenderedSite(dict(sorted(texts.items())), dict(sorted(signatures.items())),
                        sorted(kept), state)


def _shortcut(inputs: PageInputs, last: LastPages | None, version: str) -> Callable[[Entry], bool]:
    """``entry -> True`` when the page of ``entry`` is certainly as the last build left it."""
    if last is None or last.state.get("version") != version:
        return lambda entry: False
    sources, links = inputs.changed_sources(last.state), inputs.changed_links(last.state)
    return lambda entry: inputs.entity_page_is_as_before(entry, last.state, last.unchanged,
                                                         sources, links)


def render_pages(records: list[dict], sources: list[dict],
                 changes: dict | None = None) -> dict[str, str]:
    """Render every page of the site.

    ``records`` are the YAML records as dicts, ``sources`` the documents as dicts (see
    DESIGN.md), ``changes`` ``{"new": [...], "changed": [...], "removed": [...]}`` of
    ``"<kind>/<id>"`` refs or ``None`` for a first build. Returns ``{path under docs/:
    Markdown}``, sorted by path; the same input always gives the same output.
    """
    return render_site(records, sources, changes).texts
