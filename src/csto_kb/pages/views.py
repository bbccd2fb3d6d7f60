"""The documents as the pages stage sees them: paragraphs, and the links of each source
page, read off the records: every mention of a published record carries the offsets of
the words that name it (``spans``), so a source page links exactly those words to it."""

from __future__ import annotations

from collections.abc import Iterable

from csto_kb.model import Document, Record, ref_of

Link = tuple[int, int, int, str]  # start, end (in the document), paragraph, ref


def _links(records: Iterable[Record]) -> dict[str, list[Link]]:
    """source id -> the spans of every mention of every record, with the record's ref."""
    found: dict[str, list[Link]] = {}
    for record in records:
        ref = ref_of(record)
        for m in record.get("mentions", ()):
            paragraph = m.get("paragraph")
            if isinstance(paragraph, int):
                links = found.setdefault(m["source"], [])
                links += [(s[0], s[1], paragraph, ref) for s in m.get("spans", ())]
    return found


def _paragraph_links(doc: Document, links: list[Link]) -> list[dict]:
    """Links within their paragraph, in text order; where two overlap, the first and
    longest wins."""
    out, last_end = [], -1
    for start, end, paragraph, ref in sorted(links, key=lambda l: (l[0], -l[1], l[3])):
        if start < last_end or not 0 <= paragraph < len(doc.paragraphs):
            continue
        para = doc.paragraphs[paragraph]
        if not para.start <= start < end <= para.end:
            continue
        last_end = end
        out.append({"paragraph": paragraph, "start": start - para.start,
                    "end": end - para.start, "ref": ref})
    return out


def source_views(documents: list[Document], records: Iterable[Record]) -> list[dict]:
    """One plain dict per document: id, title, date, publisher, url, paragraphs (text,
    boilerplate, date) and links (paragraph, start, end within it, ref)."""
    links = _links(records)
    views = []
    for doc in documents:
        # a hard-wrapped paragraph is one line of Markdown
        paragraphs = [{"text": doc.text[p.start:p.end].replace("\n", " "), "boilerplate": p.boilerplate,
                       "date": doc.segments[p.segment].date if doc.segments else doc.date}
                      for p in doc.paragraphs]
        views.append({"id": doc.id, "path": doc.path, "title": doc.title, "date": doc.date,
                      "publisher": doc.meta.get("publisher"), "url": doc.meta.get("url"),
                      "paragraphs": paragraphs,
                      "links": _paragraph_links(doc, links.get(doc.id, []))})
    return views
