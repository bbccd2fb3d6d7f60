"""MkDocs' Markdown rendering of a build's pages shared with the build's worker processes.

MkDocs renders the pages one after another (``Page.render``: Markdown to HTML, most of
the time of a site build that is not Pagefind's). :class:`SharedRendering` cuts the
pages to render into chunks of about :data:`CHUNK_BYTES` of Markdown and hands every
other one, a few ahead, to the workers of the build's pool (:mod:`csto_kb.parallel`);
this process renders the others, and one handed out that no worker has started yet,
and uses what the workers made for the rest. In a worker, :func:`render_chunk` loads
the same configuration (with the Markdown extensions as this process has them) and the
site's files (the same, or it refuses), and renders each page with MkDocs' own
``Page.render``; it sends back what rendering sets on a page (HTML, table of contents,
title, anchors, links to anchors) and the messages MkDocs logged, which this process
logs again in page order. The site, and what strict mode counts, are those of
rendering every page here. A page whose chunk failed in a worker is rendered here.

Pages are shared only when no other plugin changes a page before it is rendered
(``on_pre_page``, ``on_page_markdown``): a worker could not do the same.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

log = logging.getLogger(__name__)

CHUNK_BYTES = 200_000  # of Markdown: about half a second of rendering
AHEAD = 4  # how far ahead of the chunk this process renders chunks are handed out
MIN_BYTES = 2 * CHUNK_BYTES  # less than this: all rendered here

@dataclass(frozen=True)
class Loading:
    """How a worker loads the configuration and files of this build (picklable)."""

    token: str  # this build's: a worker keeps the configuration of one build loaded
    engine: str  # the module MkDocs is in this process: "mkdocs" or "properdocs"
    load: tuple  # the arguments of csto_kb.site_mkdocs.load_site_config


@dataclass(frozen=True)
class RenderSpec:
    """What a worker needs to render pages as this build does (picklable)."""

    loading: Loading
    extensions: list
    mdx_configs: dict
    log_level: int
    files: str  # digest of the site's files (_files_digest): the worker's must be the same


@dataclass
class Rendered:
    """What ``Page.render`` set on one page, and what it logged."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> anchor -> link
    messages: list[tuple[str, int, str]]  # logger, level, message


