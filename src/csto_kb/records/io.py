"""Reading and writing records as YAML, one file per record, byte-identical for the
same content: keys in a fixed order, lists already sorted, UTF-8, no aliases/anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from csto_kb.fsutil import TreeUpdate, files_under, update_tree
from csto_kb.model import KIND_OF_TYPE, KINDS
from csto_kb.parallel import fork_map

FIELD_ORDER = ("id", "type", "name", "date", "event", "aliases", "posts", "titles", "first_seen",
               "last_seen", "entities", "events", "relations", "office_holders", "related",
               "mentions")


class RecordError(ValueError):
    """A record file that cannot be read: names the file and the problem."""


# libyaml's emitter and parser when PyYAML has them (its wheels do): 5-10x faster.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_SafeDumper):
    def ignore_aliases(self, data):  # never write &anchors/*aliases
        return True


# PyYAML writes these line breaks raw in plain and single-quoted scalars, where a reader
# folds NEL into a space: such a quote would no longer be verbatim. Double quotes escape them.
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _UNICODE_BREAKS.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _ordered(record: dict) -> dict:
    keys = [k for k in FIELD_ORDER if k in record] + sorted(k for k in record if k not in FIELD_ORDER)
    return {k: record[k] for k in keys}


def dump_record(record: dict) -> str:
    """The YAML text of one record."""
    return yaml.dump(_ordered(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)


def record_file(record: dict) -> str:
    """``<kind>/<id>.yaml``; refuses ids that are not slugs."""
    rid = record["id"]
    if not rid or not all(c.isascii() and (c.isalnum() or c == "-") for c in rid) or rid != rid.lower():
        raise RecordError(f"record id {rid!r} is not a slug")
    return f"{KIND_OF_TYPE[record['type']]}/{rid}.yaml"


PARALLEL_MIN_RECORDS = 1000  # below this, forking workers to write YAML does not pay


@dataclass
class RecordsPlan:
    """What :func:`update_records` is to do in ``out_dir``: the file of every record
    (``keep``), the record files there now (``present``), and the files to (re)write
    with their records (``writing``). Plain data, small when few records changed: it
    can be sent to another process."""

    out_dir: Path
    keep: set[str]
    present: set[str]
    writing: list[tuple[str, dict]]


def _owned(rel: str) -> bool:
    return rel.endswith(".yaml") and rel.partition("/")[0] in KINDS


def plan_records(records: list[dict], out_dir: Path,
                 unchanged: set[str] = frozenset()) -> RecordsPlan:
    """The plan of :func:`update_records` (nothing is written; bad ids are refused)."""
    out_dir = Path(out_dir)
    files = [(record_file(record), record) for record in records]
    present = {rel for rel in files_under(out_dir) if _owned(rel)}
    writing = [(rel, record) for rel, record in files
               if rel[:-5] not in unchanged or rel not in present]
    return RecordsPlan(out_dir, {rel for rel, _ in files}, present, writing)


def apply_records(plan: RecordsPlan, jobs: int = 1) -> TreeUpdate:
    """Carry out ``plan``: its records to write turned into YAML (by ``jobs`` processes
    when there are many) and written; returns the open update (see :func:`update_records`)."""
    texts = fork_map(dump_record, [record for _, record in plan.writing], jobs,
                     PARALLEL_MIN_RECORDS)
    written = {rel: text for (rel, _), text in zip(plan.writing, texts, strict=True)}
    return update_tree(plan.out_dir, written, plan.keep, _owned, plan.present, KINDS)


def update_records(records: list[dict], out_dir: Path, unchanged: set[str] = frozenset(),
                   jobs: int = 1) -> TreeUpdate:
    """Make ``out_dir`` hold exactly ``records`` (one ``<kind>/<id>.yaml`` each) and
    return the open update: the caller commits it once everything else has succeeded,
    or rolls it back.

    Records whose ``<kind>/<id>`` is in ``unchanged`` are the same as their file in
    ``out_dir``, which is left as it is (if it is there); other ``.yaml`` files in the
    kind folders are removed; anything else is left alone. ``jobs`` processes turn
    records into YAML (when there are many).
    """
    return apply_records(plan_records(records, out_dir, unchanged), jobs)


def write_records(records: list[dict], out_dir: Path, jobs: int = 1) -> None:
    """Write every record under ``out_dir`` (see :func:`update_records`); on a failure
    ``out_dir`` is left as it was."""
    update_records(records, out_dir, jobs=jobs).commit()


def load_records(root: Path) -> list[dict]:
    """Every record under ``root``, sorted by kind and id."""
    records = []
    for kind in KINDS:
        for path in sorted((Path(root) / kind).glob("*.yaml")):
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise RecordError(f"{path}: not valid YAML: {exc}") from exc
            if not isinstance(data, dict) or "id" not in data or "type" not in data:
                raise RecordError(f"{path}: not a record (needs at least id and type)")
            records.append(data)
    return records
