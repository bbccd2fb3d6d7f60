"""What the last successful build left behind, so that a rebuild redoes only what changed.

Two files under ``.cache/csto-kb/``: ``records.json`` (a digest of each record the last
build published) and ``pages.json`` (the digest of the scope of every page it left in
docs/: see :mod:`csto_kb.pages.scope`).
Either may be missing or unreadable: the build then reads the record files instead, or
renders every page again. Nothing here is ever a reason to fail.

While a build changes the outputs, ``building.json`` holds the record digests of the
last build that finished (``null``: none did). A build cut short leaves it: the next one
tells in What's new what changed since that build, not since the mix of old and new
files the cut left (which the manifests repair: see outputs.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from csto_kb.changes import record_digests
from csto_kb.config import Settings
from csto_kb.fsutil import write_text_atomic
from csto_kb.records import load_records
from csto_kb.records.schema import RecordError

FORMAT = 3


def _digests_file(settings: Settings) -> Path:
    return settings.cache_dir / "records.json"


def _pages_file(settings: Settings) -> Path:
    return settings.cache_dir / "pages.json"


def _building_file(settings: Settings) -> Path:
    return settings.cache_dir / "building.json"


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT else {}


def _mapping(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


@dataclass
class LastBuild:
    """The record digests (``None``: never built) and page digests of the last build."""

    digests: dict[str, str] | None  # record ref -> digest
    pages: dict[str, str] = field(default_factory=dict)  # page path -> digest of its scope

    @classmethod
    def load(cls, settings: Settings) -> LastBuild:
        """What the last build of ``settings.root`` left (digests from the cache, else
        computed from data/records/; nothing when there are no records). Whether its
        files are still what it wrote is for the manifests to tell (outputs.py). After a
        build cut short: the digests of the last build that finished, and no page's."""
        cut = _read_json(_building_file(settings))
        if "records" in cut:
            digests = cut["records"]
            return cls(_mapping(digests) if digests is not None else None)
        if not settings.records_dir.exists():
            return cls(None)
        digests = _mapping(_read_json(_digests_file(settings)).get("records")) or None
        if digests is None:
            try:
                digests = record_digests(load_records(settings.records_dir))
            except RecordError:
                return cls(None)
        return cls(digests, _mapping(_read_json(_pages_file(settings)).get("pages")))


def forget(settings: Settings, last: LastBuild) -> None:
    """Called before records/ and docs/ change: after a build cut short, the next one
    renders every page and tells the changes since ``last`` (the last build that
    finished), whatever files the cut left."""
    if not _building_file(settings).exists():  # a cut build's marker stays as it is
        write_text_atomic(_building_file(settings),
                          json.dumps({"format": FORMAT, "records": last.digests}))
    _digests_file(settings).unlink(missing_ok=True)
    _pages_file(settings).unlink(missing_ok=True)


def remember(settings: Settings, digests: dict[str, str] | None, pages: dict[str, str]) -> None:
    """Keep what this build published (or, taken back, what the last one did: ``None``
    when there was none) for the next one."""
    if digests is not None:
        write_text_atomic(_digests_file(settings),
                          json.dumps({"format": FORMAT, "records": digests}))
        write_text_atomic(_pages_file(settings), json.dumps({"format": FORMAT, "pages": pages}))
    _building_file(settings).unlink(missing_ok=True)
