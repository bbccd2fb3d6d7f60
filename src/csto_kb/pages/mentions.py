"""The sentences that mention an entity: their order, their anchors and their pages.

**Order.** Oldest source first (by the source's date, undated sources last), then by
source id, paragraph and place in the text. News arrive newest last, so a new document
adds its sentences at the end: the quotes already shown keep their page.

**Anchors.** Each quote has the anchor ``q-`` and ten hex digits of a digest of its
source's id and its sentence: the same in every build, whatever other documents are
added or removed, on whichever page the quote is. A sentence a source states twice
gets ``-2``, ``-3`` ... in order.

**Pages.** An entity page shows the first page of its quotes; the others are
``<kind>/<id>/mentions-<n>.md`` (n = 2, 3 ...), each of at most :data:`MAX_QUOTES`
quotes and about :data:`QUOTE_BUDGET` characters (:data:`FIRST_PAGE_BUDGET` on the
entity page). The entity page links every one of
them, so each quote is one click from it (and its anchor a second).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import NamedTuple

from csto_kb.model import RecordMention

from . import dates
from .catalog import SINGULAR, Entry, SourceLink, href
from .escape import Md, md_escape, md_link, shows_as_space
from .scope import Scope

# Quotes on one page, and the characters of Markdown they may take (a sentence may be
# 2,000 characters long): no page of quotes grows with the corpus. The entity page has
# less room for them: its summary, timeline and related entities take up to ~36 KiB.
MAX_QUOTES = 100
QUOTE_BUDGET = 40_000
FIRST_PAGE_BUDGET = 24_000
QUOTE_COST = 170  # what a quote's line takes beside its sentence: links, anchor


class Quote(NamedTuple):
    """One mention as a page shows it."""

    anchor: str  # "q-<10 hex>", see the module docstring
    source: str
    paragraph: int | None
    quote: str
    text: str  # the words that name the entity, shown in bold


def _first_offset(mention: RecordMention) -> int:
    spans = mention.get("spans")
    if isinstance(spans, list) and spans and isinstance(spans[0], list) and spans[0]:
        first = spans[0][0]
        return first if isinstance(first, int) else -1
    return -1


def ordered(mentions: Sequence[RecordMention], sources: Mapping[str, SourceLink]) -> list[RecordMention]:
    """The well-formed ``mentions`` in page order (module docstring); ``sources``: the
    links of the sources, for their dates."""
    def key(m: RecordMention) -> tuple:
        source = str(m.get("source"))
        link = sources.get(source)
        para = m.get("paragraph")
        return (dates.sort_key(link.date if link else None), source,
                para if isinstance(para, int) and not isinstance(para, bool) else -1,
                _first_offset(m), str(m.get("quote")))
    return sorted((m for m in mentions if isinstance(m, dict)), key=key)


def anchor_of(source: str, quote: str) -> str:
    """The anchor of the first quote of sentence ``quote`` from ``source``."""
    return "q-" + hashlib.sha1(f"{source}\x1f{quote}".encode("utf-8", "surrogatepass")).hexdigest()[:10]


def quotes(mentions: Sequence[RecordMention], sources: Mapping[str, SourceLink]) -> list[Quote]:
    """The mentions as quotes, in page order, each with its anchor."""
    seen: dict[str, int] = {}
    out = []
    for m in ordered(mentions, sources):
        source, sentence = str(m.get("source")), str(m.get("quote") or "")
        base = anchor_of(source, sentence)
        seen[base] = n = seen.get(base, 0) + 1
        para = m.get("paragraph")
        out.append(Quote(base if n == 1 else f"{base}-{n}", source,
                         para if isinstance(para, int) and not isinstance(para, bool) else None,
                         sentence, str(m.get("text") or "")))
    return out


def _cost(quote: str) -> int:
    return len(quote) + QUOTE_COST


def one_page(mentions: Sequence[RecordMention]) -> bool:
    """True when the mentions fit on the entity page (no need to order them for that)."""
    if len(mentions) > MAX_QUOTES:
        return False
    return sum(_cost(str(m.get("quote") or "")) for m in mentions if isinstance(m, dict)) <= FIRST_PAGE_BUDGET


def split(items: list[Quote]) -> list[list[Quote]]:
    """The pages of ``items``: at most MAX_QUOTES quotes and FIRST_PAGE_BUDGET (the
    entity page), then QUOTE_BUDGET characters each (a longer quote alone); never empty."""
    pages: list[list[Quote]] = [[]]
    used, budget = 0, FIRST_PAGE_BUDGET
    for q in items:
        cost = _cost(q.quote)
        if pages[-1] and (len(pages[-1]) >= MAX_QUOTES or used + cost > budget):
            pages.append([])
            used, budget = 0, QUOTE_BUDGET
        pages[-1].append(q)
        used += cost
    return pages


def page_path(entity_path: str, number: int) -> str:
    """The path of page ``number`` of an entity's quotes (1: the entity page)."""
    return entity_path if number == 1 else f"{entity_path[:-3]}/mentions-{number}.md"


