"""The documents as the pages stage sees them: paragraphs, and each entity mention
linked to the published record (after curation) that lists its sentence."""

from __future__ import annotations

from collections import defaultdict

from csto_kb.model import KIND_OF_TYPE, Document, Mention
from csto_kb.resolution import Entity

Sentence = tuple[str, int, str]  # source, paragraph, quote


def record_ref(record: dict) -> str:
    """``<kind>/<id>`` of a record."""
    return f"{KIND_OF_TYPE.get(record.get('type'), 'unknown')}/{record['id']}"


def _records_by_sentence(records: list[dict]) -> dict[Sentence, list[tuple[str, dict]]]:
    index: dict[Sentence, list[tuple[str, dict]]] = defaultdict(list)
    for r in records:
        entry = (record_ref(r), r)
        for m in r["mentions"]:
            index[(m["source"], m["paragraph"], m["quote"])].append(entry)
    return index


def _published_ref(m: Mention, ref: str, candidates: list[tuple[str, dict]]) -> str | None:
    """The record a mention belongs to after curation: its own if still published, else
    the one record of that sentence that has its text among its names (a merge, a
    retype), else none (rejected)."""
    for r, _ in candidates:
        if r == ref:
            return ref
    text = " ".join(m.text.split())
    hits = sorted(r for r, record in candidates
                  if text == record["name"] or text in record.get("aliases", ()))
    return hits[0] if len(hits) == 1 else None


Link = tuple[int, int, int, str]  # paragraph, start, end (in the document), ref


def _paragraph_links(doc: Document, links: list[Link]) -> list[dict]:
    out, last_end = [], -1
    for paragraph, start, end, ref in sorted(links, key=lambda l: (l[1], -l[2], l[3])):
        if start < last_end:
            continue  # overlapping links: the first, longest one wins
        last_end = end
        offset = doc.paragraphs[paragraph].start
        out.append({"paragraph": paragraph, "start": start - offset, "end": end - offset,
                    "ref": ref})
    return out


def source_views(documents: list[Document], entities: list[Entity], records: list[dict]) -> list[dict]:
    """One plain dict per document: id, title, date, publisher, url, paragraphs (text,
    boilerplate, date) and links (paragraph, start, end within it, ref)."""
    index = _records_by_sentence(records)
    links: dict[str, list[Link]] = {d.id: [] for d in documents}
    no_candidates: list[tuple[str, dict]] = []
    for e in entities:
        own = f"{e.kind}/{e.id}"
        for m in e.mentions:
            candidates = index.get((m.source, m.paragraph, m.sentence), no_candidates)
            ref = _published_ref(m, own, candidates)
            if ref:
                links[m.source].append((m.paragraph, m.start, m.end, ref))
    views = []
    for doc in documents:
        paragraphs = [{"text": doc.text[p.start:p.end], "boilerplate": p.boilerplate,
                       "date": doc.segments[p.segment].date if doc.segments else doc.date}
                      for p in doc.paragraphs]
        views.append({"id": doc.id, "path": doc.path, "title": doc.title, "date": doc.date,
                      "publisher": doc.meta.get("publisher"), "url": doc.meta.get("url"),
                      "paragraphs": paragraphs, "links": _paragraph_links(doc, links[doc.id])})
    return views
