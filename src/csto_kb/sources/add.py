"""``csto-kb add``: copying new documents into the sources directory safely."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from csto_kb.sources.ids import source_id
from csto_kb.sources.reader import SUFFIXES


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _free_name(stem: str, suffix: str, taken: set[str]) -> str:
    name, n = f"{stem}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


def add_sources(files: list[Path], sources_dir: Path) -> tuple[list[str], list[str]]:
    """Copy ``files`` into ``sources_dir`` under URL-safe unique names.

    Returns the names given and one line per refused file (missing, not .txt/.md, or
    the same content as a document already there, which it names).
    """
    sources_dir = Path(sources_dir)
    sources_dir.mkdir(parents=True, exist_ok=True)
    existing = {_digest(p): p.name for p in sorted(sources_dir.iterdir()) if p.is_file()}
    taken = {p.name.lower() for p in sources_dir.iterdir()}
    added, refused = [], []
    for path in map(Path, files):
        suffix = path.suffix.lower()
        if not path.is_file():
            refused.append(f"{path}: no such file")
            continue
        if suffix not in SUFFIXES:
            refused.append(f"{path}: not a .txt or .md document")
            continue
        digest = _digest(path)
        if digest in existing:
            refused.append(f"{path}: same content as data/sources/{existing[digest]}")
            continue
        name = _free_name(source_id(path.name), suffix, taken)
        shutil.copyfile(path, sources_dir / name)
        existing[digest] = name
        taken.add(name.lower())
        added.append(name)
    return added, refused
