"""The probes of tests/test_rule_entries.py: an entry of a rule list, the texts the list's
probe (tests/data/rule_templates.yaml) makes of it, and the checks of what the engine
gives for them (the keys of a probe: "people", "posts", "dates" ...)."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from csto_kb.extraction.dates import find_dates
from csto_kb.extraction.extract import extract_document
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.rules_data import load_rules
from csto_kb.sources.datelines import Dateline, parse_dateline
from csto_kb.sources.segments import is_boilerplate, layout
from helpers import make_document

LEXICON_KINDS = ("bodies", "forces", "operations")


def lexicon_entry(lex_id: str) -> dict:
    return next(e for kind in LEXICON_KINDS for e in load_rules("lexicon.yaml")[kind] if e["id"] == lex_id)


@dataclass(frozen=True)
class Entry:
    """One entry of a rule list, where it stands, and what its probe's texts say of it."""

    entry: object  # a word or phrase, a [pattern, replacement] pair, a mapping's key
    index: int  # its place in its list
    entries: tuple  # the entries of its list
    value: object = None  # a mapping's value for the entry
    key: object = None  # the key of its list in the mapping of lists it belongs to
    example: str | None = None  # a text the entry matches (regular expressions)
    lexicon: Mapping | None = None  # the lexicon entry it is a name of
    field: str = ""  # and which of its names: aliases, aliases_ci, context_aliases, name

    @property
    def text(self) -> str:
        return str(self.entry[0] if isinstance(self.entry, list) else self.entry)

    def fill(self, template: str | None) -> str | None:
        """``template`` with "{}" the entry, and the other placeholders (see the data file)."""
        if template is None:
            return None
        return string.Formatter().vformat(str(template).replace("{}", "{0}"), (self.text,), _Placeholders(self))


class _Placeholders(Mapping):
    """The named placeholders of a template, worked out when a template names them."""

    def __init__(self, e: Entry) -> None:
        self.e = e

    def __getitem__(self, name: str):
        e = self.e
        words = [str(x) for x in e.entries] if name in ("first", "partner", "short") else []
        lexicon = e.lexicon or {}
        if name == "value":
            return e.entry[1] if isinstance(e.entry, list) else e.value
        if name == "first":
            return words[0]
        if name == "partner":
            return words[1] if e.index == 0 else words[0]
        if name == "short":
            return next(w for w in words if " " not in w)
        if name == "context":
            return lexicon_entry(lexicon.get("context") or lexicon["id"])["name"]
        return {"lower": e.text.lower(), "key": e.key, "example": e.example, "name": lexicon.get("name")}[name]

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


WHEN: dict[str, Callable[[Entry], bool]] = {
    "first": lambda e: e.index == 0,
    "one_word": lambda e: " " not in e.text,
    "no_one_word_entry": lambda e: all(" " in str(x) for x in e.entries),
    "unmatched": lambda e: bool(e.lexicon) and e.lexicon.get("match", True) is False,
    "context": lambda e: e.field == "context_aliases",
}


def choose(probe: dict | list, e: Entry) -> dict:
    """The probe that applies to ``e``: the first of a list whose "when" holds."""
    if isinstance(probe, dict):
        return probe
    for option in probe:
        when = option.get("when", [])
        if all(WHEN[w](e) for w in ([when] if isinstance(when, str) else when)):
            return option
    raise ValueError(f"no probe applies to {e.entry!r}")


class Output:
    """What the engine gives for the texts of a probe, one document each (worked out once)."""

    def __init__(self, texts: list[str], resolved: bool = False) -> None:
        self.texts = texts
        self.resolved = resolved  # a lexicon name must also resolve to its record
        self.docs = [make_document(t, None, f"doc{n}") for n, t in enumerate(texts)]

    @cached_property
    def mentions(self) -> list:
        return [m for d in self.docs for m in extract_document(d)]

    @cached_property
    def entities(self) -> list:
        return resolve(self.mentions)

    @cached_property
    def records(self) -> list[dict]:
        return build_records(self.entities, self.docs)


