"""Read source files into ``Document``s: decode, normalise, front matter, layout."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Protocol

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from csto_kb.extraction.dates import parse_date_string
from csto_kb.invisible import drop_invisible
from csto_kb.model import Document
from csto_kb.plain_yaml import check_plain
from csto_kb.reading import UnreadableFile, not_regular, read_regular_file
from csto_kb.sources.decode import NotText, decode_bytes
from csto_kb.sources.ids import source_id, unique_ids
from csto_kb.sources.segments import find_title, layout, shorten
from csto_kb.sources.wrapping import unwrap

MAX_SOURCE_BYTES = 20 * 1024 * 1024
"""Files larger than this (20 MB) are skipped: no news text is that long."""

SUFFIXES = (".txt", ".md")

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n")
_FRONT_MATTER_CLOSED = re.compile(r"\A\s*---[ \t]*\n.*?^---[ \t]*$", re.DOTALL | re.MULTILINE)


class SourceError(ValueError):
    """A source file that must be skipped; ``str()`` is one line naming the file."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def read_source(path: Path) -> Document:
    """Read one ``.txt``/``.md`` file into a ``Document``.

    Raises ``SourceError`` when the file cannot be read, is larger than
    ``MAX_SOURCE_BYTES`` (20 MB), is binary (NUL bytes, mostly control characters), or
    holds no text (empty, whitespace only, front matter only). Decoding other than UTF-8
    and broken front matter are noted in ``Document.warnings``, each naming the file.
    """
    path = Path(path)
    return parse_source(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_SOURCE_BYTES)
    except UnreadableFile as exc:
        raise SourceError(path, exc.reason) from exc


def parse_source(path: Path, data: bytes) -> Document:
    """The ``Document`` in the bytes ``data`` of the file ``path`` (see :func:`read_source`)."""
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        raise SourceError(path, str(exc)) from exc
    warnings = [f"{path.name}: decoded as {encoding}"] if encoding else []
    text = unicodedata.normalize("NFC", drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not text.strip():
        raise SourceError(path, "empty file")
    body, meta, title_text = _split_front_matter(text, path.name, warnings)
    if not body.strip():
        raise SourceError(path, "no text after the front matter")
    return _document(path, body, meta, warnings, title_text)


class KnownDocuments(Protocol):
    """Documents read in an earlier build, by file name and digest of the file's bytes."""

    def document(self, name: str, digest: str) -> Document | None: ...

    def put_document(self, name: str, digest: str, doc: Document) -> None: ...


def read_sources(directory: Path, known: KnownDocuments | None = None
                 ) -> tuple[list[Document], list[str]]:
    """Read every ``*.txt``/``*.md`` file of ``directory`` (sorted, not recursive).

    Hidden files are ignored; sources are regular files: a symbolic link, a directory,
    a pipe or a device named like a source is skipped with a warning (a link could
    publish any file of the machine). Returns the documents, with unique ids (a later
    file whose id is taken gets "-2", "-3"...), and warning lines: one per skipped file
    and each document's own warnings. A file whose bytes ``known`` has seen is not
    parsed again.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(directory, "not a directory")
    entries = [e for e in sorted(os.scandir(directory), key=lambda e: e.name)
               if not e.name.startswith(".") and Path(e.name).suffix.lower() in SUFFIXES]
    paths = [Path(e.path) for e in entries if e.is_file(follow_symlinks=False)]
    ids = dict(zip(paths, unique_ids([source_id(p.name) for p in paths])))
    documents: list[Document] = []
    warnings: list[str] = []
    for entry in entries:
        path = Path(entry.path)
        if path not in ids:
            warnings += _not_a_source(entry)
            continue
        try:
            doc = _read_known(path, known) if known is not None else read_source(path)
        except SourceError as exc:
            warnings.append(f"skipped {exc}")
            continue
        if doc.id != ids[path]:
            doc = dataclasses.replace(doc, id=ids[path], title=_retitle(doc, ids[path]))
        documents.append(doc)
        warnings.extend(doc.warnings)
    return documents, warnings


def _not_a_source(entry: os.DirEntry) -> list[str]:
    try:
        what = not_regular(entry.stat(follow_symlinks=False).st_mode)
    except OSError:  # gone meanwhile
        return []
    return [f"skipped {entry.name}: {what}, not a regular file; sources must be plain files "
            "in data/sources/"]


def _read_known(path: Path, known: KnownDocuments) -> Document:
    data = _read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    doc = known.document(path.name, digest)
    if doc is None:
        doc = parse_source(path, data)
        known.put_document(path.name, digest, doc)
    return doc


def _retitle(doc: Document, new_id: str) -> str:
    """A title that fell back to the id follows the id when the id changes."""
    return new_id if doc.title == doc.id else doc.title


class _FrontMatterYAML(YAMLHandler):
    """Front matter in plain YAML only (see csto_kb.plain_yaml): no anchors, aliases or
    tags of code, nested at most 50 levels."""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        check_plain(fm)
        return super().load(fm, **kwargs)


def _split_front_matter(text: str, name: str, warnings: list[str]) -> tuple[str, dict, str]:
    """The body, the front-matter mapping and where to look for a title: broken front
    matter leaves the text whole, but the title comes from what follows it."""
    opening = _FRONT_MATTER.match(text)
    if not opening:
        return text, {}, text
    closed = _FRONT_MATTER_CLOSED.match(text)
    if not closed:
        warnings.append(f"{name}: front matter is not closed by '---'; read as plain text")
        return text, {}, text[opening.end():]
    try:
        post = frontmatter.loads(text, handler=_FrontMatterYAML())
        if not post.metadata:
            raw = _FrontMatterYAML().load(YAMLHandler().split(text.strip())[0])
            if raw is not None and not isinstance(raw, dict):
                raise ValueError("not a mapping")
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        reason = ("YAML error" if isinstance(exc, yaml.YAMLError)
                  else "nested too deeply" if isinstance(exc, RecursionError) else str(exc))
        warnings.append(f"{name}: broken front matter ({reason}); read as plain text")
        return text, {}, text[closed.end():]
    return post.content, dict(post.metadata), post.content


def _document(path: Path, body: str, meta: dict, warnings: list[str],
              title_text: str) -> Document:
    """The document of ``body``; without a title in ``meta``, its title is the first
    line of ``title_text`` (the body, or what follows front matter that could not be
    read)."""
    doc_id = source_id(path.name)
    fm_date = _meta_date(meta.get("date"), path.name, warnings)
    parts = layout(unwrap(body), fm_date)  # paragraphs as written, wrapped lines joined
    title = _plain(meta.get("title")).strip()
    title = shorten(title) if title else find_title(title_text) or doc_id
    extra = {str(k): _plain(v) for k, v in meta.items() if str(k) not in ("title", "date")}
    return Document(
        id=doc_id,
        path=path.name,
        title=title,
        date=fm_date or parts.first_date,
        text=body,
        paragraphs=parts.paragraphs,
        segments=parts.segments,
        meta=dict(sorted(extra.items())),
        warnings=tuple(warnings),
    )


def _meta_date(value: object, name: str, warnings: list[str]) -> str | None:
    """A front-matter date as ISO text at its precision ("2024-03-05", "2024-03", "2024")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    iso = parse_date_string(str(value))
    if iso is None:
        warnings.append(f"{name}: front matter date {str(value)!r} not understood; ignored")
    return iso


def _plain(value: object, depth: int = 0) -> str:
    """A front-matter value as a plain string (lists and mappings nested deeper than
    ten levels are left out)."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)) and depth >= 10:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v, depth + 1)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
