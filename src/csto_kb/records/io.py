"""Reading and writing records as YAML, one file per record, byte-identical for the
same content: keys in a fixed order, lists already sorted, UTF-8, no aliases/anchors."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from csto_kb.fsutil import TreeUpdate, files_under, update_tree
from csto_kb.manifest import Manifest
from csto_kb.model import KIND_OF_TYPE, KINDS, Record, is_slug
from csto_kb.records.schema import RecordError, read_record

FIELD_ORDER = ("id", "type", "name", "date", "event", "aliases", "posts", "titles", "first_seen",
               "last_seen", "entities", "events", "relations", "office_holders", "related",
               "mentions")


# libyaml's emitter and parser when PyYAML has them (its wheels do): 5-10x faster.
if TYPE_CHECKING:
    _SafeDumper = yaml.SafeDumper
else:
    _SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):
    def ignore_aliases(self, data):  # never write &anchors/*aliases
        return True


# PyYAML writes these line breaks raw in plain and single-quoted scalars, where a reader
# folds NEL into a space: such a quote would no longer be verbatim. Double quotes escape them.
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _UNICODE_BREAKS.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _numbers(value: object) -> bool:
    """True for a whole number, or a list of lists of whole numbers (a mention's spans)."""
    if isinstance(value, list):
        return all(_numbers(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.SequenceNode:
    # Offsets on one line ("spans: [[12, 25]]"), the rest of a record in block style.
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data,
                                     flow_style=bool(data) and _numbers(data))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def _ordered(record: Record) -> dict[str, object]:
    keys = [k for k in FIELD_ORDER if k in record] + sorted(k for k in record if k not in FIELD_ORDER)
    return {k: record[k] for k in keys}  # type: ignore[literal-required]


def dump_record(record: Record) -> str:
    """The YAML text of one record."""
    return yaml.dump(_ordered(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)


def record_file(record: Record) -> str:
    """``<kind>/<id>.yaml``; refuses ids that are not slugs."""
    rid = record["id"]
    if not is_slug(rid):
        raise RecordError(f"record id {rid!r} is not a slug")
    return f"{KIND_OF_TYPE[record['type']]}/{rid}.yaml"


@dataclass
class RecordsPlan:
    """What :func:`apply_records` is to do in ``out_dir``: the file of every record
    (``keep``), the record files csto-kb wrote there (``owned``, from its manifest), and
    the files to (re)write with their records (``writing``)."""

    out_dir: Path
    keep: set[str]
    owned: frozenset[str]
    writing: list[tuple[str, Record]]


def legacy_files(out_dir: Path) -> list[str]:
    """The record files of a records directory written before manifests: every
    ``.yaml`` file of a kind folder."""
    return [rel for rel in files_under(out_dir)
            if rel.endswith(".yaml") and rel.partition("/")[0] in KINDS]


def plan_records(records: list[Record], out_dir: Path, owned: frozenset[str],
                 unchanged: Collection[str] = frozenset()) -> RecordsPlan:
    """The plan of :func:`apply_records` (nothing is written; bad ids are refused).
    Records whose ``<kind>/<id>`` is in ``unchanged`` are those of their file in
    ``out_dir``, which is left as it is if it is there."""
    out_dir = Path(out_dir)
    files = [(record_file(record), record) for record in records]
    writing = [(rel, record) for rel, record in files
               if rel[:-5] not in unchanged or rel not in owned]
    return RecordsPlan(out_dir, {rel for rel, _ in files}, owned, writing)


def apply_records(plan: RecordsPlan) -> TreeUpdate:
    """Carry out ``plan``: its records to write turned into YAML and written; returns the
    open update (see :func:`csto_kb.fsutil.update_tree`): the caller commits it once
    everything else has succeeded, or rolls it back."""
    written = {rel: dump_record(record) for rel, record in plan.writing}
    return update_tree(plan.out_dir, written, plan.keep, plan.owned, KINDS)


def write_records(records: list[Record], out_dir: Path) -> list[str]:
    """Make ``out_dir`` hold exactly ``records``, one ``<kind>/<id>.yaml`` each, besides
    the files csto-kb did not write there (left alone; see csto_kb.manifest); on a
    failure ``out_dir`` is left as it was. Returns a warning per file in the way."""
    manifest = Manifest.load(out_dir, lambda: legacy_files(out_dir))
    plan = plan_records(records, out_dir, manifest.owned())
    manifest.add_pending(rel for rel, _ in plan.writing)
    try:
        update = apply_records(plan)
    except BaseException:
        manifest.restore()
        raise
    update.commit()
    manifest.commit(plan.keep, update, {})
    return in_the_way(str(out_dir), update.in_the_way)


def in_the_way(folder: str, rels: list[str]) -> list[str]:
    """Warnings for the files csto-kb did not write that are where it writes ``rels``
    under ``folder`` (as the user knows it: ``docs``, ``data/records``)."""
    return [f"{folder}/{rel}: not written by csto-kb and in the way of a generated file; "
            "left as it is (move it away to let csto-kb write there)" for rel in sorted(rels)]


def load_records(root: Path) -> list[Record]:
    """Every record under ``root``, sorted by kind and id, each checked (a
    :class:`RecordError` names the file and line of a problem)."""
    return [read_record(path, kind) for kind in KINDS
            for path in sorted((Path(root) / kind).glob("*.yaml"))]
