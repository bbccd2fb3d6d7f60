"""Extraction: every mention of the five kinds in one document.

For each sentence of each paragraph (boilerplate left out) the finders propose
candidates: people first (their names block other patterns), then the lexicon, the
body/force and operation patterns and the date grammar; overlaps are settled longest
first. Then two passes over the whole document: abbreviations defined in brackets
("Collective Peacekeeping Forces (CPF)") and the surnames, all-caps forms and
first name + patronymic of the people already found.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from csto_kb.extraction.candidates import Candidate, nested_names, settle_overlaps
from csto_kb.extraction.dates import find_dates, last_year
from csto_kb.extraction.lexicon import find_home_organs, find_lexicon, keep_in_context
from csto_kb.extraction.operations import find_operations, standing_operation_names
from csto_kb.extraction.organisations import find_force_phrases, find_organisations
from csto_kb.extraction.people import find_people, is_patronymic, is_stop_word, name_parts
from csto_kb.extraction.post_bodies import bare_head_bodies
from csto_kb.extraction.posts import posts_in_title
from csto_kb.extraction.sentences import split_sentences
from csto_kb.extraction.titles import named_titles
from csto_kb.extraction.tokens import Token, display_name, spans_within, tokenize, word_spans
from csto_kb.extraction.vocab import vocabulary
from csto_kb.model import Document, Mention
from csto_kb.sources.wrapping import unwrap

_ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]*[A-Z](?:[ -][A-Z]{2,})*)\)")
_INNER_ABBREVIATION = re.compile(r"\s\((?P<abbr>[A-Z][A-Za-z]*[A-Z](?:[ -][A-Z]{2,}| [A-Z][a-z]+){0,2})\)(?=\s)")


def _sentence_candidates(text: str, tokens: list[Token], start: int, end: int, para_start: int,
                         base_date: str | None, names: list[tuple[int, int]],
                         kinds: dict[str, str], year_before: str | None = None,
                         byline: bool = False) -> tuple[list[Candidate], str | None]:
    """The candidates of one sentence (its ``tokens``; ``byline``: its line is one), and
    the last year its dates give (or ``year_before``)."""
    people = find_people(text, tokens, para_start, byline)
    starts = [t.start for t in tokens]  # tokens are in text order
    taken = {n for p in people
             for n in range(bisect_left(starts, p.start), bisect_left(starts, p.end))}
    found = people + find_lexicon(text, start, end) + find_home_organs(text, start, end)
    found += find_organisations(text, tokens, taken)
    found += find_force_phrases(text, start, end) + find_operations(text, start, end)
    found += [Candidate(kinds[text[a:b]], a, b, rule="lexicon")
              for a, b in spans_within(names, start, end)]
    dates = find_dates(text[start:end], base_date, year_before)
    for d in dates:
        value = d.value if d.end_value is None else f"{d.value}/{d.end_value}"
        found.append(Candidate("dates", start + d.start, start + d.end, key=value, rule="date"))
    return found, last_year(dates) or year_before


def _settle(text: str, found: list[Candidate], named: set[str]) -> list[Candidate]:
    """One sentence's candidates without overlaps (the names nested inside a longer one
    kept apart), the context aliases whose context the document names."""
    found = keep_in_context(found, named)
    kept = settle_overlaps(found)
    kept += nested_names(text, found, kept)
    bodies = [c for c in kept if c.kind == "bodies"]
    kept = [dataclasses.replace(c, posts=tuple(p for a, b in c.title_spans
                                               for p in posts_in_title(text, a, b, bodies)))
            if c.title_spans else c for c in kept]
    return sorted(kept, key=lambda c: (c.start, c.end))


def _titled(text: str, tokens: list[Token], cands: list[Candidate]) -> list[Candidate]:
    """The sentence's candidates after the names the document defined elsewhere were added:
    a person named by a surname given in full before gets the titles and posts stated with
    it; a post gets the body an abbreviation defined elsewhere names ("Director of the DCA")."""
    people = [c for c in cands if c.kind == "people"]
    bodies = [c for c in cands if c.kind == "bodies"]
    new_bodies = [b for b in bodies if b.rule == "abbreviation"]
    if not any(c.rule == "abbreviation" for c in people) and not new_bodies:
        return cands
    titles = named_titles(text, tokens, [(c.start, c.end) for c in people])
    found = {id(c): (title, spans) if c.rule == "abbreviation" and spans else (c.title, c.title_spans)
             for c, (title, spans) in zip(people, titles)}

    def redo(c: Candidate) -> bool:
        spans = found[id(c)][1]
        return bool(spans) and (c.rule == "abbreviation" or any(
            a <= b.start and b.end <= z for a, z in spans for b in new_bodies))

    return [dataclasses.replace(c, title=found[id(c)][0], title_spans=found[id(c)][1],
                                posts=tuple(p for a, b in found[id(c)][1] for p in posts_in_title(text, a, b, bodies)))
            if c.kind == "people" and redo(c) else c for c in cands]


def _abbreviations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Bracketed abbreviations right after a body, force or operation name, or inside
    it ("the Council of Commanders of Border Troops (CCBT) of the CIS")."""
    out = []
    for c in cands:
        if c.kind in ("people", "dates"):
            continue
        found = _ABBREVIATION.match(text, c.end) or _INNER_ABBREVIATION.search(text, c.start, c.end)
        if found:
            out.append(Candidate(c.kind, found.start("abbr"), found.end("abbr"), key=c.key,
                                 rule="abbreviation", long_form=display_name(text[c.start:c.end])))
    return out


