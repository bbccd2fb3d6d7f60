"""Operations: quoted names after cues, translations, names with a year, missions."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.resolution import resolve
from helpers import found, make_document


@pytest.mark.parametrize("text, name", [
    ('The results of the operation "Kanal-Patrol" were discussed.', "Kanal-Patrol"),
    ("The exercise ‘Poisk’ ended on Friday.", "Poisk"),
    ("The command-staff training with the CSTO peacekeeping forces “Eternal Friendship” began.",
     "Eternal Friendship"),
    ("Units rehearsed for Interaction-2023 near Brest.", "Interaction-2023"),
    ("The drills Rubezh-2022 ended.", "Rubezh-2022"),
    ("They took part in Operation Thunder last year.", "Thunder"),
])
def test_operation_names(text, name):
    assert name in found(text, "operations")


def test_translation_in_brackets_is_an_alias_of_the_same_operation():
    doc = make_document("The CSTO runs the operations 'Nelegal' ('Illegal') and 'Korund' ('Corundum').")
    ops = [m for m in extract_document(doc) if m.kind == "operations"]
    assert [m.text for m in ops] == ["Nelegal", "Illegal", "Korund", "Corundum"]
    entities = [e for e in resolve(ops)]
    assert sorted(sorted(m.text for m in e.mentions) for e in entities) == [
        ["Corundum", "Korund"], ["Illegal", "Nelegal"]]


def test_mission_in_a_country():
    doc = make_document("A delegation visited the UN mission in Lebanon (UNIFIL).")
    ops = [m for m in extract_document(doc) if m.kind == "operations"]
    assert [(m.text, m.key) for m in ops] == [("UN mission in Lebanon", "mission-un-lebanon"),
                                             ("UNIFIL", "unifil")]
    assert [(e.id, len(e.mentions)) for e in resolve(ops)] == [("unifil", 2)]


@pytest.mark.parametrize("text", [
    "The training range “Bereg” hosted the opening.",
    "The Collective Security Strategy-2025 was adopted.",
    'A film headlined "Allies on Guard" was shown.',
    "The summit in Yerevan was a success.",
    "Russia takes part in peacekeeping operations in many places.",
])
def test_not_an_operation(text):
    assert found(text, "operations") == []


def test_name_with_a_year_before_a_cue_word():
    assert "Eagle Partner 2023" in found("Soldiers took part in the Eagle Partner 2023 exercise.",
                                         "operations")


def test_exercise_series_joins_its_dated_name_in_the_same_document():
    from csto_kb.resolution import resolve

    doc = make_document("The Interaction-2023 exercise began.\nThe 'Interaction' drills ended.")
    ops = [e for e in resolve(extract_document(doc)) if e.kind == "operations"]
    assert [(e.name, e.aliases) for e in ops] == [("Interaction-2023", ["Interaction"])]


def test_a_quoted_place_before_training_ground_is_not_an_operation():
    assert found("It was held at the “Brestsky” training ground.", "operations") == []


@pytest.mark.parametrize("text, names", [
    ("Kyrgyzstan chairs the bloc, and Rubezh exercises with the CRDF remain its core.", ["Rubezh"]),
    ("Rubezh exercises remain the core of its training.", ["Rubezh"]),
    ("The forces train in the Rubezh (Frontier) series of exercises.", ["Rubezh", "Frontier"]),
    ("The staffs hold the Interaction series of drills each autumn.", ["Interaction"]),
    ("During Interaction 2024, the troops trained in Pskov.", ["Interaction 2024"]),  # a spaced year
    ("Search operations continued on Monday.", []),  # an English word opening a sentence
    ("They reached the Interaction exercise range.", []),  # a place, not the exercise
])
def test_a_series_name_before_its_cue_needs_no_article(text, names):
    assert found(text, "operations") == names


def test_a_series_named_as_such_is_not_its_edition_of_the_year():
    doc = make_document("Troops train in yearly series of drills such as \"Interaction\". "
                        "This year's Interaction-2025 was held in Belarus. The Interaction drills ended.")
    groups = sorted(sorted(m.text for m in e.mentions) for e in resolve(extract_document(doc))
                    if e.kind == "operations")
    assert groups == [["Interaction"], ["Interaction", "Interaction-2025"]]


@pytest.mark.parametrize("text, names", [
    ("Troops took part in exercises dubbed Cooperation 2024.", ["Cooperation 2024"]),
    ("The CSTO held its annual Kanal operation in May.", ["Kanal"]),
    ("The CSTO's anti-drug operation Channel was extended.", ["Channel"]),  # a standing name after its cue
    ("The singers took part in the annual Eurovision contest.", []),
    # a name right after its cue, though a quoted name follows later in the sentence
    ('He said the operation Kanal would start, and that "Mercenary-2025" was scheduled.',
     ["Kanal", "Mercenary-2025"]),
    # a standing operation's all-caps name before an adjective and its cue; no other word
    ("The Secretariat pushed the PROXY cyber operation forward.", ["PROXY"]),
    ("The CSTO cyber operation went on.", []),
    # "series" is a cue: the series itself ("The Rubezh series, first held in 2004")
    ("The Rubezh series, first held in Kazakhstan in 2004, grew.", ["Rubezh"]),
    # a list of quoted names, each with what it is against
    ('The operations "Channel" against drug trafficking and "Illegal" against illegal '
     'migration remain important.', ["Channel", "Illegal"]),
    # a name of two words joined by a spaced dash, and its translation
    ('The anti-drug operation Kanal – Perekhvat ("Channel – Interception") ended.',
     ["Kanal – Perekhvat", "Channel – Interception"]),
])
def test_more_ways_of_naming_an_operation(text, names):
    assert found(text, "operations") == names


def test_a_question_word_of_a_title_case_headline_is_no_part_of_a_name():
    assert found("The Autumn of Drills: What Rubezh-2026 Says About the Flank", "operations") == ["Rubezh-2026"]
