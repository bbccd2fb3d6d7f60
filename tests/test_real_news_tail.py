"""What real news texts do that house-style texts do not, continued: the long tail of
names, dates, bylines and lists (sentences written for these tests)."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.resolution import resolve
from helpers import entities, found, make_document, mentions

# ---------------------------------------------------------------- 8. the long tail


@pytest.mark.parametrize("text, name", [
    ("The Embassy of Kazakhstan in Moscow said so.", "Embassy of Kazakhstan in Moscow"),
    ("Servicemen of the National Guard of the Republic of Kazakhstan took part.",
     "National Guard of the Republic of Kazakhstan"),
    ("Students of Lomonosov Moscow State University attended.", "Lomonosov Moscow State University"),
    ("The Border Service of the State Committee for National Security of Kyrgyzstan joined.",
     "Border Service of the State Committee for National Security of Kyrgyzstan"),
])
def test_bodies_recognised_by_the_shape_of_their_names(text, name):
    assert name in found(text, "bodies") + found(text, "forces")


# ---------------------------------------------------------------- 9. dates in the text


def test_a_year_less_range_takes_the_year_of_its_item():
    assert [(m.value, m.end_value) for m in mentions("The drills ran August 23-28.", "dates",
                                                      "2019-08-01")] == [("2019-08-23", "2019-08-28")]


@pytest.mark.parametrize("text, value", [
    ("They recalled the 1994 agreement on peacekeeping.", "1994"),
    ("Since the 2002 Charter, the CSTO has grown.", "2002"),
])
def test_a_year_before_a_noun(text, value):
    assert [m.value for m in mentions(text, "dates")] == [value]


@pytest.mark.parametrize("text", [
    "The comment No. 1234-28-11-2019 was published.",
    "See the file report_2019_11_28.pdf for details.",
    "The 2000 servicemen arrived.",
])
def test_no_date_from_a_document_number_or_file_name(text):
    assert mentions(text, "dates") == []


# ---------------------------------------------------------------- more of the same, from the eval sets


@pytest.mark.parametrize("text, name", [
    ("The talks with K.-J.Tokayev went well.", "K.-J.Tokayev"),  # initials of a hyphenated name
    ("By Marat Yessenov and Laura Whitfield", "Laura Whitfield"),  # a byline of two
    ("By: Eleanor Marsh", "Eleanor Marsh"),
    ("(Photo: Ayaz Zhumabekov)", "Ayaz Zhumabekov"),  # a photo credit names its photographer
    ("Presidents Sadyr Japarov and Emomali Rahmon signed it.", "Sadyr Japarov"),  # a plural title
    ("It was negotiated by his Tajik counterpart Saimumin Yatimov.", "Saimumin Yatimov"),
])
def test_people_in_bylines_credits_and_plural_titles(text, name):
    assert name in found(text, "people")


def test_initials_and_first_name_with_patronymic_are_one_person():
    text = "I.N.Tasmagambetov opened the meeting.\n- Imangali Nurgalievich, what comes next?"
    assert len(entities(text, "people")) == 1


@pytest.mark.parametrize("text, name", [
    ("The Information and Press Department commented.", "Information and Press Department"),
    ("A researcher with the Institute of Russian, East European and Central Asian Studies spoke.",
     "Institute of Russian, East European and Central Asian Studies"),
    ("The law now goes to the Senate.", "Senate"),
    ("The Coordination Council of Heads of Authorized Bodies in the Field of Prevention of "
     "Emergency Situations met.",
     "Coordination Council of Heads of Authorized Bodies in the Field of Prevention of Emergency Situations"),
])
def test_names_joined_by_and_listed_or_standing_alone(text, name):
    assert name in found(text, "bodies")


@pytest.mark.parametrize("text, not_a_name", [
    ("The Collective Security Treaty Organization (CSTO) on Thursday appointed him.",
     "Collective Security Treaty Organization (CSTO)"),  # no complement follows the bracket
    ("The CSTO Collective Peacekeeping Forces on the Bereg training ground trained.",
     "CSTO Collective Peacekeeping Forces on the Bereg"),  # the complement qualifies a noun
    ("The Soviet Union collapsed in 1991.", "Soviet Union"),  # a country
    ("CSTO Allies - 30 Years on Guard of Collective Security", "Guard of Collective Security"),
    ("The division of labour between the CSTO and the SCO: a Division of Labour", "Division of Labour"),
])
def test_not_a_body_or_force(text, not_a_name):
    assert not_a_name not in found(text, "bodies") + found(text, "forces")


@pytest.mark.parametrize("first, second", [
    ("201st Russian military base", "201st military base of the Russian Federation"),
    ("Russian Airborne Forces", "Russian Airborne Troops"),
    ("Coordination Council of Heads of Competent Authorities on Countering Illegal Migration",
     "Council on Countering Illegal Migration"),
    ("Council of Ministers of Defence of the CSTO member states", "Council of Defence Ministers"),
])
def test_one_force_or_body_under_two_names_in_one_document(first, second):
    text = f"The CSTO met. The {first} took part. The {second} agreed."
    kinds = [e for e in resolve(extract_document(make_document(text))) if e.kind in ("bodies", "forces")]
    assert len([e for e in kinds if e.id != "csto"]) == 1


def test_a_standing_operation_is_found_where_its_edition_is_named():
    text = "The operation Kanal-2012 began. Kanal has run since 2003 in Central Asia."
    ops = entities(text, "operations")
    assert sorted((e.name, len(e.mentions)) for e in ops) == [("Channel", 1), ("Kanal-2012", 1)]


@pytest.mark.parametrize("text, name", [
    ("Units trained in the operation Kanal (Channel) this spring.", "Kanal"),
    ("Kyrgyzstan hosts the Rubezh exercises with the CRDF.", "Rubezh"),
])
def test_operations_named_without_quotes_around_a_cue(text, name):
    assert name in found(text, "operations")


@pytest.mark.parametrize("text, date, values", [
    ("Leaders met in Prague on 6 October 2022, and monitors deployed from 20 October.",
     "2023-03-14", ["2022-10-06", "2022-10-20"]),
    ("He led the forces in January 2022; the training has run since October 1.",
     "2024-10-04", ["2022-01", "2024-10-01"]),  # only a day lends its year
    ("The plan of joint trainings for 2025 was approved.", "2024-11-20", ["2025"]),
    ("That changed in the first week of January.", "2022-01-21", ["2022-01"]),
])
def test_dates_take_their_year_from_the_sentence_or_the_item(text, date, values):
    assert [m.value for m in mentions(text, "dates", date)] == values


def test_a_newspaper_issue_line_dates_its_page(tmp_path):
    from csto_kb.sources import read_source

    path = tmp_path / "k.txt"
    path.write_text('Kommersant\nNewspaper "Kommersant" No. 221 of 28.11.2022, p. 6\n\nText.\n',
                    encoding="utf-8")
    assert read_source(path).date == "2022-11-28"


@pytest.mark.parametrize("text, kind, name", [
    ("The CSTO kicked off exercise Interaction 2019 for its forces.", "operations", "Interaction 2019"),
    ("Troops of the 31st Guards Separate Air Assault [Peacekeeping] Brigade took part.", "forces",
     "31st Guards Separate Air Assault [Peacekeeping] Brigade"),
    ("Belarus sent troops from Brigade No103 to the drills.", "forces", "Brigade No103"),
    ("CSTO's deputy head, Col.-Gen. Valery Semarikov said on Sunday.", "people", "Valery Semarikov"),
])
def test_forms_from_wire_copy(text, kind, name):
    assert name in found(text, kind)


def test_the_organisations_organ_after_a_possessive():
    assert found("The CSTO met. He has led the organization's secretariat since 2023.", "bodies") == [
        "CSTO", "secretariat"]
    assert found("He has led the organization's secretariat since 2023.", "bodies") == []  # which one?


def test_a_long_title_before_a_name_with_a_second_office():
    text = ("It hosted the Special Representative of the UN Secretary General for Central Asia, "
            "Head of the UN Regional Centre for Preventive Diplomacy for Central Asia (UNRCCA), Kakha Imnadze.")
    [person] = mentions(text, "people")
    assert [p.role for p in person.posts] == ["Special Representative", "Head"]


def test_a_given_name_unknown_before_a_surname_shaped_word():
    assert found("He is following the path of Mikheil Saakashvili.", "people") == ["Mikheil Saakashvili"]
    assert found("Following Tasmagambetov's visit, the sides agreed.", "people") == []


def test_two_known_names_bracketed_together_stay_two():
    text = "The meeting of the Collective Security Council (CSTO) was held in Astana."
    assert sorted(e.id for e in entities(text, "bodies")) == ["csc", "csto"]


@pytest.mark.parametrize("text, name", [
    ("The report of Yu.G.Khachaturov was read.", "Yu.G.Khachaturov"),  # an initial of two letters
    ("Then Kh. Sultonov spoke.", "Kh. Sultonov"),
])
def test_initials_of_one_cyrillic_letter_written_with_two(text, name):
    assert found(text, "people") == [name]


def test_of_that_year_takes_the_year_the_text_gave_before():
    text = "The Treaty became the CSTO in 2002. The Charter was signed in Chisinau on October 7 of that year."
    assert [m.value for m in mentions(text, "dates", "2022-01-07")] == ["2002", "2002-10-07"]
