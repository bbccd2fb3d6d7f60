"""Entities to records: plain dicts in the format of DESIGN.md, plus provenance fields
(paragraph and item date of each quote, posts, titles, first and last seen, related
entities) and the facts of records/relations.py (relations, office holders, and for
dates the events)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from csto_kb.model import TYPE_OF_KIND, Document, Mention, Record, RecordMention, Ref, Title, ref
from csto_kb.records.facts import body_index, posts_of
from csto_kb.records.relations import events, office_holders, relations, text_sentences
from csto_kb.resolution.resolve import Entity

EVENT_MAX = 240


def _segment_date(doc: Document | None, m: Mention) -> str | None:
    if doc is None:
        return None
    para = doc.paragraphs[m.paragraph]
    return doc.segments[para.segment].date if doc.segments else doc.date


def _trim(sentence: str, limit: int = EVENT_MAX) -> str:
    sentence = " ".join(sentence.split()).strip(" -–—•")
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"


def _mentions(entity: Entity, date_of: Callable[[Mention], str | None]) -> list[RecordMention]:
    """One mention per sentence, with the offsets (``spans``) of every occurrence of the
    entity in it and the date of the news item the sentence is in."""
    by_sentence: dict[tuple[str, int], RecordMention] = {}
    for m in entity.mentions:
        key = (m.source, m.sentence_start)
        if key in by_sentence:
            by_sentence[key]["spans"].append([m.start, m.end])
            continue
        mention: RecordMention = {"source": m.source, "quote": m.sentence, "paragraph": m.paragraph,
                                  "text": " ".join(m.text.split()), "spans": [[m.start, m.end]]}
        if (date := date_of(m)):
            mention["date"] = date
        by_sentence[key] = mention
    return sorted(by_sentence.values(), key=lambda d: (d["source"], d["paragraph"], d["quote"]))


def _titles(entity: Entity, docs: dict[str, Document]) -> list[Title]:
    titles: dict[tuple[str, str], str | None] = {}
    for m in entity.mentions:
        if m.title and m.title[0].isupper():  # "the representative of Belarus" is no post
            title = " ".join(m.title.split())
            titles.setdefault((title, m.source), _segment_date(docs.get(m.source), m))
    return cast(list[Title], [{"title": t, "source": s, **({"date": d} if d else {})}
                              for (t, s), d in sorted(titles.items(), key=lambda kv: (kv[1] or "", kv[0]))])


def build_records(entities: list[Entity], docs: list[Document]) -> list[Record]:
    """One record per entity, sorted by type and id, every list sorted."""
    by_doc = {d.id: d for d in docs}
    dates: dict[tuple[str, int], str | None] = {}  # (source, paragraph) -> its date

    def date_of(m: Mention) -> str | None:
        key = (m.source, m.paragraph)
        if key not in dates:
            dates[key] = _segment_date(by_doc.get(m.source), m)
        return dates[key]

    sentences = text_sentences(entities, by_doc)
    in_sentence: dict[tuple[str, int], set[Ref]] = {key: set(s.refs()) for key, s in sentences.items()}
    facts, happened = relations(sentences, date_of), events(sentences)
    bodies = body_index(entities)
    records: list[Record] = []
    for e in entities:
        own = ref(e.kind, e.id)
        related = set().union(*[in_sentence.get((m.source, m.sentence_start), set()) for m in e.mentions])
        related.discard(own)
        seen = [d for m in e.mentions if (d := date_of(m))]
        record: Record = {"id": e.id, "type": TYPE_OF_KIND[e.kind], "name": e.name,
                          "aliases": e.aliases, "mentions": _mentions(e, date_of)}
        if e.kind == "people":
            record["titles"] = _titles(e, by_doc)
            record["posts"] = posts_of(e, bodies, date_of)
        if e.kind == "dates":
            record["date"] = e.date or ""
            record["events"] = happened.get(own, [])
            first = record["events"][0]["quote"] if record["events"] else e.mentions[0].sentence
            record["event"] = _trim(str(first))
            record["entities"] = sorted(r for r in related if not r.startswith("dates/"))
        else:
            record["related"] = sorted(related)
            record["relations"] = facts.get(own, [])
        if seen:
            record["first_seen"], record["last_seen"] = min(seen), max(seen)
        records.append(record)
    return with_office_holders(records)


def with_office_holders(records: list[Record]) -> list[Record]:
    """``records`` with each body's ``office_holders`` made from the people's posts (again
    after curation, which may merge, move or reject people and posts)."""
    holders = office_holders(records)
    for record in records:
        if record["type"] == "body":
            record["office_holders"] = holders.get(f"bodies/{record['id']}", [])
    return records
