"""Who and what the synthetic corpus names (see corpus.py): given names, surnames,
places, bodies, forces, operations, topics, and each person of the corpus."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

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
