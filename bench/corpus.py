"""A generator of synthetic CSTO-style news corpora for the benchmark.

``generate_corpus(n, out_dir)`` writes ``n`` English plain-text documents (300-600 words
each) in the shapes the real sources have: news-feed pages of several dated items
("02.10.2024" datelines), articles with a date line ("8 June 2022", "June 8, 2022",
"2022-06-08"), and interviews ("Name: headline 30.05.2022", "Author: ...", questions
and answers), some with YAML front matter.

The text mentions people (given names in several transliterations, synthetic surnames
-ov/-enko/-yan/-bekov/-ayev ...; titles before names, "X Y, Ambassador-at-Large of the
... Ministry" appositions, surname-only references, initials), bodies (CSTO organs,
ministries and councils of the member states, synthetic regional councils and
administrations), forces (standing CSTO forces, numbered brigades, border detachments),
operations (exercises with years such as "Interaction-2023", operations in quotes) and
dates in every format the extractor reads ("on 14 October", "8 June 2022", "in 2019",
"25-26 September 2024", "the end of 2021" ...).

Determinism and growth: document ``i`` depends only on the seed and ``i`` (a corpus of
``n`` documents is a prefix of a corpus of ``n + 1``), so "adding one document" to a
corpus is writing document ``n``. Each document introduces new people (person numbers
``3 i .. 3 i + 2``) and new places (used in body, force and exercise names), and
refers back to people of earlier documents and to a small fixed cast of high-profile
officials, so the number of entities grows roughly in proportion to ``n``.

Command line: ``python -m bench.corpus N OUT_DIR [--seed S] [--start K]``.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench.corpus_people import COUNCILS, DEFAULT_SEED, EXERCISES, QUESTIONS, QUOTES, TOPICS
from bench.corpus_text import Doc, _dateline, _iso, _random_day


def _headline(d: Doc) -> str:
    rng = d.rng
    p = d.some_person()
    _, surname = d.variant[p.number]
    return rng.choice([
        f"{surname} spoke about {rng.choice(TOPICS)} at a meeting in {d.place()}",
        f"{rng.choice(EXERCISES)}-{d.year}: CSTO forces completed the active phase of the exercise",
        f"The CSTO discussed {rng.choice(TOPICS)}",
        f"Meeting of the {rng.choice(COUNCILS)} held in {d.place()}",
        f"{surname}: {rng.choice(QUOTES).lower()}",
    ])


def _feed(d: Doc, target: int) -> str:
    """A news-feed page: dated items, newest first."""
    rng = d.rng
    y, m, day = _random_day(rng, d.year)
    parts = []
    while d.words < target:
        parts.append(f"{day:02d}.{m:02d}.{y}\n\n{d.paragraph(rng.randint(3, 5))}\n")
        d.words += 1
        day -= rng.randint(1, 6)
        if day < 1:
            day, m = rng.randint(20, 28), m - 1
            if m < 1:
                m, y = 12, y - 1
    return "\n\n".join(parts)


def _article(d: Doc, target: int) -> str:
    rng = d.rng
    y, m, day = _random_day(rng, d.year)
    head = _headline(d)
    d.words += len(head.split()) + 3
    parts = [head, _dateline(rng, y, m, day), ""]
    while d.words < target:
        parts.append(d.paragraph(rng.randint(2, 4)))
        parts.append("")
    if rng.random() < 0.3:
        parts.append(rng.choice(["Read also:", "Photo: CSTO press service", "Based on materials from TASS"]))
    return "\n".join(parts)


def _interview(d: Doc, target: int) -> str:
    rng = d.rng
    y, m, day = _random_day(rng, d.year)
    guest = d.people[0]
    given, surname = d.variant[guest.number]
    author = d.people[1] if len(d.people) > 1 else guest
    title = f"{given} {surname}: {rng.choice(QUOTES).lower()}"
    d.seen.add(author.number)
    lead = (f"{d.refer(guest)} spoke about {rng.choice(TOPICS)} and {rng.choice(TOPICS)} "
            f"in an interview with our publishing house.")
    parts = [title, "", f"{title} {day:02d}.{m:02d}.{y}", "",
             f"Author: {d.variant[author.number][0]} {d.variant[author.number][1]}", "", lead, ""]
    d.words += 2 * len(title.split()) + len(lead.split()) + 4
    while d.words < target:
        q = rng.choice(QUESTIONS)
        if rng.random() < 0.4:
            q = f"{given} {guest.patronymic or ''}, {q[0].lower()}{q[1:]}".replace(" ,", ",")
        d.words += len(q.split())
        parts += [f"- {q}", "", f"- {d.paragraph(rng.randint(2, 4))}", ""]
    return "\n".join(parts)


def _slug(text: str, words: int = 6) -> str:
    ascii_words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(ascii_words[:words]) or "document"


def generate_document(index: int, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """Document ``index`` of the corpus: ``(file name, text)``; depends only on both."""
    d = Doc(index, seed)
    rng = d.rng
    target = rng.randint(290, 530)  # the last paragraph overshoots: 300-600 words in all
    kind = rng.random()
    body = _feed(d, target) if kind < 0.35 else _article(d, target) if kind < 0.75 else _interview(d, target)
    body = body.strip("\n") + "\n"
    title_line = next(line for line in body.splitlines() if line.strip())
    name = f"bench-{index:05d}-{_slug(title_line)}.txt"
    if rng.random() < 0.15:
        y, m, day = _random_day(rng, d.year)
        front = (f"---\ntitle: \"{title_line.replace(chr(34), '')}\"\ndate: {_iso(y, m, day)}\n"
                 f"publisher: \"CSTO press service\"\nurl: \"https://example.org/news/{index}\"\n---\n\n")
        body = front + body
    return name, body


def generate_corpus(n: int, out_dir: Path, seed: int = DEFAULT_SEED, start: int = 0) -> list[Path]:
    """Write documents ``start .. start + n - 1`` into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + n):
        name, text = generate_document(index, seed)
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus",
                                     description="Write a synthetic CSTO-style corpus of .txt files.")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", type=Path, help="directory to write them to")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--start", type=int, default=0, help="index of the first document")
    args = parser.parse_args(argv)
    paths = generate_corpus(args.n, args.out, args.seed, args.start)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
