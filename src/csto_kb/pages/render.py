"""Render records and sources into the Markdown pages of the site (paths under docs/).

:func:`page_jobs` lists every page with its template, its scope (all it is rendered
from, see :mod:`csto_kb.pages.scope`) and the function that makes its context from the
scope; :func:`render_site` renders the pages whose scope's digest changed since the last
build and keeps the others; :func:`render_pages` renders them all.

Templates live in ``templates/*.md.j2``. The Jinja2 environment has ``autoescape``
off (the output is Markdown, not HTML) but a ``finalize`` hook that passes every
``{{ value }}`` through :func:`~csto_kb.pages.escape.md_escape`: strings from sources and
records are always escaped; only :class:`~csto_kb.pages.escape.Md` values, which this
package built from escaped pieces and slug paths, go out as they are. ``join`` and
``e``/``escape`` are replaced by escaping versions, so no filter can smuggle raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from csto_kb import progress
from csto_kb.fsutil import tree_digest
from csto_kb.model import Record

from . import context as _context
from . import mentions, paging, plan
from .escape import Md, md_escape, md_separator
from .scope import Scope
from .search_markup import name_filters

#: Top-level names under docs/ that :func:`render_pages` owns (everything else is hand-written).
GENERATED = ("index.md", "people", "bodies", "forces", "operations", "dates", "sources",
             "timeline.md", "whats-new.md", "downloads")
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
    env.filters["name_filters"] = name_filters
    return env


class TemplateCache(FileSystemBytecodeCache):
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
    environment().bytecode_cache = TemplateCache(str(directory))


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _render(template: str, context: dict) -> str:
    return _tidy(environment().get_template(template).render(**context))


@dataclass(frozen=True)
class PageJob:
    """One page (or data file) of the site: its path under docs/, its template (a data
    file: its kind), its scope, and the function (of the scope alone) that makes its
    template context (a data file: its text)."""

    path: str
    template: str
    scope: Scope
    context: Callable[[Scope], dict | str]

    def render(self) -> str:
        """The page's Markdown (the data file's text)."""
        made = self.context(self.scope)
        return made if isinstance(made, str) else _render(self.template, made)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of this package's code and templates, of the exports' code and schema
    (and of Jinja2's version): when the renderer changes, every page is rendered again."""
    here = Path(__file__).resolve().parent
    return tree_digest(here, (".py", ".j2"), salt=jinja2.__version__) + tree_digest(
        here.parent / "exports", (".py", ".json"))


def _limits() -> tuple:
    """The caps on rows and links (tests change them), part of every page's digest."""
    return (paging.PAGE_ROWS, mentions.MAX_QUOTES, mentions.QUOTE_BUDGET,
            mentions.FIRST_PAGE_BUDGET, _context.MAX_TIMELINE, _context.MAX_RELATED,
            _context.MAX_ROW_LINKS, _context.MAX_TITLES)


@dataclass
class RenderedSite:
    """The outcome of :func:`render_site`."""

    texts: dict[str, str]  # the pages rendered in this run: path -> Markdown
    signatures: dict[str, str]  # every page of the site: path -> digest of its scope
    kept: list[str] = field(default_factory=list)  # pages left as the last build wrote them


def page_jobs(records: Iterable[Record], sources: Iterable[dict], changes: dict | None = None,
              digests: Mapping[str, str] | None = None,
              record_texts: Mapping[str, str] | None = None) -> list[PageJob]:
    """Every page of the site, in no particular order (``digests``: known digests of
    records, by ``<kind>/<id>``, and ``record_texts`` their canonical JSON, to save
    computing them again: see :func:`csto_kb.changes.record_texts`)."""
    return [PageJob(*page) for page in plan.pages(list(records), list(sources), changes,
                                                        digests, record_texts)]


# From this many pages to render (a first build), a worker renders half of them: the
# records and sources it must be sent, and its own catalog, cost less than it saves.
PARALLEL_MIN_PAGES = 2000


def render_paths(records: list[Record], sources: list[dict], changes: dict | None,
                 paths: list[str]) -> dict[str, str]:
    """The pages at ``paths`` (a worker's share of :func:`render_site`)."""
    wanted = set(paths)
    return {job.path: job.render() for job in page_jobs(records, sources, changes)
            if job.path in wanted}


def render_site(records: Iterable[Record], sources: Iterable[dict], changes: dict | None = None,
                last: Mapping[str, str] | None = None,
                digests: Mapping[str, str] | None = None,
                pool: Executor | None = None,
                record_texts: Mapping[str, str] | None = None) -> RenderedSite:
    """Render the pages of the site whose scope changed since the last build, whose
    digests by path are ``last`` (``None``: render every page); the others are kept.
    With many pages to render, a worker of ``pool`` renders half of them. Other
    arguments as :func:`render_pages` and :func:`page_jobs`."""
    records, sources = list(records), list(sources)
    version = repr((code_version(), _limits()))
    last = last or {}
    signatures, kept, todo = {}, [], []
    for job in page_jobs(records, sources, changes, digests, record_texts):
        sig = signatures[job.path] = job.scope.digest(f"{version}\x1f{job.path}\x1f{job.template}")
        if last.get(job.path) == sig:
            kept.append(job.path)
        else:
            todo.append(job)
    share, total = None, len(todo)
    if pool is not None and len(todo) >= PARALLEL_MIN_PAGES:
        todo.sort(key=lambda job: job.path)
        share = pool.submit(render_paths, records, sources, changes,
                            [job.path for job in todo[1::2]])
        todo = todo[::2]
    with progress.stage("pages", total, "pages") as shown:
        texts = {}
        for job in todo:
            texts[job.path] = job.render()
            shown.advance()
        if share is not None:
            texts.update(share.result())
            shown.advance(len(texts) - len(todo))
    return RenderedSite(dict(sorted(texts.items())), dict(sorted(signatures.items())),
                        sorted(kept))


def render_pages(records: Iterable[Record], sources: Iterable[dict],
                 changes: dict | None = None) -> dict[str, str]:
    """Render every page of the site.

    ``records`` are the YAML records as dicts, ``sources`` the documents as dicts (see
    :func:`csto_kb.pages.views.source_views`), ``changes`` ``{"new": [...], "changed":
    [...], "removed": [...]}`` of ``"<kind>/<id>"`` refs or ``None`` for a first build.
    Returns ``{path under docs/: Markdown}``, sorted by path; the same input always gives
    the same output.
    """
    return render_site(records, sources, changes).texts
