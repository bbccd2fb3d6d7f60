"""Operations, exercises and missions: quoted names after a cue word, names with a
year, "Operation X", and "<org> peacekeeping mission in <country>"."""

from __future__ import annotations

import re
from functools import cache

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.vocab import vocabulary
from csto_kb.rules_data import load_rules

_QUOTED = re.compile(r"[\"“‘'«]([A-Z][^\"“”‘’'«»\n]{1,60}?)[\"”’'»]")
_TRANSLATION = re.compile(r"\s*\(\s*[\"“‘'«]?([A-Z][^\"“”‘’'«»()\n]{1,60}?)[\"”’'»]?\s*\)")
# Between two quoted names of a list, also what the one before is against or about
# ('the operations "Channel" against drug trafficking and "Illegal" against ...').
_LIST_GAP = re.compile(r"(?:\s+(?:against|on|for|in)\s+[^\"“”«»,;.()]{1,60}?)?\s*(?:,\s*and|,|and)\s*$")
_WITH_YEAR = re.compile(  # "Interaction-2024", "PROXY-2024", "Unbreakable Brotherhood – 2024"
    r"(?<![\w-])((?:[A-Z][a-z]+[ -]){0,3}(?:[A-Z][a-z]+|[A-Z]{3,}))(?:-| [–—-] )(?:19|20)\d\d(?![\w-])")
_YEAR_BEFORE_CUE = re.compile(  # "the Eagle Partner 2023 exercise", "Kanal-Legion 2024 anti-drug operation"
    r"(?<![\w-])((?:[A-Z][a-z]+[ -]){1,3}(?:19|20)\d\d)(?= (?:[a-z]+-?[a-z]+ ){0,2}(?:exercises?|drills?|"
    r"trainings?|manoeuvres|maneuvers|operations?)\b)")
_NAMED = re.compile(r"\b(?:Operation|Exercise)s? ([A-Z][\w-]+(?: [A-Z][\w-]+){0,2})")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"}


@cache
def _mission() -> re.Pattern:
    return re.compile(
        r"(?:\b(?P<org>[A-Z]{2,6}) )?(?:(?P<qual>peacekeeping|counter-terrorist|military|"
        r"humanitarian|observer|monitoring) )?(?P<word>[Mm]ission|operation) (?:in|to) "
        r"(?P<place>(?:the )?(?:Republic of |Kyrgyz Republic|Russian Federation)?[A-Z][a-z]+)")


def _cue_positions(text: str, start: int, end: int) -> list[int]:
    v = vocabulary()
    out = []
    for m in re.finditer(r"[A-Za-z]+", text[start:end]):
        if m.group() in v.operation_cues:
            nxt = re.match(r"\s+([a-z]+)", text[start + m.end():end])
            if nxt and nxt.group(1) in v.operation_cue_blockers:
                continue
            out.append(start + m.end())
    return out


def _quoted_after(text: str, pos: int, end: int) -> list[Candidate]:
    """Quoted names in a list right after a cue, each with its bracketed translation."""
    v = vocabulary()
    found: list[Candidate] = []
    window_end = pos
    for _ in range(v.operation_cue_window):
        m = re.compile(r"\s*\S+").match(text, window_end, end)
        if not m:
            break
        window_end = m.end()
    cursor = pos
    while True:
        q = _QUOTED.search(text, cursor, end)
        if not q or (not found and q.start() > window_end):
            break
        if found and not _LIST_GAP.fullmatch(text[cursor:q.start()]) and text[cursor:q.start()].strip():
            break
        name = Candidate("operations", q.start(1), q.end(1), rule="pattern")
        found.append(name)
        cursor = q.end()
        t = _TRANSLATION.match(text, cursor, end)
        if t:
            found.append(Candidate("operations", t.start(1), t.end(1), rule="pattern",
                                   long_form=text[name.start:name.end]))
            cursor = t.end()
    return found


@cache
def _before_cue() -> re.Pattern:
    """"the Rubezh exercises", "the CSTO Kanal-Legion operation", "its annual Kanal operation"."""
    words = load_rules("patterns.yaml").get("operation_adjectives") or []
    adjective = rf"(?: (?:{'|'.join(map(re.escape, words))}))?" if words else ""
    caps = "|".join(sorted(re.escape(n) for n in _standing_names() if n.isupper()))
    # (a look-ahead: "The Secretariat pushed | the PROXY cyber operation" overlap)
    return re.compile(rf"\b(?=(?:[Tt]he|its|their)(?: CSTO(?:['’]s)?)?{adjective}"
                      rf" ((?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|{caps or '(?!)'})"
                      r" ([a-z]+)(?: ([a-z]+))?)")  # an all-caps name: a standing one ("PROXY")
