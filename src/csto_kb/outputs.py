"""The outputs of a build in a project: data/records/ and docs/, changed in place file by
file (:class:`~csto_kb.fsutil.TreeUpdate`) and taken back if a later stage fails.

What csto-kb generated in each tree is known by content (:mod:`csto_kb.manifest`): a
build writes again a generated file that was damaged or edited, removes only files it
generated, and leaves any other file alone, with a warning when it is in the way of a
generated one. What a build killed halfway left (undo folders, the temporary folders
of the site, temporary files) is removed by the next one, which holds the project's
lock (so no other build is using them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from csto_kb import faults
from csto_kb.config import Settings
from csto_kb.fsutil import (
    Stamp,
    TreeUpdate,
    remove_stale_undo,
    remove_temporary_files,
    update_tree,
)
from csto_kb.manifest import Manifest, Stamps
from csto_kb.records.io import in_the_way, legacy_files


def remove_leftovers(settings: Settings) -> None:
    """Remove what a killed build of ``settings.root`` left behind (with the lock held)."""
    views = settings.cache_dir / "pagefind-view"  # the Pagefind views (site.py)
    for tree in (settings.docs_dir, settings.records_dir, settings.site_dir, views):
        remove_stale_undo(tree)  # the site's and the views' of an incremental site build
    for tree, kinds in ((settings.site_dir, ("build", "old")), (views, ("view", "old"))):
        for folder in (tree.parent, tree):
            if folder.is_dir():
                for kind in kinds:
                    for item in folder.glob(f".{tree.name}-{kind}-*"):
                        shutil.rmtree(item, ignore_errors=True)
    for folder in (settings.root / "data", settings.sources_dir, settings.cache_dir):
        remove_temporary_files(folder)


@dataclass
class Tree:
    """One tree of outputs: its manifest, the files in it that hold what csto-kb wrote
    (with their stamps), and, once made, the update of this build."""

    name: str  # as the user knows it: "docs", "data/records"
    manifest: Manifest
    intact: dict[str, Stamp]
    update: TreeUpdate | None = None
    keep: Collection[str] = field(default_factory=frozenset)  # every file it is to hold

    def owned(self) -> frozenset[str]:
        return self.manifest.owned()


class Outputs:
    """The records and pages trees of a project during a build."""

    def __init__(self, settings: Settings, last_pages: Iterable[str]):
        self.stamps = Stamps(settings.cache_dir / "stamps.json")
        pages = list(last_pages)
        self.docs = self._open("docs", settings, lambda: pages)
        self.records = self._open("data/records", settings,
                                  lambda: legacy_files(settings.records_dir))

    def _open(self, name: str, settings: Settings, legacy: Callable[[], Iterable[str]]) -> Tree:
        manifest = Manifest.load(settings.root / name, legacy)
        return Tree(name, manifest, manifest.verify(self.stamps.of(name)))

    def kept_pages(self, last: Mapping[str, str]) -> dict[str, str]:
        """The digests of the last build's pages that are still what it wrote."""
        return {rel: sig for rel, sig in last.items() if rel in self.docs.intact}

    def update_docs(self, texts: dict[str, str], keep: Collection[str]) -> None:
        """Write the pages ``texts``; every page of the site is in ``keep``."""
        owned = self.docs.owned()  # as before the pending pages are added
        self.docs.manifest.add_pending(texts)
        self.docs.keep = keep
        self.docs.update = update_tree(self.docs.manifest.root, texts, keep, owned)

    def generated_page(self, rel: str) -> bool:
        """``rel`` (under docs/) is a page this build wrote or kept, not a file of the
        user's (one in the way of a page included): its links are known to be right."""
        update = self.docs.update
        return rel in self.docs.keep and (update is None or rel not in update.in_the_way)

    def warnings(self) -> list[str]:
        """One line per file in the way of a generated one."""
        return [line for tree in (self.records, self.docs) if tree.update is not None
                for line in in_the_way(tree.name, tree.update.in_the_way)]

    def rollback(self) -> None:
        """Take back what this build changed in both trees."""
        for tree in (self.docs, self.records):
            if tree.update is not None:
                tree.update.rollback()
            tree.manifest.restore()

    def commit(self) -> None:
        """Keep what this build changed in both trees; save their manifests."""
        stamps = {}
        for n, tree in enumerate((self.records, self.docs)):
            if n:
                faults.point("commit")
            if tree.update is not None:
                tree.update.commit()
                stamps[tree.name] = tree.manifest.commit(tree.keep, tree.update, tree.intact)
        self.stamps.save(stamps)
