"""Grouping person mentions: full names, surnames, first name + patronymic, initials,
within a document first, then across documents by transliteration-aware keys."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from csto_kb.extraction.people import is_patronymic, name_parts
from csto_kb.extraction.tokens import is_all_caps
from csto_kb.extraction.vocab import vocabulary
from csto_kb.model import Mention
from csto_kb.resolution.keys import given_name_key, translit_key


@dataclass
class PersonGroup:
    first: str | None  # translit key of the first name, or its initial ("t."), or None
    last: str | None  # translit key of the surname, None for "First Patronymic" alone
    mentions: list[Mention] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)  # names repeat across documents; the rules are fixed
def _parts(text: str) -> tuple[str | None, str | None, bool]:
    """(first key, last key, is a first-name-and-patronymic form) of a person's name."""
    initials, words = name_parts(text)
    if len(words) >= 2 and words[-1] in vocabulary().name_suffixes:
        words = [*words[:-2], f"{words[-2]} {words[-1]}"]  # "Turgunbek uulu" is one surname
    if not words:
        return None, translit_key(text), False
    if not initials and len(words) == 2 and is_patronymic(words[1], vocabulary()):
        return given_name_key(words[0]), None, True
    words = [w for w in words if not is_patronymic(w, vocabulary()) or w is words[-1]]
    if len(words) >= 2 and _surname_first(words):
        words = words[1:] + words[:1]  # "Tasmagambetov Imangali Nurgalievich"
    last = translit_key(words[-1])
    if initials:  # the first initial as the given names are keyed: "Yu.G." and "Yuri" meet
        first = initials.split(".")[0].split("-")[0]
        return (given_name_key(first)[:1] or first[:1].lower()) + ".", last, False
    if len(words) == 1:
        return None, last, False
    return given_name_key(words[0]), last, False


def _surname_first(words: list[str]) -> bool:
    """Whether a name is written surname first: a known given name after a surname."""
    v = vocabulary()
    return words[0].split("-")[0] not in v.given_names and words[1].split("-")[0] in v.given_names


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return (a.endswith(".") or b.endswith(".")) and a[0] == b[0]


def _group_document(mentions: list[Mention]) -> list[PersonGroup]:
    groups: list[PersonGroup] = []
    pending: list[tuple[Mention, str | None, str | None, bool]] = []
    for m in mentions:
        first, last, patronymic = _parts(m.long_form or m.text)
        if first is not None and last is not None:
            _add(groups, m, first, last)
        else:
            pending.append((m, first, last, patronymic))
    # a "First -ovich" stated with a title somewhere in the document is a full name there
    # ("State Secretary ... Alexander Volfovich"), not an address ("Alexander Grigorievich,")
    titled = {m.text for m, _, _, patronymic in pending if patronymic and m.title}
    for m, first, last, patronymic in pending:
        if patronymic:  # an address ("Stanislav Vasilievich,"), never stated with a title
            match = [g for g in groups if g.first and _compatible(g.first, first)] if m.text not in titled else []
            if len(match) > 1:  # the interview's subject, named first ("Alexander Volfovich: ...")
                match = [min(match, key=lambda g: min(x.start for x in g.mentions))]
        else:
            match = [g for g in groups if g.last == last]
        if len(match) == 1:
            match[0].mentions.append(m)
        elif patronymic:  # no one of that first name: a surname like Valfovich
            _add(groups, m, first, translit_key(m.text.split()[-1]))
        else:
            _add(groups, m, first, last)
    return groups


def _add(groups: list[PersonGroup], m: Mention, first: str | None, last: str | None) -> None:
    for g in groups:
        if g.last == last and _compatible(g.first, first) and (first or g.first or g.last):
            g.mentions.append(m)
            if g.first is None or (g.first.endswith(".") and first and not first.endswith(".")):
                g.first = first
            return
    groups.append(PersonGroup(first, last, [m]))


