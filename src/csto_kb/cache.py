"""The extraction cache: each document's mentions stored under a key made of its
content and the rules' version, so a rebuild re-extracts only what changed."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from csto_kb.fsutil import write_text_atomic
from csto_kb.model import Document, Mention


def document_key(doc: Document, rules_version: str) -> str:
    """Changes when the document's text, layout or id, or any rule, changes."""
    layout = [doc.id, doc.text, [dataclasses.astuple(p) for p in doc.paragraphs],
              [dataclasses.astuple(s) for s in doc.segments], rules_version]
    return hashlib.sha256(json.dumps(layout, ensure_ascii=False).encode()).hexdigest()


class ExtractionCache:
    """Mentions per document key, as JSON files under ``directory``."""

    def __init__(self, directory: Path | None):
        self.directory = Path(directory) if directory else None
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Mention] | None:
        """The cached mentions, or None (also for an unreadable entry)."""
        if self.directory is None:
            return None
        try:
            rows = json.loads(self._path(key).read_text(encoding="utf-8"))
            mentions = [Mention(**row) for row in rows]
        except (OSError, ValueError, TypeError):
            return None
        self.used.add(key)
        return mentions

    def put(self, key: str, mentions: list[Mention]) -> None:
        """Store ``mentions`` (written aside and renamed: never a half-written entry)."""
        if self.directory is None:
            return
        rows = [dataclasses.asdict(m) for m in mentions]
        write_text_atomic(self._path(key), json.dumps(rows, ensure_ascii=False))
        self.used.add(key)

    def prune(self) -> None:
        """Remove entries no document used in this run (removed or changed sources)."""
        if self.directory is None or not self.directory.exists():
            return
        for path in self.directory.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
