"""Dates and sentences of the synthetic corpus (see corpus.py): one document's
writer, :class:`Doc`, which names people, bodies, forces and dates as the sources do."""

from __future__ import annotations

import random

from bench.corpus_people import (
    CAPITALS,
    CAST,
    CAST_BASE,
    COUNCILS,
    COUNTRIES,
    CSTO_BODIES,
    CSTO_FORCES,
    EXERCISE_KINDS,
    EXERCISES,
    FILLER,
    MINISTRIES,
    MONTHS,
    OPERATION_KINDS,
    OPERATIONS,
    OTHER_BODIES,
    OTHER_PLACES,
    QUOTES,
    REGIONAL_BODIES,
    SPEECH,
    TOPICS,
    UNIT_TYPES,
    Person,
    person,
    place_name,
)

# --- dates -----------------------------------------------------------------------


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _random_day(rng: random.Random, year: int | None = None) -> tuple[int, int, int]:
    y = year or rng.randint(2003, 2025)
    m = rng.randint(1, 12)
    return y, m, rng.randint(1, 28)


def _day_month_year(rng: random.Random, y: int, m: int, d: int) -> str:
    return rng.choice([f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}",
                       f"{d:02d} {MONTHS[m - 1]} {y}"])


def _date_phrase(rng: random.Random, year: int, ranges: bool = False) -> str:
    """A date inside running text, in one of the formats sources use (with ``ranges``,
    also "on 25-26 September 2024" and "from 2018 to 2020")."""
    y, m, d = _random_day(rng, year if rng.random() < 0.6 else None)
    choice = rng.randrange(9) if ranges else rng.choice([0, 1, 2, 4, 5, 7, 8])
    if choice == 0:
        return f"on {d} {MONTHS[m - 1]}"
    if choice == 1:
        return f"on {_day_month_year(rng, y, m, d)}"
    if choice == 2:
        return f"in {rng.randint(1995, 2025)}"
    if choice == 3:
        return f"on {d}-{d + 1} {MONTHS[m - 1]} {y}"
    if choice == 4:
        return f"in {rng.choice(['early ', 'late ', 'mid-'])}{MONTHS[m - 1]} {y}"
    if choice == 5:
        return f"by the end of {y}"
    if choice == 6:
        return f"from {y - rng.randint(1, 4)} to {y}"
    if choice == 7:
        return f"on {MONTHS[m - 1]} {d}"
    return f"in {MONTHS[m - 1]} {y}"


def _dateline(rng: random.Random, y: int, m: int, d: int) -> str:
    return rng.choice([f"{d:02d}.{m:02d}.{y}", f"{d} {MONTHS[m - 1]} {y}",
                       f"{MONTHS[m - 1]} {d}, {y}", _iso(y, m, d)])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- documents -------------------------------------------------------------------