def _files_digest(files: Any) -> str:
    """A digest of what links to the site's files resolve to."""
    rows = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    return hashlib.sha1(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()


_loaded: tuple[str, Any, Any] | None = None  # in a worker: token, configuration, files


def load(spec: Loading) -> None:
    """Load the configuration and files of a build (in a worker, before its pages come)."""
    _load(spec)


def _load(spec: Loading) -> tuple[Any, Any]:
    global _loaded
    if _loaded is not None and _loaded[0] == spec.token:
        return _loaded[1], _loaded[2]
    _loaded = None
    if spec.engine == "properdocs" and "mkdocs" not in sys.modules:
        from csto_kb.properdocs import use_properdocs

        use_properdocs()
    import mkdocs
    from mkdocs.structure.files import get_files, set_exclusions

    from csto_kb.site_mkdocs import load_site_config

    if mkdocs.__name__ != spec.engine:
        raise RuntimeError(f"this worker runs {mkdocs.__name__}, the build {spec.engine}")
    with _captured():  # (this process says what loading it says)
        config = load_site_config(*spec.load)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        set_exclusions(files, config)
    _loaded = (spec.token, config, files)
    return config, files


@contextmanager
def _captured() -> Iterator[list[tuple[str, int, str]]]:
    """The messages logged under ``mkdocs`` meanwhile (kept from the terminal)."""
    found: list[tuple[str, int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append((record.name, record.levelno, record.getMessage()))

    logger, keep = logging.getLogger("mkdocs"), Keep()
    logger.addHandler(keep)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield found
    finally:
        logger.removeHandler(keep)
        logger.propagate = propagate


def render_chunk(spec: RenderSpec, uris: list[str]) -> dict[str, Rendered]:
    """Render the pages ``uris`` (in a worker) as MkDocs renders them (module docstring)."""
    from mkdocs.structure.pages import Page

    config, files = _load(spec.loading)
    if _files_digest(files) != spec.files:  # a plugin added or moved files
        raise RuntimeError("the site's files are not those of the build")
    config.markdown_extensions, config.mdx_configs = spec.extensions, spec.mdx_configs
    logging.getLogger("mkdocs").setLevel(spec.log_level)
    out = {}
    for uri in uris:
        page = Page(None, files.get_file_from_path(uri), config)
        config._current_page = page
        with _captured() as messages:
            page.read_source(config)
            page.render(config, files)
        config._current_page = None
        links = page.links_to_anchors
        out[uri] = Rendered(page.content or "", page.toc, page._title_from_render,
                            set(page.present_anchor_ids or ()),
                            None if links is None else {f.src_uri: a for f, a in links.items()},
                            messages)
    return out


class SharedRendering:
    """The pages of one build rendered here and in the workers of ``pool`` (module docstring)."""

    def __init__(self, pool: Executor | None, loading: Loading, expected: int, workers: int = 2):
        """``expected``: about how many bytes of Markdown the build will render."""
        self.pool = pool if expected >= MIN_BYTES else None
        self.loading = loading
        self.spec: RenderSpec | None = None
        self.chunks: list[list[str]] = []
        self.chunk_of: dict[str, int] = {}
        self.futures: dict[int, Future] = {}
        self.mine: set[int] = {0}  # chunks rendered here
        self.at = 0  # the chunk of the page being rendered here
        if self.pool is not None:  # the workers load the site while this process does
            self.futures.update({-n: self.pool.submit(load, loading)
                                 for n in range(1, workers + 1)})

    def plan(self, pages: list, config: Any, files: Any, own: object) -> None:
        """Share ``pages`` (MkDocs' files, in the order MkDocs renders them), if it pays;
        ``own``: the plugin doing it (its hooks are no reason not to)."""
        others = [m for event in ("pre_page", "page_markdown")
                  for m in config.plugins.events[event] if getattr(m, "__self__", None) is not own]
        if self.pool is None or others or any(f.abs_src_path is None for f in pages):
            return
        sizes = [(f.src_uri, _size(f.abs_src_path)) for f in pages]
        if sum(size for _, size in sizes) < MIN_BYTES:
            return
        used = CHUNK_BYTES
        for uri, size in sizes:
            if used >= CHUNK_BYTES:
                self.chunks.append([])
                used = 0
            self.chunks[-1].append(uri)
            self.chunk_of[uri] = len(self.chunks) - 1
            used += size
        self.spec = RenderSpec(self.loading, list(config.markdown_extensions),
                               dict(config.mdx_configs or {}),
                               logging.getLogger("mkdocs").getEffectiveLevel(),
                               _files_digest(files))
        self._hand_out()

    def _hand_out(self) -> None:
        if self.pool is None or self.spec is None:
            return
        for i in range(self.at + 1, min(self.at + 1 + AHEAD, len(self.chunks))):
            if i % 2 and i not in self.futures and i not in self.mine:
                try:
                    self.futures[i] = self.pool.submit(render_chunk, self.spec, self.chunks[i])
                except Exception as exc:  # a broken pool: the rest is rendered here
                    log.debug("pages rendered here from now on: %r", exc)
                    self.pool = None
                    return

    def before(self, page: Any) -> None:
        """Called before ``page`` is rendered here: its chunk's result takes the place of
        rendering it, if a worker has it (or has started it)."""
        i = self.chunk_of.get(page.file.src_uri)
        if i is None:
            return
        if i != self.at:
            self.at = i
            future = self.futures.get(i)
            if future is None or future.cancel():
                self.mine.add(i)
            self._hand_out()
        if i not in self.mine:
            page.render = partial(self._apply, page, self.futures[i])

    def _apply(self, page: Any, future: Future, config: Any, files: Any) -> None:
        """``page.render`` for a page a worker rendered."""
        try:
            done = future.result().pop(page.file.src_uri)  # (held no longer than needed)
        except Exception as exc:  # the worker failed (or was stopped): render it here,
            log.debug("rendering %s here: %r", page.file.src_uri, exc)
            self.pool = None  # and the pages from now on
            del page.render
            page.render(config, files)
            return
        del page.render
        page.content, page.toc, page._title_from_render = done.content, done.toc, done.title
        page.present_anchor_ids = done.anchors
        if done.links is not None and logging.getLogger("mkdocs.structure.pages") \
                .getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in done.links.items()}
        for name, level, message in done.messages:
            logging.getLogger(name).log(level, "%s", message)

    def close(self) -> None:
        """The build is over, however it ended: no more chunks are wanted."""
        for future in self.futures.values():
            future.cancel()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
