"""Data to take away: the records as JSON (one file per record, beside its page), as
JSON Lines (every record in one file) and as CSV (one table per kind), and the JSON
Schema of a record. The site's ``downloads/`` folder holds them (see
:mod:`csto_kb.pages.files`); ``csto-kb export`` writes them anywhere
(:mod:`csto_kb.exports.command`).
"""

from __future__ import annotations

from importlib import resources

from .json_lines import record_json, record_line, records_jsonl
from .tables import COLUMNS, FORMULA_STARTS, SEPARATOR, kind_csv, safe_cell

DOWNLOADS = "downloads"  # the folder of the site (under docs/) holding the files below
JSONL_FILE = "records.jsonl"
SCHEMA_FILE = "record.schema.json"


def csv_file(kind: str) -> str:
    """The name of the CSV table of ``kind``."""
    return f"{kind}.csv"


def schema_text() -> str:
    """The JSON Schema of a record (``record.schema.json``, package data)."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


__all__ = ["COLUMNS", "DOWNLOADS", "FORMULA_STARTS", "JSONL_FILE", "SCHEMA_FILE", "SEPARATOR",
           "csv_file", "kind_csv", "record_json", "record_line", "records_jsonl", "safe_cell",
           "schema_text"]
