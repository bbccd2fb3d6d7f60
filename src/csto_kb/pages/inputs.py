"""What each page is made of: the plain data its template context reads.

A rebuild keeps every page whose inputs did not change (see
:func:`csto_kb.pages.render.render_site`), so each function here must name everything
the matching context function in ``context.py``/``context_sources.py`` reads: a record
in full (as a digest) for the page of that record, and only what a link or a row shows
for the other records and sources a page points to. Reading more is safe (a page is
rendered again for nothing); reading less would leave a stale page, which
tests/test_incremental.py looks for.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2

from csto_kb.changes import digest
from csto_kb.fsutil import tree_digest

from .catalog import Catalog, Entry, SourceEntry, count_mentions

_PACKAGE = Path(__file__).resolve().parent
_ENTITY_SOURCES = ("mentions", "titles")  # record fields whose items name a source
_ENTITY_REFS = ("related", "entities")  # record fields that list refs to link


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of this package's code and templates (and Jinja2's version): when the
    renderer changes, every page is rendered again."""
    return tree_digest(_PACKAGE, (".py", ".j2"), salt=jinja2.__version__)


def signature(*parts: object) -> str:
    """A digest of a page's inputs: plain data this package assembled, always in the
    same order, so ``repr`` is canonical (and faster than JSON); the same in every
    process (pickle is not)."""
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _paragraphs_digest(paragraphs: tuple) -> str:
    """A digest of a source's paragraphs: each text hashed as UTF-8 after its length, the
    rest of the paragraph as ``repr`` (the ``repr`` of a whole document's text, escaping
    and all, costs several times more)."""
    h = hashlib.sha1()
    for p in paragraphs:
        text = p.get("text") if isinstance(p, dict) else None
        if isinstance(text, str):
            data = text.encode("utf-8", "surrogatepass")
            rest = [(k, v) for k, v in p.items() if k != "text"]
            h.update(f"{len(data)}:{rest!r}:".encode("utf-8", "surrogatepass"))
            h.update(data)
        else:
            other = repr(p)
            h.update(f"?{len(other)}:{other}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _changed(before: object, now: dict[str, str]) -> set[str]:
    """Keys whose values differ between ``before`` (a dict from the last build's state,
    if any) and ``now``."""
    before = before if isinstance(before, dict) else {}
    return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}


