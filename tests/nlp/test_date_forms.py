"""Every date form of issue 15, each in a sentence of its own, with its value,
precision, range end and approximate flag.

All sentences are made up for this file; the publication date is Wednesday
2024-06-12 (its week runs Monday 2024-06-10 to Sunday 2024-06-16).
"""

from __future__ import annotations

import pytest

from tieline.nlp.dates import find_times, retime
from tieline.records import TimeExpr

PUB = "2024-06-12"  # a Wednesday

# (sentence, expression, value, precision, date_end, approximate)
FORMS: list[tuple[str, str, str | None, str | None, str | None, bool]] = [
    # numeric dates: unambiguous when a day is over 12 (or both parts are equal)
    ("The ceasefire began on 13/05/2023 at dawn.", "13/05/2023", "2023-05-13", "day", None, False),
    ("Voting closed on 05/13/2023 in most districts.", "05/13/2023", "2023-05-13", "day", None, False),
    ("The treaty was signed 31.12.2022 in the capital.", "31.12.2022", "2022-12-31", "day", None, False),
    ("The law took effect 1/30/2021, the ministry said.", "1/30/2021", "2021-01-30", "day", None, False),
    ("The hearing was held on 25-04-2022.", "25-04-2022", "2022-04-25", "day", None, False),
    ("The shipment was due 07/07/2022.", "07/07/2022", "2022-07-07", "day", None, False),
    ("The port reopened on 20/1/2020 after repairs.", "20/1/2020", "2020-01-20", "day", None, False),
    ("Ballots counted on 12/31/2019 were disputed.", "12/31/2019", "2019-12-31", "day", None, False),
    # ISO datetimes
    ("The order was issued at 2024-03-10T14:00:00Z by the court.", "2024-03-10T14:00:00Z",
     "2024-03-10", "day", None, False),
    ("A statement dated 2023-11-02T08:30+03:00 was posted.", "2023-11-02T08:30+03:00",
     "2023-11-02", "day", None, False),
    ("The log shows 2022-01-05T23:59:59.500Z as the last entry.", "2022-01-05T23:59:59.500Z",
     "2022-01-05", "day", None, False),
    ("Flights resumed 2021-07-19T06:00 local time.", "2021-07-19T06:00", "2021-07-19", "day", None, False),
    ("The file was stamped 2020-02-29T12:00:00-05:00.", "2020-02-29T12:00:00-05:00",
     "2020-02-29", "day", None, False),
    ("The vote was held on 2023-09-17.", "2023-09-17", "2023-09-17", "day", None, False),
    # abbreviated and lower-case weekdays
    ("The envoy arrived on Tues with a letter.", "Tues", "2024-06-11", "day", None, False),
    ("The minister spoke on Wed. and left.", "Wed.", "2024-06-12", "day", None, False),
    ("The vote took place on friday in the north.", "friday", "2024-06-07", "day", None, False),
    ("It happened on Thurs, officials said.", "Thurs", "2024-06-06", "day", None, False),
    ("Rebels struck the town last Fri.", "last Fri.", "2024-06-07", "day", None, False),
    ("The talks resume next Mon.", "next Mon.", "2024-06-17", "day", None, False),
    ("The rally was held on Sat.", "Sat.", "2024-06-08", "day", None, False),
    ("Crowds gathered on monday outside parliament.", "monday", "2024-06-10", "day", None, False),
    ("Police said on Thu, March 7, 2024 that two men were held.", "Thu, March 7, 2024",
     "2024-03-07", "day", None, False),
    ("The strike ended on Sun.", "Sun.", "2024-06-09", "day", None, False),
    ("Negotiators met again on tuesday.", "tuesday", "2024-06-11", "day", None, False),
    ("Markets fell on Thur after the report.", "Thur", "2024-06-06", "day", None, False),
    ("The delegation flew home on Sunday.", "Sunday", "2024-06-09", "day", None, False),
    ("They met last Tues.", "last Tues.", "2024-06-11", "day", None, False),
    # "the 15th"
    ("The deadline passed on the 5th.", "the 5th", "2024-06-05", "day", None, False),
    ("Lawmakers will vote on the 20th.", "the 20th", "2024-06-20", "day", None, False),
    ("He arrived on the 20th and left a day later.", "the 20th", "2024-05-20", "day", None, False),
    ("Payments resume by the 1st of next month.", "the 1st of next month", "2024-07-01", "day", None, False),
    ("The panel met on the 3rd of this month.", "the 3rd of this month", "2024-06-03", "day", None, False),
    ("The cable was cut on the 28th of last month.", "the 28th of last month", "2024-05-28", "day", None, False),
    ("Troops withdrew on the 11th, the army said.", "the 11th", "2024-06-11", "day", None, False),
    ("Aid was promised until the 30th.", "the 30th", "2024-05-30", "day", None, False),
    # weeks
    ("Protesters clashed with police over the weekend.", "the weekend", "2024-06-08", "week",
     "2024-06-09", False),
    ("Two ministers resigned last weekend.", "last weekend", "2024-06-08", "week", "2024-06-09", False),
    ("More protests are planned this weekend.", "this weekend", "2024-06-15", "week", "2024-06-16", False),
    ("The storm hit this past weekend.", "this past weekend", "2024-06-08", "week", "2024-06-09", False),
    ("Shops were looted during the weekend.", "the weekend", "2024-06-08", "week", "2024-06-09", False),
    ("The border closed two weeks ago.", "two weeks ago", "2024-05-27", "week", "2024-06-02", False),
    ("The talks collapsed a week ago.", "a week ago", "2024-06-03", "week", "2024-06-09", False),
    ("Dozens were detained 3 weeks ago.", "3 weeks ago", "2024-05-20", "week", "2024-05-26", False),
    ("Fighting has intensified in the past few days.", "the past few days", "2024-06-06", "week",
     "2024-06-12", True),
    ("Several towns fell over the last several days.", "the last several days", "2024-06-06", "week",
     "2024-06-12", True),
    ("The army shelled the area in recent days.", "recent days", "2024-06-06", "week", "2024-06-12", True),
    ("The envoy visited earlier this week.", "earlier this week", "2024-06-10", "week", "2024-06-12", False),
    ("A ruling is expected later this week.", "later this week", "2024-06-12", "week", "2024-06-16", False),
    ("The two sides met last week.", "last week", "2024-06-03", "week", "2024-06-09", False),
    ("The two sides meet next week.", "next week", "2024-06-17", "week", "2024-06-23", False),
    ("Inflation data came out this week.", "this week", "2024-06-10", "week", "2024-06-16", False),
    ("The strike started a few days ago.", "a few days ago", "2024-06-05", "week", "2024-06-11", True),
    ("Rockets were fired several days ago.", "several days ago", "2024-06-05", "week", "2024-06-11", True),
    ("Talks stalled late last week.", "late last week", "2024-06-03", "week", "2024-06-09", False),
    # parts of a year, month or week
    ("Elections are due at the end of the year.", "the end of the year", "2024", "year", None, False),
    ("Prices rose at the beginning of the month.", "the beginning of the month", "2024-06", "month",
     None, False),
    ("A deal is expected by the middle of next year.", "the middle of next year", "2025", "year", None, False),
    ("Fuel ran short at the start of last month.", "the start of last month", "2024-05", "month", None, False),
    ("The report will be ready at the end of the week.", "the end of the week", "2024-06-10", "week",
     "2024-06-16", False),
    ("Reforms are promised by the end of this year.", "the end of this year", "2024", "year", None, False),
    ("The factory closed at the end of last year.", "the end of last year", "2023", "year", None, False),
    ("The party split early last year.", "early last year", "2023", "year", None, False),
    ("The offensive began late last year.", "late last year", "2023", "year", None, False),
    ("The bridge collapsed in late March.", "late March", "2024-03", "month", None, False),
    ("The curfew ends early next month.", "early next month", "2024-07", "month", None, False),
    ("The drought began in mid-May.", "mid-May", "2024-05", "month", None, False),
    ("Exports peaked in early 2021.", "early 2021", "2021", "year", None, False),
    ("Work stopped at the turn of the year.", "the turn of the year", "2024", "year", None, False),
    # offsets from a date
    ("The envoy left a week before March 10.", "a week before March 10", "2024-03-03", "day", None, False),
    ("Polls opened two days after June 1.", "two days after June 1", "2024-06-03", "day", None, False),
    ("Leaflets were dropped a week before last Friday.", "a week before last Friday", "2024-05-31", "day",
     None, False),
    ("Fighting broke out three days before May 20, 2023.", "three days before May 20, 2023", "2023-05-17",
     "day", None, False),
    ("Aid arrived a month after January 2020.", "a month after January 2020", "2020-02", "month", None, False),
    ("The mine reopened two years after 2015.", "two years after 2015", "2017", "year", None, False),
    ("The embassy closed about a week before June 1.", "about a week before June 1", "2024-05-25", "day",
     None, True),
    ("Talks resumed ten days after April 3, 2022.", "ten days after April 3, 2022", "2022-04-13", "day",
     None, False),
    ("The order came a day before yesterday's vote.", "a day before yesterday", "2024-06-10", "day",
     None, False),
    ("Troops crossed two weeks after Feb. 24, 2022.", "two weeks after Feb. 24, 2022", "2022-03-10", "day",
     None, False),
    # parentheticals: one expression
    ("The strike began yesterday (Tuesday) at noon.", "yesterday (Tuesday)", "2024-06-11", "day", None, False),
    ("The vote was on Friday (June 7) in the capital.", "Friday (June 7)", "2024-06-07", "day", None, False),
    ("Talks opened today (Wednesday) in Geneva.", "today (Wednesday)", "2024-06-12", "day", None, False),
    ("He resigned last Thursday (June 6), aides said.", "last Thursday (June 6)", "2024-06-06", "day",
     None, False),
    ("The court ruled on Monday ( June 10 ).", "Monday ( June 10 )", "2024-06-10", "day", None, False),
    # quarters
    ("Output shrank in Q2 2023.", "Q2 2023", "2023-04", "quarter", "2023-06", False),
    ("Sales jumped in Q4 2022, the firm said.", "Q4 2022", "2022-10", "quarter", "2022-12", False),
    ("Growth slowed in the second quarter of 2023.", "the second quarter of 2023", "2023-04", "quarter",
     "2023-06", False),
    ("Imports rose in the first quarter.", "the first quarter", "2024-01", "quarter", "2024-03", False),
    ("Exports fell in the third quarter.", "the third quarter", "2023-07", "quarter", "2023-09", False),
    ("The plant will open in the third quarter.", "the third quarter", "2024-07", "quarter", "2024-09", False),
    ("Debt grew in the fourth quarter of last year.", "the fourth quarter of last year", "2023-10", "quarter",
     "2023-12", False),
    ("Profits fell last quarter.", "last quarter", "2024-01", "quarter", "2024-03", False),
    ("Hiring is flat this quarter.", "this quarter", "2024-04", "quarter", "2024-06", False),
    ("The bank lost money in 2023 Q1.", "2023 Q1", "2023-01", "quarter", "2023-03", False),
    ("Revenue in Q3-2021 was a record.", "Q3-2021", "2021-07", "quarter", "2021-09", False),
    ("Shipments dropped in 1Q 2020.", "1Q 2020", "2020-01", "quarter", "2020-03", False),
    ("The 2nd quarter figures came in.", "The 2nd quarter", "2024-04", "quarter", "2024-06", False),
    ("Prices eased in the final quarter of 2022.", "the final quarter of 2022", "2022-10", "quarter",
     "2022-12", False),
    # decades
    ("The war began in the 1990s.", "the 1990s", "1990", "decade", "1999", False),
    ("Many fled during the 1980s.", "the 1980s", "1980", "decade", "1989", False),
    ("The region has been unstable since the early 2000s.", "the early 2000s", "2000", "decade", "2003", True),
    ("The dam was built in the late 1970s.", "the late 1970s", "1977", "decade", "1979", True),
    ("Reforms stalled by the mid-1960s.", "the mid-1960s", "1964", "decade", "1966", True),
    ("Growth was slow in the 2010s.", "the 2010s", "2010", "decade", "2019", False),
    ("The party ruled through the 1950s.", "the 1950s", "1950", "decade", "1959", False),
    ("Mobile phones spread in the 2000s.", "the 2000s", "2000", "decade", "2009", False),
    ("The city boomed in the '90s.", "the '90s", "1990", "decade", "1999", False),
    ("He ruled during the 80s.", "the 80s", "1980", "decade", "1989", False),
    # fiscal years
    ("The budget for fiscal 2024 was cut.", "fiscal 2024", "2024", "year", None, False),
    ("Spending rose in fiscal year 2023.", "fiscal year 2023", "2023", "year", None, False),
    ("The FY2024 request includes aid.", "FY2024", "2024", "year", None, False),
    ("Revenue fell in FY 2022.", "FY 2022", "2022", "year", None, False),
    ("Cuts are planned for FY24.", "FY24", "2024", "year", None, False),
    ("Borrowing peaked in fiscal 2023-24.", "fiscal 2023-24", "2023", "year", "2024", False),
    ("The deficit in Fiscal Year 2021 was large.", "Fiscal Year 2021", "2021", "year", None, False),
    # ranges with their end
    ("The summit runs March 15-20 in the capital.", "March 15-20", "2024-03-15", "day", "2024-03-20", False),
    ("Talks ran from Monday to Wednesday.", "Monday to Wednesday", "2024-06-10", "day", "2024-06-12", False),
    ("Clashes lasted from Thursday to Saturday.", "Thursday to Saturday", "2024-06-06", "day", "2024-06-08",
     False),
    ("Schools will close Monday through Friday.", "Monday through Friday", "2024-06-17", "day", "2024-06-21",
     False),
    ("Floods hit the coast from March to April 2024.", "March to April 2024", "2024-03", "month", "2024-04",
     False),
    ("Rains fell from November to February 2023.", "November to February 2023", "2022-11", "month",
     "2023-02", False),
    ("Inflation doubled between 2019 and 2021.", "2019", "2019", "year", "2021", False),
    ("He governed from 2015 to 2018.", "2015", "2015", "year", "2018", False),
    ("He served as envoy in 2010-2012, aides said.", "2010", "2010", "year", "2012", False),
    ("The festival was held 10-12 May 2023.", "10-12 May 2023", "2023-05-10", "day", "2023-05-12", False),
    ("Voting is set for June 3-5.", "June 3-5", "2024-06-03", "day", "2024-06-05", False),
    ("Schools shut from January to March.", "January", "2024-01", "month", "2024-03", False),
    ("The fair ran from Mon-Wed this week.", "Mon-Wed", "2024-06-10", "day", "2024-06-12", False),
    ("The mission lasted from 2001 until 2014.", "2001", "2001", "year", "2014", False),
    ("He toured the region from March 15 to March 20.", "March 15", "2024-03-15", "day", "2024-03-20", False),
    ("Aid fell in fiscal years 2022 and 2023.", "2022", "2022", "year", None, False),
    # hedged counts: approximate
    ("The town fell about three weeks ago.", "about three weeks ago", "2024-05-20", "week", "2024-05-26",
     True),
    ("The dam broke around two years ago.", "around two years ago", "2022", "year", None, True),
    ("The program began nearly six months ago.", "nearly six months ago", "2023-12", "month", None, True),
    ("The convoy left roughly 10 days ago.", "roughly 10 days ago", "2024-06-02", "day", None, True),
    ("The mine was built around 2015.", "2015", "2015", "year", None, True),
    ("The church dates from circa 1998.", "1998", "1998", "year", None, True),
    ("Talks broke down a couple of days ago.", "a couple of days ago", "2024-06-10", "day", None, True),
    ("The law passed more than two years ago.", "more than two years ago", "2022", "year", None, True),
    ("Fighting resumed some five days ago.", "some five days ago", "2024-06-07", "day", None, True),
    # attributive years
    ("He was wounded in a 2010 raid on the village.", "2010", "2010", "year", None, False),
    ("Survivors of a 2019 attack on the embassy spoke.", "2019", "2019", "year", None, False),
    ("The results of a 2016 referendum were annulled.", "2016", "2016", "year", None, False),
    ("Under an 2008 accord the border was drawn.", "2008", "2008", "year", None, False),
    # seasons and holidays: reported, never guessed
    ("The offensive began last summer.", "last summer", None, None, None, False),
    ("Talks are expected in the spring.", "the spring", None, None, None, False),
    ("Food may run out this winter.", "this winter", None, None, None, False),
    ("Elections are due next fall.", "next fall", None, None, None, False),
    ("Attacks rose during Ramadan.", "Ramadan", None, None, None, False),
    ("The prisoners were freed on Christmas Day.", "Christmas Day", None, None, None, False),
    ("A truce held over Easter.", "Easter", None, None, None, False),
    ("Prices have climbed since Thanksgiving.", "Thanksgiving", None, None, None, False),
    ("The dam burst this past summer.", "this past summer", None, None, None, False),
    ("Travel surged before Lunar New Year.", "Lunar New Year", None, None, None, False),
    ("Shelling continued through the winter.", "the winter", None, None, None, False),
    ("The deal was sealed on New Year's Eve.", "New Year's Eve", None, None, None, False),
    # tense: a future clause moves weekdays, month-days and months forward
    ("The minister will join the talks on Tuesday.", "Tuesday", "2024-06-18", "day", None, False),
    ("The panel will report in September.", "September", "2024-09", "month", None, False),
    ("The summit is scheduled for June 20.", "June 20", "2024-06-20", "day", None, False),
    ("The minister said on Friday that aid would come.", "Friday", "2024-06-07", "day", None, False),
    ("The ban took effect on Monday.", "Monday", "2024-06-10", "day", None, False),
    ("Talks are set to resume on Thursday.", "Thursday", "2024-06-13", "day", None, False),
    # forms read before issue 15 keep working
    ("It was signed on June 25, 2019 in Osaka.", "June 25, 2019", "2019-06-25", "day", None, False),
    ("The strike began yesterday.", "yesterday", "2024-06-11", "day", None, False),
    ("Talks resume tomorrow.", "tomorrow", "2024-06-13", "day", None, False),
    ("The mayor was shot two days ago.", "two days ago", "2024-06-10", "day", None, False),
    ("Rates rose last month.", "last month", "2024-05", "month", None, False),
    ("Elections are due next year.", "next year", "2025", "year", None, False),
    ("The coup happened in 2019.", "2019", "2019", "year", None, False),
    ("The rebels attacked last July.", "last July", "2023-07", "month", None, False),
    ("Sanctions were imposed in February 2021.", "February 2021", "2021-02", "month", None, False),
    ("Fighting resumed in December of 2024.", "December of 2024", "2024-12", "month", None, False),
    ("They met on 25 June 2019 in Osaka.", "25 June 2019", "2019-06-25", "day", None, False),
    ("They met on Jan. 9 in Paris.", "Jan. 9", "2024-01-09", "day", None, False),
]

