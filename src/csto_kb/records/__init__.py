"""Records: one deterministic YAML file per entity."""

from csto_kb.records.build import build_records, with_office_holders
from csto_kb.records.io import dump_record, load_records, write_records
from csto_kb.records.schema import RecordError

__all__ = ["RecordError", "build_records", "with_office_holders", "dump_record", "load_records", "write_records"]
