"""Keys under which different spellings of one entity meet."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from csto_kb.extraction.tokens import display_name
from csto_kb.extraction.vocab import vocabulary
from csto_kb.rules_data import load_rules

# The keys below are pure functions of a name and the (fixed) rules; the same names come
# back thousands of times in a corpus, so they are memoised.
_MEMO = 1 << 17

_QUOTES = dict.fromkeys(map(ord, "\"'‘’‚‛“”„«»`"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—−"), "-")
_SPELLING = [(r"\bcentre\b", "center"), (r"organisation", "organization"), (r"defence", "defense"),
             (r"co-operation", "cooperation"), (r"\s*&\s*", " and "), (r"\btroops\b", "forces"),
             (r"\bmfa\b", "foreign ministry")]
_POSSESSIVE = re.compile(r"['’]s\b")
_MINISTRY = [
    re.compile(r"^ministry of (?P<topic>.+?)(?: of (?P<country>.+))?$"),
    re.compile(r"^(?P<country>[a-z]+) (?P<topic>[a-z ]+?) ministry$"),
    re.compile(r"^(?P<topic>[a-z ]+?) ministry(?: of (?P<country>.+))?$"),
    re.compile(r"^(?P<country>[a-z]+) ministry of (?P<topic>[a-z ]+)$"),  # "the Kyrgyz Ministry of Defence"
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
    """A surface form compared ignoring case, quotes, dashes, spacing, a leading "the" and an
    abbreviation in brackets inside it."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", display_name(text)))
    text = text.translate(_QUOTES).translate(_DASHES)
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


_POSSESSIVE_COUNTRY = re.compile(r"^(?:[Tt]he )?(?P<country>[A-Z][\w-]*(?: [A-Z][\w-]*)?)['’]s (?P<rest>.+)$")


def of_country_form(name: str) -> str | None:
    """"Russia's Foreign Ministry" -> "Foreign Ministry of Russia": the form of a name
    owned by a country that other texts write (None for other names)."""
    m = _POSSESSIVE_COUNTRY.match(name)
    return f"{m['rest']} of {m['country']}" if m and _country(m["country"].lower()) else None


@cache
def _long_country_names() -> re.Pattern:
    names = sorted((n for n in vocabulary().country_of if " " in n), key=len, reverse=True)
    return re.compile(r"\b(?:the )?(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@cache
def _inner_possessive_country() -> re.Pattern:
    """"Border Troops of Tajikistan's State Committee ...": a country's possessive inside a name."""
    names = sorted(vocabulary().country_of, key=len, reverse=True)
    return re.compile(r"\bof (?P<country>" + "|".join(re.escape(n) for n in names) + r")['’]s (?P<rest>\S.*)$", re.I)


@cache
def _home_qualifier() -> re.Pattern:
    """"the CSTO X", "X of the CSTO", "X of the Organization", "X of the CSTO member
    states": the home organisation's names (``home`` in rules/lexicon.yaml) around a name."""
    home = load_rules("lexicon.yaml").get("home")
    entry = next((e for e in vocabulary().lexicon if e.id == home), None)
    if entry is None:
        return re.compile(r"(?!)")
    full = {name_form(a) for a in (entry.name, *entry.aliases, *entry.aliases_ci)}
    extra = load_rules("lexicon.yaml").get("home_qualifiers") or []
    short = full | {name_form(a) for a in (*entry.context_aliases, *extra)}  # "of the Organization"
    lead = "|".join(re.escape(n) for n in sorted(full, key=len, reverse=True))
    alt = "|".join(re.escape(n) for n in sorted(short, key=len, reverse=True))
    members = r"(?: member (?:states|countries|nations))?"
    return re.compile(rf"^(?:the )?(?:{lead}) (?=\S)|\s+of (?:the )?(?:member states of the )?"
                      rf"(?:{alt}){members}$|\s+of the (?:{alt}){members}(?= (?:on|for|in) )")


@cache
def _lexicon_names() -> tuple[re.Pattern, dict[str, str]]:
    """The lexicon's names of several words inside a longer name, and their ids:
    "... of the Commonwealth of Independent States" -> "... of the cis", "Standing
    Commission of the Parliamentary Assembly of the CSTO on ..." -> "... of the csto-pa
    on ...", "PA CSTO Standing Commission" -> "csto-pa standing commission"."""
    names: dict[str, str] = {}
    for entry in vocabulary().lexicon:
        if entry.kind == "bodies":
            for alias in (entry.name, *entry.aliases):
                form = name_form(alias)
                if " " in form:
                    names.setdefault(form, entry.id)
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<= of the )(?:{alt})(?=$| (?:on|for|in) )|(?<= of )(?:{alt})$"
                      rf"|^(?:{alt})(?= \S)"), names


