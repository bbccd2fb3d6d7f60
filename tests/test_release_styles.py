"""Styles of press releases, letterheads, galleries and Central Asian names (issue 13):
each rule with an example sentence of the kind real pages carry."""

from __future__ import annotations

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.resolution.keys import organisation_key
from csto_kb.sources import read_source
from csto_kb.sources.datelines import parse_dateline
from csto_kb.sources.wrapping import unwrap
from helpers import found, records_of_texts

WRAPPED = """PRESS RELEASE No. 14/04-2025                              14 April 2025

On 14 April 2025 the Tauride Palace in St. Petersburg hosted a meeting
of the Council of the Parliamentary Assembly of the Collective Security
Treaty Organization. The meeting was chaired by the Chairman of the
State Duma of the Federal Assembly of the Russian Federation V.V.Volodin.
The meeting was attended by the Secretary General of the Collective
Security Treaty Organization I.N.Tasmagambetov and by the deputies.

Executive Secretary of the
Parliamentary Assembly                                   S.A.Pospelov
"""


def test_a_hard_wrapped_paragraph_reads_as_one_line_with_its_offsets():
    text = unwrap(WRAPPED)
    assert len(text) == len(WRAPPED)
    assert "the Collective Security Treaty Organization. The meeting" in text
    assert "Executive Secretary of the\nParliamentary" in text  # a short line is no wrap
    assert "14 April 2025\n\nOn 14 April" in text  # nor is a paragraph's end


