"""What the last successful build left behind, so that a rebuild redoes only what changed.

Two files under ``.cache/csto-kb/``: ``records.json`` (the records, and a digest of each,
as the last build published them) and ``pages.json`` (the signature of every page it left
in docs/). Either may be missing or unreadable: the build then compares against the
record files, or renders every page again. Nothing here is ever a reason to fail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from csto_kb.config import Settings
from csto_kb.fsutil import write_text_atomic
from csto_kb.records import load_records
from csto_kb.records.io import RecordError


def _records_file(settings: Settings) -> Path:
    return settings.cache_dir / "records.json"


def _pages_file(settings: Settings) -> Path:
    return settings.cache_dir / "pages.json"


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _mapping(value: object) -> dict[str, str]:
    return value if isinstance(value, dict) else {}


@dataclass
class LastBuild:
    """The records (``None``: never built), record digests and page signatures of the
    last build of a project."""

    records: list[dict] | None
    digests: dict[str, str] = field(default_factory=dict)  # record ref -> digest
    signatures: dict[str, str] = field(default_factory=dict)  # page path -> signature
    docs_dir: Path | None = None

    @classmethod
    def load(cls, settings: Settings) -> LastBuild:
        """What the last build of ``settings.root`` left (records from the snapshot,
        else from data/records/; nothing when there are no records)."""
        if not settings.records_dir.exists():
            return cls(None)
        snapshot = _read_json(_records_file(settings))
        records = snapshot.get("records")
        digests = _mapping(snapshot.get("digests"))
        if not isinstance(records, list):
            digests = {}
            try:
                records = load_records(settings.records_dir)
            except RecordError:
                records = None
        signatures = _mapping(_read_json(_pages_file(settings)).get("signatures"))
        return cls(records, digests, signatures, settings.docs_dir)

    def digests_of(self, refs: set[str]) -> dict[str, str]:
        """The digests of the records ``refs``, which must be unchanged since then."""
        return {ref: d for ref in refs if (d := self.digests.get(ref))}

    def page(self, rel: str) -> str | None:
        """The signature of the page at ``rel`` under docs/, or None when the last
        build left no such page (or it is gone since)."""
        sig = self.signatures.get(rel)
        if not sig or self.docs_dir is None or not (self.docs_dir / rel).is_file():
            return None
        return sig


def forget_pages(settings: Settings) -> None:
    """Drop the page signatures: called before docs/ changes, so that a build cut short
    then renders every page next time rather than trust signatures of other pages."""
    _pages_file(settings).unlink(missing_ok=True)


def remember(settings: Settings, records: list[dict], digests: dict[str, str],
             signatures: dict[str, str]) -> None:
    """Keep what this build published for the next one."""
    write_text_atomic(_records_file(settings),
                      json.dumps({"records": records, "digests": digests}))
    write_text_atomic(_pages_file(settings), json.dumps({"signatures": signatures}))
