"""Styles of outlets the rules were not developed on (AP, Reuters, Xinhua-style wires,
Central Asian agencies and portals, ministry briefings, interviews): one test per kind of
failure seen on the `eval/fresh` set (sentences written for these tests)."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.sources import read_source
from helpers import found, make_document, records_of_texts


def read(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def item_dates(doc):
    return [s.date for s in doc.segments]


def names(recs, kind):
    return sorted(r["name"] for r in recs if r["type"] == kind)


def posts(text):
    return sorted((r["name"], p["role"], p["body"]) for r in records_of_texts(text) for p in r.get("posts", []))


# ---------------------------------------------------------------- when the item was published


def test_an_updated_line_dates_no_item(tmp_path):
    doc = read(tmp_path, "Headline\n\nBy A. Writer\nPublished 8:51 PM GMT+5, June 14, 2024\n"
                         "Updated 1:07 AM GMT+5, June 15, 2024\n\nThe ministers met on Friday.\n")
    assert item_dates(doc) == ["2024-06-14"]


@pytest.mark.parametrize("line, value", [
    ("February 23, 20243:18 PM GMT+4Updated 2 hours ago", "2024-02-23"),  # glued year, time, update
    ("03/07/2025 15:40 | Updated: 04/07/2025 09:12", "2025-03-07"),  # the update is not the date
    ("17:42 • 12.09.24", "2024-09-12"),  # a timestamp line with a two-digit year
])
def test_timestamp_lines_of_other_sites(tmp_path, line, value):
    assert item_dates(read(tmp_path, f"Headline\n\n{line}\n\nThe text of the item.\n")) == [value]


@pytest.mark.parametrize("header", ["Read more:", "Read Next", "Most read"])
def test_related_lists_under_other_headers_date_no_item(tmp_path, header):
    doc = read(tmp_path, f"Headline\n\n17:42 • 12.09.24\n\nThe text of the item.\n\n{header}\n\n"
                         "Zakharova: Yerevan's rhetoric does not help\n16:27 • 05.09.24\n")
    assert item_dates(doc) == ["2024-09-12"]


# ---------------------------------------------------------------- who is a person


@pytest.mark.parametrize("text, people", [
    ("Tajik Defense Minister Meets Chief of CSTO Joint Staff", []),  # title-case headline verbs
    ("President Emomali Rahmon Receives Chief of the CSTO Joint Staff", ["Emomali Rahmon"]),
    ("[Photo: Drugs seized on the border are displayed. Photo: DCA press center]", []),
    ("[Photo: Khurshed Nazarzoda at the briefing. Photo: Asia-Plus / Davron Kurbonov]",
     ["Khurshed Nazarzoda", "Davron Kurbonov"]),  # one word after a credit cue needs a surname's shape
    ("He also met the director of the Drug Control Agency in Dushanbe.", []),  # a body's name
    ("Sergei Grishin, head of the Department for Countering Challenges and Threats, spoke.",
     ["Sergei Grishin"]),  # no name right after "for"
])
def test_not_people(text, people):
    assert found(text, "people") == people


# ---------------------------------------------------------------- bodies


@pytest.mark.parametrize("text, body", [
    ("He said the CSTO secretariat had received no request.", "CSTO secretariat"),
    ("The Russian foreign ministry said so.", "Russian foreign ministry"),
    ("Kazakhstan's defence ministry confirmed it.", "Kazakhstan's defence ministry"),
    ("The Drug Control Agency under the President of the Republic of Tajikistan said so.",
     "Drug Control Agency under the President of the Republic of Tajikistan"),
])
def test_bodies_written_the_wire_way(text, body):
    assert body in found(text, "bodies")


def test_a_lower_case_secretariat_is_the_csto_secretariat():
    recs = records_of_texts("He said the CSTO secretariat had received no request.")
    assert "CSTO Secretariat" in names(recs, "body")


def test_an_exercise_under_its_russian_name_is_its_english_one():
    recs = records_of_texts("The exercise Interaction-2025 ended.", "The Vzaimodeistvie-2025 scenario is ready.")
    assert names(recs, "operation") == ["Interaction-2025"]


def test_a_state_service_named_without_state():
    recs = records_of_texts("The State Border Service of the Kyrgyz Republic took part. Later the Border Service "
                   "detained a courier.")
    assert names(recs, "body") == ["State Border Service of the Kyrgyz Republic"]


def test_a_record_takes_its_specific_name_over_a_generic_one():
    recs = records_of_texts("The Security Council of the Republic of Belarus met. The Security Council decided. "
                   "The Security Council agreed.")
    assert names(recs, "body") == ["Security Council of the Republic of Belarus"]


# ---------------------------------------------------------------- people across one document


def test_a_surname_ending_like_a_patronymic_stated_with_a_title():
    recs = records_of_texts("Alexander Volfovich: our allies saw it\nState Secretary of the Security Council "
                   "Alexander Volfovich spoke. President Alexander Lukashenko agreed.\n"
                   "Q: Alexander Grigorievich, what is your assessment?")
    people = {r["name"]: r["aliases"] for r in recs if r["type"] == "person"}
    assert people == {"Alexander Volfovich": ["Alexander Grigorievich"], "Alexander Lukashenko": []}


# ---------------------------------------------------------------- posts


@pytest.mark.parametrize("text, expected", [
    ("Maria Zakharova, the Russian foreign ministry spokeswoman, said it.",
     ("Maria Zakharova", "spokeswoman", "bodies/russian-foreign-ministry")),
    ("Permanent Representative of the Russian Federation to the CSTO Viktor Vasilyev reported.",
     ("Viktor Vasilyev", "Permanent Representative", "bodies/csto")),
    ("It was chaired by the Permanent Representative of the Kyrgyz Republic to the CSTO, Aibek Artykbaev.",
     ("Aibek Artykbaev", "Permanent Representative", "bodies/csto")),
    ("He met acting Secretary of the Security Council of the Kyrgyz Republic Nurlan Dzhumaliev.",
     ("Nurlan Dzhumaliev", "acting Secretary", "bodies/security-council-of-the-kyrgyz-republic")),
    ("The then secretary of Kyrgyzstan's Security Council, Marat Imankulov, proposed it.",
     ("Marat Imankulov", "secretary", "bodies/kyrgyzstan-s-security-council")),
    ("Sergei Grishin, head of the Department for Countering Challenges and Threats of the CSTO "
     "Secretariat, spoke.",
     ("Sergei Grishin", "head",
      "bodies/department-for-countering-challenges-and-threats-of-the-csto-secretariat")),
])
def test_posts_the_wire_way(text, expected):
    assert expected in posts(text)


def test_an_office_of_the_organization_as_a_possessor_after_as():
    text = ("The CSTO met. Its likely successor is Taalatbek Masadykov, who was appointed as the "
            "organization's deputy secretary general in 2023.")
    assert posts(text) == [("Taalatbek Masadykov", "deputy secretary general", "bodies/csto")]


def test_a_post_of_a_body_abbreviated_in_another_sentence():
    text = ("The Drug Control Agency under the President of the Republic of Tajikistan (DCA) said so. "
            "The results were announced by Director of the DCA, Lieutenant General Khurshed Nazarzoda.")
    [(person, role, body)] = posts(text)
    assert (person, role) == ("Khurshed Nazarzoda", "Director") and body.startswith("bodies/drug-control-agency")


def test_a_forces_exercise_is_not_named_with_the_forces():
    text = "The exercises of the Collective Rapid Reaction Forces Interaction-2025 and Search-2025 ended."
    assert found(text, "operations") == ["Interaction-2025", "Search-2025"]
    assert found(text, "forces") == ["Collective Rapid Reaction Forces"]


@pytest.mark.parametrize("text, values", [
    ("Drills are planned in September and October.", ["2025-09", "2025-10"]),  # a list of months
    ("Plans for May, June and July were set.", ["2025-05", "2025-06", "2025-07"]),
    ("The exercise is scheduled for September in Bishkek.", ["2025-09"]),
    ("A strategic exercise is scheduled for September next year.", ["2026-09"]),
    ("The session met in 2022, and a deal was agreed in November of that year.", ["2022", "2022-11"]),
])
def test_months_the_way_news_gives_them(text, values):
    assert [m.value for m in extract_document(make_document(text, "2025-03-20")) if m.kind == "dates"] == values


def test_an_office_someone_went_on_to_become():
    text = "My predecessor in this office, Stanislav Zas, went on to become CSTO Secretary General."
    assert posts(text) == [("Stanislav Zas", "Secretary General", "bodies/csto")]