def test_names_broken_across_wrapped_lines_are_found(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    doc = read_source(path)
    assert doc.text == WRAPPED  # the text as written
    mentions = extract_document(doc)
    bodies = [m.text for m in mentions if m.kind == "bodies"]
    assert all(m.sentence in WRAPPED for m in mentions)  # quotes verbatim, line breaks and all
    assert "Council of the Parliamentary Assembly of the Collective Security Treaty Organization" in bodies
    assert "Collective Security Treaty Organization" in bodies


def test_text_of_long_lines_or_columns_is_not_unwrapped():
    long_lines = "\n".join(["The ministers met in Minsk and agreed on the plan of joint exercises for the coming year "
                            "in the presence of the Secretary General of the Organization"] * 4)
    assert unwrap(long_lines) == long_lines
    letterhead = "\n".join(["Tauride Palace, St. Petersburg                 www.paodkb.org",
                            "Ref. No. 02-11/317 of the Secretariat of the Council of the Assembly"] * 3)
    assert unwrap(letterhead) == letterhead


def test_an_abbreviation_in_brackets_after_a_nested_name_belongs_to_the_outer_one():
    recs = records_of_texts("The meeting of the Committee of Secretaries of the Security Councils of the Collective "
                   "Security Treaty Organization (CSSC CSTO) took place in June. CSTO Secretary General "
                   "Imangali Tasmagambetov spoke.")
    bodies = {r["id"] for r in recs if r["type"] == "body"}
    assert {"cssc", "csto"} <= bodies
    [person] = [r for r in recs if r["type"] == "person"]
    assert [p["body"] for p in person["posts"]] == ["bodies/csto"]


def test_a_kyrgyz_son_of_name_keeps_its_uulu():
    text = ("The Toraga of the Jogorku Kenesh of the Kyrgyz Republic N.T.Turgunbek uulu met Minister "
            "Baktybek Asan uulu. Turgunbek uulu said so.")
    assert found(text, "people") == ["N.T.Turgunbek uulu", "Baktybek Asan uulu", "Turgunbek uulu"]
    people = sorted(r["name"] for r in records_of_texts(text) if r["type"] == "person")
    assert people == ["Baktybek Asan uulu", "N.T.Turgunbek uulu"]


def test_a_body_name_stops_before_an_exercise():
    assert found("Chief of the CSTO Joint Staff on Rubezh-2025 spoke.", "bodies") == ["CSTO Joint Staff"]
    assert found("The Commission on Defence and Security met.", "bodies") == ["Commission on Defence and Security"]


def test_a_country_adjective_before_ministry_of():
    kyrgyz = organisation_key("Ministry of Defence of the Kyrgyz Republic")
    assert organisation_key("Kyrgyz Ministry of Defence") == kyrgyz
    assert organisation_key("Armenian Ministry of Foreign Affairs") == "ministry-foreign-affairs-armenia"


def test_a_parliament_named_by_its_country():
    recs = records_of_texts("Armenian parliament will not attend.\n\nThe National Assembly of Armenia said so. "
                   "President of the National Assembly of the Republic of Armenia Alen Simonyan spoke. "
                   "The National Assembly met on Monday.")
    assert [r["id"] for r in recs if r["type"] == "body"] == ["national-assembly-armenia"]


@pytest.mark.parametrize("line", [
    "March 12, 2025 at 10:23 AM", "2025-03-12T10:00:00+03:00", "2025-03-12T10:00:00Z",
    "Wed, 12 Mar 2025 10:00:00 +0300", "Mar. 12, 2025 10:23 a.m. ET", "12-03-2025 10:23", "2025/03/12",
    "Published 12.03.2025 10:23 (updated 13.03.2025 09:00)", "12 March 2025 by Admin",
    "Posted by admin on March 12, 2025", "March 12, 2025 / 10:23 AM / Updated 2 hours ago",
])
def test_timestamp_lines_of_more_sites_date_their_item(line):
    assert parse_dateline(line).date == "2025-03-12"


@pytest.mark.parametrize("line", ["The talks are set for 12-03-2025", "Document No. 2025/03/12",
                                  "The talks were held on 12 March 2025 by ministers"])
def test_a_number_in_a_sentence_is_no_timestamp(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize("text, name", [
    ("The CSTO held the Kanal-Legion 2024 anti-drug operation in Kyrgyzstan.", "Kanal-Legion 2024"),
    ("The CSTO operational and strategic exercise Combat Brotherhood 2025 began.", "Combat Brotherhood 2025"),
    ("The Frontier 2022 drills ended.", "Frontier 2022"),
    ("They held the CSTO drills Indestructible Brotherhood 2024.", "Indestructible Brotherhood 2024"),
])
def test_exercises_named_with_a_spaced_year(text, name):
    assert found(text, "operations") == [name]


def test_a_year_before_a_body_or_a_cue_alone_names_no_exercise():
    assert found("In 2023 joint exercises were held.", "operations") == []
    assert found("The Collective Security Council 2024 session met.", "operations") == []


def posts_of(text):
    return sorted((r["name"], p["role"]) for r in records_of_texts(text) for p in r.get("posts", []))


def test_an_office_with_its_field_in_lower_case():
    assert posts_of("Viktor Khrenin, the minister of defence of Belarus, spoke.") == [
        ("Viktor Khrenin", "minister of defence")]
    assert posts_of("Ivan Petrov, a spokesman of defence circles, spoke.") == [("Ivan Petrov", "spokesman")]


@pytest.mark.parametrize("text", [
    "Imangali Tasmagambetov, who became Secretary General in January 2023, spoke.",
    "Imangali Tasmagambetov, who took office as Secretary General on January 1, 2023, spoke.",
])
def test_the_date_an_office_was_taken_is_not_the_office(text):
    assert posts_of(text) == [("Imangali Tasmagambetov", "Secretary General")]


def test_titles_abbreviated_or_in_brackets():
    assert posts_of("Armenian PM Nikol Pashinyan refused.") == [("Nikol Pashinyan", "PM")]
    assert posts_of("At 10 PM Nikol Pashinyan spoke.") == []  # a time
    assert posts_of("Imangali Tasmagambetov (CSTO Secretary General) spoke.") == [
        ("Imangali Tasmagambetov", "Secretary General")]
    assert posts_of("Stanislav Zas (pictured) spoke.") == []


@pytest.mark.parametrize("one, other", [
    ("The Collective Rapid Reaction Forces of the CSTO held drills.",
     "The Collective Rapid Response Forces held drills."),
    ("The Joint Staff of the CSTO met.", "The CSTO JS met."),
    ("The State Security Committee of Belarus said so.", "The Belarusian KGB said so."),
    ("The Federal Security Service said so.", "The FSB said so."),
    ("The Ministry of Foreign Affairs of Belarus said so.", "The Belarusian MFA said so."),
])
def test_one_record_across_documents_by_the_lexicon(one, other):
    recs = [r for r in records_of_texts(one, other) if r["type"] != "date"]
    assert len(recs) == 1 and {m["source"] for m in recs[0]["mentions"]} == {"doc-0", "doc-1"}


@pytest.mark.parametrize("text, names", [
    ("The Search drills of reconnaissance units ended.", ["Search"]),
    ('During the "Kanal – Patrol" stage, police checked trucks.', ["Kanal – Patrol"]),
    ("The PROXY-2024 operation targeted cybercrime.", ["PROXY-2024"]),
    ("The Unbreakable Brotherhood – 2024 peacekeeping exercise began.", ["Unbreakable Brotherhood – 2024"]),
    ("The SCO-2025 summit met.", []),
    ("The Combat Brotherhood exercise began.", ["Combat Brotherhood"]),
    ("The Indestructible Brotherhood peacekeeping drills began.", ["Indestructible Brotherhood"]),
    ("The CSTO Kanal-Legion operation ended.", ["Kanal-Legion"]),
    ("Operation Channel-Legion-2024 ended.", ["Channel-Legion-2024"]),
    ("The Central Asian exercises began.", []),
    ("The Rubezh training ground is near Osh.", []),
])
def test_more_ways_of_naming_an_exercise(text, names):
    assert found(text, "operations") == names


@pytest.mark.parametrize("stamp, date", [("12 March, 10:23", "2025-03-12"), ("10:23, 12 March", "2025-03-12"),
                                          ("28 December, 18:00", "2024-12-28")])
def test_a_feed_timestamp_without_a_year_takes_the_page_s(tmp_path, stamp, date):
    path = tmp_path / "feed.txt"
    path.write_text("CSTO news\n\nPublished 10.03.2025\nThe ministers met in Minsk on Tuesday.\n\n"
                    f"Drills open in Osh\n{stamp}\nThe drills opened in Osh.\n", encoding="utf-8")
    assert [s.date for s in read_source(path).segments] == ["2025-03-10", date]
