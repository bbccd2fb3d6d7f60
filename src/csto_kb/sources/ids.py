"""Stable, URL-safe source ids from file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

ID_MAX = 80
DEFAULT_ID = "document"

# Cyrillic (Russian, Ukrainian, Belarusian, Kazakh, Kyrgyz, Tajik letters) -> Latin, so
# that Cyrillic file names do not fold to nothing. Lower case; applied after lower().
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ә": "a", "ғ": "gh",
    "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ҷ": "j",
    "ӣ": "i", "ӯ": "u",
}
_TABLE = str.maketrans(_CYRILLIC)


def source_id(filename: str) -> str:
    """A stable URL-safe id: the file's stem lowercased and folded to ``[a-z0-9-]``.

    Cyrillic is transliterated, accents dropped (NFKD), every other character becomes
    '-', runs of '-' collapse, ends are trimmed, the id is cut to 80 characters;
    an id that comes out empty is "document".
    """
    stem = PurePath(filename).stem
    folded = unicodedata.normalize("NFKD", stem.lower().translate(_TABLE))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    slug = slug[:ID_MAX].rstrip("-")
    return slug or DEFAULT_ID


def unique_ids(ids: list[str]) -> list[str]:
    """Make ``ids`` unique in order: a later duplicate gets "-2", "-3"... (first free)."""
    taken = set(ids)
    seen: set[str] = set()
    out = []
    for base in ids:
        new = base
        if new in seen:
            n = 2
            while f"{base}-{n}" in taken or f"{base}-{n}" in seen:
                n += 1
            new = f"{base}-{n}"
        seen.add(new)
        out.append(new)
    return out
