"""Grouping mentions of bodies, forces and operations: lexicon ids, normal forms,
abbreviations and translations defined in brackets, transliterations of names."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from csto_kb.extraction.organisations import is_generic_name
from csto_kb.model import Mention
from csto_kb.resolution.abbreviations import bracketed_pairs, spelled_out
from csto_kb.resolution.keys import (
    bag_of_words,
    countries_in,
    dateline_country,
    lexicon_index,
    names_home,
    organisation_key,
    translit_key,
)
from csto_kb.rules_data import load_rules


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the lexicon id (or the smaller key) becomes the root: deterministic
            keep, drop = sorted((ra, rb), key=lambda k: (not k.startswith("lex:"), k))
            self.parent[drop] = keep


def name_form(kind: str, name: str) -> str:
    """The normal form of a name: transliteration-aware for operations ("Naemnik" =
    "Nayemnik"; an exercise series under its English name: "Vzaimodeistvie-2025" =
    "Interaction-2025"), spelling-normalised for bodies and forces."""
    if kind != "operations":
        return organisation_key(name)
    form = translit_key(name)
    year = _YEAR.search(form)
    base = form[:year.start()] if year else form
    return _series_names().get(base, base) + (year.group() if year else "")


_YEAR = re.compile(r" (?:19|20)\d\d$")


@cache
def _series_names() -> dict[str, str]:
    """The normal form of each name of an exercise series -> that of its English name."""
    groups = load_rules("translit.yaml").get("equivalent_operation_names") or []
    return {translit_key(name): translit_key(group[0]) for group in groups for name in group}


@lru_cache(maxsize=1 << 16)  # the same names in every document; the rules are fixed
def name_key(kind: str, name: str) -> str:
    """The key of a name of ``kind``: "lex:<id>" when the lexicon knows it."""
    form = name_form(kind, name)
    index = lexicon_index()
    known = index.get((kind, form)) or index.get((kind, organisation_key(name))) or (
        index.get((kind, bag_of_words(f"{kind}:{form}"))) if kind != "operations" else None)
    return f"lex:{known}" if known else f"{kind}:{form}"


Names = dict[str, dict[str, list[tuple[int, str]]]]
Qualified = tuple[str | None, str | None]  # the keys a generic name's sentence, or paragraph, gives


def _document_names(mentions: list[Mention], qualified_keys: list[Qualified]) -> Names:
    """Per document: the shorter forms a name found there may take, with the places and
    keys of the longer names ("National Assembly" <- "National Assembly of Armenia";
    "the Foreign Ministry" <- "the Russian Foreign Ministry"; an exercise series
    "Interaction" <- "Interaction-2023")."""
    shorter: Names = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        if m.long_form or (m.key and not _lexicon_name(m)):
            continue
        key = f"lex:{m.key}" if m.key else name_key(m.kind, m.text)
        form = name_form(m.kind, m.text)
        year = re.search(r" (?:19|20)\d\d$", form) if m.kind == "operations" else None
        if year and (m.kind, form[:year.start()]) not in lexicon_index():
            shorter[m.source][form[:year.start()]].append((m.start, key))  # not a standing one
        if key.startswith("bodies:ministry-") and not key.endswith("-?"):
            shorter[m.source][key.split(":", 1)[1].rsplit("-", 1)[0] + "-?"].append((m.start, key))
        for short in _short_forms(form) if m.kind != "operations" else ():
            shorter[m.source][short].append((m.start, key))
    for m, (qualified, _) in zip(mentions, qualified_keys):
        if qualified:
            shorter[m.source][_generic_form(m)].append((m.start, qualified))
    return shorter


def _lexicon_name(m: Mention) -> bool:
    """Whether a lexicon mention names its entry in full, country and all ("State Committee
    for National Security of the Republic of Tajikistan"), so that its document's shorter
    forms of it stand for it."""
    return bool(m.key) and m.kind != "operations" and " of " in m.text \
        and lexicon_index().get((m.kind, organisation_key(m.text))) == m.key


def _generic_form(m: Mention) -> str:
    key = name_key(m.kind, m.text)
    return key.split(":", 1)[1] if key.endswith("-?") else name_form(m.kind, m.text)


def _qualified_keys(mentions: list[Mention]) -> list[Qualified]:
    """For each mention of a generic name, the key of the country's its sentence names
    alone, outside the other names there ("speaking in the National Assembly, Pashinyan
    said that Armenia would leave": Armenia's National Assembly), and when the sentence
    names none, of the country the paragraph named alone before it (which gives way to a
    longer name in the document). The countries are looked for only in the paragraphs of
    such mentions (a few hundred sentences of ten thousand)."""
    generic = [_qualifiable(m) for m in mentions]
    paragraphs = {(m.source, m.paragraph) for m, g in zip(mentions, generic) if g}
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    sentences: dict[tuple[str, int], Mention] = {}
    for m in mentions:
        if (m.source, m.paragraph) in paragraphs:
            spans[m.source, m.sentence_start].append((m.start, m.end))
            sentences.setdefault((m.source, m.sentence_start), m)
    owners = {place: _owners(m, spans[place]) for place, m in sentences.items()}
    before: dict[tuple[str, int], set[str]] = {}  # the countries of a paragraph's earlier sentences
    named: dict[tuple[str, int], set[str]] = defaultdict(set)
    for place, m in sorted(sentences.items()):
        before[place] = set(named[m.source, m.paragraph])
        named[m.source, m.paragraph] |= owners[place]
    out: list[Qualified] = []
    for m, g in zip(mentions, generic):
        if not g:
            out.append((None, None))
            continue
        own, earlier = owners[m.source, m.sentence_start], before[m.source, m.sentence_start]
        out.append((_qualified_key(m, next(iter(own))) if len(own) == 1 else None,
                    _qualified_key(m, next(iter(earlier))) if not own and len(earlier) == 1 else None))
    return out


def _owners(m: Mention, names: list[tuple[int, int]]) -> set[str]:
    """The countries a mention's sentence names as owners, outside the names in it (the
    countries of other names are theirs: "of the Republic of Belarus")."""
    rest = list(m.sentence)
    for start, end in names:
        rest[start - m.sentence_start:end - m.sentence_start] = " " * (end - start)
    dateline = dateline_country(m.sentence)
    return countries_in("".join(rest)) | ({dateline} if dateline else set())


def _qualifiable(m: Mention) -> bool:
    """Whether a country named beside ``m`` can tell whose it is: a generic name, not
    the lexicon's ("the Security Council", "the Foreign Ministry")."""
    if m.key or m.long_form or m.kind == "operations":
        return False
    key = name_key(m.kind, m.text)
    return not key.startswith("lex:") and (key.endswith("-?") or is_generic_name(m.text))


def _qualified_key(m: Mention, country: str) -> str | None:
    return name_key(m.kind, f"{m.text} of {country}") if _qualifiable(m) else None


def _short_forms(form: str) -> set[str]:
    """The shorter names a body's name may take in its document: what comes before each
    " of ", " on " or " for " ("standing commission" <- "standing commission on defence
    and security issues"), and its head with its topic ("council on countering illegal
    migration" <- "coordination council of heads of competent authorities on countering
    illegal migration")."""
    out = {form[:m.start()] for m in re.finditer(r" (?:of|on|for) ", form)}
    head = form.split(" of ")[0]
    topic = re.search(r" (?:on|for) (?!the\b).+?(?= of |$)", form)
    if topic and " of " in form[:topic.start()]:
        out |= {head + topic.group(), head.split()[-1] + topic.group()}
    # "the Border Service" <- "the State Border Service"
    status = re.match(r"(?:state|national|federal) (?=\w+ \w)", form)
    if status:
        out |= {s[status.end():] for s in out | {form} if s.startswith(status.group())}
    return out


def _longer_name(m: Mention, places: list[tuple[int, str]], own: str) -> str | None:
    """The longer name a short form stands for: the only one in the document, or else
    the one named last before it."""
    keys = {k for _, k in places} - {own}
    if len(keys) == 1:
        return next(iter(keys))
    before = [(start, k) for start, k in places if start < m.start and k != own]
    return max(before)[1] if before else None


def _mention_key(m: Mention, shorter: Names, qualified: Qualified) -> str:
    if m.key and m.key.startswith("mission-"):
        return f"{m.kind}:{m.key}"
    if qualified[0]:
        return qualified[0]
    key = f"lex:{m.key}" if m.key else name_key(m.kind, m.text)
    if m.key and names_home(m.text):
        return key  # "CSTO Parliamentary Assembly" is no short form of another's "Parliamentary Assembly of ..."
    form = key.split(":", 1)[1] if key.endswith("-?") else name_form(m.kind, m.text)
    series = m.kind == "operations" and _series_word().search(m.sentence)
    longer = None if series else _longer_name(m, shorter[m.source].get(form, []), key)
    if longer or qualified[1]:
        return longer or qualified[1] or key
    return _own_key(key, m.text, m.source)


def _own_key(key: str, text: str, source: str) -> str:
    if key.endswith("-?") or (not key.startswith("lex:") and is_generic_name(text)):
        return f"{key}@{source}"  # "the Foreign Ministry", "the Security Council": its document's own
    return key


@cache
def _series_word() -> re.Pattern:
    """Words that make an exercise's bare name the series, not its edition of the year
    ("yearly series of drills such as 'Interaction'")."""
    words = load_rules("patterns.yaml").get("series_words") or []
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b" if words else r"(?!)", re.IGNORECASE)


def group_organisations(mentions: list[Mention]) -> list[tuple[str | None, list[Mention]]]:
    """Mentions of bodies, forces or operations (one kind) grouped per entity, each group
    with its lexicon id when the lexicon knows it."""
    qualified_keys = _qualified_keys(mentions)
    shorter = _document_names(mentions, qualified_keys)
    uf = _UnionFind()
    keys = []
    for m, qualified in zip(mentions, qualified_keys):
        key = _mention_key(m, shorter, qualified)
        keys.append(key)
        uf.find(key)
        if m.long_form:
            uf.union(key, name_key(m.kind, m.long_form))
    pairs = bracketed_pairs(mentions)
    for a, b in pairs:
        if not (keys[a].startswith("lex:") and keys[b].startswith("lex:")):
            uf.union(keys[a], keys[b])  # two known names are two entities ("Council (CSTO)")
    for i, spelled in spelled_out(mentions, pairs):  # "Coordination Service of the CCBT"
        uf.union(keys[i], _own_key(name_key(mentions[i].kind, spelled), spelled, mentions[i].source))
    for key in set(keys):
        if not key.startswith("lex:") and not key.startswith("operations:"):
            uf.union(key, bag_of_words(key))  # "Council of Ministers of Defence" = "... Defence Ministers"
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m, key in zip(mentions, keys):
        groups[uf.find(key)].append(m)
    return [(k[4:] if k.startswith("lex:") else None, groups[k]) for k in sorted(groups)]
