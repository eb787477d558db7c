"""Tests for tieline.nlp.dates: finding and resolving time expressions."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tieline.nlp.dates import TimeTagger, find_times, governing_time
from tieline.records import Analysis, Document, TimeExpr

PUB = "2018-01-16"  # a Tuesday
VOA = Path("/work/shared/corpus/voa/voa_stories.jsonl")


def one(text: str, published: str | None = PUB) -> TimeExpr:
    """The single expression found in ``text`` (fails if there is not exactly one)."""
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


def values(text: str, published: str | None = PUB) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_times(text, published)]


# --- absolute dates -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "expr", "value", "precision"), [
    ("It was signed on June 25, 2019 in Osaka.", "June 25, 2019", "2019-06-25", "day"),
    ("It was signed on 25 June 2019 in Osaka.", "25 June 2019", "2019-06-25", "day"),
    ("Talks resumed January 17, 2018.", "January 17, 2018", "2018-01-17", "day"),
    ("The vote was held on 2018-01-16.", "2018-01-16", "2018-01-16", "day"),
    ("Sanctions were imposed in February 2021.", "February 2021", "2021-02", "month"),
    ("Russia annexed Crimea in March 2014, officials said.", "March 2014", "2014-03", "month"),
    ("It has grown in 2015.", "2015", "2015", "year"),
    ("It has grown since 2015.", "2015", "2015", "year"),
    ("He died on Thursday, January 16, 2018.", "Thursday, January 16, 2018", "2018-01-16", "day"),
    ("It opened on the 25th of June, 2019.", "25th of June, 2019", "2019-06-25", "day"),
    ("Fighting resumed in December of 2024.", "December of 2024", "2024-12", "month"),
])
def test_absolute(text: str, expr: str, value: str, precision: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.precision, t.relative) == (expr, value, precision, False)
    assert text[t.start:t.end] == t.text


def test_absolute_without_publication_date() -> None:
    assert values("On June 25, 2019 and in March 2014 and since 2015.", None) == [
        ("June 25, 2019", "2019-06-25"), ("March 2014", "2014-03"), ("2015", "2015")]


def test_abbreviated_months_resolve_against_publication() -> None:
    assert values("They met Jan. 9 and again Sept. 19.") == [("Jan. 9", "2018-01-09"), ("Sept. 19", "2017-09-19")]
    assert one("on Jan. 9, 2018").value == "2018-01-09"
    assert one("in Dec 2024").value == "2024-12"


def test_invalid_dates_are_not_returned() -> None:
    assert find_times("on February 30, 2019 and on 2019-13-45") == []
    assert one("on February 29", "2020-03-01").value == "2020-02-29"


# --- month and day without a year ---------------------------------------------------------

def test_month_day_on_publication_day() -> None:
    t = one("On January 16, protesters gathered.")
    assert (t.value, t.precision, t.relative) == ("2018-01-16", "day", True)


def test_attributive_month_day_is_a_day_not_a_month() -> None:
    t = one("after a January 9 meeting in Paris")
    assert (t.text, t.value, t.precision) == ("January 9", "2018-01-09", "day")


def test_future_month_day_stays_in_the_same_year() -> None:
    assert one("Leaders will meet on January 18.").value == "2018-01-18"


def test_month_day_takes_the_closest_year() -> None:
    assert one("On December 28 they met.", "2019-01-03").value == "2018-12-28"
    assert one("due on January 5", "2018-12-20").value == "2019-01-05"


def test_month_day_range_is_its_first_day() -> None:
    t = one("at a summit January 16-17 in Vancouver")
    assert (t.text, t.value) == ("January 16-17", "2018-01-16")
    assert one("on 16-17 January").value == "2018-01-16"


# --- bare months ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expr", "value"), [
    ("Troops withdrew in January.", "January", "2018-01"),
    ("The vote is in February.", "February", "2018-02"),  # the month after publication
    ("It began in March.", "March", "2017-03"),
    ("They met last July.", "last July", "2017-07"),
    ("They meet next March.", "next March", "2018-03"),
    ("It ended late last July.", "late last July", "2017-07"),
    ("It started in early December.", "early December", "2017-12"),
    ("It resumed in mid-October.", "mid-October", "2017-10"),
    ("It ended in January last year.", "January last year", "2017-01"),
    ("Elections are due in August this year.", "August this year", "2018-08"),
])
def test_bare_months(text: str, expr: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.precision, t.relative) == (expr, value, "month", True)


def test_last_month_name_is_strictly_before_publication_month() -> None:
    assert one("last January").value == "2017-01"
    assert one("last July", "2018-08-02").value == "2018-07"
    assert one("next January").value == "2019-01"


def test_bare_month_needs_a_context_word() -> None:
    assert find_times("January was cold. The January talks failed. March on!") == []
    assert values("from January to March") == [("January", "2018-01"), ("March", "2017-03")]
    assert values("by the end of March") == [("March", "2017-03")]


def test_may_the_name_is_not_a_month() -> None:
    assert find_times("Theresa May said. A letter to May, written by May.") == []
    assert values("It happened in May.", "2019-06-01") == [("May", "2019-05")]


# --- weekdays ---------------------------------------------------------------------------

def test_weekday_is_most_recent_on_or_before_publication() -> None:
    assert one("Officials said on Thursday that...").value == "2018-01-11"
    assert one("He spoke Monday.").value == "2018-01-15"


def test_weekday_on_publication_day_is_the_publication_date() -> None:
    t = one("The minister said Tuesday that talks would continue.")
    assert (t.value, t.precision, t.relative) == ("2018-01-16", "day", True)


def test_next_last_this_weekday() -> None:
    assert one("They meet next Tuesday.").value == "2018-01-23"
    assert one("They met last Tuesday.").value == "2018-01-09"
    assert one("They met last Monday.").value == "2018-01-15"
    assert one("They meet this Friday.").value == "2018-01-19"


def test_future_cue_moves_weekday_and_month_forward() -> None:
    pub = "2025-03-10"  # a Monday
    assert one("Rubio is scheduled to travel to Canada on Wednesday.", pub).value == "2025-03-12"
    assert one("The tariffs will take effect Monday.", pub).value == "2025-03-10"
    assert one("The deal is due to expire in October.", pub).value == "2025-10"
    # the cue belongs to a quote or to another sentence: no effect
    assert one("\u201cWe will never let you in,\u201d Rubio said on Wednesday.", pub).value == "2025-03-05"
    assert one("It will rain. He arrived Wednesday.", pub).value == "2025-03-05"
    assert one("Tests were set for February but were delayed.", "2021-04-14").value == "2021-02"


def test_weekday_names_that_are_not_dates() -> None:
    assert find_times("on Good Friday and Black Friday", PUB) == []
    assert find_times("told Fox News\u2019 \u201cSunday Morning Futures\u201d and ABC\u2019s \u201cThis Week\u201d") == []
    assert find_times("told USA Today") == []


# --- other relative expressions ----------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "precision"), [
    ("He left yesterday.", "2025-03-09", "day"),
    ("He leaves today.", "2025-03-10", "day"),
    ("He leaves tomorrow.", "2025-03-11", "day"),
    ("It was hit last night.", "2025-03-09", "day"),
    ("They met last month.", "2025-02", "month"),
    ("They met earlier this month.", "2025-03", "month"),
    ("They met last year.", "2024", "year"),
    ("They meet next year.", "2026", "year"),
    ("They meet this year.", "2025", "year"),
    ("It fell late last year.", "2024", "year"),
    ("It fell two days ago.", "2025-03-08", "day"),
    ("It fell six months ago.", "2024-09", "month"),
    ("It fell three years ago.", "2022", "year"),
    ("It fell a year ago.", "2024", "year"),
])
def test_relative(text: str, value: str, precision: str) -> None:
    t = one(text, "2025-03-10 14:02:00Z")
    assert (t.value, t.precision, t.relative) == (value, precision, True)


def test_weeks_have_week_precision_and_vague_counts_no_value() -> None:
    # issue 15: weeks are resolved at week precision (Monday, with the Sunday as date_end)
    found = find_times("last week, this week, two weeks ago, a few years ago", "2025-03-10")
    assert [t.text for t in found] == ["last week", "this week", "two weeks ago", "a few years ago"]
    assert [(t.value, t.precision, t.date_end) for t in found[:3]] == [
        ("2025-03-03", "week", "2025-03-09"), ("2025-03-10", "week", "2025-03-16"),
        ("2025-02-24", "week", "2025-03-02")]
    assert found[3].value is None and found[3].precision is None and found[3].relative


def test_durations_with_last_are_not_dates() -> None:
    assert find_times("Prices rose over the last year and in the past year.", PUB) == []


def test_relative_without_publication_date_has_no_value() -> None:
    found = find_times("On Thursday, on January 16, in March, last month, yesterday, two days ago", None)
    assert [t.text for t in found] == ["Thursday", "January 16", "March", "last month", "yesterday", "two days ago"]
    assert all(t.value is None and t.precision is None and t.relative for t in found)


def test_publication_datetime_and_non_iso_publication() -> None:
    assert one("yesterday", "2025-03-10T23:59:00+00:00").value == "2025-03-09"
    assert one("yesterday", "March 10, 2025").value == "2025-03-09"
    assert one("yesterday", "not a date").value is None
    assert one("yesterday", "0001-01-01").value is None  # no plausible news date


# --- things that are not dates -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He has spent 26 years in office.",
    "It is the worst in the past 26 years.",
    "At 77, he is the oldest.",
    "The 77-year-old leader resigned.",
    "He ruled for 20 years.",
    "Prices rose 20 percent.",
    "It costs $7.5 billion.",
    "It ordered 900 locomotives.",
    "It starts at 3 p.m. local time.",
    "Music of the 1990s and 2000s.",
    "Call 202-555-2019 now.",
    "Update to version 2.2019.",
    "Under Resolution 2231, Iran agreed.",
    "Under Resolution 2019, members agreed.",
    "See Article 1999.",
    "COVID-19 spread and the G20 met while F-16 jets flew.",
    "The attack, at 1900 GMT, killed many.",
    "Between 1500 and 2000 troops were sent.",
    "According to the Global Terrorism Index 2025, it is active.",
    "Iran breached the 2015 nuclear deal.",
    "His 2020 budget and the 2021 election.",
    "The code is 555 2019, he said.",
])
def test_not_dates(text: str) -> None:
    assert find_times(text, PUB) == []


def test_bare_year_rule() -> None:
    assert values("In 2019, China signed a deal.") == [("2019", "2019")]
    assert values("compared with 2019. Then") == [("2019", "2019")]  # followed by a period
    assert values("For 2021, it had received") == [("2021", "2021")]
    assert values("the year 2019 and the summer of 2020") == [("2019", "2019"), ("2020", "2020")]
    assert values("a report (2019) found") == [("2019", "2019")]
    assert find_times("in 1850 and in 2150") == []  # outside 1900-2100


# --- ranges ------------------------------------------------------------------------------

def test_year_ranges_give_two_expressions() -> None:
    assert values("He ruled from 2015 to 2018.") == [("2015", "2015"), ("2018", "2018")]
    assert values("between 2014 and 2021") == [("2014", "2014"), ("2021", "2021")]
    text = "He held the post in 2010-2011, officials said."
    found = find_times(text)
    assert [(t.text, t.start) for t in found] == [("2010", text.index("2010")), ("2011", text.index("2011"))]
    assert find_times("the 2010-2011 season") == []


def test_modified_years() -> None:
    assert values("in mid-2018 and in early 2017 and from 1963 to late 2024") == [
        ("mid-2018", "2018"), ("early 2017", "2017"), ("1963", "1963"), ("late 2024", "2024")]


# --- offsets and order -------------------------------------------------------------------------

def test_offsets_and_order() -> None:
    text = "On Monday, he said that in 2015 and on March 3, 2016 and last year it rose."
    found = find_times(text, PUB)
    assert [t.text for t in found] == ["Monday", "2015", "March 3, 2016", "last year"]
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)


# --- governing_time ----------------------------------------------------------------------

def _t(value: str | None, precision: str | None, start: int) -> TimeExpr:
    return TimeExpr(value or "?", value, precision, start, start + 4)  # type: ignore[arg-type]


def test_governing_time_last_before_offset() -> None:
    times = [_t("2015", "year", 0), _t("2018-01-11", "day", 20), _t("2017", "year", 40)]
    assert governing_time(times, 5) is times[0]
    assert governing_time(times, 30) is times[1]
    assert governing_time(times, 20) is times[1]  # start <= offset
    assert governing_time(times, 100) is times[2]  # a later year is another time, not a restatement


def test_governing_time_respects_paragraph() -> None:
    times = [_t("2015", "year", 0), _t("2018-01-11", "day", 20)]
    assert governing_time(times, 10, paragraph_start=5) is None
    assert governing_time(times, 30, paragraph_start=15) is times[1]
    assert governing_time([], 10) is None


def test_governing_time_prefers_day_within_same_month() -> None:
    times = [_t("2018-01-09", "day", 0), _t("2018-01", "month", 30)]
    assert governing_time(times, 50) is times[0]
    other = [_t("2017-12-09", "day", 0), _t("2018-01", "month", 30)]
    assert governing_time(other, 50) is other[1]


def test_governing_time_unresolved_expression_still_governs() -> None:
    times = [_t("2015", "year", 0), _t(None, None, 20)]
    assert governing_time(times, 30) is times[1]


def test_governing_time_on_found_times() -> None:
    text = "In 2015, Iran signed a deal. On January 9, officials met."
    times = find_times(text, PUB)
    assert governing_time(times, text.index("signed")).value == "2015"  # type: ignore[union-attr]
    assert governing_time(times, text.index("met")).value == "2018-01-09"  # type: ignore[union-attr]


# --- pipeline component and speed ------------------------------------------------------------

def test_time_tagger() -> None:
    analysis = Analysis(Document(id="d1", text="He spoke on Monday.", published=PUB))
    tagger = TimeTagger()
    assert tagger.name == "dates"
    assert tagger(analysis) is analysis
    assert [(t.text, t.value) for t in analysis.times] == [("Monday", "2018-01-15")]


@pytest.mark.skipif(not VOA.exists(), reason="VOA corpus not available")
def test_voa_corpus_offsets_and_speed() -> None:
    docs = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    chars = sum(len(d["text"]) for d in docs)
    t0 = time.perf_counter()
    found = [find_times(d["text"], d["published"]) for d in docs]
    elapsed = time.perf_counter() - t0
    for d, times in zip(docs, found, strict=True):
        assert all(d["text"][t.start:t.end] == t.text for t in times)
        assert all(t.value is not None or t.relative for t in times)
    assert sum(map(len, found)) > 500
    assert elapsed / chars * 1000 < 5.0  # ms per 1,000 chars: generous bound (target < 1)
