"""From the mentions of all documents to one entity per person, body, force,
operation and date, each with a stable id, a canonical name and its aliases."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from csto_kb.extraction.organisations import is_generic_name
from csto_kb.extraction.tokens import display_name
from csto_kb.extraction.vocab import vocabulary
from csto_kb.model import KINDS, Mention
from csto_kb.resolution.keys import of_country_form, slugify, translit_key
from csto_kb.resolution.organisations import group_organisations, name_form
from csto_kb.resolution.people import group_people, person_name


@dataclass
class Entity:
    kind: str
    id: str
    name: str
    aliases: list[str]
    mentions: list[Mention]
    date: str | None = None  # dates only


def _clean(text: str) -> str:
    return display_name(text)


def _aliases(name: str, mentions: list[Mention], extra: tuple[str, ...] = ()) -> list[str]:
    forms = {_clean(m.text) for m in mentions} | {_clean(m.long_form) for m in mentions
                                                   if m.long_form and m.kind != "people"}
    forms |= {f for f in map(of_country_form, forms) if f} if mentions[0].kind != "people" else set()
    forms |= set(extra)
    forms.discard(name)
    return sorted(forms, key=lambda f: (f.casefold(), f))


def _organisation_name(mentions: list[Mention]) -> str:
    counts = Counter(_clean(m.text) for m in mentions if not m.long_form)
    counts = counts or Counter(_clean(m.text) for m in mentions)
    # a name of several words, one that is not generic ("Security Council of the Republic of
    # Belarus" before "Security Council"), the most used, the longest
    kind = mentions[0].kind  # an exercise under its English name ("Interaction-2025", not "Vzaimodeistvie-2025")
    best = sorted(counts, key=lambda f: (-(counts[f] > 0 and len(f.split()) > 1), is_generic_name(f),
                                         name_form(kind, f) != translit_key(f) if kind == "operations" else False,
                                         -counts[f], -len(f), f))[0]
    return best[0].upper() + best[1:]


def _lexicon_entry(lex_id: str, kind: str):
    return next(e for e in vocabulary().lexicon if e.id == lex_id and e.kind == kind)


def _entities_of_kind(kind: str, mentions: list[Mention]) -> list[Entity]:
    if kind == "people":
        return [Entity(kind, "", (name := person_name(g)), _aliases(name, g), g)
                for g in group_people(mentions)]
    if kind == "dates":
        by_value: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_value[m.value or ""].append(m)
            if m.end_value:
                by_value[m.end_value].append(m)
        return [Entity(kind, slugify(v), v, _aliases(v, g), g, date=v) for v, g in by_value.items()]
    out = []
    for lex_id, group in group_organisations(mentions):
        if lex_id:
            name = _lexicon_entry(lex_id, kind).name
            out.append(Entity(kind, lex_id, name, _aliases(name, group), group))
        else:
            name = _organisation_name(group)
            out.append(Entity(kind, "", name, _aliases(name, group), group))
    return out


def _assign_ids(entities: list[Entity]) -> None:
    """Slugs of the names; a clash gets -2, -3 ... in order of the entities' first mention."""
    taken = {e.id for e in entities if e.id}
    for e in sorted((e for e in entities if not e.id),
                    key=lambda e: (e.name, min((m.source, m.start) for m in e.mentions))):
        base = slugify(e.name)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        e.id = candidate
        taken.add(candidate)


def resolve(mentions: list[Mention]) -> list[Entity]:
    """Entities of every kind, sorted by kind and id; mentions sorted by source and place."""
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.source, m.start, m.end, m.kind)):
        by_kind[m.kind].append(m)
    entities = []
    for kind in KINDS:
        found = _entities_of_kind(kind, by_kind.get(kind, []))
        _assign_ids(found)
        entities += sorted(found, key=lambda e: e.id)
    return entities
