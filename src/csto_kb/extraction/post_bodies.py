"""The body of an office named by its head word alone: "Leonid Kalashnikov, Chairman of the
Committee" in a document that names "the State Duma Committee on CIS Affairs" before is the
chairman of that committee. Of several, the one the document names first (its subject)."""

from __future__ import annotations

import dataclasses
import re

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.vocab import vocabulary


def bare_head_bodies(text: str, sentences: list[list[Candidate]]) -> list[list[Candidate]]:
    """``sentences`` (a document's candidates, sentence by sentence, in text order) with
    the posts whose title ends in a bare body head given the first longer body of the
    document with that head."""
    v = vocabulary()
    first: dict[str, Candidate] = {}
    for cands in sentences:
        for c in cands:
            if c.kind == "bodies" and c.rule != "nested":
                words = text[c.start:c.end].split()
                for head in {w for w in words if w in v.body_heads} if len(words) > 1 else ():
                    first.setdefault(head, c)

    def placed(c: Candidate) -> Candidate:
        posts = []
        for post in c.posts:
            bare = re.search(rf"(?<!\w){re.escape(post.role)} of the ([A-Z][a-z]+)(?=$|,|\s[–—-]\s)",
                             post.title) if post.body_start is None else None
            body = first.get(bare.group(1)) if bare else None
            posts.append(post._replace(body_start=body.start, body_end=body.end) if body else post)
        return dataclasses.replace(c, posts=tuple(posts))

    return [[placed(c) if c.kind == "people" and c.posts else c for c in cands]
            for cands in sentences]
