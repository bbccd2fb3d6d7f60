"""``csto-kb add``: copying new documents into the sources directory safely."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from csto_kb.fsutil import write_bytes_atomic
from csto_kb.reading import UnreadableFile, read_regular_file
from csto_kb.sources.ids import source_id
from csto_kb.sources.reader import MAX_SOURCE_BYTES, SUFFIXES, SourceError

_WHAT_TO_DO = {
    "a directory": "add the documents in it (csto-kb add DIR/*.txt)",
    "a symbolic link": "add the file it points to, if that is the document",
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _free_name(stem: str, suffix: str, taken: set[str]) -> str:
    name, n = f"{stem}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


def _read(path: Path) -> bytes:
    """The bytes of the document ``path``; SourceError saying what else it is."""
    if not os.path.lexists(path):
        raise SourceError(path, "no such file")
    try:
        return read_regular_file(path, MAX_SOURCE_BYTES)
    except UnreadableFile as exc:
        what = exc.reason.partition(", not a regular file")[0]
        if what == exc.reason:  # too large, cannot be read
            raise SourceError(path, exc.reason) from exc
        hint = _WHAT_TO_DO.get(what, "only documents (.txt or .md files) can be added")
        raise SourceError(path, f"{exc.reason}; {hint}") from exc


def _existing(sources_dir: Path) -> dict[str, str]:
    """Digest -> name of the documents in ``sources_dir`` (regular files only)."""
    out: dict[str, str] = {}
    for path in sorted(sources_dir.iterdir()):
        try:
            out.setdefault(_digest(read_regular_file(path, MAX_SOURCE_BYTES)), path.name)
        except UnreadableFile:
            continue
    return out


def add_sources(files: list[Path], sources_dir: Path) -> tuple[list[str], list[str]]:
    """Copy ``files`` into ``sources_dir`` under URL-safe unique names.

    Returns the names given and one line per refused file (missing, a directory, a
    symbolic link, a device or anything that is not a regular file, not .txt/.md, or
    the same content as a document already there, which it names). Each copy is
    written aside and renamed, so that a build never reads half a document.
    """
    sources_dir = Path(sources_dir)
    sources_dir.mkdir(parents=True, exist_ok=True)
    existing = _existing(sources_dir)
    taken = {p.name.lower() for p in sources_dir.iterdir()}
    added, refused = [], []
    for path in map(Path, files):
        try:
            data = _read(path)
        except SourceError as exc:
            refused.append(f"{path}: {exc.reason}")
            continue
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            refused.append(f"{path}: not a .txt or .md document")
            continue
        digest = _digest(data)
        if digest in existing:
            refused.append(f"{path}: same content as data/sources/{existing[digest]}")
            continue
        name = _free_name(source_id(path.name), suffix, taken)
        write_bytes_atomic(sources_dir / name, data)
        existing[digest] = name
        taken.add(name.lower())
        added.append(name)
    return added, refused
