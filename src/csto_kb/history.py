"""The history of builds, for "What's new": what each build added, changed and removed,
and why (a new, changed or removed source, a curation edit, new rules or code).

Two files of the project, beside the sources: ``data/history.yaml``, the builds that
changed something, newest first (the last :data:`KEEP`), each with its date, the sources
it found new, changed and removed, whether the curation file changed, and its new,
changed and removed records (the first :data:`LISTED` of each, and how many), each new or
changed one with the sources that explain it; and ``data/history-state.json``, what the
newest build published (a digest of each record and source, and of the curation): the
next build compares its own with that.

Both are written only once a build has succeeded (the state last), so a build that was
cut short or failed leaves them as they were, and the next build, compared with the last
one that succeeded, tells the whole truth; an entry written without its state (a build
killed between the two) is dropped and told again. Being data, not cache, they make a
site built afresh from the same ``data/`` the site an incremental build gives.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import yaml

from csto_kb.changes import changes_between
from csto_kb.fsutil import write_text_atomic
from csto_kb.model import Document, Record, RecordMention, ref_of

FORMAT = 1
KEEP = 30  # builds kept in the history
LISTED = 50  # records listed per build and kind of change
# libyaml's parser when PyYAML has it (its wheels do): 8x faster, the same data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEADER = ("# What each build changed, newest first, written by csto-kb (\"What's new\" shows it).\n"
          "# Keep it with history-state.json beside it: together they tell the next build what\n"
          "# the last one published.\n")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def source_digests(documents: Iterable[Document]) -> dict[str, str]:
    """Source id -> a digest of its title, date and text."""
    return {d.id: _digest(repr((d.title, d.date, d.text))) for d in documents}


def curation_digest(path: Path) -> str:
    try:
        return _digest(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError):
        return ""


def load_state(path: Path) -> dict | None:
    """The state the last successful build published, or ``None``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and data.get("format") == FORMAT and all(
        isinstance(data.get(k), dict) for k in ("records", "sources"))
    return data if ok else None


def load_history(path: Path, state: dict | None) -> list[dict]:
    """The builds of ``path``, newest first, less those written without their state."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeError, yaml.YAMLError):
        return []
    builds = data.get("builds") if isinstance(data, dict) else None
    if not isinstance(builds, list):
        return []
    confirmed = state.get("build") if state else None
    return [b for b in builds if isinstance(b, dict) and isinstance(b.get("build"), int)
            and confirmed is not None and b["build"] <= confirmed]


def build_time() -> datetime:
    """The date a build is given: now, or ``SOURCE_DATE_EPOCH`` when it is set (as for
    the sitemap: reproducible builds give the same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def _sources_of(record: Record) -> set[str]:
    mentions: list[RecordMention] = record.get("mentions") or []
    return {str(m.get("source")) for m in mentions if isinstance(m, dict)}


def new_entry(state: dict | None, records: list[Record], digests: dict[str, str],
              sources: dict[str, str], curation: str, now: datetime | None = None) -> dict | None:
    """The history entry of a build whose records have ``digests`` and whose sources
    and curation have these digests, compared with ``state``; ``None`` when it changes
    nothing (``state`` is ``None``: a first build)."""
    date = (now or build_time()).strftime("%Y-%m-%d %H:%M UTC")
    number = int(state.get("build", 0)) + 1 if state else 1
    if state is None:
        return {"build": number, "date": date, "first": True, "records": len(records),
                "sources_count": {"new": len(sources)}}
    changes = changes_between(state["records"], short_digests(digests))
    src = changes_between(state["sources"], sources)
    curated = curation != state.get("curation", "")
    if not any(changes.values()):
        return None
    touched = set(src["new"]) | set(src["changed"])
    why = {}
    for record in records:
        ref = str(ref_of(record))
        if ref in digests and (ref in changes["new"] or ref in changes["changed"]):
            because = sorted(_sources_of(record) & touched)[:3]
            why[ref] = because
    entry: dict = {"build": number, "date": date,
                   "sources": {k: v[:LISTED] for k, v in src.items() if v},
                   "sources_count": {k: len(v) for k, v in src.items() if v}}
    if curated:
        entry["curation"] = True
    for kind in ("new", "changed", "removed"):
        refs = changes[kind]
        entry[kind] = {"count": len(refs),
                       "listed": [{"ref": r, "because": why.get(r, [])} for r in refs[:LISTED]]}
    return entry


def new_state(previous: dict | None, entry: dict | None, digests: dict[str, str],
              sources: dict[str, str], curation: str) -> dict:
    """The state to publish after this build (its build number: the newest entry's)."""
    number = entry["build"] if entry else (previous or {}).get("build", 0)
    return {"format": FORMAT, "build": number, "records": short_digests(digests),
            "sources": sources, "curation": curation}


def short_digests(digests: dict[str, str]) -> dict[str, str]:
    """The record digests as the state keeps them."""
    return {k: v[:16] for k, v in digests.items()}


def with_entry(history: list[dict], entry: dict | None) -> list[dict]:
    """The history with ``entry`` first (if any), the oldest dropped past :data:`KEEP`."""
    return ([entry] if entry else []) + [b for b in history if not entry
                                          or b["build"] < entry["build"]][:KEEP - bool(entry)]


def save(history_file: Path, state_file: Path, history: list[dict], state: dict) -> None:
    """Write the history, then the state (so an entry is confirmed only once both are)."""
    text = HEADER + yaml.safe_dump({"builds": history}, sort_keys=True, allow_unicode=True,
                                   width=100)
    write_text_atomic(history_file, text)
    write_text_atomic(state_file, json.dumps(state, sort_keys=True, separators=(",", ":")))


def as_builds(changes: dict | None) -> list[dict]:
    """The builds "What's new" shows: those of ``{"builds": [...]}`` (a history), or one
    build of the changes ``{"new": [refs], "changed": [...], "removed": [...]}``."""
    if not changes:
        return []
    if isinstance(changes.get("builds"), list):
        return [b for b in changes["builds"] if isinstance(b, dict)]
    return [{"build": 1, **{k: {"count": len(v), "listed": [{"ref": r} for r in v]}
                            for k, v in changes.items() if isinstance(v, list)}}]


class BuildHistory:
    """The history as one build sees it: ``changes`` (new, changed and removed records
    since the last successful build, ``None`` for a first build), ``shown`` (what "What's
    new" renders) and :meth:`save`, to call once the build has succeeded."""

    def __init__(self, history_file: Path, state_file: Path, curation_file: Path,
                 records: list[Record], digests: dict[str, str], documents: list[Document]):
        self.files = history_file, state_file
        state = load_state(state_file)
        sources = source_digests(documents)
        curation = curation_digest(curation_file)
        entry = new_entry(state, records, digests, sources, curation)
        self.history = with_entry(load_history(history_file, state), entry)
        self.state = new_state(state, entry, digests, sources, curation)
        self.unchanged = state == self.state and history_file.exists()
        self.changes = (changes_between(state["records"], self.state["records"])
                        if state is not None else None)
        self.shown: dict = {"builds": self.history}

    def save(self) -> None:
        if not self.unchanged:  # a build that changed nothing writes nothing
            save(*self.files, self.history, self.state)
