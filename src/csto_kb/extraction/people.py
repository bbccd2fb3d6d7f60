"""People: names found by the words around them (titles, bylines, verbs of saying)
and by their shape (given names, patronymics, surname endings)."""

from __future__ import annotations

import re

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.tokens import Token, is_all_caps, is_initial, is_name_shaped
from csto_kb.extraction.vocab import Vocabulary, vocabulary

MAX_NAME_TOKENS = 4
TITLE_WALK = 16  # how many tokens a title may stretch back from a name
DASHES = {"-", "–", "—"}


def _stem(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def is_title_word(word: str, v: Vocabulary) -> bool:
    """A title word ("Minister"), also as the first part of "Vice-Minister"/"Ambassador-at-Large"."""
    return word in v.title_words or word.split("-")[0] in v.title_words or (
        "-" in word and word.split("-")[-1] in v.title_words)


def is_stop_word(word: str, v: Vocabulary) -> bool:
    """Capitalised words that never belong to a person's name."""
    w = _stem(word)
    return (w in v.not_name_words or w in v.title_modifiers or w in v.geo_words or w in v.body_heads
            or w in v.force_heads or w in v.title_words or w.split("-")[0] in v.title_words or w in v.not_body_heads
            or (is_all_caps(w) and w in v.lexicon_words))


def _name_token(tok: Token, v: Vocabulary) -> bool:
    return is_name_shaped(tok.text) and not is_stop_word(tok.text, v)


def name_end(tokens: list[Token], i: int, v: Vocabulary) -> int:
    """Index after the longest name starting at ``tokens[i]`` (``i`` when there is none).

    A name is optional initials, then one to four name-shaped words on one line, not
    stop words; an all-caps word only after another name word ("Stanislav ZAS").
    """
    j = i
    while j < len(tokens) and is_initial(tokens[j].text) and j - i < 2:
        j += 1
    first_word = j
    while (j < len(tokens) and j - first_word < MAX_NAME_TOKENS and _name_token(tokens[j], v)
           and (not is_all_caps(tokens[j].text) or j > first_word)
           and (j == i or tokens[j].start - tokens[j - 1].end <= 1)):
        j += 1
    return j if j > first_word else i


def surname_shaped(word: str, v: Vocabulary) -> bool:
    """Ends like a surname from the region (-ov, -enko, -yan, -uly ...)."""
    w = word.lower()
    return len(w) > 3 and any(w.endswith(e) for e in v.surname_endings)


def is_patronymic(word: str, v: Vocabulary) -> bool:
    w = word.lower()
    return len(w) > 5 and any(w.endswith(e) for e in v.patronymic_endings)


def _title_before(tokens: list[Token], i: int, text: str, v: Vocabulary) -> int | None:
    """Index of the start of a title that ends right before ``tokens[i]``, or None."""
    title_at = None
    k = i - 1
    while k >= 0 and i - k <= TITLE_WALK:
        word = tokens[k].text
        if tokens[k + 1].start - tokens[k].end > 3:
            break
        if is_title_word(word, v) or word in v.honorifics:
            title_at = k
        elif word in v.title_words_lower:
            return k
        elif not (word[0].isupper() or word in v.connectors or word in DASHES or word in "()"):
            break
        k -= 1
    if title_at is None or tokens[i - 1].text in v.connectors:
        return None  # "Centre for | Preventive Diplomacy": a name follows no "for" or "of"
    while title_at > 0 and (tokens[title_at - 1].text in v.title_modifiers
                            or is_title_word(tokens[title_at - 1].text, v)):
        title_at -= 1
    return title_at


def _title_after(tokens: list[Token], j: int, v: Vocabulary) -> int | None:
    """End index of an appositive title after a name: "Name, Ambassador-at-Large of ..."."""
    if j >= len(tokens) or tokens[j].text != ",":
        return None
    k = j + 1
    if k < len(tokens) and tokens[k].text.lower() == "the":
        k += 1
    found = None
    while k < len(tokens) and k - j < TITLE_WALK:
        word = tokens[k].text
        if is_title_word(word, v):
            found = k + 1
        elif not (word[0].isupper() or word in v.connectors or word in DASHES):
            break
        k += 1
    return found


def _after_cue(text: str, para_start: int, tok: Token, v: Vocabulary) -> bool:
    before = text[para_start:tok.start].rstrip()
    for cue in v.byline_cues:
        phrase = " ".join(cue)
        if before.endswith(phrase) and (len(before) == len(phrase)
                                        or not before[-len(phrase) - 1].isalnum()):
            return True
    return False


def _speaker_headline(text: str, para_start: int, tokens: list[Token], i: int, j: int) -> bool:
    """"Name: quote" at the start of a paragraph or bullet."""
    lead = text[para_start:tokens[i].start]
    return j < len(tokens) and tokens[j].text == ":" and re.fullmatch(r"[\s•*·\-–—]*", lead) is not None


def _speech_verb_near(tokens: list[Token], i: int, j: int, v: Vocabulary) -> bool:
    after = [t.text for t in tokens[j:j + 2]]
    if after and after[0] in v.speech_verbs:
        return True
    if len(after) == 2 and (after[0] in ("also", "then", "further") or after[0].endswith("ly")) \
            and after[1] in v.speech_verbs:
        return True
    return i > 0 and tokens[i - 1].text in v.speech_verbs and j - i >= 2


def find_people(text: str, tokens: list[Token], para_start: int) -> list[Candidate]:
    """Person candidates among ``tokens`` (one sentence) of ``text``."""
    v = vocabulary()
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        j = name_end(tokens, i, v)
        if j == i:
            i += 1
            continue
        words = [t.text for t in tokens[i:j]]
        title_start = _title_before(tokens, i, text, v)
        title_end = _title_after(tokens, j, v)
        n_words = sum(1 for w in words if not is_initial(w))
        single = n_words == 1
        shaped = surname_shaped(words[-1], v) or any(is_initial(w) for w in words)
        person = (
            (title_start is not None and (not single or tokens[i - 1].text in v.title_words
                                          or tokens[i - 1].text in v.honorifics or shaped))
            or (title_end is not None and not single)
            or _after_cue(text, para_start, tokens[i], v)
            or (_speaker_headline(text, para_start, tokens, i, j) and (not single or shaped))
            or (words[0].split("-")[0] in v.given_names and not single)
            or (_speech_verb_near(tokens, i, j, v) and (not single or shaped))
            or (n_words == 2 and is_patronymic(words[1], v))
        )
        if person:
            title = None
            # "Mr." or "Dr." alone finds a name but is a form of address, not a post
            address = title_start == i - 1 and tokens[title_start].text in v.honorifics
            if title_start is not None and not address:
                title = text[tokens[title_start].start:tokens[i - 1].end].strip(" ,-–—")
            elif title_end is not None:
                title = text[tokens[j + 1].start:tokens[title_end - 1].end]
                title = re.sub(r"^the\s+", "", title)
            found.append(Candidate("people", tokens[i].start, tokens[j - 1].end,
                                   rule="person", title=title))
        i = j
    return found
