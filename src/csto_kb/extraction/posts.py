"""Posts: the offices a title stated with a person's name says they hold or held.

A title ("Deputy Prime Minister - Minister of Foreign Affairs of the Republic of
Kazakhstan", "Chief of the CSTO Joint Staff Colonel General", "the Collective Security
Treaty Organization Secretary General") is split into offices (at a dash between two
titles, a comma, an "and"); each office gives a role (the office words, with Deputy,
Acting, First ... and a portfolio such as "of Foreign Affairs"), the body named in it (a
body found by extraction inside the office's words), a qualifier ("former", "appointed")
and a rank ("Colonel General"), which is no post on its own. The words are data in
``rules/people.yaml`` (``ranks``, ``post_qualifiers``, ``not_posts``).
"""

from __future__ import annotations

import re
from functools import cache

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.vocab import vocabulary
from csto_kb.model import Post
from csto_kb.rules_data import load_rules

_SPLIT = re.compile(r"\s+[-–—]\s+|,\s+(?:and\s+)?|\s+and\s+(?:the\s+)?")
_EDGE = " ,;:-–—()"


@cache
def _rules() -> dict:
    return load_rules("people.yaml")


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _phrase_re(key: str) -> re.Pattern:
    # matched as written: "head" describes, "Head" is an office
    flags = 0 if key in ("not_posts", "posts_only_with_body") else re.IGNORECASE
    if key == "ranks":  # "Police Colonel General": a service, then the rank
        return re.compile(rf"(?:(?:{_alternatives(_rules()['rank_services'])})\s+)?"
                          rf"(?:{_alternatives(_rules()['ranks'])})", flags)
    return re.compile(_alternatives(_rules()[key]), flags)


def is_rank(words: str) -> bool:
    """Whether ``words`` are a rank and nothing else ("Lieutenant General")."""
    return _phrase_re("ranks").fullmatch(" ".join(words.split())) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, bodies: list[Candidate]) -> list[tuple[int, int]]:
    """The offices of a title: its parts between dashes, commas and "and" (not inside a
    body's name: "of the UN Office on Drugs and Crime") that hold a title word."""
    out, pos = [], start
    for m in _SPLIT.finditer(text, start, end):
        if any(b.start < m.start() < b.end for b in bodies):
            continue
        if "and" in m.group() and not (_has_title_word(text[pos:m.start()])
                                       and _has_title_word(text[m.end():end].split(" of ")[0])):
            continue  # "Permanent and Plenipotentiary Representative": one office
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    parts = [_strip(text, a, b) for a, b in out]
    return [p for p in parts if p[0] < p[1] and _has_title_word(text[p[0]:p[1]])]


def _has_title_word(phrase: str) -> bool:
    from csto_kb.extraction.people import is_title_word

    v = vocabulary()
    return any(is_title_word(w, v) and w not in v.honorifics or w in v.title_words_lower
               for w in re.findall(r"[\w.'’-]+", phrase))


def _take(pattern: re.Pattern, text: str, start: int, end: int, at_start: bool) -> tuple[str | None, int, int]:
    """A phrase of ``pattern`` at the start (or end) of ``text[start:end]``, and what is left."""
    piece = text[start:end]
    for m in pattern.finditer(piece):
        if at_start and m.start() == 0 and (m.end() == len(piece) or not piece[m.end()].isalnum()
                                            or m.group().endswith("-")):  # "ex-Minister"
            return m.group(), *_strip(text, start + m.end(), end)
        if not at_start and m.end() == len(piece) and (m.start() == 0 or piece[m.start() - 1] == " "):
            return m.group(), *_strip(text, start, start + m.start())
    return None, start, end


_DATE_TAIL = re.compile(r"\s+(?:in|since|from|until|till|on)\s+(?:[A-Z][a-z]+\.?\s+|\d{1,2}(?:st|nd|rd|th)?,?\s+){0,2}"
                        r"(?:19|20)\d\d\b.*$")


