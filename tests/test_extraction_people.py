"""People: each rule on sentences written for it, and what must not be a person."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.sources import read_source
from helpers import found, make_document


@pytest.mark.parametrize("text, name", [
    ("Russian Foreign Minister Sergey Lavrov said the talks went well.", "Sergey Lavrov"),
    ("The award went to Colonel General Andrei Petrenko yesterday.", "Andrei Petrenko"),
    ("It was opened by the Acting Secretary General of the Collective Security Treaty "
     "Organization Bakhtiyor Nurmatov.", "Bakhtiyor Nurmatov"),
    ("The Deputy Prime Minister - Minister of Foreign Affairs of the Republic of Kazakhstan "
     "Yerlan Abenov chaired it.", "Yerlan Abenov"),
    ("It was chaired by the First Vice-Minister of Health of the Republic of Kazakhstan "
     "K.B. Omarova.", "K.B. Omarova"),
    ("He met SCO Secretary General Zhang Ming in May.", "Zhang Ming"),
    ("A letter from Mr. Dzhaksybekov arrived.", "Dzhaksybekov"),
])
def test_name_after_a_title(text, name):
    assert name in found(text, "people")


@pytest.mark.parametrize("text, name", [
    ("Tigran Sargsyan, Ambassador-at-Large of the Armenian Foreign Ministry, stated it.",
     "Tigran Sargsyan"),
    ("Olga Petrenko, the Collective Security Treaty Organization Press Secretary, said so.",
     "Olga Petrenko"),
])
def test_name_in_apposition(text, name):
    assert name in found(text, "people")


@pytest.mark.parametrize("text, name", [
    ("Author: Darya Kuznetsova", "Darya Kuznetsova"),
    ("Interviewed by Marat Saparov", "Marat Saparov"),
    ("Kremlin © Photo by Ilya Gorbunov", "Ilya Gorbunov"),
    # every name of a byline joined by "and" or commas
    ("(Reporting by Daniel Harrow in London; Editing by Tom Hallworth and Clare Fenwick)",
     "Clare Fenwick"),
    ("By Anna Ivanova, Petr Sidorkin and Lena Kim", "Lena Kim"),
])
def test_name_in_a_byline(text, name):
    assert name in found(text, "people")


def test_headline_speaker_full_name_and_surname_shape():
    text = "Ruslan Tokhtarov: the borders are calm\n• Abdurakhmanov: we need more drills"
    people = found(text, "people")
    assert "Ruslan Tokhtarov" in people and "Abdurakhmanov" in people


def test_headline_colon_after_a_common_word_is_not_a_person():
    assert found("Photo: Public Domain\nNote: the text was edited", "people") == []


def test_speech_verb_gives_a_surname_shaped_name():
    assert found("Kuznetsov said the drills would go ahead.", "people") == ["Kuznetsov"]


def test_given_name_and_surname_without_context():
    assert found("The meeting of Alibek Dosmukhamedov and others went on.", "people") == [
        "Alibek Dosmukhamedov"]


def test_surname_and_capitals_link_back_to_the_full_name():
    text = ("Defence Minister Ruslan Khabibullin arrived.\n"
            "Khabibullin said the talks were useful.\nRUSLAN KHABIBULLIN in a caption.")
    assert found(text, "people").count("Khabibullin") == 1


def test_first_name_and_patronymic_address():
    text = "Secretary General Imangali Tasmagambetov spoke.\n- Imangali Nurgalievich, what next?"
    assert "Imangali Nurgalievich" in found(text, "people")


def test_title_recorded_with_the_name():
    doc = make_document("Russian Deputy Foreign Minister Alexander Grushko said it.")
    person = [m for m in extract_document(doc) if m.kind == "people"][0]
    assert person.title == "Russian Deputy Foreign Minister"


@pytest.mark.parametrize("text", ["A letter from Mr. Dzhaksybekov arrived.",
                                  "Then Dr. Ivan Petrov spoke."])
def test_a_form_of_address_finds_the_name_but_is_no_title(text):
    people = [m for m in extract_document(make_document(text)) if m.kind == "people"]
    assert len(people) == 1 and people[0].title is None


@pytest.mark.parametrize("text", [
    "The Secretary General spoke about the plans.",
    "The ministers of the member states met in Minsk.",
    "Deputy Prime Minister arrived at noon.",
    "The UN General Assembly adopted it.",
    "Russian and Kazakh servicemen trained together.",
    "The U.S. Tumanbay said so.",  # "U.S." is a country, no initials
    "The talks with Ivan U.S. officials began.",
])
def test_not_a_person(text):
    assert found(text, "people") == []


def test_hyphenated_given_name():
    assert found("Kassym-Jomart Toqaev appealed to the alliance.", "people") == [
        "Kassym-Jomart Toqaev"]


def test_a_month_is_not_a_given_name():
    assert found("In June Pashinian said so.", "people") == ["Pashinian"]


def test_after_a_form_of_address_an_appositive_title_is_recorded():
    doc = make_document("Mr. Stanislav Zas, Secretary General of the CSTO, said it.")
    people = [m for m in extract_document(doc) if m.kind == "people"]
    assert [(m.text, m.title) for m in people] == [("Stanislav Zas", "Secretary General")]


def test_a_surname_after_a_headline_verb_is_a_person_and_the_verb_no_name():
    assert found("Taalatbek Masadykov appointed. Replaces Tasmagambetov, who leaves in December.",
                 "people") == ["Taalatbek Masadykov", "Tasmagambetov"]


def test_an_apposition_closed_before_a_verb_of_saying_names_a_person():
    text = ("A spokesman for UN Secretary-General Antonio Guterres, Stephane Dujarric, said the "
            "Secretary-General was following the situation.")
    assert "Stephane Dujarric" in found(text, "people")


def test_a_name_alone_above_the_items_date_is_its_author(tmp_path):
    path = tmp_path / "dw.txt"
    path.write_text("What is the CSTO?\n\nTobias Krenn\n01/07/2022 January 7, 2022\n\n"
                    "The CSTO has agreed to send forces.\n", encoding="utf-8")
    doc = read_source(path)
    assert [m.text for m in extract_document(doc) if m.kind == "people"] == ["Tobias Krenn"]


def test_a_list_of_surnames_opening_a_sentence_names_people():
    assert found("Lukashenka, Tokaev and Rahmon arrived last night.", "people") == [
        "Lukashenka", "Tokaev", "Rahmon"]
    # not a list of places after a preposition, nor of names unlike surnames
    assert found("Units trained at the Brestsky, Domanovo and Obuz-Lesnovsky ranges.", "people") == []
    assert found("Interaction, Search and Echelon ended.", "people") == []


def test_one_initial_between_a_given_name_and_a_surname_is_part_of_the_name():
    assert found("By Daniel K. Harwood", "people") == ["Daniel K. Harwood"]
    assert found("Karimov A.B. and Petrov met.", "people") == ["Karimov A.B.", "Petrov"]


def test_title_case_headlines_name_no_person_after_a_title_or_before_an_adverb():
    assert found("CSTO Chief Promises Open Door For Yerevan", "people") == []
    assert found("Related: The SCO Expands Again", "people") == []
