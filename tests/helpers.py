"""Small builders shared by the tests: a Document from plain text, mentions by kind, the
records of a few texts, a project holding some of the seed documents, a copy of a built
project."""

from __future__ import annotations

import shutil
from pathlib import Path

from csto_kb.extraction.extract import extract_document
from csto_kb.model import Document, Paragraph, Segment


def make_document(text: str, date: str | None = None, doc_id: str = "doc") -> Document:
    """A one-segment document whose paragraphs are the non-empty lines of ``text``."""
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(start, pos + len(line.rstrip()), 0))
        pos += len(line) + 1
    return Document(id=doc_id, path=f"{doc_id}.txt", title=doc_id, date=date, text=text,
                    paragraphs=tuple(paragraphs), segments=(Segment(0, len(text), date),))


def found(text: str, kind: str, date: str | None = None) -> list[str]:
    """Surface forms of ``kind`` that extraction finds in ``text``."""
    return [m.text for m in extract_document(make_document(text, date)) if m.kind == kind]


def records_of_texts(*texts: str) -> list[dict]:
    """The records of ``texts``, one document each ("doc-0", "doc-1", ...) of 20 March 2025."""
    from csto_kb.records import build_records
    from csto_kb.resolution import resolve

    docs = [make_document(t, "2025-03-20", f"doc-{n}") for n, t in enumerate(texts)]
    return [dict(r) for r in build_records(resolve([m for d in docs for m in extract_document(d)]), docs)]


ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "sources").glob("*.txt"))


def seed_project(root: Path, count: int) -> Path:
    """``root`` as a project whose sources are the first ``count`` seed documents."""
    (root / "data" / "sources").mkdir(parents=True)
    for path in SEEDS[:count]:
        shutil.copy(path, root / "data" / "sources" / path.name)
    return root


def site_project(root: Path) -> Path:
    """``root`` as a project of the five seed documents with the site configuration and
    the hand-written pages (not built)."""
    root = Path(root)
    shutil.copytree(ROOT / "data" / "sources", root / "data" / "sources")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets",
                    ignore=shutil.ignore_patterns("screenshot-*.png"))
    return root


def set_pagefind_above(root: Path, value: object) -> None:
    """Set ``extra.csto_kb.pagefind_above`` of ``root/mkdocs.yml`` (2000 there) to ``value``."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "pagefind_above: 2000" in text
    config.write_text(text.replace("pagefind_above: 2000", f"pagefind_above: {value}"), encoding="utf-8")


def copy_project(built: Path, root: Path) -> Path:
    """``root`` as a copy of the project ``built`` (sources, records, pages, site, the build
    cache and state), for a test that changes what a shared build left."""
    shutil.copytree(built, root, symlinks=True)
    return root


def mentions(text: str, kind: str, date: str | None = None) -> list:
    """The mentions of ``kind`` that extraction finds in ``text``."""
    return [m for m in extract_document(make_document(text, date)) if m.kind == kind]


def entities(text: str, kind: str, date: str | None = None) -> list:
    """The entities of ``kind`` that resolution makes of ``text``."""
    from csto_kb.resolution import resolve

    return [e for e in resolve(extract_document(make_document(text, date))) if e.kind == kind]
