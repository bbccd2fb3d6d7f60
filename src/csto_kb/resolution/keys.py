"""Keys under which different spellings of one entity meet."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from csto_kb.extraction.vocab import vocabulary
from csto_kb.rules_data import load_rules

# The keys below are pure functions of a name and the (fixed) rules; the same names come
# back thousands of times in a corpus, so they are memoised.
_MEMO = 1 << 17

_QUOTES = dict.fromkeys(map(ord, "\"'‘’‚‛“”„«»`"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—−"), "-")
_SPELLING = [(r"\bcentre\b", "center"), (r"organisation", "organization"), (r"defence", "defense"),
             (r"co-operation", "cooperation"), (r"\s*&\s*", " and "), (r"['’]s\b", "")]
_CSTO_QUALIFIER = re.compile(
    r"^(?:csto|the csto)\s+|\s+of the (?:csto|collective security treaty organization)$")
_MINISTRY = [
    re.compile(r"^ministry of (?P<topic>.+?)(?: of (?P<country>.+))?$"),
    re.compile(r"^(?P<country>[a-z]+) (?P<topic>[a-z ]+?) ministry$"),
    re.compile(r"^(?P<topic>[a-z ]+?) ministry(?: of (?P<country>.+))?$"),
]
_TOPICS = {"foreign": "foreign-affairs", "foreign affairs": "foreign-affairs",
           "internal affairs": "internal-affairs", "interior": "internal-affairs",
           "defense": "defense", "health": "health", "healthcare": "health",
           "emergency situations": "emergencies", "emergencies": "emergencies"}


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters, digits and single spaces."""
    if not text.isascii():  # (ASCII text has nothing to decompose)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def slugify(text: str, fallback: str = "entity") -> str:
    """A URL-safe id: lower-case ASCII letters, digits and hyphens."""
    return ascii_fold(text).replace(" ", "-")[:80].strip("-") or fallback


@lru_cache(maxsize=_MEMO)
def name_form(text: str) -> str:
    """A surface form compared ignoring case, quotes, dashes, spacing and a leading "the"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    text = re.sub(r"\s+", " ", text).strip(" .,;:()[]").casefold()
    for pattern, repl in _SPELLING:
        text = re.sub(pattern, repl, text)
    return re.sub(r"^the ", "", text)


@cache
def _translit_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(a), b) for a, b in load_rules("translit.yaml")["replacements"])


@cache
def _given_name_keys() -> dict[str, str]:
    groups = load_rules("translit.yaml").get("equivalent_given_names") or []
    out = {}
    for group in groups:
        for name in group:
            out[_raw_key(name)] = _raw_key(group[0])
    return out


@lru_cache(maxsize=_MEMO)
def given_name_key(name: str) -> str:
    """The key of a first name, one for all its languages' forms (Alyaksandr = Alexander)."""
    key = translit_key(name)
    return _given_name_keys().get(key, key)


def translit_key(name: str) -> str:
    """Transliteration-aware key: Sergei/Sergey, Tokaev/Tokayev, Lukashenko/Lukashenka meet."""
    return _raw_key(name)


@lru_cache(maxsize=_MEMO)
def _raw_key(name: str) -> str:
    key = ascii_fold(name)
    for pattern, repl in _translit_rules():
        key = pattern.sub(repl, key)
    return key


def _country(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:the )?(?:republic of )?", "", text)
    return vocabulary().country_of.get(text) or vocabulary().country_of.get(f"republic of {text}")


@cache
def _long_country_names() -> re.Pattern:
    names = sorted((n for n in vocabulary().country_of if " " in n), key=len, reverse=True)
    return re.compile(r"\b(?:the )?(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@lru_cache(maxsize=_MEMO)
def organisation_key(name: str) -> str:
    """Normal form of a body or force name; ministries become "ministry-<topic>-<country>"."""
    form = _CSTO_QUALIFIER.sub("", name_form(name))
    form = _long_country_names().sub(lambda m: vocabulary().country_of[
        re.sub(r"^the ", "", m.group())], form)
    for pattern in _MINISTRY:
        m = pattern.match(form)
        if not m:
            continue
        topic = _TOPICS.get(m.group("topic"))
        country = _country(m.group("country"))
        if topic is None or (m.group("country") and country is None):
            continue
        return f"ministry-{topic}-{country or '?'}"
    return _country_last(form)


_OF_COUNTRY = re.compile(r"^(?P<body>.+) of (?P<country>(?:the )?[a-z' -]+)$")


def _country_last(form: str) -> str:
    """"Belarusian Security Council", "Security Council of the Republic of Belarus" ->
    "security council of belarus": the country named once, in one way, at the end."""
    m = _OF_COUNTRY.match(form)
    if m and _country(m.group("country")):
        return f"{m.group('body')} of {_country(m.group('country'))}"
    first, _, rest = form.partition(" ")
    if rest and _country(first) and not _country(rest) and not _country(form):
        return f"{rest} of {_country(first)}"
    return form


@cache
def lexicon_index() -> dict[tuple[str, str], str]:
    """(kind, normal form of any lexicon name) -> lexicon id."""
    index: dict[tuple[str, str], str] = {}
    for entry in vocabulary().lexicon:
        for alias in (entry.name, *entry.aliases, *entry.aliases_ci):
            index.setdefault((entry.kind, organisation_key(alias)), entry.id)
            if entry.kind == "operations":
                index.setdefault((entry.kind, translit_key(alias)), entry.id)
    return index