class PageInputs:
    """The inputs of each kind of page, for one catalog.

    What a link to each entity or source shows is computed once, as a short string; a
    page's inputs name the links it holds by those strings (a list comprehension per
    page: this runs for every page of every build)."""

    def __init__(self, cat: Catalog, digests: dict[str, str] | None = None):
        self.cat = cat
        self.digests: dict[str, str] = dict(digests or {})  # record ref -> digest, as known
        self._sources: dict[str, str] = {}
        self._links = {ref: self._link(e) for ref, e in cat.entities.items()}
        self._source_links = {sid: repr((src.path, src.title, src.date, src.publisher,
                                         len(src.paragraphs)))
                              for sid, src in cat.sources.items()}

    # --- pieces -----------------------------------------------------------------------

    @staticmethod
    def _link(entry: Entry) -> str:
        if entry.kind == "dates":  # timeline rows also show a date's date and event
            return repr((entry.path, entry.name, entry.record.get("date"),
                         entry.record.get("event")))
        return repr((entry.path, entry.name))

    def record(self, entry: Entry) -> str:
        """A digest of the whole record of ``entry`` (:func:`csto_kb.changes.digest`, as
        the build computes for every record)."""
        found = self.digests.get(entry.ref)
        if found is None:
            found = self.digests[entry.ref] = digest(entry.record)
        return found

    def links(self, refs: object) -> list[str]:
        """What links to the entities ``refs`` show (and whether each has a page)."""
        if not isinstance(refs, (list, tuple)):
            return []
        get = self._links.get
        return [get(r) or f"-{r!r}" for r in refs if isinstance(r, str)] + \
            [repr(r) for r in refs if not isinstance(r, str)]

    def source_links(self, items: object) -> list[str]:
        """What links to the sources of ``items`` (mentions, titles) show."""
        get = self._source_links.get
        ids = {str(m.get("source")) for m in items or () if isinstance(m, dict)}
        return [get(s) or f"-{s!r}" for s in sorted(ids)]

    def source(self, src: SourceEntry) -> str:
        """A digest of a whole source (text, paragraphs, links)."""
        found = self._sources.get(src.id)
        if found is None:
            found = self._sources[src.id] = signature(
                src.id, src.path, src.title, src.date, src.publisher, src.url,
                _paragraphs_digest(src.paragraphs), src.links)
        return found

    # --- pages ------------------------------------------------------------------------

    def entity_page(self, entry: Entry) -> tuple:
        """``<kind>/<id>.md``: the record, the sources it quotes, the entities it names,
        the dates that name it."""
        record = entry.record
        return (self.record(entry),
                *[self.source_links(record.get(name)) for name in _ENTITY_SOURCES],
                *[self.links(record.get(name)) for name in _ENTITY_REFS],
                self.links(self._dates_on(entry.ref)))

    def _dates_on(self, ref: str) -> list[str]:
        return [d.ref for d in self.cat.on_dates.get(ref, ())]

    def state(self) -> dict:
        """What :meth:`entity_page_is_as_before` needs to know of this build in the next."""
        return {"sources": dict(sorted(self._source_links.items())),
                "links": dict(sorted(self._links.items())),
                "on_dates": {ref: " ".join(refs) for ref in sorted(self.cat.on_dates)
                             if (refs := self._dates_on(ref))}}

    def changed_sources(self, last_state: dict) -> set[str]:
        """Sources whose links show something else than in the build of ``last_state``."""
        return _changed(last_state.get("sources"), self._source_links)

    def changed_links(self, last_state: dict) -> set[str]:
        """Entities whose links show something else than in the build of ``last_state``
        (or that have a page in only one of the two builds)."""
        return _changed(last_state.get("links"), self._links)

    def entity_page_is_as_before(self, entry: Entry, last_state: dict, unchanged: set[str],
                                 changed_sources: set[str], changed_links: set[str]) -> bool:
        """True when :meth:`entity_page` of ``entry`` certainly equals what it was in the
        build of ``last_state``: its record is ``unchanged`` (so are the refs and sources
        it names), the dates that name it are the same, and none of the entities and
        sources it links to shows another link (``changed_links``, ``changed_sources``).
        A shortcut past computing the inputs of 10,000s of pages; False whenever in doubt."""
        if entry.ref not in unchanged:
            return False
        dates = self._dates_on(entry.ref)
        if " ".join(dates) != (last_state.get("on_dates") or {}).get(entry.ref, ""):
            return False
        record = entry.record
        refs = [dates] + [record.get(name) for name in _ENTITY_REFS]
        if changed_links and any(r in changed_links for group in refs
                                 if isinstance(group, (list, tuple))
                                 for r in group if isinstance(r, str)):
            return False
        items = [record.get(name) for name in _ENTITY_SOURCES]
        return not changed_sources or not any(
            str(m.get("source")) in changed_sources
            for group in items if isinstance(group, (list, tuple))
            for m in group if isinstance(m, dict))

    def source_page(self, src: SourceEntry) -> tuple:
        """``sources/<id>.md``: the source, the entities it links to and those found in it."""
        refs = sorted({str(link.get("ref")) for link in src.links if isinstance(link, dict)})
        found = sorted(self.cat.found_in.get(src.id, {}).items())
        return (self.source(src), self.links(refs), found, self.links([r for r, _ in found]))

    def kind_rows(self, entries: list[Entry]) -> list[tuple]:
        """Rows of a people/bodies/forces/operations index page."""
        return [(self._links[e.ref], e.record.get("aliases"), count_mentions(e),
                 e.record.get("first_seen"), e.record.get("last_seen")) for e in entries]

    def timeline_rows(self, entries: list[Entry]) -> list[tuple]:
        """Rows of a timeline or dates index page: each date record in full, the
        entities and sources it links to."""
        return [(self.record(e), self.links(e.record.get("entities")),
                 self.source_links(e.record.get("mentions"))) for e in entries]

    def source_rows(self, sources: list[SourceEntry]) -> list[tuple]:
        """Rows of a sources index page."""
        return [(self._source_links[s.id], len(self.cat.found_in.get(s.id, {})))
                for s in sources]
