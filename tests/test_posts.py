"""Posts: the offices a text says a person holds, each way texts state them (sentences
written for these tests)."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_source
from helpers import make_document


def posts(text, doc_id="doc"):
    """(person, role, body, qualifier, rank) for each post the records give."""
    doc = make_document(text, "2024-10-02", doc_id)
    records = build_records(resolve(extract_document(doc)), [doc])
    return sorted((r["name"], p["role"], p["body"], p.get("qualifier"), p.get("rank"))
                  for r in records for p in r.get("posts", []))


@pytest.mark.parametrize("text, expected", [
    ("Chief of the CSTO Joint Staff Colonel General Andrei Ivanov arrived.",
     ("Andrei Ivanov", "Chief", "bodies/csto-joint-staff", None, "Colonel General")),
    ("Andrei Ivanov, the Deputy Secretary General of the CSTO, arrived.",
     ("Andrei Ivanov", "Deputy Secretary General", "bodies/csto", None, None)),
    ("SCO Secretary General Zhang Ming spoke.", ("Zhang Ming", "Secretary General", "bodies/sco", None, None)),
    ("The Acting CSTO Secretary General Valery Petrov spoke.",
     ("Valery Petrov", "Acting Secretary General", "bodies/csto", None, None)),
    ("Russian Deputy Foreign Minister Alexander Grushko said it.",
     ("Alexander Grushko", "Deputy Foreign Minister", None, None, None)),
    ("Minister of Foreign Affairs of the Republic of Belarus Sergei Aleinik spoke.",
     ("Sergei Aleinik", "Minister of Foreign Affairs", None, None, None)),
    ("Head of the Border Service of the FSB of Russia Vladimir Kulishov met them.",
     ("Vladimir Kulishov", "Head", "bodies/border-service-of-the-fsb-of-russia", None, None)),
    ("Nikolai Petrov, former commander of the Airborne Forces, spoke.",
     ("Nikolai Petrov", "commander", None, "former", None)),
    ("Kamchybek Tashiev, chairman of Kyrgyzstan’s State Committee for National Security, spoke.",
     ("Kamchybek Tashiev", "chairman", "bodies/gknb-kyrgyzstan", None, None)),
    # a lower-case office of two words before the name's comma
    ("Moscow regretted it, while the CSTO secretary general, Imangali Tasmagambetov, said no request came.",
     ("Imangali Tasmagambetov", "secretary general", "bodies/csto", None, None)),
    # a body "under the President" is the body's name, not a second office
    ("The Director of the Drug Control Agency under the President of the Republic of Tajikistan "
     "Bahodur Sharifzod informed the guest.",
     ("Bahodur Sharifzod", "Director", "bodies/drug-control-agency-under-the-president-of-the-republic-of-tajikistan",
      None, None)),
    ("Assistant to the President of the Republic of Azerbaijan Hikmet Hajiyev told reporters.",
     ("Hikmet Hajiyev", "Assistant to the President", None, None, None)),
    # two offices parted by a comma, the second opened by a modifier
    ("The Head of State, Supreme Commander-in-Chief of the Armed Forces Kassym-Jomart Tokaev spoke.",
     ("Kassym-Jomart Tokaev", "Head of State", None, None, None)),
    ("Mr. Shoigu's predecessor, Nikolai Patrushev, now an aide to the Russian President, did not attend.",
     ("Nikolai Patrushev", "aide to the Russian President", None, None, None)),
    ("The CSTO appointed Taalatbek Masadykov, a Kyrgyz diplomat who serves as the bloc's deputy "
     "secretary-general, to lead it.",
     ("Taalatbek Masadykov", "deputy secretary-general", "bodies/csto", None, None)),
    ("Sargis Khandanyan, who heads the parliament’s Standing Committee on Foreign Relations, said it.",
     ("Sargis Khandanyan", "Head", "bodies/standing-committee-on-foreign-relations", None, None)),
    ("Faridun Saidzoda, acting Director of the Drug Control Agency under the President of the Republic "
     "of Tajikistan, said it.",
     ("Faridun Saidzoda", "acting Director",
      "bodies/drug-control-agency-under-the-president-of-the-republic-of-tajikistan", None, None)),
    # a second lower-case office after "and"
    ("Sergei Shoigu, now secretary of Russia’s Security Council and defence minister from 2012 to 2024, "
     "visited Minsk.", ("Sergei Shoigu", "defence minister", None, None, None)),
    # a lower-case office before a comma is the name's when a rank or one title word follows
    ("Belarus’s defence chief, Lieutenant General Viktor Khrenin, framed the scenario.",
     ("Viktor Khrenin", "defence chief", None, None, None)),  # the rank is stated apart
    ("Russia's permanent representative, Ambassador Viktor Vasilyev, said it.",
     ("Viktor Vasilyev", "permanent representative", None, None, None)),
    ("Imangali Tasmagambetov, a former defence minister of Kazakhstan and former prime minister, spoke.",
     ("Imangali Tasmagambetov", "prime minister", None, "former", None)),
    ("Imangali Tasmagambetov, a former Defence Minister of Kazakhstan and former Prime Minister, spoke.",
     ("Imangali Tasmagambetov", "Prime Minister", None, "former", None)),
    ("Imangali Tasmagambetov has been secretary general since January 2023.",
     ("Imangali Tasmagambetov", "secretary general", None, None, None)),
    ("Imangali Tasmagambetov, a former prime minister, has been secretary general since January 2023.",
     ("Imangali Tasmagambetov", "secretary general", None, None, None)),
    # a name's list stops before an office after "and"
    ("Begench Gundogdyev, Deputy Chairman of the Cabinet of Ministers and Minister of Defence of "
     "Turkmenistan, spoke.", ("Begench Gundogdyev", "Minister of Defence", None, None, None)),
    # a list of speakers: the office after a dash
    ("1) Sergeenko Igor Petrovich – Chairman of the House of Representatives of the National Assembly "
     "of the Republic of Belarus", ("Sergeenko Igor Petrovich", "Chairman",
                                    "bodies/house-of-representatives-of-the-national-assembly-of-the-republic-of-belarus",
                                    None, None)),
    # a capitalised office after a copula, without "who"
    ("Colonel General Andrei Serdyukov has been Chief of the Joint Staff of the CSTO since January 2024.",
     ("Andrei Serdyukov", "Chief", "bodies/csto-joint-staff", None, None)),
])
def test_a_post_stated_with_the_name(text, expected):
    assert expected in posts(text)


def test_a_dash_between_two_offices_gives_two_posts():
    found = posts("The Deputy Prime Minister - Minister of Foreign Affairs of the Republic of "
                  "Kazakhstan Murat Nurtleu chaired it.")
    assert [(p[1], p[2]) for p in found] == [("Deputy Prime Minister", None), ("Minister of Foreign Affairs", None)]


def test_a_plural_title_before_two_names():
    found = posts("Presidents Sadyr Japarov and Emomali Rahmon signed the treaty.")
    assert [(p[0], p[1]) for p in found] == [("Emomali Rahmon", "President"), ("Sadyr Japarov", "President")]


def test_an_office_given_with_as_or_appointed():
    found = posts("The CSTO met. The Council confirmed Andrei Serdyukov, former commander of the "
                  "Airborne Forces, as Chief of the CSTO Joint Staff.")
    assert ("Andrei Serdyukov", "Chief", "bodies/csto-joint-staff", None, None) in found
    found = posts("They approved the candidacy of Stanislav Zas to be appointed Secretary General of the CSTO.")
    assert found == [("Stanislav Zas", "Secretary General", "bodies/csto", "appointed", None)]


def test_who_heads_a_body():
    found = posts("Vyacheslav Volodin, who also heads the Council of the CSTO Parliamentary Assembly, spoke.")
    assert found == [("Vyacheslav Volodin", "Head", "bodies/csto-pa-council", None, None)]
    assert posts("Chingiz Aidarbekov, who chaired the meeting, spoke.") == []


def test_the_home_organisation_owns_its_offices_where_it_is_named():
    assert posts("The CSTO met. Secretary General Stanislav Zas spoke.") == [
        ("Stanislav Zas", "Secretary General", "bodies/csto", None, None)]
    assert posts("Secretary General Stanislav Zas spoke.") == [
        ("Stanislav Zas", "Secretary General", None, None, None)]


def test_whose_office_a_body_names():
    found = posts("The CSTO met. The Parliamentary Assembly of the CSTO, whose Chairman Vyacheslav "
                  "Volodin attends, works on laws.")
    assert found == [("Vyacheslav Volodin", "Chairman", "bodies/csto-pa", None, None)]


@pytest.mark.parametrize("text", [
    "Colonel General Andrei Ivanov arrived.",  # a rank is no post
    "Mr. Ivanov arrived in Minsk.",  # nor a form of address
    "The representative of Belarus Stanislav Zas spoke.",  # nor a description
    "His Tajik counterpart Saimumin Yatimov agreed.",
    "Vladimir Putin, Belarusian President Alexander Lukashenko and others met.",  # not Putin's
    "Vladimir Putin was the guest of the summit.",  # a copula before no office
])
def test_not_a_post(text):
    assert all(p[0] != "Vladimir Putin" for p in posts(text))
    if "Putin" not in text:
        assert posts(text) == []


def test_a_post_carries_its_source_paragraph_date_and_the_title_as_stated():
    doc = make_document("CSTO news\nSecretary General of the CSTO Imangali Tasmagambetov met them.",
                        "2024-10-02", "feed")
    [record] = [r for r in build_records(resolve(extract_document(doc)), [doc]) if r["type"] == "person"]
    assert record["posts"] == [{"role": "Secretary General", "body": "bodies/csto", "source": "feed",
                                "paragraph": 1, "date": "2024-10-02",
                                "title": "Secretary General of the CSTO"}]


def test_a_national_body_before_a_lower_case_title_is_its_body():
    assert posts("Russian Foreign Ministry spokeswoman Maria Zakharova said it.") == [
        ("Maria Zakharova", "spokeswoman", "bodies/russian-foreign-ministry", None, None)]


def test_head_of_state_is_one_office():
    assert posts("Secretary General met Head of State of Kyrgyzstan Sadyr Japarov.") == [
        ("Sadyr Japarov", "Head of State", None, None, None)]


@pytest.mark.parametrize("text, expected", [
    # a service before the rank: the whole is the rank, no post "General"
    ("The Chairman of the CSTO Council, Deputy Minister of Internal Affairs of the Russian Federation, "
     "Police Colonel General Andrey Khrapov, noted it.",
     [("Andrey Khrapov", "Chairman", "bodies/csto-council", None, None),
      ("Andrey Khrapov", "Deputy Minister of Internal Affairs", None, None, None)]),
    # a country's possessive opens a national office
    ("Sergei Shoigu, then Russia's defence minister, took credit.",
     [("Sergei Shoigu", "defence minister", None, "then", None)]),
    # an indefinite article, then an office, then "who now heads" a body
    ("Radio Azattyk spoke with Bakyt Sydykov, a former deputy secretary of the Security Council of the "
     "Kyrgyz Republic who now heads the Institute for Regional Security.",
     [("Bakyt Sydykov", "Head", "bodies/institute-for-regional-security", None, None),
      ("Bakyt Sydykov", "deputy secretary", "bodies/security-council-of-the-kyrgyz-republic", "former", None)]),
    # an office verb after a few words ("happened to chair"), with the surname alone
    ("Nikol Pashinian spoke first. Pashinian, who happened to chair the Collective Security Council "
     "that year, announced the deployment.",
     [("Nikol Pashinian", "Chairman", "bodies/csc", None, None)]),
    # wire style: lower-case titles, "currently"
    ("Imangali Tasmagambetov, the CSTO secretary general, said it.",
     [("Imangali Tasmagambetov", "secretary general", "bodies/csto", None, None)]),
    ("Taalatbek Masadykov arrived. Masadykov, currently CSTO deputy secretary general, will succeed him.",
     [("Taalatbek Masadykov", "deputy secretary general", "bodies/csto", None, None)]),
    # a dash between the offices of two bodies; a translated title ("Responsible Secretary")
    ("Tasmagambetov met the Chairman of the Executive Committee - Executive Secretary of the CIS "
     "Sergei Lebedev and the Responsible Secretary of the CSTO Parliamentary Assembly Sergey Pospelov.",
     [("Sergei Lebedev", "Chairman", "bodies/cis-executive-committee", None, None),
      ("Sergei Lebedev", "Executive Secretary", "bodies/cis", None, None),
      ("Sergey Pospelov", "Responsible Secretary", "bodies/csto-pa", None, None)]),
    # a body "led/headed/chaired by" a person, with a time between; not an exercise or a delegation
    ("The Joint Staff of the CSTO, led since 2017 by Colonel General Anatoly Sidorov, drafts the "
     "plans. The exercise is headed by Colonel General Anatoly Sidorov.",
     [("Anatoly Sidorov", "Head", "bodies/csto-joint-staff", None, None)]),
    # "who had been" after a description
    ("The compromise was Stanislav Zas, a Belarusian general who had been State Secretary of the "
     "Security Council of the Republic of Belarus since 2015.",
     [("Stanislav Zas", "State Secretary", "bodies/security-council-of-the-republic-of-belarus", None, None)]),
    # "who has headed the Organization's Joint Staff": the Joint Staff's office, once where
    # the source also names it ("Chief of the Joint Staff of the CSTO")
    ("Colonel General Andrei Serdyukov, Chief of the Joint Staff of the CSTO, spoke. Serdyukov, who "
     "has headed the Organization's Joint Staff since 2022, answered.",
     [("Andrei Serdyukov", "Chief", "bodies/csto-joint-staff", None, None)]),
    ("Kommersant asked Andrei Serdyukov, who has headed the Organization's Joint Staff since 2022, "
     "what the CSTO drills showed.",
     [("Andrei Serdyukov", "Head", "bodies/csto-joint-staff", None, None)]),
    # "has held the post of", "who took up the post of"
    ("Our compatriot Imangali Tasmagambetov has held the post of Secretary General of the Collective "
     "Security Treaty Organization since January. Ivan Petrov, who took up the post of Minister of "
     "Defence in 2021, spoke.",
     [("Imangali Tasmagambetov", "Secretary General", "bodies/csto", None, None),
      ("Ivan Petrov", "Minister of Defence", None, None, None)]),
])
def test_posts_of_other_outlets_styles(text, expected):
    assert posts(text) == expected


def test_an_article_is_not_taken_from_an_office():
    assert posts("Acting CSTO Secretary General Valery Petrov spoke.") == [
        ("Valery Petrov", "Acting Secretary General", "bodies/csto", None, None)]


@pytest.mark.parametrize("text, expected", [
    ("Nikolai Petrov, newly appointed Minister of Defence, spoke.",
     [("Nikolai Petrov", "Minister of Defence", None, "newly appointed", None)]),
    ("Nikolai Petrov was newly elected Chairman of the CSTO Parliamentary Assembly.",
     [("Nikolai Petrov", "Chairman", "bodies/csto-pa", "newly elected", None)]),
    ("Nikolai Petrov, ex-Minister of Defence, spoke.", [("Nikolai Petrov", "Minister of Defence", None, "ex-", None)]),
])
def test_a_qualifier_of_two_words_or_written_onto_the_office(text, expected):
    assert posts(text) == expected


def test_a_lower_case_office_before_a_comma_and_another_office_is_someone_elses():
    found = posts("According to the deputy minister, Foreign Minister Ararat Mirzoyan has informed them.")
    assert [p[1] for p in found] == ["Foreign Minister"]


def test_a_newly_appointed_office_and_the_bare_office_in_one_source_are_one_post():
    found = posts("Taalatbek Masadykov, newly appointed Secretary General of the CSTO, arrived. "
                  "Secretary General of the CSTO Taalatbek Masadykov met the President.")
    assert found == [("Taalatbek Masadykov", "Secretary General", "bodies/csto", "newly appointed", None)]


def test_a_title_wrapped_onto_an_indented_line_reaches_its_name(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("The Council of the Parliamentary Assembly approved the following documents\n"
                    "and the plan of its work for the next year, after the discussion of:\n"
                    "  - the model law on the status of the military personnel of the member\n"
                    "    states, and the plan of international monitoring of the elections;\n"
                    "  - the report of the Standing Commission on Defence and Security Issues,\n"
                    "    presented by its Chairman, Chairman of the Committee on Defence of the\n"
                    "    State Duma Andrei Kartapolov.\n", encoding="utf-8")
    doc = read_source(path)
    records = build_records(resolve(extract_document(doc)), [doc])
    found = {(r["name"], p["role"], p["body"]) for r in records for p in r.get("posts", [])}
    assert ("Andrei Kartapolov", "Chairman", "bodies/committee-on-defence-of-the-state-duma") in found


def test_an_office_of_the_committee_is_of_the_committee_the_document_named_first():
    found = posts("The State Duma Committee on CIS Affairs, Eurasian Integration and Relations with "
                  "Compatriots held hearings. Leonid Kalashnikov, Chairman of the Committee, opened "
                  "them. The Standing Commission on Defence of Belarus met. Deputy Chairwoman of "
                  "the Committee Yelena Savchuk asked.")
    committee = "bodies/state-duma-committee-on-cis-affairs-eurasian-integration-and-relations-with"
    assert [(name, role, b.startswith(committee)) for name, role, b, _, _ in found] == [
        ("Leonid Kalashnikov", "Chairman", True), ("Yelena Savchuk", "Deputy Chairwoman", True)]


def test_chief_of_staff_is_one_office_and_its_body_comes_after_it():
    found = posts("Chief of Staff of the Border Troops of the State Committee for National "
                  "Security of the Republic of Tajikistan Sh.Kh.Nazarzoda took part.")
    assert [(name, role) for name, role, *_ in found] == [("Sh.Kh.Nazarzoda", "Chief of Staff")]


def test_a_post_after_who_and_a_time_before_the_verb():
    found = posts("The SCO met. Vladimir Norov, who until the end of last year was Secretary-General "
                  "of the SCO, spoke.")
    assert ("Vladimir Norov", "Secretary-General", "bodies/sco", None, None) in found


def test_the_home_organisation_named_as_a_possessor_with_a_modifier():
    found = posts("The CSTO relieved Yuri Khachaturov, a retired general, of his duties as the "
                  "Russian-led alliance's secretary general.")
    assert found == [("Yuri Khachaturov", "secretary general", "bodies/csto", None, None)]


def test_a_headline_verb_opens_no_body_and_first_before_a_country_is_an_ordinal():
    found = posts("Tasmagambetov Takes Office as First Kazakh Secretary General of CSTO")
    assert found == [("Tasmagambetov", "Secretary General", "bodies/csto", None, None)]
    assert posts("First Deputy Foreign Minister Ivan Petrov spoke.")[0][1] == "First Deputy Foreign Minister"