def group_people(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of people grouped into one list per person, deterministic order."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.source].append(m)
    people: list[PersonGroup] = []
    partial: list[PersonGroup] = []
    for source in sorted(by_doc):
        for g in _group_document(by_doc[source]):
            (people if g.first and g.last else partial).append(g)
    merged: list[PersonGroup] = []
    by_last: dict[str | None, list[PersonGroup]] = defaultdict(list)  # merged, by surname
    near: dict[str, list[PersonGroup]] = defaultdict(list)  # merged, by surname less a letter

    def keep(group: PersonGroup) -> None:
        merged.append(group)
        by_last[group.last].append(group)
        for variant in _one_letter_less(group.last):
            near[variant].append(group)

    def misspelt(g: PersonGroup) -> list[PersonGroup]:
        """The people whose surname is ``g``'s but for one letter (a typo, a look-alike)."""
        found = {id(p): p for v in _one_letter_less(g.last) for p in near[v]
                 if p.last != g.last and not _gendered_pair(p.last, g.last)}
        return list(found.values())

    for g in people:
        same = [p for p in by_last[g.last] if _compatible(p.first, g.first)]
        same = same or [p for p in misspelt(g) if p.first and _compatible(p.first, g.first)]
        if len(same) == 1:
            same[0].mentions += g.mentions
        else:
            keep(PersonGroup(g.first, g.last, list(g.mentions)))
    for g in partial:  # a surname alone joins the one person of that surname, if only one
        same = by_last[g.last] if g.last is not None else []
        same = same or (misspelt(g) if g.last is not None else [])
        if len(same) == 1:
            same[0].mentions += g.mentions
        else:
            keep(g)
    return [g.mentions for g in _addresses_joined(merged)]


@lru_cache(maxsize=1 << 16)
def _given_and_patronymics(text: str) -> frozenset[tuple[str, str]]:
    """(first key, patronymic key) of each given name followed by a patronymic in a name:
    "Imangali Nurgalievich Tasmagambetov" and "Imangali Nurgalievich" both give one."""
    initials, words = name_parts(text)
    if initials:
        return frozenset()
    return frozenset((given_name_key(a), translit_key(b)) for a, b in zip(words, words[1:])
                     if is_patronymic(b, vocabulary()) and not is_patronymic(a, vocabulary()))


def _addresses_joined(groups: list[PersonGroup]) -> list[PersonGroup]:
    """A person named only by first name and patronymic ("K: Imangali Nurgalievich's term
    ends") joins the one person whose full name elsewhere holds the same two names."""
    def address(g: PersonGroup) -> tuple[str, str] | None:
        keys = {k for m in g.mentions for k in _given_and_patronymics(m.text)}
        return next(iter(keys)) if len(keys) == 1 and all(len(m.text.split()) == 2 for m in g.mentions) else None
    addresses = [address(g) for g in groups]
    holders: dict[tuple[str, str], list[PersonGroup]] = defaultdict(list)
    for g, named in zip(groups, addresses):
        if named is None:
            for key in {k for m in g.mentions for k in _given_and_patronymics(m.text)}:
                holders[key].append(g)
    out = []
    for g, named in zip(groups, addresses):
        if named is not None and len(holders[named]) == 1:
            holders[named][0].mentions += g.mentions
        else:
            out.append(g)
    return out


MIN_MISSPELT = 6  # shorter surnames differ by a letter too often to be typos


def _one_letter_less(last: str | None) -> set[str]:
    """A surname key with each of its letters left out in turn: two keys one edit apart
    share one of these (or one is the other's)."""
    if last is None or len(last) < MIN_MISSPELT or " " in last:
        return set()
    return {last} | {last[:i] + last[i + 1:] for i in range(len(last))}


def _gendered_pair(a: str | None, b: str | None) -> bool:
    """Ivanov and Ivanova: a man's and a woman's surname, never a typo."""
    return a is not None and b is not None and (a + "a" == b or b + "a" == a)


def person_name(mentions: list[Mention]) -> str:
    """The canonical name: the most frequent full name (first and last name), longest on ties."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        form = " ".join(m.text.split())
        words = form.split()
        if len(words) >= 2 and not is_patronymic(words[-1], vocabulary()) \
                and not any(is_all_caps(w) for w in words):
            counts[form] += 1
    if not counts:
        for m in mentions:
            counts[" ".join((m.long_form or m.text).split())] += 1
    return sorted(counts, key=lambda f: (-counts[f], -len(f), f))[0]
