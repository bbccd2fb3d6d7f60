"""Building the static site with MkDocs, atomically, and only what changed.

:func:`build_site` runs MkDocs through its Python API (:mod:`csto_kb.site_mkdocs`). A
full build goes into a fresh directory beside the target, swapped into place only when
the build succeeded; with ``strict`` every warning MkDocs logs (a broken link, a missing
anchor, a configuration warning) fails the build, as ``mkdocs build --strict`` does. A
failed build leaves the previous site untouched and raises :class:`SiteBuildError`
carrying the warnings. An incremental build (the last build's state is in the cache and
only pages changed: :mod:`csto_kb.site_state`) renders the changed pages aside
(:mod:`csto_kb.site_plugin`) and moves them in, each replaced file kept aside until the
build succeeded; it gives the site a full build gives, byte for byte.

Search: a site of more than ``extra.csto_kb.pagefind_above`` Markdown pages (mkdocs.yml;
default 2,000) is built without Material's search plugin and indexed with Pagefind,
before it replaces the site, from each page's view (the page less Material's chrome,
kept in the cache for the next build); a smaller one keeps Material's search. What both
index is marked in the page templates and the theme; see :mod:`csto_kb.search`.

The theme overrides (Pagefind's search box, in ``csto_kb/theme/``) are package data: a
build uses them as Material's ``theme.custom_dir``, unless mkdocs.yml names a
``custom_dir`` of the project's own, so that an installed csto-kb builds the same site
as a checkout.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from csto_kb import faults, search
from csto_kb.fsutil import TreeUpdate, files_under, swap_dir
from csto_kb.mounts import work_folder
from csto_kb.site_bundle import index_views, same_bytes, update_bundle
from csto_kb.site_mkdocs import THEME_DIR, SiteBuildError, read_config, run_mkdocs
from csto_kb.site_plugin import IncrementalSite
from csto_kb.site_render import Loading, SharedRendering
from csto_kb.site_state import SiteState, build_key, incremental_safe, scan_docs, stat_of, stat_tree

__all__ = ["SiteBuild", "SiteBuildError", "build_site"]

log = logging.getLogger(__name__)


def _theme_dirs(raw: dict, config_file: Path) -> list[Path]:
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    own = config_file.parent / str(custom) if custom else None
    return [own] if own is not None and own.is_dir() else [THEME_DIR]


def _never(src_uri: str) -> bool:
    return False


@dataclass
class SiteBuild:
    """What :func:`build_site` did: ``rendered`` pages of ``pages`` (all in a full build)."""

    pages: int
    rendered: int
    incremental: bool


def build_site(project_root: Path, site_dir: Path, strict: bool = True,
               docs_dir: Path | None = None, cache_dir: Path | None = None,
               generated: Callable[[str], bool] = _never,
               redirects: dict[str, str] | None = None,
               before_swap: Callable[[], object] | None = None,
               pool: Executor | None = None) -> SiteBuild:
    """Build the site of ``project_root`` (its ``mkdocs.yml`` and docs/) into ``site_dir``.

    A full build goes to a temporary directory beside ``site_dir`` (inside it when it is
    a mount point: see :func:`csto_kb.fsutil.swap_dir`), which replaces
    ``site_dir`` only when MkDocs succeeded (and, with ``strict``, logged no warning)
    and, for a site of more than ``extra.csto_kb.pagefind_above`` pages (mkdocs.yml,
    default 2,000), Pagefind indexed it. Raises :class:`SiteBuildError` otherwise;
    ``site_dir`` is then left as it was.

    With ``cache_dir``, the build leaves its state there (:mod:`csto_kb.site_state`),
    and the next build, when nothing but pages changed, renders only the pages whose
    Markdown changed and those that must be rendered anyway (:mod:`csto_kb.site_plugin`;
    ``generated(src_uri)`` says which pages csto-kb generates), and changes only those
    files of ``site_dir``, each old one kept aside until the build succeeded: the site is
    then the one a full build gives, byte for byte.

    ``redirects`` maps pages that are gone (paths under docs/) to the pages that took
    their place: their old URLs become redirect pages. ``before_swap`` is called just
    before site/ starts to change (a build holds back signals from there until its
    outputs are committed). The workers of ``pool``, if given, render pages too
    (:mod:`csto_kb.site_render`).
    """
    project_root, site_dir = Path(project_root).resolve(), Path(site_dir).resolve()
    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteBuildError(f"{config_file}: no such file (the site's configuration); run "
                             "csto-kb in the project's folder or give it with --root DIR")
    raw = read_config(config_file)
    docs = Path(docs_dir).resolve() if docs_dir else config_file.parent / raw.get("docs_dir", "docs")
    try:
        threshold = search.pagefind_above(raw.get("extra") if isinstance(raw.get("extra"), dict)
                                          else None)
    except ValueError as exc:
        raise SiteBuildError(f"{config_file}: {exc}") from exc
    pages = search.count_pages(docs)
    engine = search.choose_engine(pages, threshold)
    log.info("%d pages, search with %s (Pagefind above %d pages)", pages, engine, threshold)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    key = build_key(raw, engine, _theme_dirs(raw, config_file))
    state_file = Path(cache_dir) / "site.json" if cache_dir is not None else None
    last = SiteState.load(state_file) if state_file is not None else None
    views = Path(cache_dir) / "pagefind-view" if cache_dir is not None else None
    if last is not None and not (last.key == key and incremental_safe(raw) and site_dir.is_dir()
                                 and (engine == search.MATERIAL or (views and views.is_dir()))):
        last = None
    job = _SiteJob(config_file, site_dir, strict, Path(docs_dir).resolve() if docs_dir else None,
                   engine, raw, views, scan_docs(docs, last.docs if last else {}), generated,
                   Path(cache_dir) / "mkdocs-templates" if cache_dir is not None else None,
                   dict(redirects or {}), before_swap, pool)
    if state_file is not None:
        state_file.unlink(missing_ok=True)  # site/ is about to change
    start = time.monotonic()
    try:
        state = job.incremental(last) if last is not None else job.full()
    except BaseException:
        if last is not None and state_file is not None:
            last.save(state_file)  # site/ is as it was
        raise
    state.key = key
    if state_file is not None:
        state.save(state_file)
    log.info("site built into %s in %.2f s", site_dir, time.monotonic() - start)
    return SiteBuild(pages, job.rendered, last is not None)


@dataclass
class _SiteJob:
    """One site build, full or incremental (see :func:`build_site`)."""

    config_file: Path
    site_dir: Path
    strict: bool
    docs_dir: Path | None
    engine: str
    raw: dict
    views: Path | None  # the Pagefind views the last build left (None: keep none)
    docs: dict[str, tuple[int, int, str]]
    generated: Callable[[str], bool]
    templates: Path | None = None  # where the theme's compiled templates are kept
    redirects: dict[str, str] = field(default_factory=dict)
    before_swap: Callable[[], object] | None = None
    pool: Executor | None = None  # whose workers render pages too
    rendered: int = 0

    def _temp(self, beside: Path, what: str) -> Path:
        beside.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{beside.name}-{what}-", dir=work_folder(beside)))

    def _swapping(self) -> None:
        """The new site is ready: from here site/ changes (see :func:`build_site`)."""
        faults.point("site")
        if self.before_swap is not None:
            self.before_swap()

    def _sharing(self, out: Path, last: SiteState | None = None) -> SharedRendering:
        load = (self.config_file, out, self.strict, self.docs_dir, self.engine, self.raw)
        old = last.docs if last is not None else {}
        changed = sum(size for rel, (size, _, sha) in self.docs.items()
                      if rel.endswith(".md") and (old.get(rel) or (0, 0, ""))[2] != sha)
        return SharedRendering(self.pool, Loading(uuid.uuid4().hex, sys.modules["mkdocs"].__name__,
                                                  load), changed)

    def _mkdocs(self, out: Path, plugin: IncrementalSite) -> None:
        try:
            run_mkdocs(self.config_file, out, self.strict, self.docs_dir, self.engine, self.raw,
                       plugin, self.redirects)
        finally:
            plugin.end_progress()
        self.rendered = len(plugin.rendered)

    def full(self) -> SiteState:
        """Everything rendered into a new folder, swapped in when all went well."""
        pagefind = self.engine == search.PAGEFIND
        tmp = self._temp(self.site_dir, "build")
        view_tmp = None  # the views, indexed, then kept for the next build (if it may)
        if pagefind:
            view_tmp = (self._temp(self.views, "view") if self.views is not None
                        else Path(tempfile.mkdtemp(prefix="csto-kb-view-")))
        try:
            plugin = IncrementalSite(None, self.docs, self.generated, self.site_dir, None, view_tmp,
                                     self.templates, self._sharing(tmp))
            self._mkdocs(tmp, plugin)
            if view_tmp is not None:
                index_views(view_tmp, tmp / "pagefind")
            self._swapping()
            swap_dir(tmp, self.site_dir)
            faults.point("swapped")
            if view_tmp is not None and self.views is not None:
                swap_dir(view_tmp, self.views)
            elif self.views is not None:
                shutil.rmtree(self.views, ignore_errors=True)
        finally:
            for folder in (tmp, view_tmp):
                if folder is not None and folder.exists():
                    shutil.rmtree(folder, ignore_errors=True)
        return SiteState("", self.docs, plugin.anchors, stat_tree(self.site_dir),
                         stat_tree(self.views) if pagefind and self.views else {},
                         self._bundle() if pagefind else {})

    def _bundle(self) -> dict[str, tuple[int, int]]:
        """The stat of each file of the site's Pagefind bundle."""
        return stat_tree(self.site_dir / "pagefind", skip="")

    def incremental(self, last: SiteState) -> SiteState:
        """The changed pages rendered aside, then moved into site/ (and their views into
        the views' folder), the old files kept aside until all went well."""
        pagefind = self.engine == search.PAGEFIND
        staging = self._temp(self.site_dir, "build")
        view_staging = self._temp(self.views, "view") if pagefind and self.views else None
        updates: list[TreeUpdate] = []
        try:
            plugin = IncrementalSite(last, self.docs, self.generated, self.site_dir,
                                     self.views if pagefind else None, view_staging, self.templates,
                                     self._sharing(staging, last))
            self._mkdocs(staging, plugin)
            self._swapping()  # (Pagefind indexes below, with the new pages in place)
            site = TreeUpdate(self.site_dir)
            updates.append(site)
            written = files_under(staging)
            for rel in written:
                site.put(rel, staging / rel)
            kept = plugin.expected | set(written)
            gone = sorted(rel for rel in last.outputs if rel not in kept)
            for rel in gone:
                if os.path.lexists(self.site_dir / rel):
                    site.remove(rel)
            views = dict(last.views)
            if view_staging is not None and self.views is not None:
                view = TreeUpdate(self.views)
                updates.append(view)
                changed = False  # the search content of a page (the set of pages)
                for rel in files_under(view_staging):
                    if not same_bytes(view_staging / rel, self.views / rel):
                        view.put(rel, view_staging / rel)
                        changed = True
                    views[rel] = stat_of(str(self.views / rel)) or (0, 0)
                for rel in gone:
                    if rel in views:
                        views.pop(rel)
                        view.remove(rel)
                        changed = True
                # Pagefind indexes every view again (it cannot add or drop a page): not
                # when they are those it indexed last and its bundle is as it wrote it
                if changed or self._bundle() != last.bundle:
                    update_bundle(self.views, site, staging / ".pagefind", 2048 * len(views))
        except BaseException:
            for update in reversed(updates):
                update.rollback()
            raise
        finally:
            for folder in (staging, view_staging):
                if folder is not None and folder.exists():
                    shutil.rmtree(folder, ignore_errors=True)
        for update in updates:
            update.commit()
        faults.point("swapped")
        outputs = {rel: st for rel, st in last.outputs.items() if rel not in gone}
        for rel in written:
            outputs[rel] = stat_of(str(self.site_dir / rel)) or (0, 0)
        return SiteState("", self.docs, plugin.anchors, outputs, views,
                         self._bundle() if pagefind else {})