def _word_candidates(text: str, words: dict[str, Candidate], spans: list[tuple[int, int]],
                     start: int, end: int) -> list[Candidate]:
    """Candidates for the ``words`` at ``spans`` (:func:`word_spans`) in ``text[start:end]``."""
    return [Candidate(words[text[a:b]].kind, a, b, key=words[text[a:b]].key,
                      rule="abbreviation", long_form=words[text[a:b]].long_form)
            for a, b in spans_within(spans, start, end)]


def _person_forms(text: str, people: list[Candidate]) -> dict[str, Candidate]:
    """Surnames (also in capitals) and first name + patronymic pairs of the people found."""
    v = vocabulary()
    forms: dict[str, Candidate] = {}
    for p in people:
        initials, words = name_parts(text[p.start:p.end])
        if len(words) + bool(initials) < 2 or is_patronymic(words[-1], v):
            continue
        full = text[p.start:p.end]
        for form in (words[-1], words[-1].upper()):
            if not is_stop_word(form, v):
                forms.setdefault(form, Candidate("people", 0, 0, rule="person", long_form=full))
    return forms


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _title_case(line: str) -> str:
    v = vocabulary()

    def word(m: re.Match) -> str:
        w = m.group()
        if w.lower() in v.connectors:
            return w.lower()
        if w in v.lexicon_words:  # CSTO, NATO stay as they are
            return w
        cased = "-".join(part.capitalize() for part in w.split("-"))
        return cased if len(cased) == len(w) else w

    return _WORD.sub(word, line)


def cased_view(doc: Document) -> str:
    """``doc.text`` with paragraphs written in capitals ("MINISTRY OF FOREIGN AFFAIRS",
    a caption "SADYR JAPAROV") in title case, same length, so that the rules, which
    rely on capitals, can read them; hard-wrapped lines joined by spaces (a name may run
    on to the next line); mentions still quote ``doc.text``."""
    text = unwrap(doc.text)
    parts, last = [], 0
    for para in doc.paragraphs:
        line = text[para.start:para.end]
        if line.isupper() and sum(c.isalpha() for c in line) >= 6 and " " in line.strip():
            parts += [text[last:para.start], _title_case(line)]
            last = para.end
    return "".join(parts + [text[last:]]) if parts else text


def extract_document(doc: Document, names: dict[str, str] | None = None) -> list[Mention]:
    """All mentions in ``doc``, sorted by position.

    ``names`` maps extra names to recognise (the curation file's aliases) to their kind.
    """
    text = cased_view(doc)
    names_at = word_spans(text, names or ())
    kinds = dict(names or {})
    sentences: list[tuple[int, int, int, list[Token]]] = []  # (start, end, paragraph index, tokens)
    found: list[list[Candidate]] = []
    year_before, segment = None, None  # the last year the item's text gave, for "that year"
    for index, para in enumerate(doc.paragraphs):
        if para.boilerplate:
            continue  # navigation, credits and bare datelines hold no facts
        base = doc.segments[para.segment].date if doc.segments else doc.date
        if para.segment != segment:
            year_before, segment = None, para.segment
        for s, e in split_sentences(text, para.start, para.end):
            tokens = tokenize(text, s, e)
            sentences.append((s, e, index, tokens))
            cands, year_before = _sentence_candidates(text, tokens, s, e, para.start, base, names_at,
                                                      kinds, year_before, para.role == "byline")
            found.append(cands)
    named = {c.key for cands in found for c in cands if c.key and c.rule in ("lexicon", "lexicon-ci")}
    per_sentence = [_settle(text, cands, named) for cands in found]
    defined: dict[str, Candidate] = {}
    for cands in per_sentence:
        for a in _abbreviations(text, cands):
            defined.setdefault(text[a.start:a.end], a)
    people = [c for cands in per_sentence for c in cands if c.kind == "people"]
    operations = [c for cands in per_sentence for c in cands if c.kind == "operations"]
    extra_words = {**standing_operation_names(text, operations), **_person_forms(text, people),
                   **defined}
    words_at = word_spans(text, extra_words)
    final = []
    for (s, e, index, tokens), cands in zip(sentences, per_sentence):
        more = _word_candidates(text, extra_words, words_at, s, e)
        if more:
            inner = [c for c in cands if c.rule == "nested"]
            cands = sorted(settle_overlaps([c for c in cands if c.rule != "nested"] + more) + inner,
                           key=lambda c: (c.start, c.end))
            cands = _titled(text, tokens, cands)
        final.append(cands)
    return [_mention(doc, c, s, e, index)
            for (s, e, index, _), cands in zip(sentences, bare_head_bodies(text, final)) for c in cands]


def _mention(doc: Document, c: Candidate, s: int, e: int, paragraph: int) -> Mention:
    value = end_value = None
    if c.kind == "dates":
        value, _, end_value = (c.key or "").partition("/")
        end_value = end_value or None
    return Mention(
        kind=c.kind, text=doc.text[c.start:c.end].replace("\n", " "), start=c.start, end=c.end, source=doc.id,
        sentence=doc.text[s:e], sentence_start=s, paragraph=paragraph,
        key=None if c.kind == "dates" else c.key, long_form=c.long_form, title=c.title,
        posts=c.posts,
        value=value, end_value=end_value,
    )
