"""Word lists and compiled matchers built once from the rule files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from csto_kb.rules_data import load_rules

KIND_OF_SECTION = {"bodies": "bodies", "forces": "forces", "operations": "operations"}


@dataclass(frozen=True)
class LexiconEntry:
    kind: str
    id: str
    name: str
    aliases: tuple[str, ...]
    aliases_ci: tuple[str, ...]
    match: bool


@dataclass(frozen=True)
class Vocabulary:
    title_words: frozenset[str]
    title_words_lower: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    speech_verbs: frozenset[str]
    given_names: frozenset[str]
    surname_endings: tuple[str, ...]
    patronymic_endings: tuple[str, ...]
    not_name_words: frozenset[str]
    byline_cues: tuple[tuple[str, ...], ...]
    geo_words: frozenset[str]
    country_of: dict  # lower-cased country name or adjective -> country key
    body_heads: frozenset[str]
    not_body_heads: frozenset[str]
    force_heads: frozenset[str]
    connectors: frozenset[str]
    leading_noise: frozenset[str]
    operation_cues: frozenset[str]
    operation_cue_blockers: frozenset[str]
    operation_cue_window: int
    not_operation_names: frozenset[str]
    lexicon: tuple[LexiconEntry, ...]
    lexicon_words: frozenset[str]  # every word of every lexicon alias


def _lexicon() -> tuple[LexiconEntry, ...]:
    data = load_rules("lexicon.yaml")
    entries = []
    for section, kind in KIND_OF_SECTION.items():
        for item in data.get(section) or []:
            entries.append(LexiconEntry(
                kind=kind, id=item["id"], name=item["name"],
                aliases=tuple(dict.fromkeys([item["name"], *(item.get("aliases") or [])])),
                aliases_ci=tuple(item.get("aliases_ci") or []),
                match=item.get("match", True),
            ))
    return tuple(entries)


@cache
def vocabulary() -> Vocabulary:
    """The rule files as sets and tuples, built once."""
    people = load_rules("people.yaml")
    patterns = load_rules("patterns.yaml")
    geo = load_rules("geo.yaml")
    country_of = {}
    for key, names in geo["countries"].items():
        for name in names:
            country_of[name.lower()] = key
            country_of[re.sub(r"^the ", "", name.lower())] = key
    lexicon = _lexicon()
    lexicon_words = {w for e in lexicon for a in e.aliases for w in re.findall(r"[\w'-]+", a)}
    geo_words = {w for names in geo["countries"].values() for n in names for w in n.split()}
    return Vocabulary(
        title_words=frozenset(people["title_words"]),
        title_words_lower=frozenset(people["title_words_lower"]),
        title_modifiers=frozenset(people["title_modifiers"]),
        honorifics=frozenset(people["honorifics"]),
        speech_verbs=frozenset(people["speech_verbs"]),
        given_names=frozenset(people["given_names"]),
        surname_endings=tuple(sorted(people["surname_endings"], key=len, reverse=True)),
        patronymic_endings=tuple(people["patronymic_endings"]),
        not_name_words=frozenset(people["not_name_words"]),
        byline_cues=tuple(tuple(c.split()) for c in people["byline_cues"]),
        geo_words=frozenset(geo_words - {"the", "of"}),
        country_of=country_of,
        body_heads=frozenset(patterns["body_heads"]),
        not_body_heads=frozenset(patterns["not_body_heads"]),
        force_heads=frozenset(patterns["force_heads"]),
        connectors=frozenset(patterns["connectors"]),
        leading_noise=frozenset(patterns["leading_noise"]),
        operation_cues=frozenset(patterns["operation_cues"]),
        operation_cue_blockers=frozenset(patterns["operation_cue_blockers"]),
        operation_cue_window=int(patterns["operation_cue_window"]),
        not_operation_names=frozenset(patterns["not_operation_names"]),
        lexicon=lexicon,
        lexicon_words=frozenset(lexicon_words),
    )
