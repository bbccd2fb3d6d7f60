"""One settings object: where a project keeps its sources, records, pages and site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    root: Path
    strict: bool = False  # turn every warning into a failure
    jobs: int = 1  # processes for extraction, page rendering and record writing
    lock_wait: float = 30.0  # seconds to wait for another build of the project to finish

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def records_dir(self) -> Path:
        return self.root / "data" / "records"

    @property
    def curation_file(self) -> Path:
        return self.root / "data" / "curation.yaml"

    @property
    def ids_file(self) -> Path:
        """The permanent ids of the records (:mod:`csto_kb.records.ids`)."""
        return self.root / "data" / "ids.yaml"

    @property
    def history_file(self) -> Path:
        """What each build changed, for "What's new" (:mod:`csto_kb.history`)."""
        return self.root / "data" / "history.yaml"

    @property
    def history_state_file(self) -> Path:
        """What the last successful build published, for the next one to compare with."""
        return self.root / "data" / "history-state.json"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "csto-kb"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_file(self) -> Path:
        return self.root / "mkdocs.yml"


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