def _role_without_body(text: str, start: int, end: int, body: Candidate | None) -> str:
    """The office words: the piece less the body named in it ("CSTO Secretary General",
    "Acting CSTO Secretary General", "Chief of the CSTO Joint Staff") and less a country it
    ends with ("President of Kazakhstan")."""
    v = vocabulary()
    if body is None:
        words = text[start:end]
    else:
        before, after = text[start:body.start], re.sub(r"^['’]s\b", "", text[body.end:end])
        if not before.strip(_EDGE) or all(w in v.title_modifiers for w in before.split()):
            words = f"{before} {after}"  # the body inside the office's own words
        else:
            words = before
    words = _office_words(" ".join(words.split()).strip(_EDGE))
    words = _DATE_TAIL.sub("", words)  # "... in 2023", "... in January 2023"
    words = re.sub(r"(?:\s+(?:of|for|in|at|to|on)(?:\s+the)?)+\s*$", "", words)
    words = _home_possessor().sub("", words)  # "the organization's deputy secretary general"
    m = _country_tail().search(words)
    return words[:m.start()].strip(_EDGE) if m else words


_COMPLEMENT = re.compile(r" (?:of|for|on) (?:the )?")


def _office_words(words: str) -> str:
    """The office, without the body a complement names: "Head of the Border Service of the
    FSB" -> "Head"; a portfolio stays: "Deputy Minister of Foreign Affairs of Belarus" ->
    "Deputy Minister of Foreign Affairs"."""
    compound = _phrase_re("compound_offices").match(words)
    pos = compound.end() if compound else 0  # "Head of State" is one office
    while (m := _COMPLEMENT.search(words, pos)):
        portfolio = _phrase_re("portfolios").match(words, m.end())
        if not portfolio or (portfolio.end() < len(words) and words[portfolio.end()] != " "):
            return words[:m.start()]
        pos = portfolio.end()
    return words


@cache
def _home_possessor() -> re.Pattern:
    """The home organisation named as a possessor before an office ("the bloc's")."""
    words = "|".join(re.escape(w) for w in load_rules("lexicon.yaml").get("home_possessors") or [])
    return re.compile(rf"^(?:the\s+)?(?:[\w-]+\s+)?(?:{words})['’]s\s+", re.IGNORECASE)  # "the Russian-led alliance's"


@cache
def _country_tail() -> re.Pattern:
    names = sorted(vocabulary().country_of, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"\s+of\s+(?:the\s+)?(?:{alt})$", re.IGNORECASE)


def _leading_country(text: str, start: int, end: int) -> int:
    """After a country adjective or name opening an office ("Russian Foreign Minister")."""
    v = vocabulary()
    word = re.match(r"([\w’'-]+?)(?:['’]s)?(?=\s)", text[start:end])  # "Russia's defence minister"
    if word and word.group(1).lower() in v.country_of and end - start > len(word.group()):
        return _strip(text, start + len(word.group()), end)[0]
    return start


def _office(text: str, start: int, end: int, bodies: list[Candidate], title: str) -> Post | None:
    """The post one office states, or None when it is a rank, an address or a description."""
    start = _leading_the(text, start, end)
    qualifier, start, end = _take(_phrase_re("post_qualifiers"), text, start, end, at_start=True)
    start = _leading_the(text, start, end)  # "appointed as the ..."
    rank, start, end = _take(_phrase_re("ranks"), text, start, end, at_start=True)
    compound, _, _ = _take(_phrase_re("compound_offices"), text, start, end, at_start=False)
    if rank is None and compound is None:  # "Secretary General" keeps its "General"
        rank, start, end = _take(_phrase_re("ranks"), text, start, end, at_start=False)
    ordinal = re.match(r"(?i:first|second|third)\s+(?=\S+\s)", text[start:end])
    if ordinal and _leading_country(text, start + ordinal.end(), end) > start + ordinal.end():
        start += ordinal.end()  # "the First Kazakh Secretary General": the first to hold it
    if not any(b.start == start for b in bodies):  # "Russian Foreign Ministry spokeswoman"
        start = _leading_country(text, start, end)
    inside = [b for b in bodies if start <= b.start and b.end <= end]
    body = min(inside, key=lambda b: (b.rule == "nested", b.start)) if inside else None
    role = _singular(_role_without_body(text, start, end, body))
    if not role or not _has_title_word(role) or _phrase_re("not_posts").fullmatch(role) \
            or (body is None and _phrase_re("posts_only_with_body").fullmatch(role)):
        return None
    return Post(role=role, qualifier=qualifier.lower() if qualifier else None,
                rank=" ".join(rank.split()) if rank else None, title=title,
                body_start=body.start if body else None, body_end=body.end if body else None)