class Doc:
    """The state of one document being written: its people, places and words."""

    def __init__(self, index: int, seed: int):
        self.index = index
        self.seed = seed
        self.rng = random.Random(f"csto-bench:{seed}:doc:{index}")
        rng = self.rng
        new = [person(3 * index + k, seed) for k in range(3)]
        old = []
        for _ in range(rng.randint(1, 3)):
            if index > 0 and rng.random() < 0.6:
                old.append(person(rng.randrange(3 * index), seed))
            else:
                old.append(person(CAST_BASE + rng.randrange(CAST), seed))
        self.people = list(dict.fromkeys(new + old))
        rng.shuffle(self.people)
        self.seen: set[int] = set()  # people already introduced in full
        self.variant = {p.number: (rng.choice(p.given), rng.choice(p.surnames)) for p in self.people}
        self.places = [place_name(2 * index + k, seed) for k in range(2)]
        if index > 0:
            self.places.append(place_name(rng.randrange(2 * index), seed))
        self.year = rng.randint(2005, 2025)
        self.words = 0

    # names

    def full(self, p: Person) -> str:
        given, surname = self.variant[p.number]
        form = self.rng.random()
        if p.patronymic and form < 0.2:
            return f"{given} {p.patronymic} {surname}"
        if form < 0.3:
            return f"{given[0]}. {surname}"
        return f"{given} {surname}"

    def refer(self, p: Person) -> str:
        """A person in a sentence: in full with a title the first time, then shorter."""
        rng = self.rng
        _, surname = self.variant[p.number]
        if p.number in self.seen:
            return rng.choice([surname, surname, f"Mr. {surname}" if not p.female else f"Ms. {surname}",
                               f"{self.variant[p.number][0]} {surname}"])
        self.seen.add(p.number)
        if rng.random() < 0.3:
            return f"{self.full(p)}, {p.apposition},"
        return f"{p.post} {self.full(p)}"

    def some_person(self) -> Person:
        return self.rng.choice(self.people)

    # other entities

    def country(self) -> str:
        return self.rng.choice(COUNTRIES[self.rng.choice(sorted(COUNTRIES))])

    def body(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return f"the {rng.choice(CSTO_BODIES)}"
        if r < 0.55:
            return f"the {rng.choice(MINISTRIES)} of {self.country()}"
        if r < 0.7:
            return f"the {rng.choice(COUNCILS)}"
        if r < 0.8:
            return f"the {rng.choice(OTHER_BODIES)}"
        return f"the {rng.choice(self.places)} {rng.choice(REGIONAL_BODIES)}"

    def force(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return f"the {rng.choice(CSTO_FORCES)}"
        if r < 0.8:
            n = rng.randint(1, 220)
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")
            return f"the {n}{suffix} {rng.choice(UNIT_TYPES)}"
        return f"the {rng.choice(self.places)} Border Detachment"

    def exercise(self) -> str:
        rng = self.rng
        year = rng.randint(2004, 2025)
        if rng.random() < 0.35:
            name = f"{rng.choice(self.places)}-{year}"
        else:
            name = f"{rng.choice(EXERCISES)}-{year}"
        if rng.random() < 0.5:
            return f"the {rng.choice(EXERCISE_KINDS)} \u201c{name}\u201d"
        return f"the {rng.choice(EXERCISE_KINDS)} {name}"

    def operation(self) -> str:
        rng = self.rng
        name = rng.choice(OPERATIONS)
        if rng.random() < 0.4:
            name = f"{name}-{rng.choice(self.places)}"
        return f"the {rng.choice(OPERATION_KINDS)} \"{name}\""

    def date(self, ranges: bool = False) -> str:
        return _date_phrase(self.rng, self.year, ranges)

    def place(self) -> str:
        rng = self.rng
        return rng.choice([CAPITALS[rng.choice(sorted(CAPITALS))], rng.choice(OTHER_PLACES),
                           rng.choice(self.places)])

    # sentences

    def fact(self) -> str:
        """One sentence of news with several entities."""
        rng = self.rng
        p = self.some_person()
        topic = rng.choice(TOPICS)
        templates = [
            lambda: f"{_cap(self.date())}, {self.refer(p)} took part in a meeting of {self.body()} in {self.place()}.",
            lambda: f"{self.refer(p)} {rng.choice(SPEECH)} that {self.force()} had completed all the tasks of {self.exercise()}.",
            lambda: f"The active phase of {self.exercise()} began {self.date()} at a training ground near {self.place()}.",
            lambda: f"Units of {self.force()} and {self.force()} will take part in {self.exercise()} {self.date()}.",
            lambda: f"{_cap(self.date(ranges=True))}, {self.body()} held consultations on {topic} with experts from {self.country()}.",
            lambda: f"{_cap(self.date())}, {self.operation()} was held with the participation of {self.body()} and {self.body()}.",
            lambda: f"Under the chairmanship of {self.refer(p)}, a meeting of {self.body()} on {topic} was held {self.date(ranges=True)}.",
            lambda: f"{self.refer(p)} met with {self.refer(self.some_person())} to discuss {topic}.",
            lambda: f"During {self.operation()} the law enforcement agencies of {self.country()} seized more than {rng.randint(2, 900)} kilograms of drugs.",
            lambda: f"Representatives of {self.body()} visited {self.place()} {self.date()}, where they were received by {self.refer(p)}.",
            lambda: f"The decision was approved by {self.body()} {self.date()} and entered into force {self.date()}.",
        ]
        return rng.choice(templates)()

    def quote(self) -> str:
        rng = self.rng
        p = self.some_person()
        q = rng.choice(QUOTES)
        if rng.random() < 0.5:
            return f"\u201c{q},\u201d {self.refer(p)} {rng.choice(SPEECH)}."
        return f"{self.refer(p)} {rng.choice(SPEECH)}: \u201c{q}.\u201d"

    def filler(self) -> str:
        rng = self.rng
        return rng.choice(FILLER).format(topic=rng.choice(TOPICS), number=rng.randint(300, 5000),
                                         vehicles=rng.randint(20, 600))

    def paragraph(self, sentences: int) -> str:
        rng = self.rng
        out = []
        for _ in range(sentences):
            r = rng.random()
            out.append(self.fact() if r < 0.5 else self.quote() if r < 0.7 else self.filler())
        text = " ".join(out)
        self.words += len(text.split())
        return text
