"""Records: one deterministic YAML file per entity."""

from csto_kb.records.build import build_records
from csto_kb.records.io import RecordError, dump_record, load_records, write_records

__all__ = ["RecordError", "build_records", "dump_record", "load_records", "write_records"]