def _dates(want, out: Output, e: Entry, probe: dict) -> bool:
    found = [(d.text, d.value, d.end_value) for d in find_dates(out.texts[0], probe.get("base"))]
    if probe.get("texts_only"):
        return [d[0] for d in found] == [e.fill(w) for w in want]
    return found == [tuple(e.fill(x) for x in w) for w in want]


def _lexicon(want: str, out: Output, e: Entry, probe: dict) -> bool:
    """The entry's name is found as its lexicon entry ("found"), and resolution makes it its
    record ("resolved", or with all the rules where the list says so)."""
    assert e.lexicon is not None
    kind, lex_id = e.lexicon["kind"], e.lexicon["id"]
    found = [m for m in out.mentions if m.kind == kind and " ".join(m.text.split()) == e.text and m.key == lex_id]
    if not found or want != "resolved" and not out.resolved:
        return bool(found)
    return any(r.id == lex_id and found[0] in r.mentions for r in resolve(found) if r.kind == kind)


def _role(want: list, out: Output, e: Entry, probe: dict) -> bool:
    page, line = out.texts[0], e.fill(want[1])
    return next(p.role for p in layout(page, None).paragraphs if page[p.start:p.end] == line) == want[0]


CHECKS: dict[str, Callable[..., bool]] = {
    **{kind: lambda want, out, e, probe, kind=kind: [m.text for m in out.mentions if m.kind == kind]
       == [e.fill(w) for w in want] for kind in ("people", *LEXICON_KINDS)},
    "keys": lambda want, out, e, probe: all([m.key for m in out.mentions if m.kind == kind]
                                            == [e.fill(w) for w in keys] for kind, keys in want.items()),
    "titles": lambda want, out, e, probe: [(m.text, m.title) for m in out.mentions if m.kind == "people"]
    == [(e.fill(name), e.fill(title)) for name, title in want],
    "posts": lambda want, out, e, probe: {(p.role, p.qualifier, p.rank) for m in out.mentions for p in m.posts}
    == {tuple(e.fill(x) for x in post) for post in want},
    "mention": lambda want, out, e, probe: tuple(want) in [(m.text, m.key) for m in out.mentions],
    "records": lambda want, out, e, probe: all([len(r.mentions) for r in out.entities if r.kind == kind]
                                               == counts for kind, counts in want.items()),
    "record_ids": lambda want, out, e, probe: all([r.id for r in out.entities if r.kind == kind] == ids
                                                  for kind, ids in want.items()),
    "relation": lambda want, out, e, probe: tuple(want) in [
        (f"{r['type']}/{r['id']}", f["type"], f["ref"]) for r in out.records for f in r.get("relations", [])],
    "post_bodies": lambda want, out, e, probe: [p["body"] for r in out.records for p in r.get("posts", [])] == want,
    "dates": _dates,
    "boilerplate": lambda want, out, e, probe: is_boilerplate(out.texts[0]) == want,
    "role": _role,
    "segments": lambda want, out, e, probe: len(layout(out.texts[0], None).segments) == want,
    "dateline": lambda want, out, e, probe: parse_dateline(out.texts[0]) == (
        Dateline(want, None, alone=True) if want else None),
    "lexicon": _lexicon,
}
MODIFIERS = {"sentence", "sentences", "when", "base", "texts_only"}


def texts(probe: dict | list, e: Entry) -> list[str]:
    """The texts the probe makes of ``e``, one document each."""
    chosen = choose(probe, e)
    return [str(e.fill(t)) for t in chosen.get("sentences") or [chosen["sentence"]]]


def fires(probe: dict | list, e: Entry, resolved: bool = False) -> bool:
    """Whether every check of the probe holds for ``e``'s texts (``resolved``: a lexicon
    name must also resolve to its record)."""
    chosen = choose(probe, e)
    unknown = set(chosen) - set(CHECKS) - MODIFIERS
    if unknown or not set(chosen) & set(CHECKS):
        raise ValueError(f"probe {chosen}: no check, or unknown keys {sorted(unknown)}")
    out = Output(texts(chosen, e), resolved)
    return all(CHECKS[name](want, out, e, chosen) for name, want in chosen.items() if name not in MODIFIERS)
