"""Writing outputs so that a failed build leaves the last good ones: write aside and
rename, or change a tree in place with an undo folder (:class:`TreeUpdate`)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable
from pathlib import Path


def swap_dir(new_dir: Path, target: Path) -> None:
    """Replace directory ``target`` by ``new_dir`` (same parent) with two renames; if the
    second rename fails, the old ``target`` is put back."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        new_dir.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


UNDO_PREFIX = ".undo-"  # the undo folder of a TreeUpdate: ".undo-<tree name>-XXXX"


class TreeUpdate:
    """Changes to some files of the tree ``root`` that can be taken back.

    A file to be replaced or removed is first moved into an undo folder beside ``root``
    (a rename: nothing is copied), so a build touches only the files that change, not
    the whole tree. :meth:`commit` drops the undo folder; :meth:`rollback` removes what
    was written and moves every file back. A process killed halfway leaves a mix of old
    and new files and its undo folder: the caller must not trust its own record of the
    tree then (it forgets it before updating), and :func:`remove_stale_undo` clears the
    folder on the next run.
    """

    def __init__(self, root: Path):
        self.root = str(root)
        self._new_root = not os.path.lexists(self.root)
        os.makedirs(self.root, exist_ok=True)
        parent, name = os.path.split(os.path.abspath(self.root))
        self.undo = tempfile.mkdtemp(prefix=f"{UNDO_PREFIX}{name}-", dir=parent)
        self.written: list[str] = []
        self.moved: list[str] = []
        self._touched: set[str] = set()
        self._folders: set[tuple[str, str]] = set()

    def _ensure_folder(self, base: str, rel: str) -> None:
        folder = rel.rpartition("/")[0]
        if folder and (base, folder) not in self._folders:
            os.makedirs(f"{base}/{folder}", exist_ok=True)
            self._folders.add((base, folder))

    def _move_aside(self, rel: str) -> None:
        path = f"{self.root}/{rel}"
        if rel in self._touched:  # the original is aside already: this file is ours
            if os.path.lexists(path):
                os.unlink(path)
        elif os.path.lexists(path):
            self._ensure_folder(self.undo, rel)
            os.rename(path, f"{self.undo}/{rel}")
            self.moved.append(rel)
        self._touched.add(rel)

    def write(self, rel: str, text: str) -> None:
        """Write ``text`` (UTF-8) to ``rel`` under the root, keeping the old file aside."""
        self._move_aside(rel)
        self._ensure_folder(self.root, rel)
        self.written.append(rel)
        with open(f"{self.root}/{rel}", "w", encoding="utf-8") as out:
            out.write(text)

    def put(self, rel: str, path: str | Path) -> None:
        """Move the file or folder at ``path`` (on the same file system) to ``rel`` under
        the root, keeping the old one aside: a rename, nothing is copied."""
        self._move_aside(rel)
        self._ensure_folder(self.root, rel)
        self.written.append(rel)
        os.rename(path, f"{self.root}/{rel}")

    def remove(self, rel: str) -> None:
        """Remove ``rel`` under the root, keeping it aside (a folder: file by file)."""
        path = f"{self.root}/{rel}"
        if os.path.isdir(path) and not os.path.islink(path):
            for sub in files_under(path):
                self._move_aside(f"{rel}/{sub}")
            shutil.rmtree(path, ignore_errors=True)  # empty folders only, by now
        else:
            self._move_aside(rel)

    def commit(self) -> None:
        """Keep the changes; drop the undo folder."""
        shutil.rmtree(self.undo, ignore_errors=True)

    def rollback(self) -> None:
        """Take every change back: the tree is as it was before this update."""
        for rel in reversed(self.written):
            path = f"{self.root}/{rel}"
            if os.path.isfile(path) or os.path.islink(path):
                os.unlink(path)
            elif os.path.isdir(path):  # a folder put in place
                shutil.rmtree(path, ignore_errors=True)
        self._folders.clear()  # folders may have gone with a removed one
        for rel in reversed(self.moved):
            self._ensure_folder(self.root, rel)
            os.rename(f"{self.undo}/{rel}", f"{self.root}/{rel}")
        shutil.rmtree(self.undo, ignore_errors=True)
        if self._new_root:  # nothing was there: leave nothing (its folders are empty now)
            shutil.rmtree(self.root, ignore_errors=True)


def update_tree(root: Path, texts: dict[str, str], keep: Collection[str],
                owned: Callable[[str], bool], present: Iterable[str] | None = None,
                folders: Iterable[str] = ()) -> TreeUpdate:
    """Make the files under ``root`` that are the caller's (``owned(rel)``) exactly those
    of ``keep``, and return the open update: ``texts`` (``rel`` -> content, all in
    ``keep``) are written, the other files of ``keep`` are left as they are, owned files
    not in ``keep`` are removed, the rest is not touched. ``present`` lists the files
    under ``root`` when the caller has them already; ``folders`` are made even if empty.
    On an error nothing has changed."""
    present = files_under(root) if present is None else present
    update = TreeUpdate(root)
    try:
        for folder in folders:
            os.makedirs(f"{update.root}/{folder}", exist_ok=True)
        for rel in sorted(rel for rel in present if owned(rel) and rel not in keep):
            update.remove(rel)
        for rel, text in texts.items():
            update.write(rel, text)
    except BaseException:
        update.rollback()
        raise
    return update


def _never(rel: str) -> bool:
    return False


def write_tree(root: Path, texts: dict[str, str]) -> TreeUpdate:
    """Write ``texts`` (``rel`` -> content) under ``root``, each old file kept aside, and
    return the open update (the part of an :func:`update_tree` another process can do:
    the arguments are plain data)."""
    return update_tree(root, texts, texts, _never, present=())


def remove_stale_undo(root: Path) -> None:
    """Remove the undo folders a killed :class:`TreeUpdate` of ``root`` left beside it."""
    root = Path(root)
    if root.parent.is_dir():
        for item in root.parent.glob(f"{UNDO_PREFIX}{root.name}-*"):
            shutil.rmtree(item, ignore_errors=True)


def files_under(root: Path | str) -> list[str]:
    """The relative paths of the files under ``root`` (sorted; none if it is missing)."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out += [prefix + f for f in sorted(files)]
    return out


def tree_digest(directory: Path, suffixes: tuple[str, ...], salt: str = "") -> str:
    """A digest of the names and contents of the files under ``directory`` whose name
    ends with one of ``suffixes`` (caches use it to notice that the code changed)."""
    digest = hashlib.sha1(salt.encode())
    for path in sorted(Path(directory).rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
