"""Characters that show nothing but change what text is: zero-width spaces and joiners,
soft hyphens, byte order marks, Unicode bidirectional controls (which reorder the text
after them on a page or in a browser tab), variation selectors and tag characters.

Source text has them when it was copied from web pages or written to deceive: "Z\u200bas"
looks like "Zas" and would be a second record. They are dropped when a source or the
curation file is read (so names are compared as they look) and from whatever a page
shows.
"""

from __future__ import annotations

import re

# A joiner or variation selector inside a run of emoji and symbols ("✈️", "👨‍👩") is
# part of how the symbol looks, deceives no one and stays, so that quotes stay verbatim;
# after a letter, digit or space, or before a letter or digit ("Sido\u200drov"), it goes.
_EMOJI_PARTS = "\u200d\ufe00-\ufe0f"
_ALWAYS = ("\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064"
           "\u2066-\u206f\ufeff\U000e0000-\U000e007f")
INVISIBLE = re.compile(f"(?<![^\\w\\s])[{_EMOJI_PARTS}]|[{_EMOJI_PARTS}](?=\\w)|[{_ALWAYS}]")
#: The characters :data:`INVISIBLE` may match, as the body of a character class: a
#: search for the class is a quick test that text holds none (the lookaround of the
#: pattern makes its own search try every position: 30 times slower on long texts).
INVISIBLE_CHARS = _EMOJI_PARTS + _ALWAYS


def drop_invisible(text: str) -> str:
    """``text`` without the characters described above."""
    return INVISIBLE.sub("", text) if INVISIBLE.search(text) else text
