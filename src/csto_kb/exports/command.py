"""``csto-kb export``: the site's downloads (:mod:`csto_kb.exports`) written from a
records directory into any folder, by the same functions the build uses."""

from __future__ import annotations

from pathlib import Path

from csto_kb.fsutil import write_text_atomic
from csto_kb.model import KINDS
from csto_kb.records import load_records

from . import JSONL_FILE, SCHEMA_FILE, csv_file, records_jsonl, schema_text

FORMATS = ("jsonl", "csv")


def export(records_dir: Path, out_dir: Path, fmt: str, base_url: str = "") -> list[Path]:
    """Write the records of ``records_dir`` as ``fmt`` into ``out_dir``: ``jsonl``
    writes ``records.jsonl`` and ``record.schema.json``, ``csv`` one table per kind (its
    ``page`` and ``json`` columns prefixed with ``base_url``). Returns the files written.
    Only records that get a page on the site are written, as on the site."""
    from csto_kb.pages.catalog import Catalog
    from csto_kb.pages.files import kind_table

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not Path(records_dir).is_dir():
        raise ValueError(f"no records in {records_dir}: run 'csto-kb build' first")
    cat = Catalog(load_records(Path(records_dir)), [])
    if fmt == "jsonl":
        texts = {JSONL_FILE: records_jsonl(e.record for e in cat.entities.values()),
                 SCHEMA_FILE: schema_text()}
    else:
        texts = {csv_file(kind): kind_table(kind, cat.by_kind[kind], cat.links, base_url)
                 for kind in KINDS}
    written = []
    for name, text in texts.items():
        write_text_atomic(Path(out_dir) / name, text)
        written.append(Path(out_dir) / name)
    return written
