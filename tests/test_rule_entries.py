"""Every rule entry earns its place (issue 13). For each entry of the lists and mappings of
src/csto_kb/rules/*.yaml, a sentence made from its list's probe in
tests/data/rule_templates.yaml (or, where that cannot do it, one of its own) on which the
rule fires with the rules as they are, and does not once that one entry is taken out of
the rule data, as deleting its line would leave it: the result depends on the entry. The
probes read the rule files, so an entry added later is tried too, and
test_every_rule_list_is_tried asks a probe of a list added later.

An entry that no sentence makes matter is listed under "dead" in the data file, with why:
its test is expected to fail, strictly, so the mark must go once the entry starts to matter.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from csto_kb.rules_data import RULE_FILES, load_rules
from rule_probes import LEXICON_KINDS, Entry, fires, texts
from rule_removal import at, grouped, labels, without

TEMPLATES = yaml.safe_load((Path(__file__).parent / "data" / "rule_templates.yaml").read_text(encoding="utf-8"))
AS_READ = {file: copy.deepcopy(load_rules(file)) for file in RULE_FILES}


@dataclass(frozen=True)
class Rule:
    """A rule list (or mapping) and how its entries are tried."""

    name: str
    file: str
    path: tuple
    probe: dict | list
    examples: dict = field(default_factory=dict)  # label -> a text the entry matches
    confirm: bool = False  # with all the rules, a lexicon name also resolves to its record
    key: object = None  # the key of the list in the mapping of lists it belongs to
    lexicon: dict | None = None  # the lexicon entry whose names the list holds
    # Whose entries are words the engine looks for in the text and nothing else (not so geo,
    # translit and the lexicon's operations: their names are also compared by keys made from
    # them, "republic of" + a name, transliterations; nor the lexicon's home lists, read by
    # resolution): they may be taken out in groups (rule_removal.grouped).
    grouped: bool = False

    def entries(self) -> list[tuple[object, Entry, str]]:
        """(slot, entry, label) of each entry (a mapping's entries are its keys)."""
        holder = at(AS_READ[self.file], self.path)
        items = list(holder)
        slots = items if isinstance(holder, dict) else range(len(items))
        return [(slot, Entry(item, n, tuple(items), holder[item] if isinstance(holder, dict) else None, self.key,
                             self.examples.get(label), self.lexicon, self.path[-1] if self.lexicon else ""), label)
                for n, (slot, item, label) in enumerate(zip(slots, items, labels(items)))]

    def probe_of(self, label: str) -> dict | list:
        return TEMPLATES["other"].get(self.name, {}).get(label, self.probe)


def _rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for name, spec in TEMPLATES["lists"].items():
        file = spec["file"]
        common = dict(file=file, probe=spec["probe"], examples=spec.get("examples", {}),
                      confirm=spec.get("confirm") == "resolved")
        if spec.get("each") == "lexicon":
            for kind in LEXICON_KINDS:
                for n, e in enumerate(AS_READ[file][kind]):
                    rules.update({f"{e['id']} {how}": Rule(f"{e['id']} {how}", path=(kind, n, how),
                                                           lexicon=dict(e, kind=kind), **common)
                                  for how in ("aliases", "aliases_ci", "context_aliases") if e.get(how)})
        elif spec.get("each"):
            holder = at(AS_READ[file], tuple(spec["path"]))
            for key in holder if isinstance(holder, dict) else range(len(holder)):
                rules[f"{name} {key}"] = Rule(f"{name} {key}", path=(*spec["path"], key), key=key, **common)
        else:
            rules[name] = Rule(name, path=tuple(spec["path"]), **common)
    return {name: replace(rule, grouped=rule.file in ("people.yaml", "patterns.yaml", "dates.yaml")
                          or rule.file == "lexicon.yaml" and rule.path[0] in ("bodies", "forces"))
            for name, rule in rules.items()}


RULES = _rules()
DEAD: dict[str, dict[str, str]] = TEMPLATES["dead"]


def _probe(rule: Rule, entry: Entry, label: str, resolved: bool = False) -> bool:
    return fires(rule.probe_of(label), entry, resolved)


@cache
def _fires_with_all_rules(file: str) -> dict[str, dict]:
    """Each entry's probe with the rules as they are, for all the lists of ``file`` at once
    (after an entry is put back, the rules' caches are rebuilt at their next use)."""
    return {name: {slot: _probe(rule, entry, label, resolved=rule.confirm) for slot, entry, label in rule.entries()}
            for name, rule in RULES.items() if rule.file == file}


def _cases_of(file: str) -> dict:
    return {(name, slot): (entry, label) for name, rule in RULES.items() if rule.file == file and rule.grouped
            for slot, entry, label in rule.entries()}


@cache
def _grouped(file: str) -> dict:
    """Each grouped entry's probe without it, for the grouped rules of ``file``."""
    cases = _cases_of(file)

    def probe_without(case):
        entry, label = cases[case[0], case[2]]
        return _probe(RULES[case[0]], entry, label)

    def sentence(case):
        entry, label = cases[case[0], case[2]]
        return " ".join(texts(RULES[case[0]].probe_of(label), entry))

    return grouped(file, [(name, RULES[name].path, slot, entry.text) for (name, slot), (entry, _) in cases.items()],
                   probe_without, sentence)


def _fires_without(name: str, slot, entry: Entry, label: str) -> bool:
    rule = RULES[name]
    if (name, slot) in _grouped(rule.file):
        return _grouped(rule.file)[name, slot]
    with without(rule.file, (rule.path, slot)):
        return _probe(rule, entry, label)


def _cases():
    for name, rule in RULES.items():
        for slot, entry, label in rule.entries():
            why = DEAD.get(name, {}).get(label)
            marks = [pytest.mark.xfail(reason=f"dead rule? {why}", strict=True)] if why else []
            yield pytest.param((name, slot, entry, label), id=f"{name}:{label}", marks=marks)


# One parameter rather than four, and pytest.fail without a traceback (dead entries fail by
# design): per test, pytest's own work would cost more than the test.
@pytest.mark.parametrize("case", list(_cases()))
def test_the_entry_decides_its_sentence(case):
    name, slot, entry, label = case
    rule = RULES[name]
    if not _fires_with_all_rules(rule.file)[name][slot]:
        pytest.fail(f"{name}: {entry.entry!r}: the rule does not fire on its sentence", pytrace=False)
    if _fires_without(name, slot, entry, label):
        pytest.fail(f"{name}: {entry.entry!r}: the sentence comes out the same without it", pytrace=False)


@pytest.mark.parametrize("name, slot", [pytest.param(name, slot, id=f"{name}:{label}")
                                        for name, rule in RULES.items() if rule.lexicon
                                        for slot, _, label in rule.entries()])
def test_a_lexicon_alias_is_found(name, slot):
    """Every alias, dead or not, is found as its entry, and resolution makes it its record."""
    assert _fires_with_all_rules("lexicon.yaml")[name][slot]


@pytest.mark.parametrize("kind, e", [(kind, e) for kind in LEXICON_KINDS for e in AS_READ["lexicon.yaml"][kind]],
                         ids=lambda x: x["id"] if isinstance(x, dict) else x)
def test_a_lexicon_name_is_found(kind, e):
    entry = Entry(e["name"], 0, (e["name"],), lexicon=dict(e, kind=kind), field="name")
    assert fires(TEMPLATES["lists"]["lexicon"]["probe"], entry, resolved=True)


@pytest.mark.parametrize("file", sorted({rule.file for rule in RULES.values() if rule.grouped}))
def test_a_group_is_its_entries(file):
    """Taking an entry out with its group gives what taking it out alone gives (for a
    dozen entries of each file, spread over its lists)."""
    cases = list(_cases_of(file).items())
    for (name, slot), (entry, label) in cases[::max(1, len(cases) // 12)]:
        with without(file, (RULES[name].path, slot)):
            assert _probe(RULES[name], entry, label) == _grouped(file)[name, slot], (name, entry.entry)


def test_the_rules_are_as_they_were_after_taking_entries_out():
    assert {file: load_rules(file) for file in RULE_FILES} == AS_READ
    assert _fires_with_all_rules.__wrapped__("dates.yaml") == _fires_with_all_rules("dates.yaml")
    assert _fires_with_all_rules.__wrapped__("translit.yaml") == _fires_with_all_rules("translit.yaml")


def test_every_rule_list_is_tried():
    """A list added to a rule file needs a probe in the data file (scalars and regular
    expressions are no lists of entries)."""
    tried = {(rule.file, rule.path[:n]) for rule in RULES.values() for n in (1, 2)}
    lists = [(file, (key,)) for file in RULE_FILES for key, value in load_rules(file).items()
             if isinstance(value, (list, dict))]
    lists += [(file, (key, inner)) for file in RULE_FILES for key, value in load_rules(file).items()
              if isinstance(value, dict) and not all(isinstance(v, list) for v in value.values())
              for inner, v in value.items() if isinstance(v, (list, dict))]
    assert [entry for entry in lists if entry not in tried] == []


def test_every_label_of_the_data_file_is_an_entry():
    """A probe of its own, a mark of a dead entry or an example names an entry of its list."""
    named = {name: {label for _, _, label in rule.entries()} for name, rule in RULES.items()}
    stale = [(name, label) for section in ("other", "dead") for name, entries in TEMPLATES[section].items()
             for label in entries if label not in named.get(name, ())]
    stale += [(rule.name, label) for rule in RULES.values() for label in rule.examples if label not in named[rule.name]]
    assert stale == []
