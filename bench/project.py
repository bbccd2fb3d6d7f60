"""The projects the benchmark builds: the code under test, a project of N synthetic
documents, its outputs and what the built site holds."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from bench.common import PROJECT
from bench.corpus import generate_corpus


def source_digest(src: Path | None = None) -> str:
    """A short digest of the csto_kb package under test, to tell runs apart."""
    src = src or PROJECT / "src" / "csto_kb"
    h = hashlib.sha256()
    for path in sorted(src.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(src)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


# What a project needs besides its sources (the site configuration and hand-written pages).
PROJECT_FILES = ("mkdocs.yml", "docs/about.md", "docs/assets")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def take_snapshot(dest: Path) -> Path:
    """Copy src/csto_kb and the project files to ``dest`` so that every measure of a run
    uses the same code, whatever happens in the working tree meanwhile; return the
    directory to put first on the import path."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(PROJECT / "src" / "csto_kb", dest / "src" / "csto_kb", ignore=_IGNORE)
    for rel in PROJECT_FILES:
        source = PROJECT / rel
        if source.is_dir():
            shutil.copytree(source, dest / rel, ignore=_IGNORE)
        elif source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest / "src"


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT,
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def prepare_root(root: Path, n: int, seed: int, project: Path = PROJECT) -> None:
    """A project directory with ``n`` synthetic sources and the site configuration
    (mkdocs.yml, docs/about.md, docs/assets/ copied from ``project``)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    for rel in PROJECT_FILES:
        source = project / rel
        if source.is_dir():
            shutil.copytree(source, root / rel, ignore=_IGNORE)
        elif source.is_file():
            shutil.copy2(source, root / rel)
    generate_corpus(n, root / "data" / "sources", seed)


def reset_outputs(root: Path) -> None:
    """Back to a never-built project: no records, generated pages, site or cache."""
    for rel in ("data/records", "site", ".cache"):
        shutil.rmtree(root / rel, ignore_errors=True)
    keep = {"about.md", "assets"}
    for item in (root / "docs").iterdir():
        if item.name not in keep:
            shutil.rmtree(item) if item.is_dir() else item.unlink()


def site_stats(root: Path) -> dict:
    """Pages, the largest .html of site/ and .md of docs/, the search index."""
    html = [p for p in (root / "site").rglob("*.html")]
    md = [p for p in (root / "docs").rglob("*.md")]
    big_html = max(html, key=lambda p: p.stat().st_size)
    big_md = max(md, key=lambda p: p.stat().st_size)
    index = root / "site" / "search" / "search_index.json"
    pagefind = root / "site" / "pagefind"
    site_bytes = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    if index.exists():
        search = {"engine": "lunr", "bytes": index.stat().st_size,
                  "what": "search/search_index.json, loaded whole by the first search"}
    elif pagefind.is_dir():
        files = [p for p in pagefind.rglob("*") if p.is_file()]
        chunks = [p for p in files if p.parent.name in ("index", "fragment")]
        search = {"engine": "pagefind", "bytes": sum(p.stat().st_size for p in files), "files": len(files),
                  "largest_chunk": max((p.stat().st_size for p in chunks), default=0),
                  "what": "pagefind/, loaded chunk by chunk"}
    else:
        search = {"engine": None, "bytes": None}
    return {
        "html_pages": len(html), "md_pages": len(md),
        "largest_html": {"path": str(big_html.relative_to(root / "site")), "bytes": big_html.stat().st_size},
        "largest_md": {"path": str(big_md.relative_to(root / "docs")), "bytes": big_md.stat().st_size},
        "search_index_bytes": index.stat().st_size if index.exists() else None,
        "search": search,
        "site_bytes": site_bytes,
    }
