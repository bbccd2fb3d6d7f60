"""Reading source documents: decode, normalise, front matter, title, datelines, segments."""

from csto_kb.sources.ids import source_id
from csto_kb.sources.reader import (
    MAX_SOURCE_BYTES,
    SourceError,
    read_source,
    read_sources,
)

__all__ = ["MAX_SOURCE_BYTES", "SourceError", "read_source", "read_sources", "source_id"]
