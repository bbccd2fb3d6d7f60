"""Plain data passed between the pipeline stages.

sources -> Document; extraction -> Mention; resolution -> records (plain dicts).
Offsets are character offsets into ``Document.text`` (the body of the file, after any
front matter, with line endings normalised to ``\\n``); ``text[start:end]`` is always the
verbatim surface form, so quotes and links can be traced back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("people", "bodies", "forces", "operations", "dates")
TYPE_OF_KIND = {
    "people": "person",
    "bodies": "body",
    "forces": "force",
    "operations": "operation",
    "dates": "date",
}
KIND_OF_TYPE = {v: k for k, v in TYPE_OF_KIND.items()}


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
