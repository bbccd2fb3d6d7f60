"""Plain data passed between the pipeline stages.

sources -> Document; extraction -> Mention; resolution -> Entity; records -> Record (a
plain dict of the YAML format, typed here), addressed by a Ref (``<kind>/<id>``).
Offsets are character offsets into ``Document.text`` (the body of the file, after any
front matter, with line endings normalised to ``\\n``); ``text[start:end]`` is always the
verbatim surface form, so quotes and links can be traced back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, NewType, Required, TypedDict, TypeGuard

KINDS = ("people", "bodies", "forces", "operations", "dates")
TYPE_OF_KIND = {
    "people": "person",
    "bodies": "body",
    "forces": "force",
    "operations": "operation",
    "dates": "date",
}
KIND_OF_TYPE = {v: k for k, v in TYPE_OF_KIND.items()}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # record ids: lowercase ASCII words and hyphens


def is_slug(value: object) -> TypeGuard[str]:
    """True when ``value`` is a record id usable as a file name (see :data:`SLUG`)."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


class Paragraph(NamedTuple):
    """A block of text (one line of the source) and the news item it belongs to."""

    start: int
    end: int
    segment: int  # index into Document.segments
    boilerplate: bool = False  # navigation, credits, bare datelines: shown, not extracted
    role: str = "text"  # "text", or "headline", "caption", "byline": states no events or relations


class Segment(NamedTuple):
    """One dated news item of a page (a whole document when it has a single date)."""

    start: int
    end: int
    date: str | None  # ISO date of the item's dateline or the document's date, or None


@dataclass(frozen=True)
class Document:
    id: str  # the file name without extension, made URL-safe
    path: str  # the file name as found
    title: str
    date: str | None  # ISO 8601 at the precision known ("2022-06-08", "2022-06", "2022")
    text: str
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]
    meta: dict = field(default_factory=dict)  # front matter: publisher, url, ...
    warnings: tuple[str, ...] = ()  # what reading it noticed (encoding, broken front matter)


class Post(NamedTuple):
    """An office a title says a person holds or held, as stated with one mention."""

    role: str  # the office: "Secretary General", "Deputy Minister of Foreign Affairs"
    qualifier: str | None  # "former", "appointed" ...
    rank: str | None  # "Colonel General": stated with the post, no post of its own
    title: str  # the title as stated
    body_start: int | None  # offsets of the body named in the office, if any
    body_end: int | None


class Mention(NamedTuple):
    """One occurrence of an entity in a document, as the extractor found it.

    Mentions, paragraphs and segments are named tuples: a corpus has hundreds of
    thousands of them, and tuples are the cheapest to make, cache and send between
    processes."""

    kind: str  # one of KINDS
    text: str  # verbatim surface form == document.text[start:end]
    start: int
    end: int
    source: str  # Document.id
    sentence: str  # the verbatim sentence holding the mention
    sentence_start: int
    paragraph: int  # index into Document.paragraphs
    key: str | None = None  # lexicon id or normalisation key, when the extractor knows it
    long_form: str | None = None  # the full name an abbreviation or translation stands for
    title: str | None = None  # people: the title or post stated with the name
    value: str | None = None  # dates: ISO 8601 at the precision of the text
    end_value: str | None = None  # dates: the end of a range
    posts: tuple[Post, ...] = ()  # people: the posts the title stated with the name gives

    @classmethod
    def from_row(cls, row: list) -> Mention:
        """A mention from its JSON row (a list of its fields)."""
        mention = cls(*row)
        return mention._replace(posts=tuple(Post(*p) for p in mention.posts))


Ref = NewType("Ref", str)
"""The address of a record: ``<kind>/<id>``, the path of its YAML file without ``.yaml``."""


def ref(kind: str, ident: str) -> Ref:
    """The address of the record ``ident`` of ``kind``."""
    return Ref(f"{kind}/{ident}")


def ref_of(record: Record) -> Ref:
    """The address of ``record`` (kind ``unknown`` for a type that is none of TYPE_OF_KIND)."""
    return ref(KIND_OF_TYPE.get(record.get("type", ""), "unknown"), record["id"])


def kind_of(address: str) -> str:
    """The kind part of an address."""
    return address.partition("/")[0]


class RecordMention(TypedDict, total=False):
    """One sentence that mentions an entity (DESIGN.md: source, quote, date)."""

    source: Required[str]  # the source's id
    quote: Required[str]  # the sentence, verbatim
    paragraph: int  # its paragraph in the source (the page's anchor #p-N)
    text: str  # the form used there, white space collapsed
    spans: list[list[int]]  # [start, end] of each occurrence, offsets in Document.text
    date: str  # the date of the news item the sentence is in


class Title(TypedDict, total=False):
    """A title or post stated with a person's name."""

    title: Required[str]
    source: str
    date: str


# The relations records/relations.py states, each with the type the other record gets.
RELATION_INVERSES = {"part_of": "has_part", "has_part": "part_of", "took_part_in": "participant",
                     "participant": "took_part_in", "met_with": "met_with"}


class Record(TypedDict, total=False):
    """One record, as written to ``<kind>/<id>.yaml`` (DESIGN.md, "Records"); other
    fields are welcome in the files and kept as they are."""

    id: Required[str]  # a slug
    type: Required[str]  # person | body | force | operation | date
    name: Required[str]
    aliases: list[str]
    abbreviations: list[str]
    mentions: Required[list[RecordMention]]
    titles: list[Title]
    posts: list[dict[str, object]]  # people: the offices the texts state (records/facts.py)
    first_seen: str
    last_seen: str
    related: list[Ref]  # other kinds than dates
    date: str  # dates: ISO 8601 at the precision of the text
    event: str  # dates: the sentence, trimmed
    entities: list[Ref]  # dates: the records mentioned with it
    events: list[dict[str, object]]  # dates: each sentence of a text that names it
    relations: list[dict[str, object]]  # other kinds: facts with their sentence
    office_holders: list[dict[str, object]]  # bodies: the posts people hold in them
