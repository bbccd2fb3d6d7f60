"""People: names found by the words around them (titles, bylines, verbs of saying)
and by their shape (given names, patronymics, surname endings)."""

from __future__ import annotations

import re

from csto_kb.extraction.candidates import Candidate
from csto_kb.extraction.person_cues import (
    after_cue,
    described_after,
    speaker_headline,
    speech_verb_near,
)
from csto_kb.extraction.tokens import Token, is_all_caps, is_initial, is_name_shaped, tokenize
from csto_kb.extraction.vocab import Vocabulary, vocabulary

MAX_NAME_TOKENS = 4
TITLE_WALK = 40  # how many tokens a title may stretch back from a name
DASHES = {"-", "–", "—"}


def _stem(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def is_title_word(word: str, v: Vocabulary) -> bool:
    """A title word ("Minister"), also as the first part of "Vice-Minister"/"Ambassador-at-Large",
    or in the plural before several names ("Presidents Sadyr Japarov and Emomali Rahmon")."""
    return word in v.title_words or word.split("-")[0] in v.title_words or (
        word[0].islower() and "-" in word and word.split("-")[0] in v.title_words_lower) or (
        "-" in word and word.split("-")[-1] in v.title_words) or (
        word.endswith("s") and word[:-1] in v.title_words and word[-2:] != "ss")


def is_stop_word(word: str, v: Vocabulary) -> bool:
    """Capitalised words that never belong to a person's name."""
    known = v.memo.setdefault("stop", {})
    found = known.get(word)
    if found is None:
        w = _stem(word)
        found = known[word] = (
            w in v.not_name_words or w.lower().endswith(v.not_name_endings)
            or w in v.title_modifiers or w in v.geo_words or w in v.body_heads
            or w in v.force_heads or is_title_word(w, v) or w in v.not_body_heads
            or (is_all_caps(w) and w in v.lexicon_words))
    return found


def _name_token(tok: Token, v: Vocabulary) -> bool:
    """A word that may be part of a name: name-shaped, not a stop word, not a lone letter."""
    return len(tok.text) > 1 and is_name_shaped(tok.text) and not is_stop_word(tok.text, v)


def _initial(tok: Token, v: Vocabulary) -> bool:
    """An initial of a name: not a dotted stop word ("U.S.", a country's name)."""
    return is_initial(tok.text) and not is_stop_word(tok.text, v)


def _middle_initial(tokens: list[Token], j: int, v: Vocabulary) -> bool:
    """One initial between a given name and a surname, spaced as in "Daniel K. Harwood"."""
    return len(tokens[j].text) == 2 and _initial(tokens[j], v) and _name_token(tokens[j + 1], v) \
        and not is_all_caps(tokens[j + 1].text) and tokens[j].start - tokens[j - 1].end == 1 \
        and tokens[j + 1].start - tokens[j].end == 1


def name_end(tokens: list[Token], i: int, v: Vocabulary) -> int:
    """Index after the longest name starting at ``tokens[i]`` (``i`` when there is none).

    A name is optional initials, then one to four name-shaped words on one line, not
    stop words, then optional initials when none came first ("Karimov A.B."; "U.S." is
    no initials); an all-caps word only after another name word ("Stanislav ZAS"). A name
    ends where page furniture runs two words together ("Petrov|Ivan") or starts it again
    ("Ivan Petrov Ivan Petrov": a caption and its link).
    """
    j = i
    while j < len(tokens) and _initial(tokens[j], v) and j - i < 2:
        j += 1
    first_word = j
    while (j < len(tokens) and j - first_word < MAX_NAME_TOKENS and _name_token(tokens[j], v)
           and (not is_all_caps(tokens[j].text) or j > first_word)
           and (j == i or 0 < tokens[j].start - tokens[j - 1].end <= 1
                or (j == first_word and j > i))
           and tokens[j].text not in {t.text for t in tokens[first_word:j]}):
        j += 1
    if j == first_word:
        return i
    if j + 1 < len(tokens) and j == first_word + 1 and _middle_initial(tokens, j, v):
        j += 2  # "Daniel K. Harwood"
    if j < len(tokens) and tokens[j].text in v.name_suffixes and tokens[j].start - tokens[j - 1].end == 1:
        return j + 1  # "Turgunbek uulu"
    k = j
    while first_word == i and k < len(tokens) and _initial(tokens[k], v) and k - j < 2 \
            and tokens[k].start - tokens[k - 1].end <= 1:
        k += 1
    letters = sum(c.isalpha() for t in tokens[j:k] for c in t.text)
    return k if letters >= 2 else j  # "Karimov A.B.", not "Plan A."


def name_parts(text: str) -> tuple[str, list[str]]:
    """The initials of a name ("A.B.", "" when none) and its other words, wherever the
    initials stand: "A.B.Karimov", "A. B. Karimov" and "Karimov A.B." give ("A.B.", ["Karimov"])."""
    initials: list[str] = []
    words: list[str] = []
    for tok in tokenize(text):
        (initials if is_initial(tok.text) else words).append(tok.text)
    return "".join(initials), [w for w in words if w[0].isalnum()]


def surname_shaped(word: str, v: Vocabulary) -> bool:
    """Ends like a surname from the region (-ov, -enko, -yan, -uly ...)."""
    w = word.lower()
    return len(w) > 3 and w.endswith(v.surname_endings)


def is_patronymic(word: str, v: Vocabulary) -> bool:
    w = word.lower()
    return len(w) > 5 and w.endswith(v.patronymic_endings)


_LIST_DASHES = ("–", "—")  # "Volodin Vyacheslav Viktorovich – Chairman of the State Duma"
_WRAP = re.compile(r"[ \t]?\n?[ \t]{0,8}")  # a wrap, as the extraction reads it: a space, then an indent


def _title_before(tokens: list[Token], i: int, text: str, v: Vocabulary, floor: int = 0) -> int | None:
    """Index of the start of a title that ends right before ``tokens[i]``, or None; it
    starts at ``floor`` at the earliest (after the name before it: "Secretary General
    Stanislav Zas and the | Chief of the CSTO Joint Staff Colonel General A. Ivanov")."""
    title_at, comma = None, None
    k = i - 1
    while k >= floor and i - k <= TITLE_WALK:
        word = tokens[k].text
        if tokens[k + 1].start - tokens[k].end > 3 and not _WRAP.fullmatch(text, tokens[k].end, tokens[k + 1].start):
            break  # a column of a table or a signature; not a wrapped line's indent
        if is_title_word(word, v) or word in v.honorifics:
            title_at = k
        elif word in v.title_words_lower and comma is not None and title_at is not None \
                and i - comma > 2 and not _is_rank(text[tokens[comma + 1].start:tokens[i - 1].end]):
            break  # "According to the deputy minister, | Foreign Minister A. Mirzoyan"; not "..., Ambassador X"
        elif word in v.title_words_lower:
            while k > floor and (tokens[k - 1].text.capitalize() in v.title_modifiers | {"Press", "Chief"}
                                 or tokens[k - 1].text in v.title_words_lower):
                k -= 1  # "the CSTO press secretary Vladimir Zaynetdinov", "the bloc's secretary general, X"
            return None if tokens[i - 1].text in v.connectors else k  # "head of the Department for | Countering"
        elif word == "," and (all(is_title_word(t.text, v) or t.text in v.title_modifiers
                                  for t in tokens[k + 1:i])
                              or (_opens_title(tokens, k + 1, i, v)
                                  and not _apposition_follows(tokens, floor))):
            comma = k  # "the Chief of the Joint Staff, Colonel General A. Ivanov"; "Chairman of X, Chairman of Y A. B"
        elif not (word[0].isupper() or word in v.connectors or word in DASHES or word in "()"
                  or word in ("to", "at", "under", "'s", "’s")):
            break  # ("Representative of X to the CSTO", "Kyrgyzstan's Council", "Agency under the President" go on)
        k -= 1
    if title_at is None or tokens[i - 1].text in v.connectors:
        return None  # "Centre for | Preventive Diplomacy": a name follows no "for" or "of"
    while title_at > floor and (tokens[title_at - 1].text in v.title_modifiers
                                or tokens[title_at - 1].text in v.post_qualifiers_lower  # "former Secretary"
                                or (tokens[title_at - 1].text.islower()  # "acting Secretary"
                                    and tokens[title_at - 1].text.capitalize() in v.title_modifiers)
                                or is_title_word(tokens[title_at - 1].text, v)
                                or (tokens[title_at - 1].text == "and" and title_at > floor + 1
                                    and tokens[title_at - 2].text in v.title_modifiers)):
        title_at -= 1  # "Permanent and Plenipotentiary Representative"
    if title_at > 0 and tokens[title_at - 1].text[-1].isdigit() and tokens[title_at].text.isupper():
        return None  # "at 10 PM Nikol Pashinyan": a time
    return title_at


def _is_rank(words: str) -> bool:
    from csto_kb.extraction.posts import is_rank  # posts reads titles found here

    return is_rank(words)


def _opens_title(tokens: list[Token], k: int, end: int, v: Vocabulary) -> bool:
    """Whether a title word opens ``tokens[k:end]``, after its modifiers ("Supreme Commander")."""
    while k < end and tokens[k].text in v.title_modifiers:
        k += 1
    return k < end and is_title_word(tokens[k].text, v)


def _apposition_follows(tokens: list[Token], floor: int) -> bool:
    """Whether the name before ``floor`` is followed by an apposition (", Chief of ..."),
    whose title is its own, not the next name's."""
    return 0 < floor < len(tokens) - 1 and tokens[floor].text == "," \
        and tokens[floor + 1].text not in ("and", "or")


def office_topic(tokens: list[Token], k: int, v: Vocabulary) -> bool:
    """Whether ``tokens[k]`` is a lower-case field of an office after "of" ("minister of
    defence", "minister of foreign affairs")."""
    if tokens[k].text not in v.office_topics_lower or k < 2:
        return False
    before = tokens[k - 1].text
    return before in ("and", *v.office_topics_lower) or (
        before == "of" and tokens[k - 2].text.lower() in ("minister", "ministers", "ministry"))


def _title_after(tokens: list[Token], j: int, v: Vocabulary, opened: bool = False) -> int | None:
    """End index of an appositive title after a name: "Name, Ambassador-at-Large of ...",
    "Name (CSTO Secretary General)" (``opened``: the title starts right after ``tokens[j]``, whatever it is)."""
    if j >= len(tokens) or (tokens[j].text not in (",", "(", *_LIST_DASHES) and not opened) or (
            j + 1 < len(tokens) and tokens[j + 1].text in ("and", "or") and not opened):
        return None  # "Name, and the Secretary General ...": another person's title
    k = j + 1
    if k < len(tokens) and tokens[k].text.lower() in ("the", "a", "an"):
        k += 1  # "Name, a former deputy secretary of ..."
    found = None
    while k < len(tokens) and k - j < TITLE_WALK:
        word = tokens[k].text
        if is_title_word(word, v) or (word in v.title_words_lower and (found is None or found == k)):
            found = k + 1  # "deputy chairman of the Cabinet of Ministers"
        elif found is None and (word in v.post_qualifiers_lower or word.capitalize() in v.title_modifiers
                                or word in ("'s", "’s", "currently", "now", "also", "still")
                                or (word in ("a", "an", "the") and k > j + 1)  # "Name, now an aide to ..."
                                or word.capitalize() in v.body_heads):
            pass  # "former commander of", "then Russia's defence minister", "the Russian foreign ministry spokeswoman"
        elif not (word[0].isupper() or word in v.connectors or word in DASHES
                  or (found is not None and office_topic(tokens, k, v))):
            break
        k += 1
    return found


def _in_surname_list(tokens: list[Token], i: int, v: Vocabulary) -> bool:
    """Whether the one-word name ``tokens[i]`` is one of a list of one-word names joined by
    commas and "and" that opens its sentence, most of them shaped like surnames
    ("Lukashenka, Tokaev and Rahmon arrived last night"; not "at the Brestsky, Domanovo and
    Obuz-Lesnovsky ranges")."""
    items = [i]
    k = i
    while k >= 2 and tokens[k - 1].text in (",", "and") and _name_token(tokens[k - 2], v):
        k -= 2
        items.insert(0, k)
    k = i
    while k + 2 < len(tokens) and tokens[k + 1].text in (",", "and") and _name_token(tokens[k + 2], v):
        k += 2
        items.append(k)
    alone = all(n + 1 >= len(tokens) or not tokens[n + 1].text[:1].isupper() for n in items)
    subject = all(not t.text[:1].isalnum() for t in tokens[:items[0]])  # opens its sentence
    return len(items) >= 2 and alone and subject \
        and 2 * sum(surname_shaped(tokens[n].text, v) for n in items) > len(items)


def find_people(text: str, tokens: list[Token], para_start: int, byline: bool = False) -> list[Candidate]:
    """Person candidates among ``tokens`` (one sentence) of ``text``, each with the spans of
    the titles stated with it (see :mod:`csto_kb.extraction.titles`); in a ``byline`` every
    name of two words or more is a person's."""
    from csto_kb.extraction.titles import Hit, title_spans

    v = vocabulary()
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        j = name_end(tokens, i, v) if tokens[i].text[0].isupper() else i  # (a name opens in capitals)
        if j == i:
            i += 1
            continue
        words = [t.text for t in tokens[i:j]]
        title_start = _title_before(tokens, i, text, v, hits[-1].end if hits else 0)
        title_end = _title_after(tokens, j, v)
        n_words = sum(1 for w in words if not is_initial(w))
        single = n_words == 1
        initials = any(is_initial(w) for w in words)
        shaped = initials or surname_shaped(next(w for w in reversed(words) if not is_initial(w)), v)
        person = (
            initials
            or (title_start is not None and (not single or tokens[i - 1].text in v.title_words
                                          or tokens[i - 1].text in v.honorifics or shaped))
            or (title_end is not None and not single)
            or (after_cue(text, para_start, tokens[i], v) and (not single or shaped))
            or (speaker_headline(text, para_start, tokens, i, j) and (not single or shaped))
            or ((words[0].split("-")[0] in v.given_names or words[0] in v.family_names_first)
                and not single)
            or (speech_verb_near(tokens, i, j, v) and (not single or shaped))
            or (shaped and (i > 0 and tokens[i - 1].text in v.headline_verbs  # "Replaces Tasmagambetov"
                            or j < len(tokens) and tokens[j].text in v.headline_verbs))  # "Zas Meets"
            or (byline and not single)
            or (single and _in_surname_list(tokens, i, v))
            or (described_after(tokens, j, v) and not single)
            or (n_words == 2 and is_patronymic(words[1], v))
            or (n_words == 2 and not initials and surname_shaped(words[1], v)
                and len(words[0]) > 2 and not words[0].isupper() and words[0] not in v.leading_noise)
        )
        if person and not (j < len(tokens) and (tokens[j].text in v.body_heads or tokens[j].text in v.place_nouns)):
            hits.append(Hit(i, j, title_start, title_end))  # "the Drug Control Agency", "Shamsiddin Shohin district"
        i = j
    return [Candidate("people", tokens[h.start].start, tokens[h.end - 1].end, rule="person",
                      title=title, title_spans=spans)
            for h, (title, spans) in zip(hits, title_spans(text, tokens, hits))]
