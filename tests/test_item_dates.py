"""When each news item was published: datelines, timestamps and metadata lines, the year
of an agency dateline taken from elsewhere on the page, headlines printed above their
datelines, and the date every mention carries."""

import pytest

from csto_kb.extraction.extract import extract_document
from csto_kb.records import build_records
from csto_kb.resolution import resolve
from csto_kb.sources import read_source
from csto_kb.sources.datelines import parse_dateline


def read(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


@pytest.mark.parametrize("line, value", [
    ("Thu, 11/28/2019 - 15:58", "2019-11-28"),  # weekday, US numeric date, time
    ("16:29, 14 May 2012 | GMT +6", "2012-05-14"),  # time first, time zone after
    ("14 FEB 2023, 12:47", "2023-02-14"),  # month abbreviated in capitals
    ("Posted: 23.05.2022 10:47:00", "2022-05-23"),
    ("date: 2015-08-24", "2015-08-24"),  # a metadata line
    ("Published on 24 August 2015", "2015-08-24"),
    ("November 30, 2004 Tuesday", "2004-11-30"),  # weekday after the date
    ("- 10:46, 14 October 2025", "2025-10-14"),
    ("Digest of the day — 27 November 2025 (Bishkek time, UTC+6)", "2025-11-27"),  # a dash label
    ("27 November 2025, 10:00 Moscow time", "2025-11-27"),
    ("19-06-2025, 15:42 | Views: 1 204", "2025-06-19"),  # day-month-year with dashes
])
def test_timestamp_and_metadata_lines_are_datelines(line, value):
    dateline = parse_dateline(line)
    assert dateline is not None and dateline.date == value and dateline.alone


@pytest.mark.parametrize("line, value", [
    ("BISHKEK, November 28. /TASS/. The new Secretary General spoke.", "2019-11-28"),
    ("YEREVAN, MAY 16, ARMENPRESS. The delegation arrived.", "2019-05-16"),
    ("ALMATY, Nov. 28 (Xinhua) -- The drills ended.", "2019-11-28"),
    ("BAKU, Azerbaijan, Nov. 28. By Anna Ivanova", "2019-11-28"),
    ("MOSCOW, 14 November (BelTA) - A session will be held.", "2019-11-14"),
])
def test_agency_datelines_take_the_year_given(line, value):
    assert parse_dateline(line) is None  # no year of its own
    assert parse_dateline(line, "2019-03-01").date == value


@pytest.mark.parametrize("line", [
    "Moscow, Minsk and Astana agreed on the plan.",
    "ASTANA. KAZINFORM – The talks began.",  # a dateline with no date
    "The meeting, on 12 May 2023, ended.",
    "Order No. 12/05/2023 of the ministry",
    "No. 1234-28-11-2019",  # a document number
])
def test_not_datelines(line):
    assert parse_dateline(line, "2019-03-01") is None


def test_agency_dateline_takes_its_year_from_a_timestamp_above(tmp_path):
    doc = read(tmp_path, "ID :\n551031\nThu, 11/28/2019 - 15:58\n\nZas to focus on strategy\n\n"
                         "BISHKEK, November 28. /TASS/. Stanislav Zas said so.\n")
    assert doc.title == "Zas to focus on strategy"  # the id and header lines are furniture
    assert doc.date == "2019-11-28"
    assert {s.date for s in doc.segments} == {"2019-11-28"}


def test_agency_dateline_takes_its_year_from_a_timestamp_below(tmp_path):
    doc = read(tmp_path, "Headline\n\nMOSCOW, November 28. /TASS/. Text.\n\n28.11.2019 14:02\n")
    assert doc.date == "2019-11-28"


def test_agency_dateline_without_a_year_anywhere_gives_no_date(tmp_path):
    doc = read(tmp_path, "Headline\n\nMOSCOW, November 28. /TASS/. Text of 2019.\n")
    assert doc.date is None and [s.date for s in doc.segments] == [None]


FEED = """CSTO news

Exercise opened in Belarus

02.10.2024

Servicemen began the drills on Monday.

Photo: press service

Secretary General met the Ambassador of Armenia
A caption under the photo

01.10.2024

Imangali Tasmagambetov met Ambassador Gurgen Arsenyan.
"""


def test_headline_above_a_dateline_belongs_to_its_item(tmp_path):
    doc = read(tmp_path, FEED)
    item = {doc.text[p.start:p.end]: doc.segments[p.segment].date for p in doc.paragraphs}
    assert item["Exercise opened in Belarus"] == "2024-10-02"
    assert item["Photo: press service"] == "2024-10-02"  # furniture stays with its item
    assert item["Secretary General met the Ambassador of Armenia"] == "2024-10-01"
    assert item["A caption under the photo"] == "2024-10-01"


def test_every_mention_carries_the_date_of_its_item(tmp_path):
    doc = read(tmp_path, FEED)
    records = build_records(resolve(extract_document(doc)), [doc])
    dates = {r["name"]: {m.get("date") for m in r["mentions"]} for r in records}
    assert dates["Imangali Tasmagambetov"] == {"2024-10-01"}
    undated = read(tmp_path, "Imangali Tasmagambetov spoke in Moscow.\n", "undated.txt")
    records = build_records(resolve(extract_document(undated)), [undated])
    assert all("date" not in m for r in records for m in r["mentions"])


@pytest.mark.parametrize("line, value", [
    ("Politics Materials 28 November 2024 14:20 (UTC +04:00)", "2024-11-28"),
    ("Source: Xinhua | 2025-11-27 22:31:10 | Editor: huaxia", "2025-11-27"),
    ("Almaty, 21 June 2024", "2024-06-21"),
    ("22 June, 2024", "2024-06-22"),
])
def test_page_header_lines_with_a_date_among_fields(line, value):
    dateline = parse_dateline(line)
    assert dateline is not None and dateline.date == value


@pytest.mark.parametrize("line", [
    "CSTO drills to start on 12 May 2024",  # a headline that names a date
    "Exercises from 12 May 2024 to 20 May 2024 | CSTO",
    "The meeting was held 12 May 2024 in Minsk with the ministers of six states present.",
])
def test_a_headline_naming_a_date_is_no_header(line):
    assert parse_dateline(line) is None


def test_dates_in_a_related_news_list_start_no_item(tmp_path):
    doc = read(tmp_path, "Comment on Channel-2019\n\n29 November 2019, 14:37\n\nThe operation ended.\n\n"
                         "See also:\nComment on the operation Illegal-2019 (12.08.2019)\n"
                         "Briefing by the spokeswoman, Moscow, November 28, 2019\n\nShare: VK\n")
    assert [s.date for s in doc.segments] == ["2019-11-29"]


@pytest.mark.parametrize("line, year_from, value", [
    ("01/07/2022 January 7, 2022", None, "2022-01-07"),  # one date written twice
    ("DUSHANBE, April 30, 2021, Asia-Plus -- The talks began.", None, "2021-04-30"),
    ("Cholpon-Ata, June 19. /Kabar/. The meeting opened.", "2025-06-19", "2025-06-19"),
    ("MOSCOW, 2 Dec — RIA Novosti. Putin chaired it.", "2020-12-02", "2020-12-02"),
    ("04.10.2017 (11:20)", None, "2017-10-04"),  # a time in brackets
    ("Source: Khovar news agency, Dushanbe, in Russian 16 Sep 21", None, "2021-09-16"),
])
def test_more_dateline_forms(line, year_from, value):
    assert parse_dateline(line, year_from).date == value


@pytest.mark.parametrize("line, value", [
    ("15 / 09 / 2021", "2021-09-15"),  # spaced: day first
    ("28/11/2019", "2019-11-28"),  # a day over 12 comes first
    ("September 15,2021 18:45", "2021-09-15"),  # no space after the comma
])
def test_numeric_and_comma_dates_on_their_own_line(line, value):
    assert parse_dateline(line).date == value


CHANNEL = """Security Monitor
@security_monitor · 18 412 subscribers

——— 14 October 2025 ———

09:12
Rubezh-2025 is over. President Sadyr Zhaparov watched the assault.

=== 15.10.2025 ===

08:05
Imangali Tasmagambetov has arrived in Dushanbe.
"""


def test_a_rule_drawn_around_a_day_header_leaves_its_date(tmp_path):
    doc = read(tmp_path, CHANNEL)
    item = {doc.text[p.start:p.end]: doc.segments[p.segment].date for p in doc.paragraphs}
    assert item["Rubezh-2025 is over. President Sadyr Zhaparov watched the assault."] == "2025-10-14"
    assert item["Imangali Tasmagambetov has arrived in Dushanbe."] == "2025-10-15"
    assert parse_dateline("-- MINSK, 1 December (BelTA) --", "2025-12-01").date == "2025-12-01"


def test_a_saved_page_address_on_a_first_line_dates_its_item(tmp_path):
    page = ("eurasiansecurityblog.org/2025/07/22/rubezh-and-the-limits/\n\nEURASIAN SECURITY BLOG\n\n"
            "The Rubezh exercises are staged every autumn.\n\nSee also https://example.org/2019/01/02/old/\n")
    doc = read(tmp_path, page)
    assert [s.date for s in doc.segments] == ["2025-07-22"]  # an address further down dates nothing


def test_a_copyright_year_gives_a_year_less_dateline_its_year(tmp_path):
    page = "Politics\n\nBaku, Azerbaijan, Dec. 1\n\nThe talks went on.\n\n© 2005-2024 Trend News Agency.\n"
    assert [s.date for s in read(tmp_path, page).segments] == ["2024-12-01"]
    assert [s.date for s in read(tmp_path, page.replace("©", "")).segments] == [None]


def test_an_update_after_a_dash_is_not_the_items_date():
    assert parse_dateline("Selin Arikan   |01.09.2025 - Last update : 02.09.2025").date == "2025-09-01"


@pytest.mark.parametrize("line, value", [
    ("16:48 / 20.10.2025    👁 4127", "2025-10-20"),  # a view count after the date
    ("Jun 24, 2025 19:47 | Views: 1,318", "2025-06-24"),
])
def test_a_view_count_after_a_timestamp(line, value):
    found = parse_dateline(line)
    assert found.date == value and found.alone


def test_a_copyright_line_naming_its_owner_first_gives_the_year(tmp_path):
    page = ("Russian Politics\n\n28 NOV, 13:52\n\nMOSCOW, November 28. /TASS/. Talks began.\n\n"
            "© TASS, 2025. All rights reserved.\n")
    assert {s.date for s in read(tmp_path, page).segments} == {"2025-11-28"}


def test_a_quotation_with_its_attribution_and_date_is_no_header():
    assert parse_dateline('"Six exercises in one season is a heavy load." - Taalatbek Masadykov to Sputnik, '
                          '14 April 2026') is None


def test_a_byline_with_the_date_dates_the_item_and_names_its_author(tmp_path):
    doc = read(tmp_path, "Tasmagambetov Takes Office\n\nBy Saule Abilova in Nation on 10 January "
                         "2023\n\nASTANA – On Jan. 9, Tokayev received him.\n")
    assert doc.date == "2023-01-10"
    mentions = extract_document(doc)
    assert "Saule Abilova" in [m.text for m in mentions if m.kind == "people"]
    assert "2023-01-09" in [m.value for m in mentions if m.kind == "dates"]


TEASERS = ("Press centre / News\n\nDrills began in Belarus\n08.09.2025\nOn 8 September the active phase "
        "of Interaction-2025 began at the Losvido range, and the training was directed by the Joint "
        "Staff.\nRead more\n\nThe Secretary General met the Speaker\n05.09.2025\nOn September 4, in "
        "Minsk, Imangali Tasmagambetov met Igor Sergeenko.\nRead more\n\n"
        "Related articles\n\nKyrgyzstan to host CSTO summit\n12:05, 03.04.2025\n\n"
        "© 2025 Kabar. When using materials, a hyperlink is required.\n")


def test_a_feed_teaser_ending_in_read_more_is_followed_by_the_next_item(tmp_path):
    doc = read(tmp_path, TEASERS)
    item = {doc.text[p.start:p.end][:20]: doc.segments[p.segment].date for p in doc.paragraphs}
    assert item["On September 4, in M"] == "2025-09-05"  # "Read more" heads no list of links
    assert [s.date for s in doc.segments] == ["2025-09-08", "2025-09-05"]  # a list's last date above a footer


CHAT = ("Telegram Desktop — chat export\nChannel: CSTO Info\nExported: 20.01.2022 09:14\n\n"
        "[06.01.2022 15:08]  ODKB | CSTO Info\nAndrey Serdyukov has been appointed commander.\n\n"
        "[10.01.2022 18:45]  ODKB | CSTO Info\nAn extraordinary session of the CSC was held today.\n")


def test_a_chat_exports_stamps_date_its_messages_and_not_its_export(tmp_path):
    doc = read(tmp_path, CHAT)
    assert [s.date for s in doc.segments] == ["2022-01-06", "2022-01-10"]
    assert parse_dateline("lastBuildDate: Wed, 21 Jan 2026 08:00:05 +0000") is None


def test_a_day_header_between_dashes_takes_the_year_of_a_copyright_naming_digits(tmp_path):
    page = ("24.kg LIVE\n\n— Wednesday, 26 November —\n\n08:45  Welcome to the summit.\n\n"
            "— Thursday, 27 November —\n\n10:00  The session has started.\n\n© 24.kg news agency, 2025\n")
    assert [s.date for s in read(tmp_path, page).segments] == ["2025-11-26", "2025-11-27"]


def test_a_note_that_the_text_was_published_on_a_day_dates_it(tmp_path):
    page = ("The CSTO after Tasmagambetov\n\nThe chairmanship belongs to Russia this year.\n\n"
            "Aizhan Toktogulova is a columnist. This column was published on February 16, 2026.\n")
    assert [s.date for s in read(tmp_path, page).segments] == ["2026-02-16"]
