"""Word lists and compiled matchers built once from the rule files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from csto_kb.rules_data import load_rules

KIND_OF_SECTION = {"bodies": "bodies", "forces": "forces", "operations": "operations"}
_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass(frozen=True)
class LexiconEntry:
    kind: str
    id: str
    name: str
    aliases: tuple[str, ...]
    aliases_ci: tuple[str, ...]
    match: bool
    context_aliases: tuple[str, ...] = ()  # names that stand for it where ``context`` is named
    context: str = ""  # the lexicon id a document must name for the context aliases


@dataclass(frozen=True)
class Vocabulary:
    title_words: frozenset[str]
    title_words_lower: frozenset[str]
    office_topics_lower: frozenset[str]
    title_modifiers: frozenset[str]
    post_qualifiers_lower: frozenset[str]
    honorifics: frozenset[str]
    speech_verbs: frozenset[str]
    given_names: frozenset[str]
    family_names_first: frozenset[str]
    surname_endings: tuple[str, ...]
    patronymic_endings: tuple[str, ...]
    name_suffixes: frozenset[str]
    place_nouns: frozenset[str]  # "Shamsiddin Shohin district": a place, not a person
    not_name_words: frozenset[str]
    not_name_endings: tuple[str, ...]
    byline_cues: tuple[tuple[str, ...], ...]
    description_nouns: frozenset[str]
    headline_verbs: frozenset[str]
    geo_words: frozenset[str]
    country_of: dict  # lower-cased country name or adjective -> country key
    body_heads: frozenset[str]
    not_body_heads: frozenset[str]
    force_heads: frozenset[str]
    place_heads: frozenset[str]
    generic_words: frozenset[str]
    standalone_heads: frozenset[str]
    field_words: frozenset[str]
    under_heads: frozenset[str]
    modified_nouns: frozenset[str]
    force_heads_need_modifier: frozenset[str]
    unit_heads: frozenset[str]
    parent_force_heads: frozenset[str]
    number_signs: frozenset[str]
    document_heads: frozenset[str]
    with_nouns: frozenset[str]
    place_words: frozenset[str]
    connectors: frozenset[str]
    not_complements: frozenset[str]
    leading_noise: frozenset[str]
    modifier_endings: tuple[str, ...]
    operation_cues: frozenset[str]
    operation_cue_blockers: frozenset[str]
    operation_cue_window: int
    not_operation_names: frozenset[str]
    mission_default_org: str
    lexicon: tuple[LexiconEntry, ...]
    lexicon_words: frozenset[str]  # every word of every lexicon alias
    # what the word tests of people.py found for a word, by test: they run for every token
    memo: dict[str, dict[str, bool]] = field(init=False, default_factory=dict, compare=False,
                                             repr=False)


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
                context_aliases=tuple(item.get("context_aliases") or []),
                context=item.get("context") or item["id"],
            ))
    return tuple(entries)


def _words(data: dict, key: str, source: str) -> frozenset[str]:
    """A list of words from a rule file; a non-string (YAML reads a bare on/no/yes as a
    boolean) is an error naming the file, so a rule never silently goes missing."""
    words = data.get(key) or []
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"rules/{source}: {key}: {bad[0]!r} is not a word (quote it)")
    return frozenset(words)


@cache
def vocabulary() -> Vocabulary:
    """The rule files as sets and tuples, built once."""
    people = load_rules("people.yaml")
    patterns = load_rules("patterns.yaml")
    geo = load_rules("geo.yaml")
    country_of = {}
    for key, names in geo["countries"].items():
        for name in names:
            bare = re.sub(r"^the ", "", name.lower())
            country_of[name.lower()] = key
            country_of[bare] = key
            country_of[_POSSESSIVE.sub("", bare)] = key  # as name keys read it, without the 's
    lexicon = _lexicon()
    lexicon_words = {w for e in lexicon for a in e.aliases for w in re.findall(r"[\w'-]+", a)}
    # "People's Republic of China": "People" too, which the tokenizer parts from its "'s"
    geo_words = {w for names in geo["countries"].values() for n in names
                 for w in n.split() + _POSSESSIVE.sub("", n).split()}
    return Vocabulary(
        title_words=_words(people, "title_words", "people.yaml"),
        title_words_lower=_words(people, "title_words_lower", "people.yaml"),
        office_topics_lower=_words(people, "office_topics_lower", "people.yaml"),
        title_modifiers=_words(people, "title_modifiers", "people.yaml"),
        post_qualifiers_lower=frozenset(w for q in _words(people, "post_qualifiers", "people.yaml")
                                        for w in q.split()),  # "newly appointed": both words
        honorifics=_words(people, "honorifics", "people.yaml"),
        speech_verbs=_words(people, "speech_verbs", "people.yaml"),
        given_names=_words(people, "given_names", "people.yaml"),
        family_names_first=_words(people, "family_names_first", "people.yaml"),
        surname_endings=tuple(sorted(people["surname_endings"], key=len, reverse=True)),
        patronymic_endings=tuple(people["patronymic_endings"]),
        name_suffixes=frozenset(people["name_suffixes"]),
        place_nouns=frozenset(people.get("place_nouns") or []),
        not_name_words=_words(people, "not_name_words", "people.yaml")
        | _words(people, "media_words", "people.yaml") | _words(people, "headline_verbs", "people.yaml"),
        not_name_endings=tuple(sorted(_words(people, "not_name_endings", "people.yaml"))),
        byline_cues=tuple(tuple(c.split()) for c in people["byline_cues"]),
        description_nouns=_words(people, "description_nouns", "people.yaml"),
        headline_verbs=_words(people, "headline_verbs", "people.yaml"),
        geo_words=frozenset(geo_words - {"the", "of"}),
        country_of=country_of,
        body_heads=_words(patterns, "body_heads", "patterns.yaml"),
        not_body_heads=_words(patterns, "not_body_heads", "patterns.yaml"),
        force_heads=_words(patterns, "force_heads", "patterns.yaml"),
        place_heads=_words(patterns, "place_heads", "patterns.yaml"),
        generic_words=_words(patterns, "generic_words", "patterns.yaml"),
        standalone_heads=_words(patterns, "standalone_heads", "patterns.yaml"),
        field_words=_words(patterns, "field_words", "patterns.yaml"),
        under_heads=_words(patterns, "under_heads", "patterns.yaml"),
        modified_nouns=_words(patterns, "modified_nouns", "patterns.yaml"),
        force_heads_need_modifier=_words(patterns, "force_heads_need_modifier", "patterns.yaml"),
        unit_heads=_words(patterns, "unit_heads", "patterns.yaml"),
        parent_force_heads=_words(patterns, "parent_force_heads", "patterns.yaml"),
        number_signs=_words(patterns, "number_signs", "patterns.yaml"),
        document_heads=_words(patterns, "document_heads", "patterns.yaml"),
        with_nouns=_words(patterns, "with_nouns", "patterns.yaml"),
        place_words=_words(patterns, "place_words", "patterns.yaml"),
        connectors=_words(patterns, "connectors", "patterns.yaml"),
        not_complements=_words(patterns, "not_complements", "patterns.yaml"),
        leading_noise=_words(patterns, "leading_noise", "patterns.yaml"),
        modifier_endings=tuple(sorted(_words(patterns, "modifier_endings", "patterns.yaml"))),
        operation_cues=_words(patterns, "operation_cues", "patterns.yaml"),
        operation_cue_blockers=_words(patterns, "operation_cue_blockers", "patterns.yaml"),
        operation_cue_window=int(patterns["operation_cue_window"]),
        not_operation_names=_words(patterns, "not_operation_names", "patterns.yaml"),
        mission_default_org=str(patterns["mission_default_org"]),
        lexicon=lexicon,
        lexicon_words=frozenset(lexicon_words),
    )
