"""Resolution: one entity per person/body/force/operation/date, across documents."""

from csto_kb.extraction.extract import extract_document
from csto_kb.resolution import resolve
from csto_kb.resolution.keys import organisation_key, translit_key
from helpers import make_document, records_of_texts


def entities(*texts, date=None):
    mentions = []
    for n, text in enumerate(texts):
        mentions += extract_document(make_document(text, date, doc_id=f"doc{n}"))
    return resolve(mentions)


def names_of(kind, ents):
    return sorted((e.name, tuple(e.aliases)) for e in ents if e.kind == kind)


def test_transliteration_key_merges_spellings():
    for a, b in [("Sergei", "Sergey"), ("Tokaev", "Tokayev"), ("Lukashenko", "Lukashenka"),
                 ("Dzhumakeyev", "Jumakeev"), ("Vasilyev", "Vasiliev"), ("Alexander", "Aleksandr"),
                 ("Kassym-Jomart", "Qasym-Zhomart"), ("Naemnik", "Nayemnik")]:
        assert translit_key(a) == translit_key(b), (a, b)
    assert translit_key("Sergey") != translit_key("Sergeyev")


def test_ministry_names_meet_under_one_key():
    keys = {organisation_key(n) for n in [
        "Ministry of Foreign Affairs of Kazakhstan", "Kazakh Foreign Ministry",
        "Ministry of Foreign Affairs of the Republic of Kazakhstan", "Foreign Ministry of Kazakhstan"]}
    assert keys == {"ministry-foreign-affairs-kazakhstan"}


def test_person_spelled_two_ways_in_two_documents_is_one_record():
    ents = entities("Defence Minister Sergei Shoigu arrived in Minsk.",
                    "Russian Defence Minister Sergey Shoygu said the drills went well.")
    people = [e for e in ents if e.kind == "people"]
    assert len(people) == 1 and {m.source for m in people[0].mentions} == {"doc0", "doc1"}


def test_surname_alone_joins_the_full_name_in_the_same_document():
    ents = entities("Foreign Minister Ararat Mirzoyan came.\nMirzoyan said it was useful.")
    assert names_of("people", ents) == [("Ararat Mirzoyan", ("Mirzoyan",))]


def test_two_people_sharing_a_surname_are_not_merged():
    ents = entities("Minister Ivan Petrov met General Oleg Petrov.\nPetrov said nothing.")
    people = sorted(e.name for e in ents if e.kind == "people")
    assert people[:2] == ["Ivan Petrov", "Oleg Petrov"]


def test_abbreviation_joins_its_long_form_across_documents():
    ents = entities("The Eurasian Anti-Drug Council (EADC) met.", "The EADC met again.\n"
                    "The Eurasian Anti-Drug Council (EADC) said so.")
    bodies = [e for e in ents if e.kind == "bodies"]
    assert len(bodies) == 1 and bodies[0].name == "Eurasian Anti-Drug Council"
    assert "EADC" in bodies[0].aliases


def test_countryless_ministry_joins_the_named_one_in_its_document():
    ents = entities("Viktor Kuznetsov, Ambassador-at-Large of the Russian Foreign Ministry, "
                    "spoke.\nThe Foreign Ministry representative added more.")
    bodies = [e for e in ents if e.kind == "bodies"]
    assert [(b.name, b.aliases) for b in bodies] == [("Russian Foreign Ministry", ["Foreign Ministry"])]


def test_operation_translation_and_transliteration_are_one_record():
    ents = entities("The operations 'Nayemnik' ('Mercenary') continue.",
                    'The results of the operation "Naemnik" are known.')
    ops = [e for e in ents if e.kind == "operations"]
    assert len(ops) == 1 and {"Nayemnik", "Naemnik"} <= {ops[0].name, *ops[0].aliases}


def test_dates_are_one_record_per_value():
    ents = entities("On 6 January 2022 the council met.", "The council met on 6 January 2022.")
    dates = [e for e in ents if e.kind == "dates"]
    assert [(d.id, d.date, len(d.mentions)) for d in dates] == [("2022-01-06", "2022-01-06", 2)]


def test_ids_are_unique_slugs():
    ents = entities("The Council of Elders (COE) met.", "The Council-of-Elders Club met.")
    ids = [(e.kind, e.id) for e in ents]
    assert len(ids) == len(set(ids))
    assert all(e.id and set(e.id) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for e in ents)


def test_a_country_named_before_or_after_gives_one_key():
    keys = {organisation_key(n) for n in [
        "Security Council of Belarus", "Security Council of the Republic of Belarus",
        "Belarusian Security Council"]}
    assert keys == {"security council of belarus"}


def test_a_country_named_with_a_possessive_is_read_whole():
    ents = entities("The Embassy of the People's Republic of China opened.", "The Chinese Embassy opened.")
    assert names_of("bodies", ents) == [("Embassy of the People's Republic of China", ("Chinese Embassy",))]


def test_belarusian_and_russian_forms_of_a_given_name_are_one_person():
    ents = entities("President Alexander Lukashenko arrived.",
                    "President Alyaksandr Lukashenka spoke.")
    assert len([e for e in ents if e.kind == "people"]) == 1


def _bodies_by_document(*texts, kinds=("bodies",)):
    """Each body (or ``kinds``) record's name -> the documents it is mentioned in."""
    return {e.name: sorted({m.source for m in e.mentions}) for e in entities(*texts) if e.kind in kinds}