_UNQUOTED = re.compile(r"\s+((?:[A-Z][\w’'-]*)(?:(?:\s+| [–—] )[A-Z][\w’'-]*){0,2})")  # "Kanal – Pamir"


@cache
def _series_words() -> frozenset[str]:
    """The words of the CSTO's exercise series' names (``translit.yaml``)."""
    groups = load_rules("translit.yaml").get("equivalent_operation_names") or []
    return frozenset(word for group in groups for name in group for word in name.split())


@cache
def _standing_names() -> frozenset[str]:
    """The names of the standing operations of the lexicon ("PROXY", "Kanal")."""
    standing = load_rules("lexicon.yaml").get("operations") or []
    return frozenset(name for e in standing for name in [e["name"], *e.get("aliases", [])])


@cache
def _series_before_cue() -> re.Pattern:
    """A series' name before its cue, with no article ("Rubezh exercises with the CRDF",
    "the Rubezh (Frontier) series of exercises"), or with a year after a space ("Interaction
    2024")."""
    groups = load_rules("translit.yaml").get("equivalent_operation_names") or []
    alt = "|".join(re.escape(n) for n in sorted({n for g in groups for n in g}, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<name>{alt})(?:(?P<year> (?:19|20)\d\d)(?![\w-])|"
                      r"(?: \((?P<translation>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\))?"
                      r"(?: series of)? (?P<cue>[a-z]+)(?: (?P<next>[a-z]+))?)")


def _series_names_before_cue(text: str, start: int, end: int) -> list[Candidate]:
    """Series' names before a cue; at a sentence's start only their other-language names
    ("Rubezh exercises remain", but not "Search operations continued")."""
    v = vocabulary()
    groups = load_rules("translit.yaml").get("equivalent_operation_names") or []
    english = {g[0] for g in groups}
    found = []
    for m in _series_before_cue().finditer(text, start, end):
        if m.group("year"):  # "During Interaction 2024, the troops"
            found.append(Candidate("operations", m.start("name"), m.end("year")))
            continue
        if m.group("cue") not in v.operation_cues or m.group("next") in v.operation_cue_blockers \
                or (not text[start:m.start()].strip(" \"'“‘") and m.group("name") in english):
            continue
        found.append(Candidate("operations", m.start("name"), m.end("name")))
        if m.group("translation"):
            found.append(Candidate("operations", m.start("translation"), m.end("translation"),
                                   long_form=m.group("name")))
    return found


def _plain_name_word(word: str) -> bool:
    """A capitalised word that may name an operation: no title, country, month, stock
    phrase word or name of the lexicon."""
    from csto_kb.extraction.people import is_title_word

    v = vocabulary()
    if word in _series_words() or word in _standing_names():
        return True  # "the exercise Indestructible Brotherhood 2024", "the operation Channel"
    return not (word in v.not_name_words or word in v.geo_words or word in _MONTHS
                or is_title_word(word, v) or (word.isupper() and word in v.lexicon_words) or word in v.body_heads
                or word in v.force_heads)


@cache
def _naming_word() -> re.Pattern:
    words = load_rules("patterns.yaml").get("naming_words") or []
    return re.compile(r",?\s+(?:" + "|".join(map(re.escape, words)) + r")(?=\s)" if words else r"(?!)")


def _named_after(text: str, pos: int, end: int) -> list[Candidate]:
    """A name without quotes right after a lower-case cue, with its translation in
    brackets: "the operation Channel-Centre", "the operation Kanal (Channel)"."""
    if not text[pos - 1].islower():
        return []  # "Operation X" is found by _NAMED
    naming = _naming_word().match(text, pos, end)  # "exercises dubbed Cooperation 2024"
    m = _UNQUOTED.match(text, naming.end() if naming else pos, end)
    if not m:
        return []
    words = m.group(1).split()
    while words and not _plain_name_word(words[-1]):
        words.pop()  # "the exercise Interaction Minister Khrenin said"
    if not words or not _plain_name_word(words[0]):
        return []
    name_end = m.start(1) + len(" ".join(words))
    year = re.match(r" (?:19|20)\d\d(?![\w-])", text[name_end:end])
    if year:  # "the exercise Interaction 2019"
        name_end += year.end()
    found = [Candidate("operations", m.start(1), name_end)]
    t = _TRANSLATION.match(text, name_end, end)
    if t:
        found.append(Candidate("operations", t.start(1), t.end(1), long_form=" ".join(words)))
    return found


def find_operations(text: str, start: int, end: int) -> list[Candidate]:
    """Operation candidates in ``text[start:end]`` (one sentence)."""
    v = vocabulary()
    found: list[Candidate] = []
    for pos in _cue_positions(text, start, end):
        found += _named_after(text, pos, end) or _quoted_after(text, pos, end)
    for m in _before_cue().finditer(text, start, end):  # "the Rubezh exercises"
        words = m.group(1).replace("-", " ").split()
        cue = (m.group(2) in v.operation_cues and m.group(3) not in v.operation_cue_blockers) \
            or m.group(3) in v.operation_cues  # "the Indestructible Brotherhood peacekeeping drills"
        if cue and all(_plain_name_word(w) for w in words) \
                and (" " not in m.group(1) or all(w in _series_words() for w in words)):
            found.append(Candidate("operations", m.start(1), m.end(1)))
    found += _series_names_before_cue(text, start, end)
    for q in _QUOTED.finditer(text, start, end):  # "the 'Interaction' drills"
        after = re.match(r"\s+([A-Za-z]+)(?:\s+([a-z]+))?", text[q.end():end])
        if after and after.group(1) in v.operation_cues \
                and after.group(2) not in v.operation_cue_blockers:
            found.append(Candidate("operations", q.start(1), q.end(1)))
    for m in _WITH_YEAR.finditer(text, start, end):
        words = m.group(1).replace("-", " ").split()
        heads = [n for n, w in enumerate(words[:-1]) if w in v.force_heads or w in v.body_heads]
        if heads:  # "the Collective Rapid Reaction Forces Interaction-2025": the forces' exercise
            words = words[heads[-1] + 1:]
        while words and (words[0] in v.leading_noise or words[0] in v.operation_cues):
            words.pop(0)  # "Operation Channel-Legion-2024" is named "Channel-Legion-2024"
        if not words or words[0] in _MONTHS or any(w in v.not_operation_names for w in words) \
                or (words[-1].isupper() and words[-1] in v.lexicon_words
                    and words[-1] not in _standing_names()):  # "SCO-2025": a summit's year
            continue
        found.append(Candidate("operations", m.start() + m.group().index(words[0]), m.end()))
    for m in _YEAR_BEFORE_CUE.finditer(text, start, end):  # "the Eagle Partner 2023 exercise"
        words = m.group(1).split()
        if words[0] in v.leading_noise and len(words) > 2:  # "The Frontier 2022 drills"
            words = words[1:]
        if words[0] not in v.leading_noise and words[0] not in _MONTHS \
                and not any(w in v.not_operation_names for w in words):
            found.append(Candidate("operations", m.end(1) - len(" ".join(words)), m.end(1)))
    for m in _NAMED.finditer(text, start, end):
        found.append(Candidate("operations", m.start(1), m.end(1)))
    for m in _mission().finditer(text, start, end):
        place = re.sub(r"^the ", "", m.group("place"))
        country = v.country_of.get(place.lower())
        if not country or (m.group("word") == "operation" and not (m.group("org") or m.group("qual"))) \
                or (m.group("word") == "Mission" and not m.group("org")):
            continue
        if m.group("org") and m.group("org") not in v.lexicon_words:
            continue
        org = (m.group("org") or v.mission_default_org).lower()
        found.append(Candidate("operations", m.start(), m.end(), key=f"mission-{org}-{country}"))
    return found


_YEAR_SUFFIX = re.compile(r"[ -–](?:19|20)\d\d$")


@cache
def _standing_operations() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Folded name of each standing operation of the lexicon -> (its id, all its names)."""
    from csto_kb.resolution.keys import translit_key

    out = {}
    for entry in vocabulary().lexicon:
        if entry.kind == "operations":
            for alias in entry.aliases:
                out[translit_key(alias)] = (entry.id, entry.aliases)
    return out


def standing_operation_names(text: str, found: list[Candidate]) -> dict[str, Candidate]:
    """The names of the standing operations (rules/lexicon.yaml) whose yearly edition or
    own name a document states ("Kanal-2012", "the operation 'Channel'"): there their
    bare names ("Channel", "Nelegal"), too common to look for anywhere, are the operation."""
    from csto_kb.resolution.keys import translit_key

    words: dict[str, Candidate] = {}
    for c in found:
        base = _YEAR_SUFFIX.sub("", text[c.start:c.end])
        known = _standing_operations().get(translit_key(base))
        if known:
            lex_id, names = known
            for name in names:
                words.setdefault(name, Candidate("operations", 0, 0, key=lex_id, rule="lexicon"))
    return words
