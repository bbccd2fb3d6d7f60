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
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_SEED = 2024

# --- pools -------------------------------------------------------------------------

# Given names; the spellings in one tuple are transliterations of the same name.
MALE_NAMES = [
    ("Aleksandr", "Alexander"), ("Sergei", "Sergey"), ("Aleksei", "Alexei", "Alexey"),
    ("Dmitry", "Dmitriy"), ("Yuri", "Yury"), ("Nikolai", "Nikolay"), ("Valery", "Valeriy"),
    ("Anatoly", "Anatoliy"), ("Viktor", "Victor"), ("Andrei", "Andrey"), ("Murat",),
    ("Kairat",), ("Askar",), ("Almaz",), ("Rustam",), ("Timur",), ("Armen",), ("Tigran",),
    ("Nurlan",), ("Talgat",), ("Daniyar",), ("Ruslan",), ("Marat",), ("Oleg",), ("Igor",),
    ("Vadim",), ("Kanat",), ("Azamat",), ("Ermek",), ("Ulan",), ("Suren",), ("Gagik",),
    ("Sirojiddin",), ("Pavel",), ("Roman",), ("Konstantin",), ("Bakyt",), ("Arman",),
]
FEMALE_NAMES = [
    ("Irina",), ("Elena", "Yelena"), ("Natalia", "Natalya"), ("Olga",), ("Aigul",),
    ("Gulnara",), ("Madina",), ("Anna",), ("Svetlana",), ("Zhanna",), ("Dinara",),
]
PATRONYMICS = ["Vasilievich", "Nikolaevich", "Ivanovich", "Petrovich", "Sergeevich",
               "Alexandrovich", "Viktorovich", "Yurievich"]

# Surname stems are consonant-vowel-consonant-vowel-consonant; each person number maps
# to a different stem (a bijection), so surnames never repeat by accident.
_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "ch", "zh", "p"]
_VOWELS = ["a", "e", "i", "o", "u"]
_CODAS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t"]
_STEMS = len(_ONSETS) * len(_VOWELS) * len(_ONSETS) * len(_VOWELS) * len(_CODAS)  # 64,000
_STEP = 7919  # prime, coprime with _STEMS: k -> k * _STEP mod _STEMS is a permutation

# (male ending spellings, female ending spellings); several spellings = transliterations.
SURNAME_ENDINGS = [
    (("ov",), ("ova",)), (("ayev", "aev"), ("ayeva", "aeva")), (("enko", "enka"), ("enko",)),
    (("yan", "ian"), ("yan",)), (("bekov",), ("bekova",)), (("in",), ("ina",)),
    (("uly",), ("kyzy",)), (("baev", "bayev"), ("baeva",)), (("ovsky",), ("ovskaya",)),
    (("imov",), ("imova",)), (("dze",), ("dze",)), (("iyev", "iev"), ("iyeva",)),
]

PLACE_ENDINGS = ["abad", "kent", "grad", "tau", "bulak", "sai", "ovka", "ino", "sk"]

COUNTRIES = {  # short name -> formal names
    "Armenia": ["Armenia", "the Republic of Armenia"],
    "Belarus": ["Belarus", "the Republic of Belarus"],
    "Kazakhstan": ["Kazakhstan", "the Republic of Kazakhstan"],
    "Kyrgyzstan": ["Kyrgyzstan", "the Kyrgyz Republic"],
    "Russia": ["Russia", "the Russian Federation"],
    "Tajikistan": ["Tajikistan", "the Republic of Tajikistan"],
}
ADJECTIVE = {"Armenia": "Armenian", "Belarus": "Belarusian", "Kazakhstan": "Kazakh",
             "Kyrgyzstan": "Kyrgyz", "Russia": "Russian", "Tajikistan": "Tajik"}
CAPITALS = {"Armenia": "Yerevan", "Belarus": "Minsk", "Kazakhstan": "Astana",
            "Kyrgyzstan": "Bishkek", "Russia": "Moscow", "Tajikistan": "Dushanbe"}
OTHER_PLACES = ["Almaty", "Osh", "Khujand", "Sochi", "Kazan", "Novosibirsk", "Samarkand"]

MINISTRIES = ["Ministry of Foreign Affairs", "Ministry of Defence", "Ministry of Internal Affairs",
              "Ministry of Emergency Situations", "Ministry of Health", "Ministry of Justice",
              "State Border Service", "National Security Committee", "Security Council",
              "General Prosecutor's Office", "State Committee for National Security"]
