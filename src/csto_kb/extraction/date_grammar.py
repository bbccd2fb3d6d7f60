"""The date grammar's regular expressions, built once from ``rules/dates.yaml``.

``extraction/dates.py`` applies them; this module only turns the rule file's words
(months, cues, modifiers, relative phrases, range words) into compiled patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@cache
def _rules() -> dict:
    text = resources.files("csto_kb").joinpath("rules/dates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alt(words, flags: str = "i") -> str:
    """A regex matching any of ``words`` (the longest it can), spaces matching any whitespace.

    Built as a trie ("in|into" -> "in(?:to)?"): the regex engine then tests one branch
    per character instead of every word at every position.
    """
    trie: dict = {}
    for word in {str(w) for w in words}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    body = _trie_regex(trie)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _trie_regex(node: dict) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _cased(words) -> str:
    """An alternation of ``words`` as written, Capitalised and in CAPITALS.

    Spelt out rather than ``(?i:...)``: a pattern that opens with literal text lets the
    regex engine skip quickly to where it can match.
    """
    variants = {v for w in map(str, words) for v in (w, w[:1].upper() + w[1:], w.upper())}
    return _alt(variants, "")


@cache
def _month_numbers() -> dict[str, int]:
    return {str(s).lower(): int(n) for n, spellings in _rules()["months"].items() for s in spellings}


def _month_re(group: str, full_only: bool = False) -> str:
    """A named group for a month: Capitalised or CAPITALS, abbreviations with an optional '.'."""
    names = []
    for spellings in _rules()["months"].values():
        for spelling in spellings[:1] if full_only else spellings:
            names += [str(spelling), str(spelling).upper()]
    dot = "" if full_only else r"\.?"
    return rf"(?P<{group}>{_alt(names, '')}\b{dot})"


def _day_re(group: str) -> str:
    """A day number (checked to be a real day later), with an optional ordinal ending."""
    suffix = _alt(_rules()["day_suffixes"], "")
    return rf"(?P<{group}>\d\d?)(?!\d){suffix}?\b"


def _year_re(group: str) -> str:
    return rf"(?P<{group}>(?:19|20)\d\d)(?!\w)(?![.,]\d)(?!-[^\W\d_])"


# ---------------------------------------------------------------------------- patterns

# What may not come right before a match: checked in Python rather than with a leading
# look-behind, which would keep the regex engine from skipping ahead.
_NOT_AFTER_WORD = "-_"  # and no letter or digit: "Brotherhood-2024", "within"
_NOT_AFTER_NUMBER = "-_.,/+:"  # and no letter or digit: "1.5 June", "3/4 May"


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern, str | None], ...]
    blocker_before: re.Pattern
    year_next: re.Pattern
    month_next: re.Pattern  # "in September and October": the next month of a list
    range_sep: re.Pattern
    range_open_before: re.Pattern
    anchor: re.Pattern
    relative: dict[str, tuple[str, int]]
    relative_month_years: dict[str, int]
    relative_months: dict[str, int]


def _no_quantity(r: dict, dash: str) -> str:
    """Look-ahead refusing a number that counts things: "2000 troops", "1900 to 2000 people"."""
    quantity = rf"{_alt(r['quantity_words'])}(?!\w)"
    return rf"(?!\s*{quantity})(?!\s*(?:{dash}|(?i:to)\b)\s*\d[\d,.]*\s*{quantity})"


def _sources(r: dict) -> dict[str, tuple[str, str | None]]:
    """Pattern name -> (regex, characters that may not precede the match)."""
    D1, D2, D = _day_re("d1"), _day_re("d2"), _day_re("d")
    M, M1, M2 = _month_re("m"), _month_re("m1"), _month_re("m2")
    MF, MF1, MF2 = _month_re("m", True), _month_re("m1", True), _month_re("m2", True)
    Y, Y1, Y2 = _year_re("y"), _year_re("y1"), _year_re("y2")
    dash = "|".join(re.escape(d) for d in r["range_dashes"])
    sep = rf"(?:\s*(?:{dash})\s*|\s+(?P<sepw>{_alt(r['range_words'] + ['and'])})\s+)"
    of = r"(?:(?i:of)\s+)?"
    mod = _cased(r["modifiers"])
    rel_my = rf"\s+(?:(?i:of)\s+)?(?P<rel>{_alt(r['relative_month_years'])})"  # "September (of) next year"
    no_qty = _no_quantity(r, dash)
    no_num = r"(?!,?\s*\d)(?!['’]s\b)"  # not "in May 2022" (another rule), not "May's"
    back = rf"\s+(?i:of)\s+(?P<back>{_alt(r['back_references'])})"  # "October 7 of that year"
    seasons = _cased(list(r["seasons"]) + [f"the {s}" for s in r["seasons"]])
    decade_mods = _cased(r["decade_modifiers"])
    W, N = _NOT_AFTER_WORD, _NOT_AFTER_NUMBER
    return {
        "num_dmy": (r"(?P<d>\d\d?)\.(?P<m>\d\d?)\.(?P<y>(?:19|20)\d\d)(?!\d)(?!\.\d)", "."),
        "num_dmy_dash": (r"(?P<d>[0-3]\d)-(?P<m>[01]\d)-(?P<y>(?:19|20)\d\d)(?![\d-])", W + "."),  # 19-06-2025
        "iso": (r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])", W + "."),
        "dmy": (rf"(?P<date>{D}\s+{of}{M}(?:,?\s+{Y}|{back}|{rel_my})?)", N),
        "mdy": (rf"(?P<date>{M}\s+{D}(?:(?:,?\s+|,){Y}|{back}|{rel_my})?)(?![.,]\d){no_qty}", W),
        "range_d": (rf"(?P<date>{D1}(?:\s+{of}{M1})?{sep}{D2}\s+{of}{M2}(?:,?\s+{Y})?)", N),
        "range_m": (rf"(?P<date>{M1}\s+{D1}{sep}(?:{M2}\s+)?{D2}(?:,?\s+{Y})?){no_qty}", W),
        "range_mm_y": (rf"(?P<date>{MF1}{sep}{MF2},?\s+{Y})", W),
        "range_yy": (rf"(?P<date>{Y1}\s*(?:{dash})\s*{Y2}){no_qty}", W),
        "my": (rf"(?P<date>{M}(?:,?\s+|\s+(?i:of)\s+){Y}){no_qty}", W),
        "my_mod": (rf"(?P<date>{mod}\s*{M}(?:,?\s+|\s+(?i:of)\s+){Y}){no_qty}", W),
        "season": (rf"(?P<date>{seasons}\s+{of}{Y}){no_qty}", W),
        "month_cue": (rf"{_cased(r['month_cues'])}\s+(?P<date>(?:{mod}\s*)?{MF}(?:{rel_my}|{back})?){no_num}", W),
        "month_mod": (rf"(?P<date>{mod}\s*{MF}(?:{rel_my}|{back})?){no_num}", W),
        "month_back": (rf"(?P<back>{_cased(r['month_back_cues'])})\s+(?P<date>{MF}){no_num}", W),
        "month_rel": (rf"(?P<date>(?P<rw>{_cased(r['relative_months'])})\s+{MF}){no_num}", W),
        "year_cue": (rf"{_cased(r['year_cues'])}\s+(?P<date>(?:{mod}\s*)?{Y}){no_qty}", W),
        "year_mod": (rf"(?P<date>{mod}\s*{Y}){no_qty}", W),
        "year_paren": (rf"\((?P<date>{Y})\)", None),
        "year_word": (rf"(?P<date>{Y})(?=\s+(?i:year)\b)", W),
        "year_noun": (rf"{_cased(['the'])}\s+(?P<date>{Y}){no_qty}(?=\s+(?:[\w-]+\s+){{0,3}}"
                      rf"{_alt(r['year_nouns'])}\b)", W),
        "decade": (r"(?P<date>(?P<y>(?:19|20)\d0)s)(?!\w)", W),
        "decade_mod": (rf"(?P<date>{decade_mods}(?:-|\s+)(?P<y>(?:19|20)\d0)s)(?!\w)", W),
        "relative": (rf"(?P<date>{_cased(r['relative'])})(?!\w)", W),
    }


@cache
def _grammar() -> _Grammar:
    r = _rules()
    dash = "|".join(re.escape(d) for d in r["range_dashes"])
    sep = rf"(?:\s*(?:{dash})\s*|\s+(?P<sepw>{_alt(r['range_words'] + ['and'])})\s+)"
    no_qty = _no_quantity(r, dash)
    months = [str(w) for ws in r["months"].values() for w in ws]
    anchors = months + [m.upper() for m in months]
    anchors += [v for w in ("year", "years", "month", "months") for v in (w, w.capitalize(), w.upper())]
    anchors += [v for w in r["relative"] if " " not in w for v in (w, w.capitalize())]
    return _Grammar(
        patterns=tuple((name, re.compile(src), before) for name, (src, before) in _sources(r).items()),
        blocker_before=re.compile(rf"(?<![\w-]){_alt(r['year_cue_blockers'])}\s+$"),
        year_next=re.compile(rf"(?:\s*,\s*(?:(?i:and|or)\s+)?|\s+(?i:and|or)\s+){_year_re('y')}{no_qty}"),
        month_next=re.compile(rf"(?:\s*,\s*(?:(?i:and|or)\s+)?|\s+(?i:and|or)\s+){_month_re('m', True)}"
                              rf"(?!,?\s*\d)(?!['’]s\b)"),
        range_sep=re.compile(sep),
        range_open_before=re.compile(rf"(?<![\w-])(?P<open>{_alt(r['range_openers'])})\s+$"),
        anchor=re.compile(rf"\d+|\b{_alt(anchors, '')}\b"),
        relative={k.lower(): (v[0], int(v[1])) for k, v in r["relative"].items()},
        relative_month_years={k.lower(): int(v) for k, v in r["relative_month_years"].items()},
        relative_months={k.lower(): int(v) for k, v in r["relative_months"].items()},
    )
