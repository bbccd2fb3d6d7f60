"""Where the titles stated with each person's name are: a title before the name ("Chief
of the CSTO Joint Staff Colonel General A. Ivanov"), an apposition after it ("A. Ivanov,
the Deputy Secretary General of the CSTO,"), an office given with "as" ("confirmed A.
Ivanov as Chief of the Joint Staff"), a plural title before several names ("Presidents X
and Y"). Extraction/posts.py reads the posts out of these spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from csto_kb.extraction.people import (
    DASHES,
    TITLE_WALK,
    _title_after,
    _title_before,
    is_stop_word,
    is_title_word,
    office_topic,
)
from csto_kb.extraction.tokens import Token, is_name_shaped
from csto_kb.extraction.vocab import Vocabulary, vocabulary
from csto_kb.rules_data import load_rules

Span = tuple[int, int]


class Hit(NamedTuple):
    """A person's name (token indexes) and the titles found around it."""

    start: int
    end: int
    title_start: int | None  # a title before the name
    title_end: int | None  # the end of an appositive title's title words


def _apposition_end(tokens: list[Token], j: int, title_end: int, limit: int, v: Vocabulary) -> int | None:
    """Where an appositive title ends: after the body it names ("Name, Ambassador-at-Large
    of the Russian Foreign Ministry, said"), before a comma, a lower-case word or the next
    person (``limit``); None when the next person's name follows its title words: then it is
    that person's title ("Vladimir Putin, President of Kazakhstan Kassym-Jomart Tokayev")."""
    k, end = title_end, title_end
    bracketed = tokens[j].text == "("  # "Name (CSTO Secretary General)" ends at its bracket
    while k < len(tokens) and k - j < 2 * TITLE_WALK:
        if k >= limit:
            return None
        word = tokens[k].text
        if bracketed and word == ")":
            break
        if word[0].isupper() or word[0].isdigit() or word in ("(", ")") or word in DASHES \
                or office_topic(tokens, k, v):
            end = k + 1
        elif word == "," and k + 1 < len(tokens) and is_title_word(tokens[k + 1].text, v):
            pass  # a second office: "Kaha Imnadze, Special Representative ..., Head of ..."
        elif word in v.title_words_lower and end == k:
            end = k + 1  # "secretary of Russia's Security Council and defence minister"
        elif tokens[k - 1].text == "and" and (second := _second_office(tokens, k, v)) is not None:
            k = end = second + 1  # "a former defence minister of Kazakhstan and former prime minister"
            continue
        elif word not in v.connectors and word not in ("'s", "’s", "to", "at", "under"):
            break  # ("of Kyrgyzstan’s State ...", "Representative ... to the CSTO", "Agency under the" go on)
        k += 1
    return end if end <= limit else None


def _second_office(tokens: list[Token], k: int, v: Vocabulary) -> int | None:
    """The title word of an office that opens at ``tokens[k]`` with its qualifiers and
    modifiers ("former prime minister", "former Prime Minister")."""
    while k < len(tokens) and (tokens[k].text in v.post_qualifiers_lower
                               or tokens[k].text.capitalize() in v.title_modifiers):
        k += 1
    return k if k < len(tokens) and (tokens[k].text in v.title_words_lower or is_title_word(tokens[k].text, v)) \
        else None


_APPOINTED = ("appointed", "elected", "named", "nominated", "reappointed", "re-elected")


