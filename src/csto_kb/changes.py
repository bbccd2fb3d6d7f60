"""What a build changed, for the terminal and the "What's new" page."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from csto_kb.model import KINDS, Record, kind_of, ref_of


def record_digests(records: list[Record]) -> dict[str, str]:
    """``<kind>/<id>`` -> a digest of the record: equal records, equal digests."""
    return {ref_of(r): digest(r) for r in records}


def record_texts(records: list[Record]) -> dict[str, str]:
    """``<kind>/<id>`` -> the record's :func:`canonical_json` (its digest is
    :func:`text_digest` of it; the site's JSON Lines file is made of them)."""
    return {ref_of(r): canonical_json(r) for r in records}


def canonical_json(data: object) -> str:
    """Plain data (dicts, lists, strings, numbers, None; anything else counts by its
    ``str``) as one line of JSON, keys sorted: the same in every process and whatever
    the order of dict keys (a record read back from its YAML file gives the text it gave
    when built)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str,
                      ensure_ascii=False)


def text_digest(text: str) -> str:
    """The digest of a :func:`canonical_json` text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest(data: object) -> str:
    """A digest of plain data (see :func:`canonical_json`): equal data, equal digests."""
    return text_digest(canonical_json(data))


def changes_between(old: dict[str, str], new: dict[str, str]) -> dict[str, list[str]]:
    """Refs of the records that are new, changed or removed, from the record digests
    of two builds."""
    return {"new": sorted(new.keys() - old.keys()),
            "changed": sorted(r for r in new.keys() & old.keys() if new[r] != old[r]),
            "removed": sorted(old.keys() - new.keys())}


def describe(records: list[Record], changes: dict | None, documents: int, extracted: int,
             pages: int, timings: dict[str, float]) -> str:
    """A few lines for the terminal: counts, changes and the time of each stage."""
    counts = Counter(kind_of(ref_of(r)) for r in records)
    kinds = ", ".join(f"{counts[k]} {k}" for k in KINDS)
    lines = [f"{documents} documents ({extracted} extracted, {documents - extracted} from "
             f"cache): {kinds}; {pages} pages"]
    if changes is None:
        lines.append("first build")
    else:
        for what in ("new", "changed", "removed"):
            refs = changes[what]
            shown = ", ".join(refs[:8]) + (f" and {len(refs) - 8} more" if len(refs) > 8 else "")
            lines.append(f"{what}: {len(refs)}" + (f" ({shown})" if refs else ""))
    lines.append("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    return "\n".join(lines)
