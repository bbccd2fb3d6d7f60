"""Taking entries out of the rule data for tests/test_rule_entries.py, as deleting their
lines would: the parsed rule files are changed in place and the engine's caches of the
rules (vocabulary, regular expressions) rebuilt; ``without`` puts everything back."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from csto_kb.extraction import date_grammar
from csto_kb.rules_data import load_rules


def at(data, path: tuple):
    """The list or mapping at ``path`` in parsed rule data."""
    for step in path:
        data = data[step]
    return data


def labels(entries: list) -> list[str]:
    """Each entry's text ([pattern, replacement] pairs: the pattern), "#2" on a repeat."""
    seen: Counter = Counter()
    out = []
    for entry in entries:
        text = entry[0] if isinstance(entry, list) else str(entry)
        seen[text] += 1
        out.append(text if seen[text] == 1 else f"{text}#{seen[text]}")
    return out


def _copies(file: str) -> list[dict]:
    """Every parsed copy of a rule file the engine reads (the date grammar keeps its own)."""
    return [load_rules(file)] + ([date_grammar._rules()] if file == "dates.yaml" else [])


# Caches that are slow to rebuild, and the rule files they are built from; every other cache
# of the engine is cleared whenever an entry is taken out or put back.
_SLOW = {"_grammar": {"dates.yaml"}, "_month_numbers": {"dates.yaml"}, "_matchers": {"lexicon.yaml"},
         "vocabulary": {"people.yaml", "patterns.yaml", "geo.yaml", "lexicon.yaml"},
         "lexicon_index": {"lexicon.yaml", "geo.yaml", "translit.yaml"}}


@cache
def _caches() -> tuple[tuple[str, Callable], ...]:
    found = []
    for package in ("extraction", "resolution", "sources", "records"):
        pkg = importlib.import_module(f"csto_kb.{package}")
        for info in pkgutil.iter_modules(pkg.__path__):
            module = importlib.import_module(f"{pkg.__name__}.{info.name}")
            found += [(name, obj) for name, obj in vars(module).items()
                      if hasattr(obj, "cache_clear") and getattr(obj, "__module__", "") == module.__name__
                      and obj is not date_grammar._rules]  # (that one holds rule data)
    return tuple(found)


def _clear(file: str) -> None:
    for name, cached in _caches():
        if file in _SLOW.get(name, {file}):
            cached.cache_clear()


@contextmanager
def without(file: str, *entries: tuple[tuple, object]) -> Iterator[None]:
    """The rules without the ``entries`` of ``file``, each (path, slot): the list or mapping
    at ``path`` and an index or key in it; put back afterwards."""
    undo = []
    collecting = gc.isenabled()
    gc.disable()  # rebuilding the rules' caches makes many objects: collect them once, afterwards
    for data in _copies(file):
        for path, slot in sorted(entries, key=lambda e: (str(e[0]), e[1]), reverse=True):
            holder = at(data, path)  # (list slots go from the last, so the others keep their place)
            undo.append((holder, slot, holder.pop(slot)) if isinstance(holder, list)
                        else (holder, None, list(holder.items())))
            if isinstance(holder, dict):
                del holder[slot]
    _clear(file)
    try:
        yield
    finally:
        for holder, index, saved in reversed(undo):
            if index is None:
                holder.clear()
                holder.update(saved)
            else:
                holder.insert(index, saved)
        _clear(file)
        if collecting:
            gc.enable()


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split())


def grouped(file: str, cases: list, probe_without: Callable, sentence: Callable) -> dict:
    """(list name, slot) -> the probe of each case without its entry. The cases (list name,
    path, slot, entry text) are words the engine looks for in the text and nothing else, so
    an entry whose text does not occur in a sentence cannot change what the sentence gives:
    they are taken out in groups whose texts do not occur in each other's sentences (and
    that leave no list empty), one rebuild of the rules' caches per group rather than per
    entry. test_a_group_is_its_entries checks it against entries taken out one by one."""
    said = {case[:3]: _norm(sentence(case)) for case in cases}
    groups: list[list] = []
    for case in cases:
        path, text = case[1], _norm(case[3])
        for group in groups:
            size = Counter(c[1] for c in group)[path]
            if size + 1 < len(at(load_rules(file), path)) and all(
                    _norm(c[3]) not in said[case[:3]] and text not in said[c[:3]] for c in group):
                group.append(case)
                break
        else:
            groups.append([case])
    out: dict = {}
    for group in groups:
        with without(file, *((c[1], c[2]) for c in group)):
            for case in group:
                out[case[0], case[2]] = probe_without(case)
    return out
