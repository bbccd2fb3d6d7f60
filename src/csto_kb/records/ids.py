"""Permanent ids: a record's URL does not change because a document arrived.

Resolution makes an entity's id from its canonical name, which a new document can
change (``people/lukashenko`` becomes ``people/alexander-lukashenko`` once a text names
him in full). The project therefore keeps, as data, the ids it has published:
``data/ids.yaml``, one line per record page ever published, the id and the name it was
given for::

    people/lukashenko: Lukashenko

A build matches each entity to the ids registered for its kind, oldest first: an id
goes to an entity one of whose names (canonical or alias) is the registered name,
preferring the entity whose own id or name is the registered one. An entity no
registered id matches gets its id from resolution, never one registered before (a URL
is not given to another record), and a line is added. Lines are only ever added; a
line edited by hand is read as it stands. Dates are left out: their id is their date.

An id that no record holds any more (curation merged or retyped it, resolution joined
two entities, or its documents were removed) is *retired*: :func:`redirects` maps it to
the record holding its name now, if any, and the site sends its old URL there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import yaml

from csto_kb.fsutil import write_text_atomic
from csto_kb.model import KINDS, Record, ref_of

HEADER = """\
# The permanent ids of this project's records, one line per record page ever published:
# "<kind>/<id>: the name it was given for". csto-kb adds a line for each new record and
# never changes one; keep this file with the sources (an id edited here is the one used).
"""
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class IdsError(ValueError):
    """``data/ids.yaml`` cannot be read."""


def load_ids(path: Path) -> dict[str, str]:
    """The registry in ``path`` (``{}`` when there is none), ``kind/id`` -> name, oldest first."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeError) as exc:
        raise IdsError(f"{path}: cannot be read: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise IdsError(f"{path}{where}: not valid YAML") from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and k.partition("/")[0] in KINDS and isinstance(v, str)
            for k, v in data.items()):
        raise IdsError(f"{path}: each line must be '<kind>/<id>: name', as csto-kb writes them")
    return data


def save_ids(path: Path, added: dict[str, str]) -> None:
    """Add the lines of ``added`` at the end of the registry in ``path`` (the lines there
    are kept as they are)."""
    if not added:
        return
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    lines = yaml.safe_dump(added, sort_keys=False, allow_unicode=True, width=10**6)
    write_text_atomic(path, text + lines)


def _names(name: str, aliases: Iterable[str]) -> set[str]:
    return {n.casefold() for n in (name, *aliases) if isinstance(n, str)}


def assign_ids(entities: list, registry: dict[str, str]) -> dict[str, str]:
    """Give each entity (of :mod:`csto_kb.resolution`: ``kind``, ``id``, ``name``,
    ``aliases``, ``mentions``) its permanent id, in place; return the lines to add to
    the registry (module docstring)."""
    by_kind: dict[str, list] = defaultdict(list)
    for entity in entities:
        if entity.kind != "dates":
            by_kind[entity.kind].append(entity)
    added: dict[str, str] = {}
    for kind, group in by_kind.items():
        added.update(_assign_kind(kind, group, registry))
    return added


def _assign_kind(kind: str, group: list, registry: dict[str, str]) -> dict[str, str]:
    prefix = f"{kind}/"
    index: dict[str, list[int]] = defaultdict(list)
    for i, entity in enumerate(group):
        for name in _names(entity.name, entity.aliases):
            index[name].append(i)
    chosen: dict[int, str] = {}
    held: set[int] = set()
    for ref, name in registry.items():
        if not ref.startswith(prefix):
            continue
        ident = ref[len(prefix):]
        folded = name.casefold()
        free = [i for i in index.get(folded, ()) if i not in held]
        if not free:
            continue
        best = min(free, key=lambda i: _fit(group[i], ident, folded))
        chosen[best] = ident
        held.add(best)
    taken = {ref[len(prefix):] for ref in registry if ref.startswith(prefix)} | set(chosen.values())
    added = {}
    for i in sorted((i for i in range(len(group)) if i not in chosen), key=lambda i: group[i].id):
        base = group[i].id
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        chosen[i] = ident
        added[prefix + ident] = group[i].name
    for i, ident in chosen.items():
        group[i].id = ident
    return added


def _fit(entity, ident: str, name: str) -> tuple:
    """The order in which the entities that bear a registered name take its id."""
    return (entity.id != ident, entity.name.casefold() != name, -len(entity.mentions), entity.id)


def redirects(registry: dict[str, str], records: list[Record]) -> dict[str, str]:
    """``kind/id`` of each retired id -> the record that holds its name now (the same
    kind first, then the same id), for the ids that no record holds."""
    live: dict[str, Record] = {str(ref_of(r)): r for r in records}
    index: dict[str, list[str]] = defaultdict(list)
    for ref, record in live.items():
        for name in _names(str(record.get("name")), record.get("aliases") or ()):
            index[name].append(ref)
    out: dict[str, str] = {}
    for ref, name in registry.items():
        if ref in live:
            continue
        kind, _, ident = ref.partition("/")
        holders = index.get(name.casefold())
        if holders:
            out[ref] = min(holders, key=lambda r: (r.partition("/")[0] != kind,
                                                   r.partition("/")[2] != ident, r))
    return dict(sorted(out.items()))


def page_paths(moved: dict[str, str]) -> dict[str, str]:
    """``kind/id`` -> ``kind/id`` as the paths of the pages under docs/ (only refs that
    have a page: a known kind and a slug id)."""
    from csto_kb.pages.catalog import file_stem
    from csto_kb.pages.escape import is_slug

    def path(ref: str) -> str | None:
        kind, _, ident = ref.partition("/")
        return f"{kind}/{file_stem(ident)}.md" if kind in KINDS and is_slug(ident) else None

    out = {}
    for old, new in moved.items():
        a, b = path(old), path(new)
        if a is not None and b is not None:
            out[a] = b
    return out
