"""What csto-kb generated in a tree of outputs (docs/, data/records/), known by content.

Each tree holds a manifest, ``.csto-kb-manifest``, in ``sha1sum`` format: one line per
file csto-kb wrote there, the SHA-1 of its bytes and its path. A build owns exactly
those files: it writes again one whose bytes are no longer those it wrote (emptied,
edited by hand, damaged), removes one it no longer generates, and touches no other
file. A file in the way of one it generates is left alone, and named in a warning
(unless it holds exactly the bytes to write: it is then taken as generated).

Before a build writes files that are new to a tree, it adds them to the manifest with
``-`` for a digest (not yet known): a build cut short leaves them known as the next
one's to check and repair. The manifest of a tree is deterministic (the same outputs,
the same manifest); the stat of each file checked (size, modification time, inode) is
kept in the build's cache (:class:`Stamps`), so that a file whose stat did not change
is not read again: reading every file costs half a second at 1,000 documents.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from csto_kb.fsutil import Stamp, TreeUpdate, digest_bytes, write_text_atomic

NAME = ".csto-kb-manifest"
PENDING = "-"


def _parse(text: str) -> dict[str, str]:
    files = {}
    for line in text.splitlines():
        digest, sep, rel = line.partition("  ")
        if sep and rel:
            files[rel] = digest
    return files


def _text(files: dict[str, str]) -> str:
    return "".join(f"{digest}  {rel}\n" for rel, digest in sorted(files.items()))


class Manifest:
    """The manifest of the tree ``root`` (see the module)."""

    def __init__(self, root: Path, files: dict[str, str], text: str | None, existed: bool):
        self.root = Path(root)
        self.files = files  # path under root -> SHA-1, or PENDING
        self._text = text  # as it is in the tree (None: there is none)
        self._loaded = text
        self._existed = existed

    @classmethod
    def load(cls, root: Path, legacy: Callable[[], Iterable[str]] = tuple) -> Manifest:
        """The manifest of ``root``; without one (a tree from before manifests), the
        files ``legacy()`` names are taken as generated, their content unknown."""
        root = Path(root)
        try:
            text: str | None = (root / NAME).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        files = _parse(text) if text is not None else dict.fromkeys(legacy(), PENDING)
        return cls(root, files, text, root.exists())

    def owned(self) -> frozenset[str]:
        """The files of the tree that csto-kb generated."""
        return frozenset(self.files)

    def verify(self, known: dict[str, Stamp]) -> dict[str, Stamp]:
        """The files that hold what csto-kb wrote, with their stamps (``known``: stamps
        of earlier checks; a file with the same stat is not read again)."""
        intact = {}
        root = str(self.root)  # (35,000 paths at 1,000 documents: no Path objects)
        for rel, digest in self.files.items():
            if digest == PENDING:
                continue
            path = f"{root}/{rel}"
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            seen = (st.st_size, st.st_mtime_ns, st.st_ino, digest)
            if known.get(rel) == seen or _digest_of(path) == digest:
                intact[rel] = seen
        return intact

    def add_pending(self, rels: Iterable[str]) -> None:
        """Name the files ``rels`` in the manifest before they are written."""
        new = {rel: PENDING for rel in rels if rel not in self.files}
        if new:
            self._write({**self.files, **new})

    def commit(self, keep: Iterable[str], update: TreeUpdate,
               intact: dict[str, Stamp]) -> dict[str, Stamp]:
        """After ``update`` (committed): the files of ``keep`` that are csto-kb's are the
        manifest's; returns their stamps."""
        stamps = {**intact, **update.stamps}
        files = {rel: stamps[rel][3] for rel in keep if rel in stamps}
        self._write(files)
        return {rel: stamps[rel] for rel in files}

    def restore(self) -> None:
        """Put the manifest back as it was loaded (after a rollback)."""
        if self._text == self._loaded:
            return
        if self._loaded is not None:
            write_text_atomic(self.root / NAME, self._loaded)
        else:
            (self.root / NAME).unlink(missing_ok=True)
            if not self._existed:  # nothing was there: leave no empty folder
                for folder, _, _ in sorted(os.walk(self.root), reverse=True):
                    try:
                        os.rmdir(folder)
                    except OSError:
                        pass
        self._text = self._loaded

    def _write(self, files: dict[str, str]) -> None:
        self.files = files
        text = _text(files)
        if text != self._text:
            write_text_atomic(self.root / NAME, text)
            self._text = text


def _digest_of(path: str) -> str | None:
    try:
        with open(path, "rb") as held:
            return digest_bytes(held.read())
    except OSError:
        return None


class Stamps:
    """The stamps of the files checked in each tree (``.cache/csto-kb/stamps.json``):
    a cache; a missing or unreadable file only means that every file is read again."""

    FORMAT = 1

    def __init__(self, path: Path | None):
        self.path = path
        self.trees: dict[str, dict[str, Stamp]] = {}
        self._text = None
        if path is not None:
            try:
                self._text = path.read_text(encoding="utf-8")
                data = json.loads(self._text)
                if data.get("format") == self.FORMAT:
                    self.trees = {name: {rel: tuple(s) for rel, s in tree.items()}
                                  for name, tree in data["trees"].items()}
            except (OSError, ValueError, AttributeError, KeyError, TypeError):
                self.trees = {}

    def of(self, tree: str) -> dict[str, Stamp]:
        return self.trees.get(tree, {})

    def save(self, trees: dict[str, dict[str, Stamp]]) -> None:
        """Keep ``trees`` (written only when they changed)."""
        self.trees = {**self.trees, **trees}
        text = json.dumps({"format": self.FORMAT, "trees": self.trees}, sort_keys=True)
        if self.path is not None and text != self._text:
            write_text_atomic(self.path, text)
            self._text = text
