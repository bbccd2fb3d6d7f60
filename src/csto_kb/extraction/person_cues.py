"""The context that shows a capitalised pair of words is a person: a byline cue before it
("Editing by"), a speaker's colon, a speech verb after it ("Zas said"), a description
after it ("Cui Lin, a senior fellow at ...")."""

from __future__ import annotations

import re
from functools import lru_cache

from csto_kb.extraction.tokens import Token
from csto_kb.extraction.vocab import Vocabulary

_BYLINE_NAME_BEFORE = re.compile(r"\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
                                 r"(?:\s+in\s+[A-Z][\w'’-]*)?\s*(?:,|\s+and)$")


def after_cue(text: str, para_start: int, tok: Token, v: Vocabulary) -> bool:
    """Whether ``tok`` opens a name right after a byline cue, or after the names of one
    joined by "and" or commas ("Editing by Tom Hallworth and | Clare Fenwick")."""
    before = text[para_start:tok.start].rstrip()
    for _ in range(4):
        if _ends_with_cue(before, v):
            return True
        names = _BYLINE_NAME_BEFORE.search(before)
        if not names:
            return False
        before = before[:names.start()]
    return False


def _ends_with_cue(before: str, v: Vocabulary) -> bool:
    return _cue_at_end(v.byline_cues).search(before) is not None


@lru_cache(maxsize=4)
def _cue_at_end(cues: tuple[tuple[str, ...], ...]) -> re.Pattern:
    """A byline cue ending a text, not inside a word ("Reporting by")."""
    phrases = sorted((" ".join(c) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, phrases)) + r")\Z")


def speaker_headline(text: str, para_start: int, tokens: list[Token], i: int, j: int) -> bool:
    """"Name: quote" at the start of a paragraph or bullet."""
    lead = text[para_start:tokens[i].start]
    return j < len(tokens) and tokens[j].text == ":" and re.fullmatch(r"[\s•*·\-–—]*", lead) is not None


def speech_verb_near(tokens: list[Token], i: int, j: int, v: Vocabulary) -> bool:
    """Whether a verb of saying comes right after the name ``tokens[i:j]`` ("Zas said",
    "Zas also said", an apposition closed: "A spokesman for ..., Stephane Dujarric, said")
    or right before it ("said Zas")."""
    after = [t.text for t in tokens[j:j + 2]]
    if after and after[0] in v.speech_verbs:
        return True
    if len(after) == 2 and after[0] == "," and after[1] in v.speech_verbs and i > 0 \
            and tokens[i - 1].text == ",":
        return True
    if len(after) == 2 and (after[0] in ("also", "then", "further") or after[0].endswith("ly")) \
            and after[1] in v.speech_verbs:
        return True
    return i > 0 and tokens[i - 1].text in v.speech_verbs and j - i >= 2


def described_after(tokens: list[Token], j: int, v: Vocabulary) -> bool:
    """Whether the name ending before ``tokens[j]`` is described right after it as a
    person: ", a senior fellow at", ", an expert of" (``description_nouns``)."""
    after = [t.text for t in tokens[j:j + 6]]
    if len(after) < 3 or after[0] != "," or after[1] not in ("a", "an"):
        return False
    for k, word in enumerate(after[2:], 2):
        if word in v.description_nouns:
            return True
        if not word.islower():
            return False
    return False

