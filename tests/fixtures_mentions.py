"""An entity named in many sentences (the "Busy Council"), for the tests of its pages of
mentions: ``busy(n)`` gives sources and records where it has ``n`` mentions, ten to a
source, one source a month from January 2015 on."""

from __future__ import annotations

import re

PER_SOURCE = 10
NAME = "Busy Council"
PATH = "bodies/busy-council.md"


def sentence(number: int, words: int = 8) -> str:
    """The ``number``-th sentence naming the council (1-based), ``words`` words of filler."""
    filler = " ".join(f"word{number}x{w}" for w in range(words))
    return f"Sentence {number}: the {NAME} met, {filler}."


def _source(index: int, first: int, count: int, words: int, year: int = 2015) -> dict:
    date = f"{year + index // 12}-{index % 12 + 1:02d}-15"
    paragraphs = [{"text": sentence(first + k, words), "boilerplate": False, "date": date}
                  for k in range(count)]
    return {"id": f"busy-{index:03d}", "path": f"busy-{index:03d}.txt", "title": f"Busy news {index}",
            "date": date, "publisher": "TASS", "url": None, "paragraphs": paragraphs,
            "links": [{"paragraph": k, "start": p["text"].index(NAME), "ref": "bodies/busy-council",
                       "end": p["text"].index(NAME) + len(NAME)} for k, p in enumerate(paragraphs)]}


def busy(n: int, words: int = 8, offset: int = 0) -> tuple[list[dict], list[dict]]:
    """Records and sources: the council with ``n`` mentions (sentences 1..n) in
    ``ceil(n / PER_SOURCE)`` sources; ``offset`` shifts the sources' indexes (and dates)."""
    sources = [_source(offset + i // PER_SOURCE, i + 1, min(PER_SOURCE, n - i), words)
               for i in range(0, n, PER_SOURCE)]
    mentions = []
    for src in sources:
        for k, p in enumerate(src["paragraphs"]):
            start = p["text"].index(NAME)
            mentions.append({"source": src["id"], "quote": p["text"], "paragraph": k, "text": NAME,
                             "spans": [[start, start + len(NAME)]], "date": src["date"]})
    record = {"id": "busy-council", "type": "body", "name": NAME, "aliases": [], "mentions": mentions,
              "first_seen": sources[0]["date"] if sources else None,
              "last_seen": sources[-1]["date"] if sources else None, "related": []}
    return [record], sources


LINK = re.compile(r"\]\(([^)\s]+?)(?: \"[^\"]*\")?\)")
QUOTE_ANCHOR = re.compile(r"^- (.*) \[#\]\(#(q-[0-9a-f-]+) \"Link to this quote\"\)\n  \{ #\2 \.quote \}$",
                          re.M)


def linked_pages(pages: dict[str, str], path: str) -> set[str]:
    """The pages (paths under docs/) that the page ``path`` links to."""
    folder = path.rpartition("/")[0]
    out = set()
    for target in LINK.findall(pages[path]):
        file = target.partition("#")[0]
        if file and not file.startswith(("http:", "https:")):
            parts = (folder.split("/") if folder else []) + file.split("/")
            resolved: list[str] = []
            for part in parts:
                if part == "..":
                    resolved.pop()
                elif part != ".":
                    resolved.append(part)
            out.add("/".join(resolved))
    return out


NUMBER = re.compile(r"(Earlier s|S)entence (\d+)")


def quote_anchors(page: str) -> dict[str, str]:
    """Sentence number ("12"; "e12" for "Earlier sentence 12") -> the anchor of each quote
    of the council on a page."""
    found = {}
    for line, anchor in QUOTE_ANCHOR.findall(page):
        number = NUMBER.search(line)
        assert number, line
        found[("e" if number.group(1).startswith("E") else "") + number.group(2)] = anchor
    return found
