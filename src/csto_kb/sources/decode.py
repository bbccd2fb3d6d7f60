"""Bytes to text: UTF-8 (with or without BOM), else Windows-1251, else Latin-1."""

from __future__ import annotations

import codecs
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

MAX_CONTROL_SHARE = 0.02  # more control characters than this: not a text file
MIN_TEXT_SHARE = 0.95  # letters, digits, spaces, punctuation, symbols
MAX_MIXED_SHARE = 0.2  # Cyrillic words that also hold Latin letters: a wrong code page


class NotText(Exception):
    """The bytes are not a text file; the message says why."""


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode ``data``; return the text and the encoding used when it was not UTF-8.

    Raises ``NotText`` for binary data (NUL bytes, many control characters).
    """
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode("utf-16")), name
            except UnicodeDecodeError as exc:
                raise NotText("not valid UTF-16") from exc
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("windows-1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_cyrillic_text(text):
        return _checked(text), "windows-1251"
    return _checked(data.decode("latin-1")), "latin-1"


def _checked(text: str) -> str:
    if text and len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise NotText("binary file (mostly non-text characters)")
    return text


def _looks_like_cyrillic_text(text: str) -> bool:
    """Mostly letters and punctuation, and Cyrillic letters not mixed into Latin words."""
    if not text:
        return False
    texty = sum(1 for c in text if unicodedata.category(c)[0] in "LNPZS" or c in "\n\r\t")
    if texty < MIN_TEXT_SHARE * len(text):
        return False
    cyrillic_words = [w for w in _WORD.findall(text) if _CYRILLIC.search(w)]
    mixed = sum(1 for w in cyrillic_words if _LATIN.search(w))
    return mixed <= MAX_MIXED_SHARE * max(1, len(cyrillic_words))
