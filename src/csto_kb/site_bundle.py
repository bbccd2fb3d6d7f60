"""Pagefind's bundle of a site: indexed from the pages' views, and, in an incremental
build, moved into site/pagefind/ file by file (only the files that changed)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from csto_kb import progress, search
from csto_kb.fsutil import TreeUpdate, files_under
from csto_kb.site_mkdocs import SiteBuildError


def index_views(views: Path, bundle: Path) -> None:
    """Pagefind's bundle of the pages whose views are under ``views``, into ``bundle``."""
    with progress.stage("search index (Pagefind)", None, "pages") as shown:
        try:
            shown.advance(search.run_pagefind(views, bundle)["pages"])
        except search.PagefindError as exc:
            raise SiteBuildError(str(exc)) from exc


_HASHED = re.compile(r"_[0-9a-f]{7,}\.pf_[a-z]+$")  # Pagefind names these by their content


def same_bytes(a: Path, b: Path, named_by_content: bool = False) -> bool:
    """Whether the files ``a`` and ``b`` both exist and hold the same bytes (files that
    are ``named_by_content``: the same size)."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return named_by_content or a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    return same_bytes(a, b, named_by_content=bool(_HASHED.search(a.name)))


def _scratch(size: int) -> str | None:
    """A folder in memory for a Pagefind bundle of about ``size`` bytes, if there is one
    with room (``None``: the system's temporary folder)."""
    shm = "/dev/shm"
    try:
        if os.path.isdir(shm) and os.access(shm, os.W_OK) \
                and shutil.disk_usage(shm).free > 2 * size + 2**26:
            return shm
    except OSError:
        pass
    return None


def update_bundle(views: Path, site: TreeUpdate, copies: Path, size: int) -> None:
    """Index ``views`` into a new Pagefind bundle and change site/pagefind/ into it: only
    the files that differ are moved in (copied to ``copies`` first, on the site's file
    system) and those it no longer has removed. Most of a bundle is one file per page,
    named by its content, so a rebuild changes a few hundred of its files, not all."""
    bundle = Path(tempfile.mkdtemp(prefix="csto-kb-pagefind-", dir=_scratch(size)))
    try:
        index_views(views, bundle)
        old = Path(site.root) / "pagefind"
        new_files = files_under(bundle)
        for rel in new_files:
            if not _same_file(bundle / rel, old / rel):
                copy = copies / rel
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(bundle / rel, copy)
                site.put(f"pagefind/{rel}", copy)
        for rel in sorted(set(files_under(old)) - set(new_files)):
            site.remove(f"pagefind/{rel}")
    finally:
        shutil.rmtree(bundle, ignore_errors=True)