def _office_as(tokens: list[Token], j: int, limit: int, v: Vocabulary) -> list[Span]:
    """An office given with "as", "appointed" or "became" within a few words after a name
    (and its apposition), before any other name ("confirmed A. Ivanov, former commander of
    the Airborne Forces, as Chief of ...", "Zas to be appointed Secretary General", "Zas went
    on to become CSTO Secretary General")."""
    for k in range(j, min(len(tokens) - 1, j + 2 * TITLE_WALK, limit)):
        word = tokens[k].text
        if word in ("as", "became", "become", "becomes") or word in _APPOINTED:
            start = k + 1
            while start < len(tokens) - 1 and tokens[start].text.lower() in ("the", "as"):
                start += 1
            if start < len(tokens) - 2 and tokens[start].text.islower() and tokens[start + 1].text in ("'s", "’s"):
                start += 2  # "serves as the bloc's deputy secretary-general"
            end = _title_after(tokens, start - 1, v, opened=True)
            close = _apposition_end(tokens, start - 1, end, limit, v) if end is not None else None
            first = _qualifier_start(tokens, j, k) if word in _APPOINTED else start  # "appointed" qualifies the post
            return [(tokens[first].start, tokens[close - 1].end)] if close is not None else []
        if tokens[k].text in (".", ";") or (k > j and is_name_shaped(tokens[k].text)
                                            and not is_stop_word(tokens[k].text, v)
                                            and tokens[k - 1].text not in v.connectors
                                            and not _in_apposition(tokens, j, k)):
            return []
    return []


def _qualifier_start(tokens: list[Token], j: int, k: int) -> int:
    """Where the post qualifier ending with ``tokens[k]`` starts, not before ``j``: at the
    "newly" of "newly appointed"."""
    for qualifier in load_rules("people.yaml")["post_qualifiers"]:
        words = qualifier.split()
        first = k + 1 - len(words)
        if first >= j and [t.text.lower() for t in tokens[first:k + 1]] == words:
            return first
    return k


def _in_apposition(tokens: list[Token], j: int, k: int) -> bool:
    """Whether token ``k`` stands between the commas of an apposition after a name at ``j``."""
    return j < len(tokens) and tokens[j].text == "," and "," not in {t.text for t in tokens[j + 1:k]}


_WHO = re.compile(r",?\s+who\s+(?:(?:now|currently|also|has|had|then|since \S+|happened to|went on to|"
                  r"would later|was to)\s+){0,3}(?P<verb>[a-z]+)\s+(?:the\s+)?(?:[a-z]+['’]s\s+)?(?=[A-Z])")


def _office_verb(text: str, tokens: list[Token], j: int) -> list[Span]:
    """"Name, who (now) heads the Institute ...", "Name, who happened to chair the Council",
    also after an apposition ("Name, a former deputy secretary of X who now heads Y"): the
    verb and the name after it (posts.py keeps it when the name is a body's)."""
    m = _WHO.match(text, tokens[j - 1].end)
    if not m or m.group("verb") not in load_rules("people.yaml")["office_verbs"]:
        return []
    close = re.compile(r"[^,;.()]+").match(text, m.end())
    return [(m.start("verb"), close.end())] if close else []


_WHO_IS = re.compile(r"(?P<who>,?\s+who(?:\s+(?:until|since|from|in|by|after|before|till)\s+"
                     r"[^,;.()]{1,30}?)?)?\s+(?:(?:has held|holds|held|took up|assumed|took) the (?:post|office) of|"
                     r"is|was|has been|had been|remains)\s+"  # "who until 2021 was", "has held the post of"
                     r"(?:also\s+|now\s+|then\s+)?(?:the\s+)?")


def _who_is(text: str, tokens: list[Token], j: int, limit: int, v: Vocabulary) -> list[Span]:
    """"Serdyukov, who is also commander of the Russian Airborne Troops, told ...": the title
    after "who is"; without "who" a capitalised one ("Serdyukov has been Chief of the Joint
    Staff since 2024")."""
    m = _WHO_IS.match(text, tokens[j - 1].end)
    if not m:
        return []
    k = next((n for n in range(j, len(tokens)) if tokens[n].start >= m.end()), None)
    if k is None or not (m.group("who") or is_title_word(tokens[k].text, v)
                         or (tokens[k].text in v.title_words_lower and k + 1 < len(tokens)
                             and tokens[k + 1].text in v.title_words_lower | {"of"})):
        return []  # "X has been secretary general since 2023"; not "X was chief" alone
    end = _title_after(tokens, k - 1, v, opened=True)
    close = _apposition_end(tokens, k - 1, end, limit, v) if end is not None else None
    return [(tokens[k].start, tokens[close - 1].end)] if close is not None else []


