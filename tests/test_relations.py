"""Facts between entities, each with its sentence: events, part of, took part in, met with,
office holders; headlines, captions and bylines state none."""

from csto_kb.extraction.extract import extract_document
from csto_kb.model import KIND_OF_TYPE
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_source


def records_of(tmp_path, text):
    path = tmp_path / "item.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_source(path)
    return {f"{KIND_OF_TYPE[r['type']]}/{r['id']}": r
            for r in build_records(resolve(extract_document(doc)), [doc])}


def relation_types(record):
    return sorted((f["type"], f["ref"]) for f in record.get("relations", []))


def test_a_body_named_inside_another_is_part_of_it(tmp_path):
    recs = records_of(tmp_path, "Headline\n\n01.10.2024\n\nThe House of Representatives of the National "
                                "Assembly of the Republic of Belarus adopted the law.\n")
    house = next(r for k, r in recs.items() if r["name"].startswith("House of Representatives"))
    assert [t for t, _ in relation_types(house)] == ["part_of"]


def test_forces_and_bodies_that_took_part_in_an_exercise(tmp_path):
    recs = records_of(tmp_path, "Headline\n\n01.10.2024\n\nUnits of the CRRF and the Ministry of Defence "
                                "of Belarus took part in the exercise Interaction-2024.\n")
    exercise = next(r for r in recs.values() if r["name"] == "Interaction-2024")
    kinds = {ref.split("/")[0] for t, ref in relation_types(exercise) if t == "participant"}
    assert kinds == {"forces", "bodies"}


def test_people_who_met(tmp_path):
    recs = records_of(tmp_path, "Headline\n\n01.10.2024\n\nSecretary General Imangali Tasmagambetov "
                                "met with Foreign Minister Sergei Aleinik in Minsk.\n")
    person = next(r for r in recs.values() if r["name"] == "Imangali Tasmagambetov")
    [fact] = [f for f in person["relations"] if f["type"] == "met_with"]
    assert fact["ref"].endswith("sergei-aleinik") and fact["date"] == "2024-10-01"
    assert "met with Foreign Minister" in fact["quote"]


def test_events_of_a_date_and_what_was_done_today(tmp_path):
    recs = records_of(tmp_path, "Drills opened\n\n01.10.2024\n\nToday the CRRF opened the exercise "
                                "Interaction-2024. On 30 September the CSTO Joint Staff approved the plan.\n")
    today, before = recs["dates/2024-10-01"], recs["dates/2024-09-30"]
    assert [e["entities"] for e in today["events"]] == [["forces/crrf", "operations/interaction-2024"]]
    assert before["events"][0]["quote"].startswith("On 30 September")


def test_headlines_captions_and_bylines_state_no_facts(tmp_path):
    recs = records_of(tmp_path, "Zas met Lavrov in Moscow\n\n01.10.2024\n\nStanislav Zas © Photo by Sergey "
                                "Rusanov\n\nAuthor: Nikita Vyatchanin\n\nThe talks went well.\n")
    for record in recs.values():
        assert record.get("relations", []) == [] and record.get("related", []) == []


def test_a_body_lists_its_office_holders_by_role_newest_first(tmp_path):
    recs = records_of(tmp_path, "News\n\n01.10.2024\n\nCSTO Secretary General Imangali Tasmagambetov "
                                "spoke.\n\n02.05.2022\n\nCSTO Secretary General Stanislav Zas spoke.\n")
    holders = recs["bodies/csto"]["office_holders"]
    assert [(h["person"], h["date"]) for h in holders] == [
        ("people/imangali-tasmagambetov", "2024-10-01"), ("people/stanislav-zas", "2022-05-02")]


def test_forces_of_a_body_in_an_exercise_make_the_body_a_participant(tmp_path):
    recs = records_of(tmp_path, "Headline\n\n01.10.2024\n\nThe exercise Interaction-2024 of the Collective "
                                "Rapid Reaction Forces of the Collective Security Treaty Organization began.\n")
    exercise = next(r for r in recs.values() if r["name"] == "Interaction-2024")
    assert [ref for t, ref in relation_types(exercise) if t == "participant"] == ["bodies/csto", "forces/crrf"]
    assert relation_types(recs["forces/crrf"]) == [("part_of", "bodies/csto"),
                                                   ("took_part_in", "operations/interaction-2024")]
