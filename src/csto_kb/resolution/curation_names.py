"""Names under curation: a record renamed to the name another record has gives two
pages of one title, which the person curating is told about (a merge may be meant)."""

from __future__ import annotations

from collections.abc import Mapping


def _name_key(name: object) -> str:
    return " ".join(str(name).split()).casefold()


def shared_names(records: Mapping[str, Mapping], renamed: list[str]) -> list[str]:
    """One warning per record of ``renamed`` (addresses in ``records``) whose name
    another record of ``records`` has too (case and spacing ignored)."""
    if not renamed:
        return []
    named: dict[str, list[str]] = {}
    for address, record in records.items():
        named.setdefault(_name_key(record.get("name")), []).append(address)
    lines = []
    for address in renamed:
        name = records[address]["name"]
        others = [a for a in named.get(_name_key(name), []) if a != address]
        if others:
            lines.append(f"{address} is renamed {name!r}, the name of "
                         f"{', '.join(sorted(others))}; merge them if they are one")
    return lines
