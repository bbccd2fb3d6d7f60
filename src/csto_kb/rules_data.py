"""Loading the rule files in ``csto_kb/rules/`` (data, not code) and their version."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: every build reads them

RULE_FILES = ("boilerplate.yaml", "dates.yaml", "geo.yaml", "lexicon.yaml", "patterns.yaml",
              "people.yaml", "translit.yaml")


def _read(name: str) -> str:
    return resources.files("csto_kb").joinpath("rules", name).read_text(encoding="utf-8")


@cache
def load_rules(name: str) -> dict:
    """The parsed YAML rule file ``name`` (cached: rule files are read once)."""
    data = yaml.load(_read(name), Loader=_LOADER)
    if not isinstance(data, dict):
        raise ValueError(f"rule file {name} must hold a mapping")
    return data


@cache
def rules_version() -> str:
    """A short hash of every rule file and the package version: changes when a rule does."""
    from csto_kb import __version__

    digest = hashlib.sha256(__version__.encode())
    for name in RULE_FILES:
        try:
            digest.update(name.encode() + b"\0" + _read(name).encode())
        except FileNotFoundError:
            continue
    return digest.hexdigest()[:16]
