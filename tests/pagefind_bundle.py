"""Pagefind bundles compared by what they hold. Pagefind is not byte-deterministic: two
runs on the same pages write the same filters in another order (so under other
content-hashed names, and another ``pagefind-entry.json``). A bundle is compared
decoded, with the filters sorted and their hashed names replaced by their own."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

PAGEFIND_SIGNATURE = b"pagefind_dcd"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: its path (POSIX, relative) -> its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def decode(data: bytes):
    """A Pagefind index file: gzip, a signature, then CBOR."""
    cbor2 = pytest.importorskip("cbor2")
    raw = gzip.decompress(data)
    assert raw.startswith(PAGEFIND_SIGNATURE)
    return cbor2.loads(raw[len(PAGEFIND_SIGNATURE):])


def pagefind_bundle(files: dict[str, bytes], prefix: str = "pagefind/") -> dict[str, object]:
    """The Pagefind bundle among ``files`` (under ``prefix``: ``""`` for a bundle's own
    folder) with its filters sorted and their hashed names replaced by their own: what
    two equivalent bundles have in common."""
    bundle: dict[str, object] = {}
    for path, data in files.items():
        if not path.startswith(prefix):
            continue
        if path.startswith(f"{prefix}filter/"):
            name, values = decode(data)
            bundle[f"filter {name}"] = sorted((value, sorted(pages)) for value, pages in values)
        elif path.endswith(".pf_meta"):
            meta = decode(data)
            meta[3] = sorted(name for name, _ in meta[3])  # [filter name, file hash]
            bundle["meta"] = meta
        elif path == f"{prefix}pagefind-entry.json":
            entry = json.loads(data)
            for language in entry["languages"].values():
                language.pop("hash")  # the hash of the .pf_meta file
            bundle[path] = entry
        else:
            bundle[path] = data
    return bundle