def years(page: list[Quote], sources: Mapping[str, SourceLink]) -> str:
    """"2019", "2019–2021" or "undated": the years of the sources of a page of quotes."""
    found = [dates.group(sources[q.source].date if q.source in sources else None)
             for q in (page[:1] + page[-1:])]
    return "–".join(dict.fromkeys(found))


def highlight(quote: object, surface: object) -> Md:
    """The escaped ``quote`` with the first occurrence of ``surface`` in bold."""
    text, mark = str(quote or ""), str(surface or "").strip()
    at = text.find(mark) if mark else -1
    if at < 0:
        return md_escape(text)
    before, after = text[:at], text[at + len(mark):]
    pad_before = " " if shows_as_space(before[-1:]) else ""
    pad_after = " " if shows_as_space(after[:1]) else ""
    return Md(f"{md_escape(before)}{pad_before}**{md_escape(mark)}**{pad_after}{md_escape(after)}")


def quote_groups(scope: Scope, page: Sequence[Quote], from_path: str) -> list[dict]:
    """The quotes of a page grouped by source (in order): a link to the source, and each
    quote with its anchor, a link to its paragraph and a link to itself."""
    groups = []
    for source, items in groupby(page, key=lambda q: q.source):
        rows = []
        for q in items:
            anchor = scope.paragraph_anchor(source, q.paragraph)
            link = None
            if anchor:
                link = md_link(Md(f"¶&#160;{q.paragraph}"),
                               href(from_path, scope.sources[source].path, anchor))
            rows.append({"quote": highlight(q.quote, q.text), "link": link, "anchor": q.anchor,
                         "permalink": Md(f'[#](#{q.anchor} "Link to this quote")')})
        shown = scope.sources.get(source)
        groups.append({"source": scope.source_link(source, from_path),
                       "date": dates.display(shown.date) if shown else "", "mentions": rows})
    return groups


def pager(pages: list[list[Quote]], scope: Scope, entity_path: str) -> list[Md]:
    """Links from the entity page to its further pages of quotes: "2 (2019–2020)"."""
    return [md_link(f"{n} ({years(page, scope.sources)})", href(entity_path, page_path(entity_path, n)))
            for n, page in enumerate(pages[1:], 2)]


def entity_mentions(scope: Scope, entry: Entry) -> dict:
    """The quotes part of an entity page's context: its first page of quotes and links
    to the others."""
    pages = split(quotes(entry.record.get("mentions") or [], scope.sources))
    return {"mention_groups": quote_groups(scope, pages[0], entry.path),
            "mention_pages": pager(pages, scope, entry.path), "shown_mentions": len(pages[0])}


def _path(value: object) -> str | None:
    return value if isinstance(value, str) else None


def mentions_page_context(scope: Scope) -> dict:
    """Context of ``<kind>/<id>/mentions-<n>.md``: its scope's ``quotes`` (the n-th page
    of an entity's quotes), ``first`` (the position of the first), the paths of the
    ``previous`` and ``next`` pages and the ``entity``'s address."""
    values = scope.values
    entity = scope.entities[str(values["entity"])]
    path, previous, after = str(values["path"]), _path(values["previous"]), _path(values["next"])
    page = [q for q in values["quotes"] if isinstance(q, Quote)] \
        if isinstance(values["quotes"], tuple) else []
    first = values["first"] if isinstance(values["first"], int) else 1
    return {"name": entity.name, "kind_label": SINGULAR[entity.kind],
            "entity": md_link(entity.name, href(path, entity.path)),
            "first": first, "last": first + len(page) - 1,
            "previous": md_link("previous page", href(path, previous)) if previous else None,
            "next": md_link("next page", href(path, after)) if after else None,
            "mention_groups": quote_groups(scope, page, path)}