MINISTER_OF = {"Ministry of Foreign Affairs": "Minister of Foreign Affairs",
               "Ministry of Defence": "Minister of Defence",
               "Ministry of Internal Affairs": "Minister of Internal Affairs",
               "Ministry of Emergency Situations": "Minister of Emergency Situations",
               "Ministry of Health": "Minister of Health",
               "Ministry of Justice": "Minister of Justice",
               "State Border Service": "Director of the State Border Service",
               "National Security Committee": "Chairman of the National Security Committee",
               "Security Council": "Secretary of the Security Council",
               "General Prosecutor's Office": "Prosecutor General",
               "State Committee for National Security": "Chairman of the State Committee for National Security"}
SHORT_TITLES = {"Ministry of Foreign Affairs": "Foreign Minister",
                "Ministry of Defence": "Defence Minister",
                "Ministry of Internal Affairs": "Interior Minister"}

CSTO_BODIES = ["CSTO Secretariat", "CSTO Joint Staff", "Collective Security Council",
               "Council of Foreign Ministers", "Council of Defence Ministers",
               "Committee of Secretaries of Security Councils", "CSTO Parliamentary Assembly",
               "CSTO Crisis Response Center", "CSTO Military Committee", "CSTO Academy"]
COUNCILS = [
    "Coordination Council of Heads of Competent Authorities on Countering Illegal Migration",
    "Coordination Council of Heads of Competent Authorities on Countering Illegal Drug Trafficking",
    "Coordination Council on Emergency Situations",
    "Coordination Council of authorized bodies on biological security issues",
    "Working Group on Afghanistan",
    "Working Group on Information Policy and Information Security",
    "Expert Council of the CSTO Parliamentary Assembly",
    "Interstate Commission on Military-Economic Cooperation",
]
OTHER_BODIES = ["United Nations", "UN Security Council", "OSCE", "Commonwealth of Independent States",
                "Shanghai Cooperation Organisation", "North Atlantic Alliance", "European Union",
                "UN Office on Drugs and Crime", "CIS Anti-Terrorism Center"]
REGIONAL_BODIES = ["Regional Council", "City Administration", "Regional Police Department",
                   "Regional Emergency Department", "Regional Court"]

CSTO_FORCES = ["Collective Rapid Reaction Forces (CRRF)", "Collective Peacekeeping Forces",
               "Collective Rapid Deployment Forces of the Central Asian Region",
               "Collective Aviation Forces", "CSTO Collective Forces"]
UNIT_TYPES = ["Separate Motor Rifle Brigade", "Airborne Assault Division", "Guards Tank Regiment",
              "Special Purpose Battalion", "Mountain Rifle Brigade", "Engineer Battalion"]

EXERCISES = ["Interaction", "Search", "Echelon", "Cobalt", "Rubezh", "Frontier", "Thunder",
             "Barrier", "Indestructible Brotherhood", "Shield", "Bastion", "Horizon"]
OPERATIONS = ["Channel", "Illegal", "Mercenary", "PROXY", "Kanal", "Naemnik", "Zaslon", "Cordon"]
EXERCISE_KINDS = ["joint exercise", "command-staff exercise", "special exercise",
                  "command-staff training", "joint training"]
OPERATION_KINDS = ["anti-drug operation", "operation", "special operation",
                   "regional operation", "preventive operation"]

