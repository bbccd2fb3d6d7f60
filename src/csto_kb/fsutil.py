"""Writing outputs so that a failed build leaves the last good ones: write aside and
rename, or change a tree in place with an undo folder (:class:`TreeUpdate`).

A tree may be a mount point of its own (a Docker volume, a CI cache): nothing is then
renamed across it. A mount point cannot be renamed (EBUSY) and a file cannot be renamed
onto another file system (EXDEV), so the undo folder of such a tree, and the new site
built for it, are made inside it, and the site is swapped in entry by entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path

from csto_kb import faults, interrupts
from csto_kb.mounts import work_folder

Stamp = tuple[int, int, int, str]  # size, modification time (ns), inode, SHA-1 of the bytes


def digest_bytes(data: bytes) -> str:
    """The SHA-1 of ``data`` in hex: how a generated file is known (see manifest.py)."""
    return hashlib.sha1(data).hexdigest()


def swap_dir(new_dir: Path, target: Path) -> None:
    """Replace directory ``target`` by ``new_dir`` (made in :func:`work_folder` of
    ``target``): two renames, or, inside a mount point, entry by entry; if that fails
    halfway, the old ``target`` is put back."""
    new_dir, target = Path(new_dir), Path(target)
    if new_dir.parent == target:
        _swap_entries(new_dir, target)
        return
    old = None
    with interrupts.critical():
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


def _swap_entries(new_dir: Path, target: Path) -> None:
    """Make the mount point ``target`` hold what ``new_dir`` (inside it) holds."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target))
    ours = (f".{target.name}-build-", f".{target.name}-old-")
    out: list[str] = []
    into: list[str] = []
    with interrupts.critical():
        try:
            for name in sorted(os.listdir(target)):
                if not name.startswith(ours):
                    os.rename(target / name, old / name)
                    out.append(name)
            for name in sorted(os.listdir(new_dir)):
                os.rename(new_dir / name, target / name)
                into.append(name)
        except BaseException:
            for name in reversed(into):
                os.rename(target / name, new_dir / name)
            for name in reversed(out):
                os.rename(old / name, target / name)
            shutil.rmtree(old, ignore_errors=True)
            raise
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(new_dir, ignore_errors=True)


TEMPORARY_SUFFIX = ".csto-kb.tmp"  # of the temporary files: ".<name>.<pid>.csto-kb.tmp"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename, so
    that no reader ever sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


UNDO_PREFIX = ".undo-"  # the undo folder of a TreeUpdate: ".undo-<tree name>-XXXX"


