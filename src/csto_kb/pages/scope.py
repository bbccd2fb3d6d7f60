"""What one page is rendered from: a :class:`Scope`, the only argument of its context.

A page's context function (``context.py``, ``context_sources.py``) sees nothing but its
scope: the records it shows in full, what the links it holds show (:class:`EntryLink`,
:class:`SourceLink`), the sources it shows in full, and a few plain values. A rebuild
renders a page again when the digest of its scope (:meth:`Scope.digest`) differs from
the last build's; since the context reads nothing else, a page kept is the page that
would be rendered. There is no list of inputs to keep in step with the contexts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .catalog import Entry, EntryLink, SourceEntry, SourceLink, href
from .escape import Md, md_escape, md_link

if TYPE_CHECKING:
    from .catalog import Catalog


class Scope:
    """The data one page is rendered from (see the module docstring).

    ``entries``: records shown in full (the page's own; the rows of a list page);
    ``refs``: records it links to (those without a page are shown as text);
    ``sources``: sources it links to; ``documents``: sources it shows in full;
    ``values``: plain data (counts, a pager, the changes of What's new)."""

    def __init__(self, cat: Catalog, entries: Sequence[Entry] = (), refs: Iterable[str] = (),
                 sources: Iterable[str] = (), documents: Sequence[SourceEntry] = (),
                 **values: object):
        self._cat = cat
        self.entries = {e.ref: e for e in entries}
        links = cat.links
        self.entities: dict[str, EntryLink] = {e.ref: links[e.ref] for e in entries}
        for ref in refs:
            if ref in links:
                self.entities[ref] = links[ref]
        self.sources: dict[str, SourceLink] = {
            s: cat.source_links[s] for s in sources if s in cat.source_links}
        self.documents = {d.id: d for d in documents}
        for d in documents:
            self.sources[d.id] = cat.source_links[d.id]
        self.values = values

    def digest(self, salt: str) -> str:
        """A digest of everything in this scope, in its order (and of ``salt``: the page,
        its template, the renderer's version): equal digests, equal pages."""
        cat = self._cat
        parts = [salt, repr(sorted(self.values.items())) if self.values else "",
                 *[cat.record_digest(e) for e in self.entries.values()],
                 "\x1e", *[cat.source_digest(d) for d in self.documents.values()],
                 "\x1e", *[cat.link_keys[r] for r in self.entities],
                 "\x1e", *[cat.source_keys[s] for s in self.sources]]
        text = "\x1f".join(parts)  # keys are reprs and hex digests: neither holds \x1e, \x1f
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()

    def texts(self) -> dict[str, str]:
        """The canonical JSON (:func:`csto_kb.changes.canonical_json`) of the records
        shown in full, by ref, where the build made it already (for their digests)."""
        known = self._cat.texts
        return {ref: known[ref] for ref in self.entries if ref in known}

    def own(self) -> Entry:
        """The first record shown in full: the page's own."""
        return next(iter(self.entries.values()))

    def entity_link(self, ref: object, from_path: str, label: object = None) -> Md:
        """A link to the page of ``ref``, or the escaped label/ref when there is no such page."""
        entry = self.entities.get(ref) if isinstance(ref, str) else None
        if entry is None:
            return md_escape(label if label is not None else ref)
        if label is not None:
            return md_link(label, href(from_path, entry.path))
        return self._cat.name_link(entry, from_path)

    def paragraph_anchor(self, source_id: object, paragraph: object) -> str | None:
        """``p-<n>`` when source ``source_id`` has a paragraph ``n``, else ``None``."""
        src = self.sources.get(source_id) if isinstance(source_id, str) else None
        if src is None or isinstance(paragraph, bool) or not isinstance(paragraph, int):
            return None
        return f"p-{paragraph}" if 0 <= paragraph < src.paragraphs else None

    def source_link(self, source_id: object, from_path: str, paragraph: object = None,
                    label: object = None) -> Md:
        """A link to a source page (at paragraph ``paragraph`` when it exists)."""
        src = self.sources.get(source_id) if isinstance(source_id, str) else None
        if src is None:
            return md_escape(label if label is not None else source_id)
        anchor = self.paragraph_anchor(source_id, paragraph)
        return md_link(src.title if label is None else label, href(from_path, src.path, anchor))


def refs_of(values: object) -> list[str]:
    """The strings of a list of refs (anything else: none)."""
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def sources_of(items: object) -> list[str]:
    """The source ids named by a list of mentions or titles."""
    if not isinstance(items, list):
        return []
    return [str(m.get("source")) for m in items if isinstance(m, dict)]


def entries_refs(entries: Iterable[Entry], *fields: str) -> list[str]:
    """The refs listed in ``fields`` of the records of ``entries``."""
    return [r for e in entries for name in fields for r in refs_of(e.record.get(name))]


def entries_sources(entries: Iterable[Entry], *fields: str) -> list[str]:
    """The sources named in ``fields`` (mentions, titles) of the records of ``entries``."""
    return [s for e in entries for name in fields for s in sources_of(e.record.get(name))]


__all__ = ["Scope", "entries_refs", "entries_sources", "refs_of", "sources_of"]