_BY_VERB = re.compile(r"\b(?P<verb>[a-z]+)(?:\s+(?:since|from|until|till|in|between)\s+[^,;.()]{1,30}?)?"
                      r"\s+by\s+$")


def _office_verb_by(text: str, tokens: list[Token], i: int) -> list[Span]:
    """"The Joint Staff of the CSTO, led since 2017 by Colonel General Anatoly Sidorov": the
    verb before the name (or its title at token ``i``) and "by" (posts.py finds the body
    before the verb)."""
    m = _BY_VERB.search(text, max(0, tokens[i].start - 60), tokens[i].start)
    if not m or m.group("verb") not in load_rules("people.yaml")["office_verbs"]:
        return []
    return [(m.start("verb"), m.end() - 1)]


def _plural(title: str, v: Vocabulary) -> bool:
    words = [w for w in title.split() if is_title_word(w, v)]
    return bool(words) and words[-1] not in v.title_words and words[-1].endswith("s")


def title_spans(text: str, tokens: list[Token], hits: list[Hit]) -> list[tuple[str | None, tuple[Span, ...]]]:
    """For each person: the title as stated (for display) and the spans of its titles."""
    v = vocabulary()
    out: list[tuple[str | None, tuple[Span, ...]]] = []
    shared: Span | None = None
    for n, h in enumerate(hits):
        limit = hits[n + 1].start if n + 1 < len(hits) else len(tokens)
        title, spans = None, []
        # "Mr." or "Dr." alone finds a name but is a form of address, not a post
        address = h.title_start == h.start - 1 and tokens[h.title_start].text in v.honorifics
        if h.title_start is not None and not address:
            title = " ".join(text[tokens[h.title_start].start:tokens[h.start - 1].end].split()).strip(" ,-–—")
            spans.append((tokens[h.title_start].start, tokens[h.start - 1].end))
        elif h.title_end is not None:
            title = re.sub(r"^(?:the|an?)\s+", "", text[tokens[h.end + 1].start:tokens[h.title_end - 1].end])
        close = _apposition_end(tokens, h.end, h.title_end, limit, v) if h.title_end is not None else None
        if close is not None:
            spans.append((tokens[h.end + 1].start, tokens[close - 1].end))
            spans += _office_verb(text, tokens, close)
            if close < len(tokens) and tokens[close].text == ",":  # "X, a former minister, has been Y"
                spans += _who_is(text, tokens, close + 1, limit, v)
            elif close < len(tokens) and tokens[close].text == "who":  # "X, a Belarusian general who had been Y"
                spans += _who_is(text, tokens, close, limit, v)
        if n and hits[n - 1].end == h.start - 1 and tokens[h.start - 1].text == "and" and shared:
            spans.append(shared)  # "Presidents Sadyr Japarov and Emomali Rahmon"
        spans += _office_as(tokens, h.end, limit, v) + _office_verb(text, tokens, h.end)
        spans += _who_is(text, tokens, h.end, limit, v)
        spans += _office_verb_by(text, tokens, h.start if h.title_start is None else h.title_start)
        shared = spans[0] if spans and _plural(text[spans[0][0]:spans[0][1]], v) else None
        out.append((title, tuple(spans)))
    return out


def named_titles(text: str, tokens: list[Token], names: list[Span]) -> list[tuple[str | None, tuple[Span, ...]]]:
    """:func:`title_spans` for names found by another rule (a surname the document gave in
    full before: "Pashinian, who happened to chair the Council"), in text order."""
    v = vocabulary()
    starts = [t.start for t in tokens]
    hits: list[Hit] = []
    for a, b in names:
        i, j = bisect_left(starts, a), bisect_left(starts, b)
        if i < j:
            hits.append(Hit(i, j, _title_before(tokens, i, text, v, hits[-1].end if hits else 0),
                            _title_after(tokens, j, v)))
    return title_spans(text, tokens, hits) if len(hits) == len(names) else [(None, ())] * len(names)