class TreeUpdate:
    """Changes to some files of the tree ``root`` that can be taken back.

    A file to be replaced or removed is first moved into an undo folder beside ``root``
    (inside it when it is a mount point; a rename: nothing is copied), so a build
    touches only the files that change, not the whole tree. :meth:`commit` drops the
    undo folder; :meth:`rollback` removes what was written and moves every file back. A
    process killed halfway leaves a mix of old and new files and its undo folder: the
    caller must not trust its own record of the tree then (see manifest.py), and
    :func:`remove_stale_undo` clears the folder on the next run.

    Only the files in ``owned`` (the caller's own, from an earlier run) are replaced or
    removed. A file to write where another one is, is left alone and listed in
    ``in_the_way``, unless it holds exactly the bytes to write: it is then taken as
    written. ``digests`` and ``stamps`` tell what was written (or taken).
    """

    def __init__(self, root: Path, owned: Collection[str] = frozenset()):
        self.root = str(root)
        self.owned = owned
        self._new_root = not os.path.lexists(self.root)
        os.makedirs(self.root, exist_ok=True)
        name = os.path.basename(os.path.abspath(self.root))
        self.undo = tempfile.mkdtemp(prefix=f"{UNDO_PREFIX}{name}-", dir=work_folder(Path(self.root)))
        self.written: list[str] = []
        self.moved: list[str] = []
        self.in_the_way: list[str] = []
        self.digests: dict[str, str] = {}
        self.stamps: dict[str, Stamp] = {}
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

    def _may_replace(self, rel: str, data: bytes) -> bool:
        """Whether ``rel`` may be written: nothing is there, or a file of the caller's;
        a file holding ``data`` already is taken as written; others are in the way."""
        path = f"{self.root}/{rel}"
        try:
            st = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return True
        if stat.S_ISDIR(st.st_mode):
            self.in_the_way.append(rel)
            return False
        if rel in self.owned or rel in self._touched:
            return True
        if stat.S_ISREG(st.st_mode) and st.st_size == len(data):
            with open(path, "rb") as held:
                if held.read() == data:
                    self.digests[rel] = digest = digest_bytes(data)
                    self.stamps[rel] = (st.st_size, st.st_mtime_ns, st.st_ino, digest)
                    return False
        self.in_the_way.append(rel)
        return False

    def write(self, rel: str, text: str) -> None:
        """Write ``text`` (UTF-8) to ``rel`` under the root, keeping the old file aside
        (a file that is not the caller's is left alone: see the class)."""
        data = text.encode("utf-8", "surrogateescape")
        if not self._may_replace(rel, data):
            return
        self._move_aside(rel)
        self._ensure_folder(self.root, rel)
        self.written.append(rel)
        with open(f"{self.root}/{rel}", "wb") as out:
            out.write(data)
            out.flush()  # the stamp is of the file as written, not of a buffer not yet out
            st = os.fstat(out.fileno())
        self.digests[rel] = digest = digest_bytes(data)
        self.stamps[rel] = (st.st_size, st.st_mtime_ns, st.st_ino, digest)
        faults.point(f"write:{os.path.basename(self.root)}")

    def put(self, rel: str, path: str | Path) -> None:
        """Move the file or folder at ``path`` (on the same file system) to ``rel`` under
        the root, keeping the old one aside: a rename, nothing is copied."""
        self._move_aside(rel)
        self._ensure_folder(self.root, rel)
        self.written.append(rel)
        os.rename(path, f"{self.root}/{rel}")

    def remove(self, rel: str) -> None:
        """Remove the file ``rel`` under the root, keeping it aside (a folder there is
        left alone)."""
        if not os.path.isdir(f"{self.root}/{rel}") or os.path.islink(f"{self.root}/{rel}"):
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
                owned: Collection[str], folders: Iterable[str] = ()) -> TreeUpdate:
    """Make the files under ``root`` that are the caller's (``owned``, from an earlier
    run) exactly those of ``keep``, and return the open update: ``texts`` (``rel`` ->
    content, all in ``keep``) are written, the other files of ``keep`` are left as they
    are, owned files not in ``keep`` are removed, the rest is not touched (see
    :class:`TreeUpdate` for a file in the way); ``folders`` are made even if empty. On
    an error nothing has changed."""
    update = TreeUpdate(root, owned)
    try:
        for folder in folders:
            os.makedirs(f"{update.root}/{folder}", exist_ok=True)
        for rel in sorted(rel for rel in owned if rel not in keep):
            update.remove(rel)
        for rel, text in texts.items():
            update.write(rel, text)
    except BaseException:
        update.rollback()
        raise
    return update


_TEMPORARY = re.compile(r"\..+\.\d+" + re.escape(TEMPORARY_SUFFIX))


def remove_stale_undo(root: Path) -> None:
    """Remove the undo folders a killed :class:`TreeUpdate` of ``root`` left beside it
    (or inside it), and the temporary files of :func:`write_text_atomic` in it."""
    root = Path(root)
    for folder in (root.parent, root):
        if folder.is_dir():
            for item in folder.glob(f"{UNDO_PREFIX}{root.name}-*"):
                shutil.rmtree(item, ignore_errors=True)
    remove_temporary_files(root)


def remove_temporary_files(folder: Path) -> None:
    """Remove what a killed :func:`write_text_atomic` left in ``folder``."""
    if Path(folder).is_dir():
        for item in Path(folder).glob(f".*{TEMPORARY_SUFFIX}"):
            if _TEMPORARY.fullmatch(item.name) and item.is_file():
                item.unlink(missing_ok=True)


def files_under(root: Path | str) -> list[str]:
    """The relative paths of the files under ``root`` (sorted; none if it is missing),
    but for the undo folders of a :class:`TreeUpdate` inside it."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(UNDO_PREFIX))
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
