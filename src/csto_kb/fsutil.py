"""Writing outputs so that a reader never sees half of them: write aside, then rename."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
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


def link_file(old: Path, new: Path) -> bool:
    """Hard-link ``old`` as ``new`` (an unchanged output need not be written again);
    False when that is not possible. Outputs are only ever replaced by renames, so a
    file shared by two builds' trees is never changed in place."""
    try:
        os.link(old, new)
        return True
    except OSError:
        return False


def tree_digest(directory: Path, suffixes: tuple[str, ...], salt: str = "") -> str:
    """A digest of the names and contents of the files under ``directory`` whose name
    ends with one of ``suffixes`` (caches use it to notice that the code changed)."""
    digest = hashlib.sha1(salt.encode())
    for path in sorted(Path(directory).rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
