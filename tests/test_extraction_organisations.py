"""Bodies and forces: the lexicon, the patterns, abbreviations, and generic phrases."""

import pytest

from csto_kb.extraction.extract import extract_document
from helpers import found, make_document


@pytest.mark.parametrize("text, name", [
    ("The Collective Security Council met in Minsk.", "Collective Security Council"),
    ("It was discussed by the CSTO Joint Staff.", "CSTO Joint Staff"),
    ("The CSTO met. The Organization's Secretariat prepared it.", "Secretariat"),
    ("She addressed the UN Security Council on Monday.", "UN Security Council"),
    ("The regional counter-terrorism structure of the SCO joined.",
     "regional counter-terrorism structure of the SCO"),
])
def test_lexicon_bodies(text, name):
    assert name in found(text, "bodies")


@pytest.mark.parametrize("text, name", [
    ("According to the Ministry of Emergency Situations of the Kyrgyz Republic, all went well.",
     "Ministry of Emergency Situations of the Kyrgyz Republic"),
    ("The State Border Committee of Belarus reported it.", "State Border Committee of Belarus"),
    ("A delegation of the Armenian Defence Ministry came.", "Armenian Defence Ministry"),
    ("The Committee of National Security of Tajikistan agreed.",
     "Committee of National Security of Tajikistan"),
    ("Experts of the Eurasian Research Institute attended.", "Eurasian Research Institute"),
])
def test_pattern_bodies(text, name):
    assert name in found(text, "bodies")


@pytest.mark.parametrize("text", [
    "The Collective Security Treaty was signed in 1992.",
    "The International Conference on Regional Security opened.",
    "He spoke about international structures and the Charter.",
    "The Council decided it.",
])
def test_not_a_body(text):
    assert all(name not in ("Collective Security Treaty", "International Conference on Regional "
                            "Security", "international structures", "Charter", "Council")
               for name in found(text, "bodies"))


def test_abbreviation_defined_in_brackets_is_recognised_alone():
    text = ("The Eurasian Anti-Drug Council (EADC) met.\nThe EADC will meet again.")
    mentions = [m for m in extract_document(make_document(text)) if m.kind == "bodies"]
    eadc = [m for m in mentions if m.text == "EADC"]
    assert len(eadc) == 2 and all(m.long_form == "Eurasian Anti-Drug Council" for m in eadc)


def test_the_organization_is_the_csto_where_the_csto_is_named():
    mentions = extract_document(make_document("The CSTO met. The Organization has six member states."))
    assert [(m.text, m.key) for m in mentions] == [("CSTO", "csto"), ("Organization", "csto")]


@pytest.mark.parametrize("text", [
    "The Organization has six member states.",  # which organisation? none is named
    "The OSCE met. The Secretariat prepared the report.",
    "The Security Council of Armenia met. The Security Council adopted it.",
])
def test_a_short_name_needs_its_context(text):
    assert all(m.key not in ("csto", "csto-secretariat", "unsc")
               for m in extract_document(make_document(text)))


@pytest.mark.parametrize("text, name", [
    ("Units of the CSTO Collective Rapid Reaction Forces trained.",
     "CSTO Collective Rapid Reaction Forces"),
    ("The CRRF will train in May.", "CRRF"),
    ("The collective rapid deployment forces were created long ago.",
     "collective rapid deployment forces"),
    ("Paratroopers of the 103rd Guards Airborne Brigade took part.", "Guards Airborne Brigade"),
    ("Regional groupings of forces and means have been formed.",
     "Regional groupings of forces and means"),
])
def test_forces(text, name):
    assert any(name in f for f in found(text, "forces"))


def test_generic_troops_are_not_a_force():
    assert found("The troops and our servicemen returned; a peacekeeping contingent stayed.",
                 "forces") == []


def test_a_heading_in_capitals_is_read_in_title_case_and_quoted_as_written():
    doc = make_document("MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN\nPress release")
    [m] = [m for m in extract_document(doc) if m.kind == "bodies"]
    assert m.text == "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN"
    assert m.sentence == m.text


@pytest.mark.parametrize("text, name", [
    ("Troops of the 201st Russian military base joined.", "201st Russian military base"),
    ("The 102nd base in Gyumri stayed calm.", "102nd base"),
])
def test_numbered_formations_in_lower_case(text, name):
    assert name in found(text, "forces")


def test_complements_joined_by_and():
    assert "Standing Commission on Defence and Security Issues" in found(
        "Its Standing Commission on Defence and Security Issues met.", "bodies")


def test_a_name_after_for_is_part_of_a_body_not_a_person():
    text = "Kaha Imnadze, Head of the UN Regional Centre for Preventive Diplomacy, came."
    assert found(text, "people") == ["Kaha Imnadze"]


@pytest.mark.parametrize("text, names", [
    # a numbered unit ends at its head; the force it belongs to is a force of its own
    ("Units of the 98th Guards Airborne Division of the Airborne Forces took part.",
     ["98th Guards Airborne Division", "Airborne Forces"]),
    ("The 38th Separate Guards Air Assault Brigade of the Special Operations Forces of the "
     "Armed Forces of the Republic of Belarus arrived.",
     ["38th Separate Guards Air Assault Brigade",
      "Special Operations Forces of the Armed Forces of the Republic of Belarus",
      "Armed Forces of the Republic of Belarus"]),
])
def test_numbered_unit_and_its_parent_force(text, names):
    assert found(text, "forces") == names


@pytest.mark.parametrize("text, name", [
    ("It was approved by the decision of the Council of Defence Ministers of the CSTO No. 4 "
     "of 15 November 2022.", "Council of Defence Ministers of the CSTO"),
    ("Under Resolution of the Collective Security Council No 16-7 they met.",
     "Collective Security Council"),
])
def test_a_document_number_is_no_part_of_a_name(text, name):
    assert name in found(text, "bodies") and not any("No" in b for b in found(text, "bodies"))


def test_a_name_inside_a_longer_one_leaves_its_on_complement_to_the_longer():
    text = ("A meeting of the Standing Commission of the Parliamentary Assembly of the CSTO on "
            "Defence and Security Issues took place.")
    assert found(text, "bodies") == [
        "Standing Commission of the Parliamentary Assembly of the CSTO on Defence and Security Issues",
        "Parliamentary Assembly of the CSTO"]


@pytest.mark.parametrize("text, name", [
    ("The State Duma Committee on CIS Affairs, Eurasian Integration and Relations with "
     "Compatriots held hearings.",
     "State Duma Committee on CIS Affairs, Eurasian Integration and Relations with Compatriots"),
    ("The Department for Cooperation with Law Enforcement Agencies met.",
     "Department for Cooperation with Law Enforcement Agencies"),
])
def test_relations_with_go_on_the_name(text, name):
    assert found(text, "bodies") == [name]


def test_the_last_word_of_an_office_opens_no_body():
    text = ("Chief of Staff of the Border Troops of the State Committee for National Security of "
            "Tajikistan Sh.Kh.Nazarzoda took part; the General Staff of the Armed Forces met.")
    assert found(text, "forces") == [
        "Border Troops of the State Committee for National Security of Tajikistan"]
    assert "General Staff of the Armed Forces" in found(text, "bodies")
