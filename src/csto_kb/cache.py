"""The build cache: what reading and extracting each source gave in earlier builds.

One file holds, for each source file, the ``Document`` read from it (reused while the
file's bytes are the same) and, for each document, its mentions (reused while the
document, the rules and the curation names are the same). The file is stamped with a
digest of csto_kb's code and rules: after any change to either, nothing is reused. An
unreadable, foreign or outdated file is ignored, never an error: the build just reads
and extracts everything again.

The file is JSON lines: a header ``{"format": ..., "version": ...}``, then one line per
entry, ``"D" or "M"``, a tab, the JSON of the file name or document key, a tab, the
entry's JSON. An entry is decoded only when a build asks for it, and a build that adds
one document writes the other entries as the text they were read as (no JSON has to
be parsed or made for them: at 1,000 documents the file holds 16 MB).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from csto_kb.fsutil import tree_digest, write_text_atomic
from csto_kb.model import Document, Mention, Paragraph, Segment
from csto_kb.rules_data import rules_version

FORMAT = 4  # of the cache file


# The code that reading and extraction run (rendering, say, is not part of it).
_READ_AND_EXTRACT = ("model.py", "cache.py", "rules_data.py", "sources", "extraction")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Changes whenever the code of reading and extraction, or a rule file, changes."""
    package = Path(__file__).resolve().parent
    parts = [tree_digest(package / name, (".py",)) if (package / name).is_dir()
             else hashlib.sha1((package / name).read_bytes()).hexdigest()
             for name in _READ_AND_EXTRACT]
    return f"{FORMAT}-{hashlib.sha1(''.join(parts).encode()).hexdigest()}-{rules_version()}"


def _header() -> dict:
    return {"format": FORMAT, "version": code_version()}


def document_key(doc: Document, version: str) -> str:
    """Changes when the document's text, layout or id, or ``version``, changes."""
    layout = repr((doc.id, doc.text, doc.paragraphs, doc.segments, version))
    return hashlib.sha256(layout.encode("utf-8", "surrogatepass")).hexdigest()


def _document_row(doc: Document) -> list:
    return [doc.id, doc.path, doc.title, doc.date, doc.text, doc.paragraphs, doc.segments,
            doc.meta, doc.warnings]


def _document(row: list) -> Document:
    doc_id, path, title, date, text, paragraphs, segments, meta, warnings = row
    return Document(id=doc_id, path=path, title=title, date=date, text=text,
                    paragraphs=tuple(Paragraph(*p) for p in paragraphs),
                    segments=tuple(Segment(*s) for s in segments),
                    meta=meta, warnings=tuple(warnings))


class BuildCache:
    """Documents by (file name, digest of its bytes) and mentions by document key,
    kept in ``path`` (``None``: a cache that remembers nothing).

    Entries stay JSON texts in memory until asked for, so that saving after one document
    was added encodes that document only, not the whole corpus again."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._documents: dict[str, str] = {}  # file name -> JSON of [digest, document row]
        self._mentions: dict[str, str] = {}  # document key -> JSON of the mention rows
        self._used_documents: dict[str, str] = {}
        self._used_mentions: dict[str, str] = {}
        self._changed = False
        self._load()

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            header, *lines = self.path.read_text(encoding="utf-8").split("\n")
            if json.loads(header) != _header():
                return
            tables = {"D": self._documents, "M": self._mentions}
            for line in lines:
                kind, key, entry = line.split("\t", 2)
                tables[kind][json.loads(key)] = entry
        except (OSError, ValueError, KeyError, TypeError):
            self._documents.clear()
            self._mentions.clear()

    def document(self, name: str, digest: str) -> Document | None:
        """The document read from file ``name`` when its bytes had ``digest``, or None."""
        entry = self._documents.get(name)
        if not isinstance(entry, str) or digest not in entry[:100]:
            return None
        try:
            stored, row = json.loads(entry)
            if stored != digest:
                return None
            doc = _document(row)
        except (TypeError, ValueError):
            return None
        self._used_documents[name] = entry
        return doc

    def put_document(self, name: str, digest: str, doc: Document) -> None:
        self._used_documents[name] = json.dumps([digest, _document_row(doc)])
        self._changed = True

    def mentions(self, key: str) -> list[Mention] | None:
        """The mentions stored under ``key``, or None."""
        entry = self._mentions.get(key)
        if not isinstance(entry, str):
            return None
        try:
            mentions = [Mention.from_row(row) for row in json.loads(entry)]
        except (TypeError, ValueError):
            return None
        self._used_mentions[key] = entry
        return mentions

    def put_mentions(self, key: str, mentions: list[Mention]) -> None:
        self._used_mentions[key] = json.dumps(mentions)
        self._changed = True

    def save(self) -> None:
        """Write what this run used (entries no source needs any more are dropped);
        nothing is written when nothing changed."""
        if self.path is None:
            return
        dropped = (self._documents.keys() - self._used_documents.keys()
                   or self._mentions.keys() - self._used_mentions.keys())
        if not (self._changed or dropped) and self.path.exists():
            return
        lines = [json.dumps(_header())]
        for kind, table in (("D", self._used_documents), ("M", self._used_mentions)):
            lines += [f"{kind}\t{json.dumps(key)}\t{entry}" for key, entry in sorted(table.items())]
        write_text_atomic(self.path, "\n".join(lines))
        self._documents, self._mentions = dict(self._used_documents), dict(self._used_mentions)
        self._changed = False