TOPICS = ["countering international terrorism", "combating drug trafficking",
          "illegal migration", "information security", "biological security",
          "border security on the Tajik-Afghan border", "peacekeeping", "emergency response",
          "military-technical cooperation", "air defence", "cyber threats",
          "the training of personnel", "crisis response"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SPEECH = ["said", "stressed", "noted", "emphasized", "added", "stated", "pointed out"]

QUOTES = [
    "Our countries share one security space, and a threat to one of us is a threat to all",
    "We have to respond quickly and together to every challenge in the region",
    "The situation on the external borders of the Organization requires constant attention",
    "Joint trainings show that our units are ready to act as one",
    "We will continue to improve the mechanisms of crisis response",
    "Cooperation between our services has reached a new level",
    "Nobody can solve these problems alone, only by working together",
    "The results of the year show that the chosen approach is correct",
]
QUESTIONS = [
    "What are the main results of the year for the Organization?",
    "How do you assess the situation on the external borders?",
    "Which tasks will the forces practise during the coming exercise?",
    "Is the Organization ready to expand its cooperation with other structures?",
    "What has changed in the work of the Secretariat?",
    "How is cooperation in countering drug trafficking developing?",
]
FILLER = [
    "The parties discussed {topic} and the coordination of their positions on the international arena.",
    "Particular attention was paid to {topic} and to the preparation of joint documents.",
    "The participants exchanged views on the situation in the Organization's area of responsibility.",
    "Representatives of the member states agreed to continue consultations at the expert level.",
    "The meeting adopted a plan of joint actions on {topic} for the next two years.",
    "The delegations noted the importance of a coordinated approach to {topic}.",
    "Experts presented reports on the state of {topic} in the member states.",
    "The sides also considered practical questions of interaction between their agencies.",
    "It was noted that the exchange of information between the services has become more regular.",
    "The work on {topic} will continue within the existing formats of cooperation.",
    "According to the organizers, more than {number} servicemen and {vehicles} units of equipment took part.",
    "The agenda included {topic}, the budget of the Organization and personnel issues.",
]


# --- people ----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    number: int
    female: bool
    given: tuple[str, ...]      # transliterations of the given name
    surnames: tuple[str, ...]   # transliterations of the surname
    patronymic: str | None
    country: str
    post: str                   # a title that stands before the name
    apposition: str             # "Ambassador-at-Large of the Ministry of ..." after the name


def _stem(number: int) -> str:
    idx = (number * _STEP + 1234) % _STEMS
    idx, coda = divmod(idx, len(_CODAS))
    idx, v2 = divmod(idx, len(_VOWELS))
    idx, o2 = divmod(idx, len(_ONSETS))
    o1, v1 = divmod(idx, len(_VOWELS))
    return (_ONSETS[o1] + _VOWELS[v1] + _ONSETS[o2] + _VOWELS[v2] + _CODAS[coda]).capitalize()


def place_name(number: int, seed: int = DEFAULT_SEED) -> str:
    """A synthetic town: a stem (from a different range than surnames) and an ending."""
    rng = random.Random(f"csto-bench:{seed}:place:{number}")
    stem = _stem(_STEMS // 2 + number)  # surnames use the low range
    return stem + rng.choice(PLACE_ENDINGS)


@lru_cache(maxsize=100_000)
def person(number: int, seed: int = DEFAULT_SEED) -> Person:
    """Person ``number``: the same name, country and post in every document."""
    rng = random.Random(f"csto-bench:{seed}:person:{number}")
    female = rng.random() < 0.15
    given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    male_end, female_end = rng.choice(SURNAME_ENDINGS)
    stem = _stem(number)
    surnames = tuple(stem + e for e in (female_end if female else male_end))
    patronymic = None if female or rng.random() < 0.6 else rng.choice(PATRONYMICS)
    country = rng.choice(sorted(COUNTRIES))
    formal = rng.choice(COUNTRIES[country])
    ministry = rng.choice(MINISTRIES)
    rank = rng.choice(["Major General", "Colonel", "Lieutenant General", "Colonel General"])
    posts = [
        f"{MINISTER_OF[ministry]} of {formal}",
        f"Deputy {MINISTER_OF[ministry]} of {formal}",
        f"First Deputy {MINISTER_OF[ministry]} of {formal}",
        f"{ADJECTIVE[country]} {SHORT_TITLES.get(ministry, 'Deputy Prime Minister')}",
        f"Ambassador of {formal} to the CSTO",
        f"Permanent Representative of {formal} to the CSTO",
        "Deputy Secretary General of the CSTO",
        f"Chief of Staff {rank}",
        rank,
        f"Head of the CSTO Secretariat's department {rank}",
    ]
    post = rng.choice(posts)
    apposition = rng.choice([
        f"Ambassador-at-Large of the {ministry} of {formal}",
        f"Head of the Department of International Cooperation of the {ministry} of {formal}",
        f"Deputy Chairman of the {rng.choice(CSTO_BODIES)}",
        f"Permanent Representative of {formal} to the CSTO",
        f"Director of the {rng.choice(['CSTO Crisis Response Center', 'CSTO Academy'])}",
    ])
    return Person(number, female, given, surnames, patronymic, country, post, apposition)


# A small cast of high-profile officials who appear in many documents (like a real
# Secretary General): they make the largest entity pages grow with the corpus.
CAST = 12
CAST_BASE = 10_000_000  # person numbers of the cast, far from the per-document range


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


class _Doc:
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


def _headline(d: _Doc) -> str:
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


def _feed(d: _Doc, target: int) -> str:
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


def _article(d: _Doc, target: int) -> str:
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


def _interview(d: _Doc, target: int) -> str:
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
    d = _Doc(index, seed)
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