def names_home(name: str) -> bool:
    """Whether ``name`` names the home organisation as its owner ("CSTO Parliamentary
    Assembly", "Secretariat of the Organization")."""
    return bool(_home_qualifier().search(name_form(name)))


@lru_cache(maxsize=_MEMO)
def organisation_key(name: str) -> str:
    """Normal form of a body or force name; ministries become "ministry-<topic>-<country>"."""
    pattern, ids = _lexicon_names()
    name = _inner_possessive_country().sub(r"of the \g<rest> of \g<country>", name)  # "... of the GKNB of Tajikistan"
    form = pattern.sub(lambda m: ids[m.group()], name_form(name))
    form = _home_qualifier().sub("", form)
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
    for long, short in (load_rules("patterns.yaml").get("implied_words") or {}).items():
        form = short + form[len(long):] if form.startswith(long) else form
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
    """(kind, normal form of any lexicon name, or the bag of its words) -> lexicon id."""
    index: dict[tuple[str, str], str] = {}
    for entry in vocabulary().lexicon:
        for alias in (entry.name, *entry.aliases, *entry.aliases_ci):
            index.setdefault((entry.kind, organisation_key(alias)), entry.id)
            if entry.kind == "operations":
                index.setdefault((entry.kind, translit_key(alias)), entry.id)
            else:
                index.setdefault((entry.kind, bag_of_words(f"{entry.kind}:" + organisation_key(alias))), entry.id)
    return index


_BAG_STOP = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "de", "a", "an"})


def _stem(word: str) -> str:
    """A word without its plural ending: councils, forces, secretaries -> council, force, secretary."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=_MEMO)
def bag_of_words(key: str) -> str:
    """A key's words as a set, each without its plural ending, in order: names that say
    the same in another order or number meet ("Council of Ministers of Defence",
    "Council of Defence Ministers"; "Committee of Secretaries of Security Council(s)").
    A document's own name (``...@source``) keeps its document."""
    kind, _, form = key.partition(":")
    form, at, source = form.partition("@")
    if form.startswith("ministry-"):
        return key  # already normal
    words = [w for w in form.split() if w not in _BAG_STOP]
    if words and _ORDINAL.fullmatch(words[0]):
        words = [words[0], form.split(" of ")[0].split()[-1]]  # "201st (Russian) military base"
    bag = sorted({_stem(w) for w in words})
    return f"bag:{kind}:" + " ".join(bag) + (f"@{source}" if at else "")


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@cache
def _country_words() -> tuple[re.Pattern, dict[str, str], frozenset[str]]:
    """The names and adjectives of countries as written (rules/geo.yaml), not before a
    word for another party ("his Tajik counterpart"), the country each stands for, named
    by its first name there ("Kyrgyz" -> "Kyrgyzstan"), and the words after which a
    country is a place rather than an owner ("militants from Afghanistan")."""
    geo = load_rules("geo.yaml")
    named = {re.sub(r"^the ", "", n): names[0] for names in geo["countries"].values() for n in names}
    alt = "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
    places = frozenset(w.lower() for w in geo.get("place_prepositions") or [])
    others = "|".join(map(re.escape, geo.get("other_party_nouns") or [])) or "(?!)"
    return re.compile(rf"(?:\b(?P<word>\w+)\s+(?:the\s+)?)?(?<!-)\b(?P<country>{alt})\b(?!-)"
                      rf"(?!['’]s\s+(?:{others})\b|\s+(?:{others})\b)"), named, places


@cache
def _dateline_cities() -> tuple[re.Pattern, dict[str, str]]:
    geo = load_rules("geo.yaml")
    named = {c.casefold(): _country_words()[1][geo["countries"][k][0]]
             for k, cities in (geo.get("dateline_cities") or {}).items() for c in cities}
    alt = "|".join(re.escape(c) for c in sorted(named, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?P<city>{alt}),", re.IGNORECASE), named


def dateline_country(sentence: str) -> str | None:
    """The country of the city a dateline opening ``sentence`` names ("BISHKEK, 24.kg -")."""
    pattern, named = _dateline_cities()
    m = pattern.match(sentence)
    return named[m["city"].casefold()] if m else None


def countries_in(text: str) -> set[str]:
    """The countries ``text`` names as owners ("On June 12, speaking in the National
    Assembly, Pashinyan said that Armenia would leave" -> {"Armenia"}; not "Russia-led"
    nor "from Afghanistan")."""
    pattern, named, places = _country_words()
    return {named[m.group("country")] for m in pattern.finditer(text)
            if (m.group("word") or "").lower() not in places}
