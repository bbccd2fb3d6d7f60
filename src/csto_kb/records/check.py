"""``csto-kb check`` of a records directory: every problem of every file, with its line."""

from __future__ import annotations

from pathlib import Path

from csto_kb.model import KINDS, Record
from csto_kb.records.schema import check_file, line_of


def check_records(records_dir: Path) -> list[str]:
    """Problems in a records directory, one line each, ``file:line: problem``: YAML that
    does not parse, fields missing or of the wrong type, an id or type that does not
    match the file's place, mentions without source or quote, date records without a
    valid date, and ``related`` or ``entities`` references to records that do not exist."""
    root = Path(records_dir)
    if not root.is_dir():
        return [f"{root}: not a directory"]
    stray = [p for p in sorted(root.rglob("*.yaml"))
             if p.parent.parent != root or p.parent.name not in KINDS]
    problems = [f"{p}:1: not in a kind folder ({', '.join(KINDS)})" for p in stray]
    loaded: dict[Path, Record] = {}
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            record, found = check_file(path, kind)
            problems += found
            if record is not None:
                loaded[path] = record
    existing = {f"{path.parent.name}/{path.stem}" for path in loaded}
    for path, record in loaded.items():
        problems += _ref_problems(path, record, existing)
    return problems


def _ref_problems(path: Path, record: Record, existing: set[str]) -> list[str]:
    address = f"{path.parent.name}/{path.stem}"
    found = []
    for field in ("related", "entities"):
        refs = record.get(field, [])
        for n, ref in enumerate(refs if isinstance(refs, list) else []):
            if ref == address:
                found.append(((field, n), f"{field}: lists the record itself"))
            elif ref not in existing:
                found.append(((field, n), f"{field}: no record {ref}"))
    if not found:
        return []
    text = path.read_text(encoding="utf-8")
    return [f"{path}:{line_of(text, where)}: {problem}" for where, problem in found]


__all__ = ["check_records"]