# sentences with no time expression
NOT_DATES = [
    "The meeting was on 05/06/2023.",  # day-month or month-day: not guessed
    "Call 202-555-2019 now.",
    "Two days after the election, the results were contested.",  # the anchor is not a date
    "The Sun reported the story.",
    "Music of the 1990s and 2000s.",
    "It was the 15th century.",
    "They marked the 20th anniversary on a quiet note.",
    "Prices fall when supply rises.",
    "The fall of the city shocked the region.",
    "He put up a Christmas tree.",
    "Iran breached the 2015 nuclear deal.",
    "Shops stay open 24/7.",
    "on Good Friday and Black Friday",
    "The score was 3-2.",
    "Prices rose over the last year.",
    "The town thrived in the 1800s.",  # a century, not a decade
]


def _find(sentence: str, expr: str, published: str | None = PUB) -> TimeExpr:
    found = [t for t in find_times(sentence, published) if t.text == expr]
    assert found, (expr, find_times(sentence, published))
    return found[0]


@pytest.mark.parametrize(("sentence", "expr", "value", "precision", "date_end", "approximate"), FORMS)
def test_date_form(sentence: str, expr: str, value: str | None, precision: str | None,
                   date_end: str | None, approximate: bool) -> None:
    t = _find(sentence, expr)
    assert (t.value, t.precision, t.date_end, t.approximate) == (value, precision, date_end, approximate)
    assert sentence[t.start:t.end] == t.text


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_date(sentence: str) -> None:
    assert find_times(sentence, PUB) == []


def test_at_least_150_forms() -> None:
    assert len(FORMS) >= 150


def test_future_can_be_given_by_the_caller() -> None:
    text = "On Tuesday, the minister will join the talks."
    t = find_times(text, PUB)[0]
    assert t.value == "2024-06-11"  # the cue comes after the date: read as past
    assert find_times(text, PUB, future=True)[0].value == "2024-06-18"
    assert retime(text, t, PUB, future=True).value == "2024-06-18"
    assert retime(text, t, PUB, future=False).value == "2024-06-11"
    fixed = find_times("In 2019, the minister will join.", PUB)[0]
    assert retime("In 2019, the minister will join.", fixed, PUB, future=True) is fixed


def test_seasons_and_holidays_are_relative_and_unresolved() -> None:
    for t in find_times("last summer, during Ramadan, this winter", PUB):
        assert t.relative and t.value is None and t.precision is None


def test_no_publication_date_leaves_relative_forms_unresolved() -> None:
    found = find_times("over the weekend, two weeks ago, the 15th, on Tues, the first quarter", None)
    assert found and all(t.value is None and t.relative for t in found)
    assert find_times("in Q2 2023 and in the 1990s", None)[0].value == "2023-04"
