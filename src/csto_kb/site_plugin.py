"""The MkDocs plugin of an incremental site build: MkDocs renders only the pages that
changed, and the rest of the site stays right (see :mod:`csto_kb.site_state`).

MkDocs' own ``--dirty`` build asks each file whether it changed (``File.is_modified``:
its time against its output's) and skips reading, rendering and writing those that did
not; its search index then holds the changed pages only, and links to kept pages go
unchecked. This plugin answers ``is_modified`` from csto-kb's digests instead, and
mends the rest:

- the pages in the navigation, and those csto-kb does not generate, are always rendered
  (the navigation shows their titles; a hand-written page may link anywhere);
- a kept page gets the anchors it had (``present_anchor_ids``), so MkDocs checks every
  link of a rendered page, as a full build does;
- Material's search index is the old one with the entries of the rendered pages
  replaced, in the order a full build writes them;
- every page rendered, in a full build as in this one, leaves its Pagefind view
  (:func:`csto_kb.search.pagefind_view`) in ``view_dir``;
- the Markdown of the pages it renders is shared with the build's worker processes
  (``sharing``: :mod:`csto_kb.site_render`).

A full build uses the plugin too (no ``state``): it then records anchors and views.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from mkdocs.plugins import BasePlugin

from csto_kb import progress
from csto_kb.pages.render import TemplateCache
from csto_kb.progress import Stage
from csto_kb.search import pagefind_view
from csto_kb.site_render import SharedRendering
from csto_kb.site_state import SiteState, stat_of

INDEX = "search/search_index.json"


def _always(value: bool) -> Callable[[], bool]:
    return lambda: value


class IncrementalSite(BasePlugin):
    """Renders only the pages whose Markdown or output changed (``state``: the last
    build's, ``None`` for a full build); ``docs``: the scan of docs/ (rel -> size, time,
    SHA-1); ``generated(src_uri)``: csto-kb generates that page; ``site_dir``: the site
    as the last build left it; ``views``: the pages' Pagefind views as the last build
    left them, ``view_dir``: where to write those of this build (``None``: no Pagefind);
    ``templates``: where to keep the theme's compiled templates; ``sharing``: who else
    renders pages (``None``: this process alone)."""

    def __init__(self, state: SiteState | None, docs: dict[str, tuple[int, int, str]],
                 generated: Callable[[str], bool], site_dir: Path,
                 views: Path | None = None, view_dir: Path | None = None,
                 templates: Path | None = None, sharing: SharedRendering | None = None):
        super().__init__()
        self.sharing = sharing
        self.templates = templates
        self.state = state
        self.docs = docs
        self.generated = generated
        self.site_dir = Path(site_dir)
        self.views = views
        self.view_dir = view_dir
        self._docs_dir = ""
        self._progress: AbstractContextManager[Stage] | None = None
        self._shown: Stage = progress.Reporter().stage("", None, "")
        self.rendered: set[str] = set()  # src_uri of the pages rendered in this build
        self.expected: set[str] = set()  # the site's files (dest_uri) besides those written
        self.pages: dict[str, str] = {}  # page src_uri -> dest_uri
        self.anchors: dict[str, list[str]] = {}
        self._order: list = []  # the pages, in MkDocs' order

    def _changed(self, file, in_nav: bool) -> bool:
        state = self.state
        assert state is not None
        dest = file.dest_uri  # (paths as strings: 24,000 files at 1,000 documents)
        if state.outputs.get(dest) != stat_of(f"{self.site_dir}/{dest}"):
            return True  # missing, or not the file the last build wrote
        if not (file.abs_src_path or "").startswith(self._docs_dir):
            return False  # a theme file: the build key holds the theme's version
        old, new = state.docs.get(file.src_uri), self.docs.get(file.src_uri)
        if old is None or new is None or old[2] != new[2]:
            return True
        if file.is_documentation_page():
            view = self.views is not None and state.views.get(dest) != stat_of(f"{self.views}/{dest}")
            return in_nav or not self.generated(file.src_uri) or view
        return False

    def on_nav(self, nav, *, config, files):
        self._docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")
        in_nav = {page.file.src_uri for page in nav.pages}
        for file in files:
            if not file.inclusion.is_included():
                continue
            self.expected.add(file.dest_uri)
            if file.is_documentation_page():
                self.pages[file.src_uri] = file.dest_uri
            if self.state is not None:
                file.is_modified = _always(self._changed(file, file.src_uri in in_nav))
        self._order = files.documentation_pages()
        todo = [f for f in self._order if self.state is None or f.is_modified()]
        if self.sharing is not None:
            self.sharing.plan(todo, config, files, self)
        self._progress = progress.stage("MkDocs", 2 * len(todo), "steps (pages read, pages written)")
        self._shown = self._progress.__enter__()
        return nav

    def on_pre_page(self, page, *, config, files):
        if self.sharing is not None:
            self.sharing.before(page)
        return page

    def on_page_content(self, html, *, page, config, files):
        self._shown.advance()
        return html

    def end_progress(self) -> None:
        """Close the progress of the pages (the build is over, however it ended)."""
        if self.sharing is not None:
            self.sharing.close()
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
            self._progress = None

    def on_env(self, env, *, config, files):
        if self.templates is not None:  # the theme's templates, compiled once, not per build
            try:
                self.templates.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = TemplateCache(str(self.templates))
            except OSError:
                pass
        if self.state is not None:  # kept pages keep the anchors they had
            for file in self._order:
                page = file.page
                if page is not None and page.content is None:
                    anchors = self.state.anchors.get(file.src_uri)
                    if anchors is not None:
                        page.present_anchor_ids = set(anchors)
        return env

    def on_post_page(self, output, *, page, config):
        self._shown.advance()
        self.rendered.add(page.file.src_uri)
        if self.view_dir is not None and output.strip():
            path = self.view_dir / page.file.dest_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pagefind_view(output).encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def on_post_build(self, *, config):
        old = self.state.anchors if self.state is not None else {}
        for file in self._order:
            page = file.page
            if file.src_uri in self.rendered:
                if page is not None and page.present_anchor_ids is not None:
                    self.anchors[file.src_uri] = sorted(page.present_anchor_ids)
            elif file.src_uri in old:
                self.anchors[file.src_uri] = old[file.src_uri]
        index = Path(config.site_dir) / INDEX
        if self.state is not None and index.is_file():
            index.write_text(self._merged_index(index), encoding="utf-8")

    def _merged_index(self, new_file: Path) -> str:
        """Material's index of this build's pages merged into the last build's: each
        page's entries where a full build puts them (pages in MkDocs' order)."""
        new = json.loads(new_file.read_text(encoding="utf-8"))
        old = json.loads((self.site_dir / INDEX).read_text(encoding="utf-8"))

        def by_page(entries: list[dict]) -> dict[str, list[dict]]:
            out: dict[str, list[dict]] = {}
            for entry in entries:
                out.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
            return out

        fresh, kept = by_page(new["docs"]), by_page(old["docs"])
        docs = []
        for file in self._order:
            url = file.page.url if file.page is not None else file.url
            docs += (fresh if file.src_uri in self.rendered else kept).get(url, [])
        return json.dumps({"config": new["config"], "docs": docs}, separators=(",", ":"),
                          default=str)
