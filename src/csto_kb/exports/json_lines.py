"""Records as JSON: one file per record (pretty) and every record in one JSON Lines file.

The JSON is the record exactly: ``json.loads`` of a line (or of a record's file) gives
back the record as its YAML file holds it, keys sorted. Strings are UTF-8, with the
characters that some readers take for line breaks (NEL, U+2028, U+2029), lone
surrogates and the characters that show nothing (:mod:`csto_kb.invisible`: they would
reorder or hide text in an editor) written as ``\\uXXXX`` escapes, so that one record is
always one line, every file is valid UTF-8, and the data stays exact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from csto_kb.changes import canonical_json
from csto_kb.invisible import INVISIBLE, INVISIBLE_CHARS
from csto_kb.model import Record, ref_of

# Inside a JSON text written with ensure_ascii=False these characters can only stand in
# a string, where their escape means the same character.
_UNSAFE = re.compile(f"[\x85\u2028\u2029\ud800-\udfff]|{INVISIBLE.pattern}")
_MAYBE_UNSAFE = re.compile(f"[\x85\u2028\u2029\ud800-\udfff{INVISIBLE_CHARS}]")  # (a quick test)


def _escape_unsafe(text: str) -> str:
    if text.isascii() or not _MAYBE_UNSAFE.search(text):  # (every unsafe character is non-ASCII)
        return text
    return _UNSAFE.sub(lambda m: json.dumps(m.group()).strip('"'), text)


def record_json(record: Record) -> str:
    """The record as an indented JSON document (the ``<kind>/<id>.json`` beside its page)."""
    return _escape_unsafe(json.dumps(record, sort_keys=True, ensure_ascii=False, indent=2)) + "\n"


def record_line(record: Record, text: str | None = None) -> str:
    """The record as one line of JSON (no trailing newline); ``text``: its
    :func:`~csto_kb.changes.canonical_json`, when it is known already."""
    return _escape_unsafe(canonical_json(record) if text is None else text)


def records_jsonl(records: Iterable[Record], texts: Mapping[str, str] | None = None) -> str:
    """Every record, one line each, sorted by address (``<kind>/<id>``); ``texts``: the
    canonical JSON of records by address, where it is known already (a build makes it
    for the records' digests)."""
    known = texts or {}
    lines = sorted((ref_of(r), r) for r in records)
    return "".join(record_line(r, known.get(ref)) + "\n" for ref, r in lines)
