"""The curation file ``data/curation.yaml``: a person's corrections to the records,
applied after extraction on every build so that they survive rebuilds.

Records are addressed as ``<kind>/<id>`` (kind: people, bodies, forces, operations,
dates). Every section is optional; a missing or empty file means no curation::

    merge:                      # the first absorbs the rest: names become aliases, mentions join
      - [people/sergey-lavrov, people/sergei-lavrov]
    rename:                     # a new canonical name; the id stays, the old name becomes an alias
      people/stanislav-zas: Stanislav Vasilievich Zas
    retype:                     # move a record to another kind
      bodies/unifil: operations
    reject:                     # never publish these
      - bodies/international-structures
    aliases:                    # extra names, also used to recognise the entity in new documents
      operations/mercenary: [Operation Mercenary]

Reading and checking the file is in ``curation_load``; applying it to records (order:
retype, merge, rename, aliases, reject) in ``curation_apply``. This module also checks a
records directory without building (``check_records``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from csto_kb.model import KINDS, TYPE_OF_KIND
from csto_kb.resolution.curation_apply import apply_curation, valid_date
from csto_kb.resolution.curation_load import Curation, CurationError, load_curation

__all__ = ["Curation", "CurationError", "apply_curation", "check_records", "load_curation",
           "valid_date"]

REQUIRED = ("id", "type", "name", "mentions")


def check_records(records_dir: Path) -> list[str]:
    """Problems in a records directory, one line each naming the file: YAML that does not
    parse, missing fields, an id or type that does not match the file's place, mentions
    without source or quote, date records without a valid date, and ``related`` or
    ``entities`` references to records that do not exist."""
    root = Path(records_dir)
    if not root.is_dir():
        return [f"{root}: not a directory"]
    problems = _stray_files(root)
    loaded = {}
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            record, problem = _read(path)
            if problem:
                problems.append(f"{path}: {problem}")
            else:
                loaded[path] = record
    existing = {f"{path.parent.name}/{path.stem}" for path in loaded}
    for path, record in loaded.items():
        problems += [f"{path}: {p}" for p in _record_problems(record, path, existing)]
    return problems


def _stray_files(root: Path) -> list[str]:
    """YAML files outside the five kind folders."""
    stray = [p for p in sorted(root.rglob("*.yaml"))
             if p.parent.parent != root or p.parent.name not in KINDS]
    return [f"{p}: not in a kind folder ({', '.join(KINDS)})" for p in stray]


def _read(path: Path) -> tuple[dict | None, str | None]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        return None, f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}"
    if not isinstance(data, dict):
        return None, "not a record (a mapping with id, type, name and mentions)"
    return data, None


def _record_problems(record: dict, path: Path, existing: set[str]) -> list[str]:
    problems = [f"missing {key}" for key in REQUIRED if key not in record]
    kind = path.parent.name
    if "id" in record and record["id"] != path.stem:
        problems.append(f"id {record['id']!r} does not match the file name {path.name!r}")
    if "type" in record and record["type"] != TYPE_OF_KIND[kind]:
        problems.append(f"type {record['type']!r} does not match the folder {kind!r} "
                        f"(expected {TYPE_OF_KIND[kind]!r})")
    if "name" in record and (not isinstance(record["name"], str) or not record["name"].strip()):
        problems.append("name must be a non-empty string")
    problems += _mention_problems(record.get("mentions", []))
    if kind == "dates" and not valid_date(record.get("date")):
        problems.append(f"date {record.get('date')!r} is not a date like 2022, 2022-01, "
                        "2022-01-06 or 2000s")
    problems += _ref_problems(record, f"{kind}/{path.stem}", existing)
    return problems


def _mention_problems(mentions) -> list[str]:
    if not isinstance(mentions, list):
        return ["mentions must be a list"]
    problems = []
    for n, m in enumerate(mentions, 1):
        if not isinstance(m, dict):
            problems.append(f"mention {n} is not a mapping")
            continue
        problems += [f"mention {n} has no {key}" for key in ("source", "quote") if not m.get(key)]
    return problems


def _ref_problems(record: dict, address: str, existing: set[str]) -> list[str]:
    problems = []
    for field in ("related", "entities"):
        refs = record.get(field, [])
        if not isinstance(refs, list):
            problems.append(f"{field} must be a list of record addresses")
            continue
        for ref in refs:
            if ref == address:
                problems.append(f"{field}: lists the record itself")
            elif ref not in existing:
                problems.append(f"{field}: no record {ref}")
    return problems
