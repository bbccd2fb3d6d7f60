"""The whole pipeline: sources -> extraction -> resolution -> records -> pages -> site.

Each stage takes plain data and returns plain data; this module only wires them up
and decides what is written where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csto_kb.config import Settings
from csto_kb.extraction.extract import extract_document
from csto_kb.model import Document, Mention
from csto_kb.records import build_records, write_records
from csto_kb.resolution import Entity, resolve
from csto_kb.sources import read_sources


@dataclass
class Corpus:
    """What extraction and resolution made of a directory of sources."""

    documents: list[Document]
    entities: list[Entity]
    records: list[dict]
    warnings: list[str] = field(default_factory=list)


def extract_mentions(documents: list[Document]) -> list[Mention]:
    """Mentions of every document, in document order."""
    return [m for doc in documents for m in extract_document(doc)]


def analyse(sources_dir: Path) -> Corpus:
    """Read, extract and resolve every document of ``sources_dir`` into records."""
    documents, warnings = read_sources(Path(sources_dir))
    entities = resolve(extract_mentions(documents))
    return Corpus(documents, entities, build_records(entities, documents), warnings)


def extract(sources_dir: Path, out_dir: Path) -> Corpus:
    """``csto-kb extract``: the records of ``sources_dir`` written under ``out_dir``."""
    corpus = analyse(sources_dir)
    write_records(corpus.records, Path(out_dir))
    return corpus


def source_views(corpus: Corpus) -> list[dict]:
    """The documents as the pages stage sees them: paragraphs and links to entities."""
    links: dict[str, list[dict]] = {d.id: [] for d in corpus.documents}
    for e in corpus.entities:
        for m in e.mentions:
            links[m.source].append({"paragraph": m.paragraph, "start": m.start, "end": m.end,
                                    "ref": f"{e.kind}/{e.id}"})
    views = []
    for doc in corpus.documents:
        paragraphs = [{"text": doc.text[p.start:p.end], "boilerplate": p.boilerplate,
                       "date": doc.segments[p.segment].date if doc.segments else doc.date}
                      for p in doc.paragraphs]
        taken, doc_links = [], []
        for link in sorted(links[doc.id], key=lambda l: (l["start"], -l["end"], l["ref"])):
            if taken and link["start"] < taken[-1]:
                continue  # a date inside a name, say: the first (longest) link wins
            taken.append(link["end"])
            offset = doc.paragraphs[link["paragraph"]].start
            doc_links.append({**link, "start": link["start"] - offset, "end": link["end"] - offset})
        views.append({"id": doc.id, "path": doc.path, "title": doc.title, "date": doc.date,
                      "publisher": doc.meta.get("publisher"), "url": doc.meta.get("url"),
                      "paragraphs": paragraphs, "links": doc_links})
    return views