def _with_body_before(text: str, start: int, bodies: list[Candidate]) -> tuple[int, Candidate | None]:
    """Where a title starts that a body (and an "Acting" before it) opens, or the body
    whose office it names ("the Parliamentary Assembly, whose Chairman Vyacheslav Volodin")."""
    v = vocabulary()
    for body in bodies:
        gap = text[body.end:start] if body.end <= start else None
        if gap is not None and re.fullmatch(r",\s*whose\s+", gap):
            return start, body
        if gap is not None and re.fullmatch(r"(?:['’]s)?\s?", gap):
            start = body.start
            before = re.search(r"([\w-]+)\s+$", text[max(0, start - 30):start])
            if before and before.group(1) in v.title_modifiers:
                start -= len(before.group(0))
            return start, None
    return start, None


def _singular(role: str) -> str:
    """"Presidents" -> "President": one office each for the names a plural title heads."""
    from csto_kb.extraction.people import is_title_word

    v = vocabulary()
    words = role.split()
    for i, w in enumerate(words):
        if w not in v.title_words and w.endswith("s") and is_title_word(w, v):
            words[i] = w[:-1]
    return " ".join(words)


def _leading_the(text: str, start: int, end: int) -> int:
    m = re.match(r"(?:as\s+)?(?:(?:currently|now|also|still)\s+)?(?:(?:the|a|an|his|her|its|their)\s+)?",
                 text[start:end], re.IGNORECASE)
    return start + m.end() if m else start


_POSSESSOR = re.compile(r"[A-Za-z]+['’]s\s+")  # "the parliament's", "the Organization's"


def _verb_post(text: str, start: int, end: int, bodies: list[Candidate]) -> tuple[Post, ...]:
    """"heads the Council of the CSTO Parliamentary Assembly": the office the verb names,
    of the body after it; nothing when no body follows ("chaired the meeting")."""
    verb = re.match(r"[a-z]+", text[start:end])
    role = _rules()["office_verbs"].get(verb.group()) if verb else None
    if role and text[start:end].endswith(" by"):  # "the Joint Staff, led since 2017 by": the body before
        before = next((b for b in bodies if b.kind == "bodies" and b.end <= start
                       and re.fullmatch(r",?\s*", text[b.end:start])), None)
        return () if before is None else (Post(role=role, qualifier=None, rank=None,
                                               title=" ".join(text[before.start:end].split()),
                                               body_start=before.start, body_end=before.end),)
    after = _strip(text, start + len(verb.group()), end)[0] if verb else end
    after = _leading_the(text, after, end)
    after += len(m.group()) if (m := _POSSESSOR.match(text, after, end)) else 0  # "the parliament's"
    body = next((b for b in bodies if b.start == after and b.kind == "bodies"), None)
    if role is None or body is None:
        return ()
    title = " ".join(text[start:body.end].split())
    return (Post(role=role, qualifier=None, rank=None, title=title, body_start=body.start,
                 body_end=body.end),)


def posts_in_title(text: str, start: int, end: int, bodies: list[Candidate]) -> tuple[Post, ...]:
    """The posts of the title ``text[start:end]``; ``bodies`` are the bodies found in its
    sentence. A body named right before the title belongs to it ("SCO Secretary General",
    "the Organization's Secretary General", "Acting CSTO Secretary General")."""
    start, end = _strip(text, start, end)
    if text[start].islower() and text[start:end].split()[0] in _rules()["office_verbs"]:
        found = _verb_post(text, start, end, bodies)
        if found:  # else a noun: "head of the Department ..."
            return found
    start, owner = _with_body_before(text, start, bodies)
    title = " ".join(text[start:end].split())
    posts = [_office(text, a, b, bodies, title) for a, b in _pieces(text, start, end, bodies)]
    if owner is not None:  # the office of the body named before "whose"
        posts = [p._replace(body_start=owner.start, body_end=owner.end) if p and p.body_start is None
                 else p for p in posts]
    return tuple(p for p in posts if p is not None)