def test_a_generic_name_belongs_to_the_one_country_its_sentence_names():
    bodies = _bodies_by_document(
        "The National Assembly of Armenia met on Monday.",
        "On June 12, speaking in the National Assembly, Pashinyan said that Armenia would leave. "
        "President of the National Assembly Alen Simonyan agreed.",
        "Sergei Shoigu was moved to head the Security Council, the Russian president decided.",
        "Secretary of the Security Council of the Russian Federation Sergei Shoigu spoke.")
    assert bodies["National Assembly of Armenia"] == ["doc0", "doc1"]  # both mentions of doc1
    assert [docs for name, docs in bodies.items() if "Security Council" in name] == [["doc2", "doc3"]]


def test_a_country_that_is_a_place_or_inside_another_name_owns_no_generic_name():
    bodies = _bodies_by_document(
        "The Security Council said militants came from Afghanistan.",
        "The Security Council of Afghanistan met.",
        "It was chaired by the Chairman of the Standing Commission, Chairman of the House of "
        "Representatives of the National Assembly of the Republic of Belarus Gennady Lepeshko.",
        "The Standing Commission of Belarus met.",
        "The Russia-led Security Council met.",
        "The Security Council of Russia met.")
    assert all(len(docs) == 1 for docs in bodies.values()), bodies


def test_a_paragraph_that_named_one_country_before_gives_a_generic_name_its_own():
    bodies = _bodies_by_document(
        "Kazakhstan sent a battalion of the 36th Brigade. The Airborne Assault Troops chief praised it.",
        "The Airborne Assault Troops of Kazakhstan held drills.",
        # a longer name in the document comes first: the paragraph's country is a guess
        "The Coordination Council on Illegal Migration met. Tajik citizens were helped. "
        "The Coordination Council will meet in Minsk.", kinds=("bodies", "forces"))
    assert bodies["Airborne Assault Troops of Kazakhstan"] == ["doc0", "doc1"]
    assert bodies["Coordination Council on Illegal Migration"] == ["doc2"]
    assert len(bodies) == 3  # and the 36th Brigade


def test_a_name_a_country_owns_is_also_named_of_the_country():
    records = records_of_texts("Zakharova, spokeswoman of Russia's Foreign Ministry, said so.")
    ministry = next(r for r in records if r["type"] == "body")
    assert ministry["name"] == "Russia's Foreign Ministry"
    assert "Foreign Ministry of Russia" in ministry["aliases"]


def test_initials_of_two_letters_meet_the_given_name_they_stand_for():
    records = records_of_texts("CSTO Secretary General Yuri Khachaturov spoke.",
                               "Secretary General of the CSTO Yu.G.Khachaturov attended.")
    people = [r for r in records if r["type"] == "person"]
    assert len(people) == 1 and {m["source"] for m in people[0]["mentions"]} == {"doc-0", "doc-1"}


def test_a_lexicon_name_in_full_is_no_short_form_of_a_longer_name():
    bodies = _bodies_by_document(
        "The Parliamentary Assembly of the Union State met in Minsk. "
        "Deputies of the CSTO Parliamentary Assembly took part.",
        "The CSTO Parliamentary Assembly met in St. Petersburg.")
    assert bodies["CSTO Parliamentary Assembly"] == ["doc0", "doc1"]


def test_a_short_form_stands_for_the_lexicon_name_its_document_gives_in_full():
    bodies = _bodies_by_document(
        "The Border Troops of the State Committee for National Security of the Republic of "
        "Tajikistan held drills. Chairman of the State Committee for National Security Saimumin "
        "Yatimov attended.")
    assert len([name for name in bodies if name.startswith("State Committee")]) == 1, bodies


def test_a_name_with_an_abbreviation_its_document_defines_is_the_name_spelled_out():
    bodies = _bodies_by_document(
        "The Council of Commanders of Border Troops (CCBT) of the CIS met. The Coordination Service "
        "of the CCBT met. Chairman of the Coordination Service of the Council of Commanders of "
        "Border Troops Anatoly Vereshchak reported on the Tajik-Afghan border.")  # "Afghan" owns nothing
    assert len([name for name in bodies if name.startswith("Coordination Service")]) == 1, bodies


def test_a_countrys_possessive_inside_a_name_is_the_country_named_after_it():
    forces = _bodies_by_document(
        "The Border Troops of Tajikistan's State Committee for National Security held drills.",
        "The Border Troops of the State Committee for National Security of the Republic of "
        "Tajikistan held drills.", kinds=("forces",))
    assert list(forces.values()) == [["doc0", "doc1"]], forces


def test_a_dateline_city_owns_the_generic_names_of_the_sentence_it_opens():
    bodies = _bodies_by_document(
        "BISHKEK, 24.kg - The results of the operation conducted in Kyrgyzstan were summed up at "
        "the Security Council today. Deputy Secretary of the Security Council Bakyt Dzhusupbekov "
        "reported on it. He recalled that Secretary of the Security Council of Russia Sergei Shoigu "
        "had supported the proposal.",
        "The Security Council of Kyrgyzstan met.")
    assert bodies["Security Council of Kyrgyzstan"] == ["doc0", "doc1"], bodies


def test_a_first_name_and_patronymic_alone_join_the_one_person_of_those_names():
    people = {e.name: sorted({m.source for m in e.mentions}) for e in entities(
        "Imangali Nurgalievich Tasmagambetov took office in January 2023.",
        "K: Imangali Nurgalievich's term ends in December. What next?") if e.kind == "people"}
    assert people == {"Imangali Nurgalievich Tasmagambetov": ["doc0", "doc1"]}, people
