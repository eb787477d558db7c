"""Time expressions: find them in text and resolve them to ISO dates.

:func:`find_times` scans a text with one precompiled regular-expression grammar
(built at import from the word lists in ``data/time_words.yaml``) and returns a
:class:`~tieline.records.TimeExpr` per expression, in text order, with
``text[start:end] == expr.text``.  ``value`` is ISO at the expression's
precision (``"2018"``, ``"2018-01"``, ``"2018-01-16"``); ``relative`` is True
when the value depends on the publication date.  A relative expression with
no publication date (or one that is too vague, like "a few years ago", a
season or a holiday) is still reported, with ``value`` and ``precision`` None.

Precisions and values.  ``day`` "2018-01-16"; ``week`` the first day of the
span ("last week": its Monday; "over the weekend": the Saturday) with
``date_end`` its last day; ``month`` "2018-01"; ``quarter`` its first month
with ``date_end`` its last ("Q2 2023" -> "2023-04" to "2023-06"); ``year``
"2018"; ``decade`` its first year with ``date_end`` its last ("the 1990s" ->
"1990" to "1999", "the late 1970s" -> "1977" to "1979", approximate).
Values stay ISO prefixes, so they sort and compare like the old ones.
``date_end`` is also set for ranges ("March 15-20", "from Monday to
Wednesday", "March to April 2024"; in "from 2015 to 2018" and "between 2014
and 2021", still two expressions, the first carries the end) and
``approximate`` for hedged forms ("about three weeks ago", "around 2015",
"in the past few days", "a couple of days ago").

Forms added for issue 15
    * numeric "13/05/2025", "05/13/2025", "31.12.2022" when a part over 12 (or
      two equal parts) decides; "05/06/2025" is skipped, never guessed; ISO
      datetimes "2025-03-10T14:00:00Z" (day).
    * abbreviated and lower-case weekdays ("Tues", "Wed.", "friday"; an
      abbreviation or a lower-case name needs on/last/next/by... before it);
      "the 15th" after on/by/until... (the last 15th on or before ``P``, the
      next one in a future clause; "the 1st of next month").
    * weeks: "last/this/next week", "earlier/later this week", "two weeks
      ago", "over the weekend", "last weekend", "in the past few days",
      "in recent days", "a few days ago".
    * "the beginning/start/middle/end/turn of the year/month/week" (the year,
      month or week it names; "the end of the year" early in January is the
      year just ended); "early/late last year", "late March" as before.
    * offsets "a week before March 10", "two days after last Friday" (one
      expression; "two days after the election" has no date and is skipped).
    * "yesterday (Friday)", "Friday (June 7)": one expression; an explicit
      month-day in the brackets gives the value.
    * quarters "Q2 2023", "2023 Q1", "the second quarter of 2023", "the third
      quarter" (this year's, or last year's when still ahead), "last quarter";
      decades "in the 1990s" (only after in/during/since...: "music of the
      1990s" is a period named); fiscal years "fiscal 2024", "FY2024", "FY24",
      "fiscal 2023-24" (the year of the label; no guessed start month).
    * attributive years after "a"/"an": "a 2010 raid" (while "the 2015 deal"
      stays a name, see below).
    * seasons ("last summer", "in the spring") and holidays ("during
      Ramadan", "on Christmas Day") are reported unresolved.

Tense.  ``find_times(text, published, future=None)`` reads a future cue from
the text (below); ``future=True``/``False`` forces it, and :func:`retime`
resolves one found expression again with its tense given (the event coder
does so when the trigger has will/shall, "On Tuesday, X will join ...").  dateparser is used only to
read a publication date that is not ISO; the grammar itself is plain ``re``,
so the result is fast and deterministic.

Absolute (``relative=False``)
    * ``2018-01-16``; ``June 25, 2019``; ``25 June 2019``; ``Jan. 9, 2018``;
      ``Thursday, January 16, 2018`` (one expression) -> day.
    * ``February 2021``, ``March 2014``, ``December of 2024`` -> month.
    * A bare 4-digit number 1900-2100 -> year, only with evidence that it is a
      year (precision over recall; see below).
    * ``early``/``mid``/``late`` before a month or year ("early December",
      "mid-2018") are part of the expression and keep its precision.

Relative to the publication date ``P`` (``relative=True``)
    * Month and day without a year ("On January 16", "a January 9 meeting",
      "Sept. 19"): the year that puts the date closest to ``P`` (so within
      six months of it): "December 28" published 2019-01-03 -> 2018-12-28,
      "January 18" published 2018-01-16 -> 2018-01-18.
    * Bare month ("in January", only after a word like in/since/until/from/
      of, or with last/next/this or a modifier; "May" needs in/since/until/
      during/through/of): ``P``'s year if the month is at most one after
      ``P``'s month, else the year before.  "last July": the most recent July
      strictly before ``P``'s month; "next March": the first one strictly
      after; "this March": ``P``'s year; "January last year".
    * Weekday ("on Thursday"): the most recent such day on or before ``P``
      (``P`` itself when ``P`` is that weekday); "last Thursday": strictly
      before ``P``; "next Tuesday": strictly after; "this Tuesday": the one
      in ``P``'s Monday-Sunday week.
    * Future cue: when a word of ``future_cues`` (will, scheduled, due to, set
      to...) comes earlier in the same sentence, with no closing quote or
      speech verb (said, told...) between, a plain weekday is the first one on
      or after ``P``, a bare month the next occurrence (at most 9 months
      ahead) and a month-day the first one on or after ``P`` (at most 183
      days ahead): "is scheduled to travel on Wednesday", "is due to expire in
      October".
    * yesterday / today / tonight / tomorrow / last night / this morning -> day.
    * last/this/next month, "earlier this month" -> month; last/this/next
      year, "late last year" -> year; "the last year" (a duration) is skipped.
    * "two days ago" -> day, "six months ago" -> month, "three years ago" ->
      year, "two weeks ago" -> week; vague counts ("a few years ago") are
      reported with no value.

Ranges
    "from 2015 to 2018" and "2010-2011" give two expressions (the first with
    ``date_end``); a day range in one month ("January 16-17", "16-17
    January") is one expression whose value is its first day and
    ``date_end`` its last.

Not dates (never returned)
    Durations and ages ("26 years in office", "for 20 years", "At 77",
    "77-year-old"), counts and money ("20 percent", "$7.5 billion", "900
    locomotives"), clock times ("3 p.m."), bare decades ("1990s"), phone and
    version numbers, identifiers ("Resolution 2231", "COVID-19", "G20",
    "F-16"); a number is part of a date only as a 4-digit year, next to a
    month name, or before "days/months/years ago".

Bare-year rule (precision over recall).  A 4-digit number 1900-2100 that is
not part of a larger expression, not glued to a word, "$", "#", "." or "-"
(phone and version numbers), and not followed by "s" (decades), is a year
when, in this order: (1) it does not follow an identifier noun (``id_nouns``:
Resolution, Article, No., Flight...) or another number, and is not followed
by "%" or a count noun (``count_nouns``: troops, people, GMT...); then (2) it
follows a context word (``year_context``: in, since, by, until, of, from, to,
between, and, for, during, year, summer...) or "(", or carries a modifier
("early 2017", "mid-2018"); else (3) it is rejected after a capitalised word
(a name: "Vision 2030", "Terrorism Index 2025"); else (4) it is accepted when
followed by , ; : ) or a sentence-ending period (or the end of the text).  A
range "2010-2011" is judged by its first year.  After "a"/"an" and before a
lower-case word a year is accepted ("a 2010 raid" dates that raid).  Other
attributive years and months
("the 2015 nuclear deal", "Iran's 2020 budget", "since the 2023 election",
"the January talks") are deliberately not returned: they name a thing rather
than date the clause, and would make :func:`governing_time` date "Iran
breached the 2015 deal" to 2015.  A month with a day is always a date ("a
January 9 meeting").

Names that look like dates are skipped: a weekday after a word of
``holiday_prefixes`` ("Good Friday"), a capitalised relative word after a
capitalised word ("USA Today"), and a capitalised expression opening a quoted
title ("“This Week”", "“Sunday Morning Futures”").

:func:`governing_time` picks the expression that dates a position, and
:class:`TimeTagger` is the pipeline component that fills ``Analysis.times``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tieline.records import Analysis, Precision, TimeExpr

__all__ = ["TimeTagger", "find_times", "governing_time", "retime"]

_DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "time_words.yaml").read_text(encoding="utf-8"))


def _alt(words: list[str]) -> str:
    """A regex alternation of words, longest first (so "Sept" wins over "Sep")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrase(words: list[str]) -> str:
    """Like _alt, with any run of spaces in a phrase matching any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_MONTH: dict[str, int] = {}
_FULL_MONTHS: list[str] = []
for _num, _names in enumerate(_DATA["months"], start=1):
    _FULL_MONTHS.append(_names[0])
    for _name in _names:
        _MONTH[_name] = _num
_WEEKDAY: dict[str, int] = {name: i for i, name in enumerate(_DATA["weekdays"])}
_WD_INDEX: dict[str, int] = {name.lower(): i for name, i in _WEEKDAY.items()}
_WD_ABBREVS: list[str] = []
for _i, _abbrevs in enumerate(_DATA["weekday_abbrevs"]):
    for _a in _abbrevs:
        _WD_INDEX[_a.lower()] = _i
        _WD_ABBREVS.append(_a)
_REL_DAYS: dict[str, int] = {" ".join(k.lower().split()): v for k, v in _DATA["relative_days"].items()}
_NUMBERS: dict[str, int | None] = {" ".join(k.lower().split()): v
                                   for k, v in _DATA["number_words"].items()}
_APPROX_NUMBERS: frozenset[str] = frozenset(" ".join(w.lower().split()) for w in _DATA["approximate_numbers"])
_ID_NOUNS: frozenset[str] = frozenset(w.lower() for w in _DATA["id_nouns"])
_HOLIDAY: frozenset[str] = frozenset(_DATA["holiday_prefixes"])
_AMBIGUOUS_MONTHS: frozenset[str] = frozenset(_DATA["ambiguous_months"])
_PARTS: dict[str, str] = _DATA["part_words"]
_QUARTERS: dict[str, int] = _DATA["quarter_ordinals"]
_HEDGES: list[str] = _DATA["hedges"]
_HEDGE_SET: frozenset[str] = frozenset(h.lower() for h in _HEDGES)


def _ctx(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _DATA[key])


_WD_ABBREV_CONTEXT = _ctx("weekday_abbrev_context")
_WEEKEND_CONTEXT = _ctx("weekend_context")
_DECADE_CONTEXT = _ctx("decade_context")
_SEASON_CONTEXT = _ctx("season_context")
_HOLIDAY_CONTEXT = _ctx("holiday_context")
_NTH_CONTEXT = _ctx("nth_context")

_MON_ANY = "|".join(
    rf"{re.escape(n)}\b" if n in _FULL_MONTHS else rf"{re.escape(n)}\b\.?"
    for n in sorted(_MONTH, key=len, reverse=True))
_MON_FULL = _alt(_FULL_MONTHS)
_WD = _alt(list(_WEEKDAY))
# any weekday: a full name in any case ("friday") or a capitalised abbreviation ("Tues", "Wed.")
_WDX = rf"(?i:{_WD})\b|(?:{_alt(_WD_ABBREVS)})\b\.?"
_MOD = rf"(?i:{_alt(_DATA['modifiers'])})(?:-|\s+)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?!\.\d)"
_EYEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\w|\.\d)"  # a year next to a month: 1800-2199
_BYEAR = r"(?:19\d\d|20\d\d|2100)(?!\w|\.\d|-\d\d-)"  # a bare year: 1900-2100
_TO = r"\s*(?:-|–|\s(?i:to|through|thru|until|till)\s)\s*"  # a range connector


def _drange(group: str) -> str:
    """ "16-17": the first day stands for the range, the second is its end."""
    return rf"(?:\s*[-–]\s*(?P<{group}>\d{{1,2}})(?!\d))?"


_REL = ["last", "next", "this"]
_MODS: list[str] = _DATA["modifiers"]
_RP_MODS = ["earlier", "later", *_MODS]
_DIGITS = list("0123456789")
_HEDGE = rf"(?:(?P<{{0}}>(?i:{_phrase(_HEDGES)}))\s+)?"
_NUM = rf"\d{{1,3}}|(?i:{_phrase(list(_NUMBERS))})"


def _first_chars(*groups: list[str]) -> frozenset[str]:
    """The characters (either case) that words of ``groups`` can start with."""
    return frozenset(c for words in groups for w in words for c in (w[0].lower(), w[0].upper()))


def _capitals(*groups: list[str]) -> frozenset[str]:
    """The characters that the case-sensitive words of ``groups`` start with."""
    return frozenset(w[0] for words in groups for w in words)


_THE = ["the"]
# (first characters, alternative).  Each alternative opens with a lookahead on
# its first characters and the grammar with their union: a cheap character test
# at each word start instead of trying every alternative (about five times
# faster on news text).  Alternatives are tried in order: longest forms first.
_ALTERNATIVES: list[tuple[frozenset[str], str]] = [
    (_first_chars(_DIGITS),
     r"(?P<iso>(?<![\w./-])(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
     r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-]))"),
    (_first_chars(_DIGITS),
     r"(?P<num>(?<![\w./:,-])(?P<num_a>\d{1,2})(?P<num_s>[/.-])(?P<num_b>\d{1,2})(?P=num_s)"
     r"(?P<num_y>(?:19|20)\d\d)(?![\w/]|[.-]\d))"),
    (_first_chars(_DIGITS),
     rf"(?P<qy>(?P<qy_y>{_BYEAR})\s+Q(?P<qy_n>[1-4])\b)"),
    (_capitals(list(_MONTH)) | _first_chars(list(_WEEKDAY)) | _capitals(_WD_ABBREVS),
     rf"(?P<mdy>(?:(?:{_WDX}),?\s+)?(?P<mdy_m>{_MON_ANY})\s*(?P<mdy_d>{_DAY}){_drange('mdy_e')}"
     rf"(?:,?\s+(?P<mdy_y>{_EYEAR}))?)"),
    (_first_chars(_DIGITS),
     rf"(?P<dmy>(?<![\w.,$£€#/:-])(?P<dmy_d>{_DAY}){_drange('dmy_e')}\s+(?:of\s+)?(?P<dmy_m>{_MON_ANY})"
     rf"(?:,?\s+(?P<dmy_y>{_EYEAR}))?)"),
    (_capitals(_FULL_MONTHS),
     rf"(?P<mmy>(?P<mmy_a>{_MON_FULL}){_TO}(?P<mmy_b>{_MON_FULL}),?\s+(?P<mmy_y>{_EYEAR}))"),
    (_first_chars(_MODS) | _capitals(list(_MONTH)),
     rf"(?P<my>(?P<my_mod>{_MOD})?(?P<my_m>{_MON_ANY}),?\s+(?:of\s+)?(?P<my_y>{_EYEAR}))"),
    (_first_chars(_MODS) | _capitals(_FULL_MONTHS),
     rf"(?P<mry>(?P<mry_mod>{_MOD})?(?P<mry_m>{_MON_FULL})\s+(?:of\s+)?"
     r"(?P<mry_r>(?i:last|this|next))\s+(?i:year)\b)"),
    (frozenset("Q1234"),
     rf"(?P<q>(?:Q(?P<q_n>[1-4])|(?P<q_n2>[1-4])Q)\b(?:[\s-]+(?:of\s+)?(?P<q_y>{_EYEAR}))?)"),
    (_first_chars(_THE),
     rf"(?P<qo>(?i:the)\s+(?P<qo_o>(?i:{_alt(list(_QUARTERS))}))\s+(?i:quarter)\b"
     rf"(?:\s+(?:of\s+)?(?:(?P<qo_y>{_EYEAR})|(?P<qo_r>(?i:last|this|next))\s+(?i:year)\b))?)"),
    (_first_chars(_THE),
     r"(?P<dec>(?i:the)\s+(?:(?P<dec_mod>(?i:early|mid|late))[\s-]+)?"
     r"(?:(?P<dec_y>1[89]\d0|20\d0)'?|[’']?(?P<dec_y2>[2-9]0))s\b)"),
    (frozenset("fFY"),
     rf"(?P<fy>(?:(?i:fiscal)(?:\s+(?i:year))?\s+(?P<fy_y>{_EYEAR})|FY\s?(?P<fy_y2>(?:19|20)\d\d|\d\d)(?!\d))"
     r"(?:[-–/](?P<fy_e>(?:19|20)\d\d|\d\d)(?!\d))?)"),
    (_first_chars(_THE, list(_PARTS)),
     rf"(?P<bom>(?:(?i:the)\s+)?(?P<bom_p>(?i:{_alt(list(_PARTS))}))\s+of\s+"
     r"(?P<bom_r>(?i:the|this|last|next))\s+(?P<bom_u>(?i:year|month|week))\b)"),
    (_first_chars(_MODS, _REL) | _capitals(_FULL_MONTHS),
     rf"(?P<bm>(?P<bm_mod>{_MOD})?(?:(?P<bm_r>(?i:last|next|this))\s+)?(?P<bm_m>{_MON_FULL})\b"
     r"(?!\s*\d))"),
    (_first_chars(list(_WEEKDAY)) | _capitals(_WD_ABBREVS),
     rf"(?P<wr>(?P<wr_a>{_WDX}){_TO}(?P<wr_b>{_WDX}))"),
    (_first_chars(_REL, list(_WEEKDAY)) | _capitals(_WD_ABBREVS),
     rf"(?P<wd>(?:(?P<wd_r>(?i:last|next|this))\s+)?(?P<wd_d>{_WDX}))"),
    (_first_chars(_REL, _THE),
     r"(?P<we>(?P<we_r>(?i:last|next|this\s+past|this|the\s+past|the\s+previous|the\s+coming|the))"
     r"\s+(?i:weekend)\b)"),
    (_first_chars(list(_REL_DAYS)), rf"(?P<rd>(?i:{_phrase(list(_REL_DAYS))})\b)"),
    (_first_chars(_THE, ["recent"]),
     r"(?P<pfd>(?i:the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+days|recent\s+days)\b)"),
    (_first_chars(_RP_MODS, _REL),
     rf"(?P<rp>(?:(?P<rp_mod>(?i:{_alt(_RP_MODS)}))[\s-]+)?(?P<rp_r>(?i:last|this|next))"
     r"\s+(?P<rp_u>(?i:week|month|quarter|year))\b)"),
    (_first_chars(_DIGITS, list(_NUMBERS), _HEDGES),
     rf"(?P<ago>{_HEDGE.format('ago_h')}(?P<ago_n>{_NUM})\s+"
     r"(?P<ago_u>(?i:day|week|month|year))s?\s+(?i:ago)\b)"),
    (_first_chars(_THE),
     r"(?P<nth>(?i:the)\s+(?P<nth_d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
     rf"(?!\s+(?:of\s+)?(?:{_MON_ANY}))"
     r"(?:\s+of\s+(?P<nth_r>(?i:this|last|next|the))\s+(?i:month)\b)?)"),
    (_first_chars(_REL, _THE, ["past"]),
     rf"(?P<sea>(?P<sea_r>(?i:last|this\s+past|this|next|past|the))\s+(?:{_MOD})?"
     rf"(?i:{_alt(_DATA['seasons'])})\b(?!\s+(?:of\b|\d)))"),
    (_first_chars(_REL) | _capitals(_DATA["holidays"]),
     rf"(?P<hol>(?:(?P<hol_r>(?i:last|this|next))\s+)?(?:{_alt(_DATA['holidays'])})(?![\w’'-]))"),
    (_first_chars(_DIGITS, _MODS),
     rf"(?P<yr>(?:(?P<yr_mod>{_MOD})|(?<![\w$£€#./-]))(?P<yr_a>{_BYEAR})"
     rf"(?:\s*[-–]\s*(?P<yr_b>{_BYEAR}))?)"),
]


def _lookahead(chars: frozenset[str]) -> str:
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _trie(words: list[str]) -> str:
    """A regex for a set of words as a trie (one test per character, not one per word)."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    def walk(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return walk(tree)


# The lower-case words an expression can open with ("the", "last", "two", "friday"...):
# a word start is tried only when it is a digit, a capital or one of these, so the
# common words of a text cost one trie walk each.
_OPENERS = sorted({w.split()[0].lower() for w in [
    *_MODS, *_RP_MODS, *_REL, *_THE, *_WEEKDAY, *_REL_DAYS, *_NUMBERS, *_HEDGES, *_PARTS,
    "recent", "past", "fiscal"]})
_GRAMMAR = re.compile(
    rf"\b(?=[0-9A-Z]|{_trie(_OPENERS)}\b)"
    + "(?:" + "|".join(_lookahead(c) + a for c, a in _ALTERNATIVES) + ")")

_YEAR_CONTEXT = frozenset(_DATA["year_context"])
_YEAR_AFTER_BLOCK = re.compile(rf"\s*%|\s+(?:{_phrase(_DATA['count_nouns'])})\b", re.I)
_YEAR_AFTER_OK = re.compile(r"[,;:)]|\.(?!\d)|\s*$")
_LOWER_WORD = re.compile(r"\s+[a-z]")
_MONTH_CONTEXT = frozenset(_DATA["month_context"])
_MONTH_CONTEXT_STRICT = frozenset(_DATA["month_context_strict"])
_FUTURE = re.compile(  # a cue, then no sentence end, closing quote or speech verb ("... will," he said Monday)
    rf"(?:{_phrase(_DATA['future_cues'])})\b(?:(?!\b(?:{_alt(_DATA['speech_verbs'])})\b)[^.!?”\"])*$", re.I)
_OPEN_QUOTE, _CLOSE_QUOTE = "\"“‘", "\"”’"
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")
_NTH_AFTER_OK = re.compile(rf"\s*(?:[,;:.)!?\"”’]|$)|\s+(?:{_alt(_DATA['nth_next_words'])})\b")
_PAREN_OPEN, _PAREN_CLOSE = re.compile(r"\s*\(\s*"), re.compile(r"\s*\)")
_RANGE_TO = re.compile(r"\s*(?:-|–|to|through|thru|until|till|and)\s*", re.I)
_OFFSET = re.compile(
    rf"\b{_HEDGE.format('h')}(?P<n>{_NUM})\s+(?P<u>(?i:day|week|month|year))s?\s+"
    rf"(?:(?P<b>(?i:{_phrase(_DATA['offset_before'])}))|(?i:{_phrase(_DATA['offset_after'])}))\s+$")
_WINDOW = 40  # characters of left context looked at
_FUTURE_WINDOW = 120  # characters of the sentence looked back at for a future cue
_FUTURE_DAYS, _FUTURE_MONTHS = 183, 9  # how far ahead a future cue may move a date


def _prev_token(text: str, start: int) -> str:
    """The whitespace-separated token just before ``start`` ("" at the start of the text)."""
    tokens = text[max(0, start - _WINDOW):start].split()
    return tokens[-1] if tokens else ""


def _prev_word(text: str, start: int) -> str:
    """The previous token, lower-cased, without opening quotes or brackets."""
    return _prev_token(text, start).lower().lstrip("\"“‘'([")


def _is_name_word(token: str) -> bool:
    """A capitalised word directly before (no punctuation after it): part of a name."""
    return token[:1].isupper() and token[-1:].isalnum()


def _future(text: str, start: int) -> bool:
    """A future cue ("will", "scheduled", "due to"...) earlier in the same sentence."""
    lo = max(0, start - _FUTURE_WINDOW)
    lo = max(lo, *(text.rfind(c, lo, start) + 1 for c in ".!?"))  # this sentence only
    return bool(_FUTURE.search(text, lo, start))


def _titled(text: str, start: int, end: int) -> bool:
    """A capitalised expression that opens a quoted title ("This Week", "Sunday Morning ...")."""
    if not (text[start].isupper() and start and text[start - 1] in _OPEN_QUOTE):
        return False
    nxt = text[end:end + 2]
    return nxt[:1] in _CLOSE_QUOTE or (nxt[:1] == " " and nxt[1:].isupper())


def _year_ok(text: str, start: int, end: int, modified: bool) -> bool:
    """The bare-year rule of the module docstring."""
    prev = _prev_token(text, start)
    word = prev.lower().lstrip("\"“‘'([")
    if word.rstrip(".") in _ID_NOUNS or word.isdigit() or _YEAR_AFTER_BLOCK.match(text, end):
        return False
    if modified or word in _YEAR_CONTEXT or prev.endswith("("):
        return True
    if word in ("a", "an") and _LOWER_WORD.match(text, end):
        return True  # attributive: "a 2010 raid" dates that raid
    if _is_name_word(prev):
        return False
    return bool(_YEAR_AFTER_OK.match(text, end))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(pub: date, month: int, day: int, future: bool) -> date | None:
    """The month/day in the year that puts it closest to the publication date
    (closest on or after it when the sentence speaks of the future)."""
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _valid(y, month, day))]
    ahead = [d for d in options if 0 <= (d - pub).days <= _FUTURE_DAYS]
    if future and ahead:
        options = ahead
    return min(options, key=lambda d: abs((d - pub).days)) if options else None


def _bare_month_year(pub: date, month: int, rel: str | None, future: bool) -> int:
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    if rel == "this":
        return pub.year
    if future and (month - pub.month) % 12 <= _FUTURE_MONTHS:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month + 1 else pub.year - 1


def _weekday(pub: date, wd: int, rel: str | None, future: bool) -> date:
    if rel == "last":
        return pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    if rel == "next":
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if rel == "this":
        return pub + timedelta(days=wd - pub.weekday())
    if future:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _quarter_year(pub: date, q: int, future: bool) -> int:
    """The year of "the second quarter" with no year: this year unless it is still ahead."""
    current = (pub.month - 1) // 3 + 1
    return pub.year if q <= current or future else pub.year - 1


@lru_cache(maxsize=1024)
def _pub_date(published: str | None) -> date | None:
    """The publication date: ISO prefix, else (rarely) whatever dateparser reads.

    None when unreadable or outside 1800-2199 (no plausible news date)."""
    if not published:
        return None
    m = _ISO_PREFIX.match(published)
    if m:
        d = _valid(int(m[1]), int(m[2]), int(m[3]))
    else:
        import dateparser  # slow to import, needed only for non-ISO publication dates

        parsed = dateparser.parse(published, settings={"STRICT_PARSING": True})
        d = parsed.date() if parsed else None
    return d if d and 1800 <= d.year <= 2199 else None


# (value, precision, relative, end, approximate)
_Resolved = tuple[str | None, Precision | None, bool, str | None, bool]
_NONE_REL: _Resolved = (None, None, True, None, False)


def _iso(d: date | None, relative: bool = False) -> _Resolved:
    return (d.isoformat(), "day", relative, None, False) if d else (None, None, relative, None, False)


def _span(a: date, b: date, precision: Precision, relative: bool = True, approx: bool = False) -> _Resolved:
    """A span of days: its first day, its precision and its last day."""
    return a.isoformat(), precision, relative, b.isoformat(), approx


def _week(d: date, relative: bool = True, approx: bool = False) -> _Resolved:
    """The Monday-Sunday week that holds ``d``."""
    mon = _monday(d)
    return _span(mon, mon + timedelta(days=6), "week", relative, approx)


def _quarter(year: int, q: int, relative: bool) -> _Resolved:
    return f"{year:04d}-{3 * q - 2:02d}", "quarter", relative, f"{year:04d}-{3 * q:02d}", False


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _count(raw: str) -> tuple[int | None, bool]:
    """The number in "two", "3", "a couple of" and whether it is only approximate."""
    raw = " ".join(raw.lower().split())
    return (int(raw), False) if raw.isdigit() else (_NUMBERS[raw], raw in _APPROX_NUMBERS)


def _resolve(m: re.Match[str], text: str, pub: date | None,
             tense: bool | None) -> Iterator[tuple[int, int, _Resolved]]:
    """(start, end, resolved) for each expression in one grammar match.

    ``tense``: True (future), False (past) or None (read a future cue from the text)."""
    kind = m.lastgroup
    s, e = m.span()

    def future() -> bool:
        return _future(text, s) if tense is None else tense

    if kind == "iso":
        d = _valid(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        if d:
            yield s, e, _iso(d)
    elif kind == "num":
        a, b, y = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
        if a > 12 >= b or a == b:
            d = _valid(y, b, a)
        elif b > 12 >= a:
            d = _valid(y, a, b)
        else:
            d = None  # 05/06/2025: day-month or month-day, not guessed
        if d:
            yield s, e, _iso(d)
    elif kind in ("mdy", "dmy"):
        month, day = _MONTH[m[kind + "_m"].rstrip(".")], int(m[kind + "_d"].rstrip("stndrh"))
        last = int(m[kind + "_e"]) if m[kind + "_e"] else None
        year = m[kind + "_y"]
        d = None
        relative = False
        if year:
            d = _valid(int(year), month, day)
        elif _valid(2000, month, day):  # a leap year: February 29 is a real date
            if pub is None:
                yield s, e, _NONE_REL
                return
            d, relative = _month_day(pub, month, day, future()), True
        if d:
            last_day = _valid(d.year, month, last) if last and last > day else None
            yield s, e, (d.isoformat(), "day", relative, last_day.isoformat() if last_day else None, False)
    elif kind == "mmy":
        a, b, y = _MONTH[m["mmy_a"]], _MONTH[m["mmy_b"]], int(m["mmy_y"])
        yield s, e, (_ym(y if a <= b else y - 1, a), "month", False, _ym(y, b), False)
    elif kind == "my":
        yield s, e, (_ym(int(m["my_y"]), _MONTH[m["my_m"].rstrip(".")]), "month", False, None, False)
    elif kind == "mry":
        if pub is None:
            yield s, e, _NONE_REL
        else:
            shift = {"last": -1, "this": 0, "next": 1}[m["mry_r"].lower()]
            yield s, e, (_ym(pub.year + shift, _MONTH[m["mry_m"]]), "month", True, None, False)
    elif kind in ("q", "qy", "qo"):
        if kind == "qo":
            q, q_year, q_rel = _QUARTERS[m["qo_o"].lower()], m["qo_y"], m["qo_r"]
            if not (q_year or q_rel) and m["qo_o"].lower() == "final":
                return  # "the final quarter": of what?
        else:
            q, q_year, q_rel = int(m[kind + "_n"] or m["q_n2"]), m[kind + "_y"], None
        if q_year:
            yield s, e, _quarter(int(q_year), q, False)
        elif pub is None:
            yield s, e, _NONE_REL
        elif q_rel:
            yield s, e, _quarter(pub.year + {"last": -1, "this": 0, "next": 1}[q_rel.lower()], q, True)
        else:
            yield s, e, _quarter(_quarter_year(pub, q, future()), q, True)
    elif kind == "dec":
        if _prev_word(text, s) not in _DECADE_CONTEXT:
            return  # "music of the 1990s": a period named, not a time of the clause
        y, mod = int(m["dec_y"] or 1900 + int(m["dec_y2"])), (m["dec_mod"] or "").lower()  # "the '90s"
        if y % 100 == 0 and y < 2000:
            return  # "the 1800s": a century more often than a decade, and not guessed
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(mod, (0, 9))
        yield s, e, (str(y + lo), "decade", False, str(y + hi), bool(mod))
    elif kind == "fy":
        raw = m["fy_y"] or m["fy_y2"]
        y = int(raw) if len(raw) == 4 else 2000 + int(raw)
        end = None
        if m["fy_e"]:
            ye = int(m["fy_e"]) if len(m["fy_e"]) == 4 else y // 100 * 100 + int(m["fy_e"])
            end = str(ye) if ye == y + 1 else None
        yield s, e, (str(y), "year", False, end, False)
    elif kind == "bom":
        part, rel, unit = _PARTS[m["bom_p"].lower()], m["bom_r"].lower(), m["bom_u"].lower()
        if pub is None:
            yield s, e, _NONE_REL
            return
        shift = {"last": -1, "next": 1}.get(rel, 0)
        if unit == "year":
            if rel == "the" and part == "end" and pub.month <= 2 and not future():
                shift = -1  # "at the end of the year" early in January: the year just ended
            yield s, e, (str(pub.year + shift), "year", True, None, False)
        elif unit == "month":
            if rel == "the" and part == "end" and pub.day <= 5 and not future():
                shift = -1
            yield s, e, (_ym(*_add_months(pub.year, pub.month, shift)), "month", True, None, False)
        else:
            yield s, e, _week(pub + timedelta(days=7 * shift))
    elif kind == "bm":
        name, rel = m["bm_m"], (m["bm_r"] or "").lower() or None
        if not (rel or m["bm_mod"]):
            ctx = _MONTH_CONTEXT_STRICT if name in _AMBIGUOUS_MONTHS else _MONTH_CONTEXT
            if _prev_word(text, s) not in ctx:
                return
        if pub is None:
            yield s, e, _NONE_REL
        else:
            month = _MONTH[name]
            year = _bare_month_year(pub, month, rel, future())
            yield s, e, (_ym(year, month), "month", True, None, False)
    elif kind == "wr":
        a, b = _WD_INDEX[m["wr_a"].rstrip(".").lower()], _WD_INDEX[m["wr_b"].rstrip(".").lower()]
        if (m["wr_a"][:1].islower() or m["wr_a"].lower() not in _WEEKDAY_LOWER) and \
                _prev_word(text, s) not in _WD_ABBREV_CONTEXT:
            return
        if pub is None:
            yield s, e, _NONE_REL
            return
        days = (b - a) % 7
        if future():
            first = _weekday(pub, a, None, True)
        else:
            first = _weekday(pub, b, None, False) - timedelta(days=days)
        yield s, e, _span(first, first + timedelta(days=days), "day")
    elif kind == "wd":
        rel = (m["wd_r"] or "").lower() or None
        name = m["wd_d"]
        if (rel is None and _prev_token(text, s) in _HOLIDAY) or _titled(text, s, e):
            return
        if rel is None and (name[:1].islower() or name.rstrip(".").lower() not in _WEEKDAY_LOWER) and \
                _prev_word(text, s) not in _WD_ABBREV_CONTEXT:
            return  # "Sun", "Sat", "friday" need "on"/"last"...: "The Sun", "sat down"
        if pub is None:
            yield s, e, _NONE_REL
        else:
            d = _weekday(pub, _WD_INDEX[name.rstrip(".").lower()], rel, rel is None and future())
            yield s, e, _iso(d, True)
    elif kind == "we":
        rel = " ".join(m["we_r"].lower().split())
        if rel == "the" and _prev_word(text, s) not in _WEEKEND_CONTEXT:
            return
        if pub is None:
            yield s, e, _NONE_REL
            return
        mon = _monday(pub)
        if rel in ("last", "the previous"):
            sat = mon - timedelta(days=2)
        elif rel in ("next", "the coming"):
            sat = mon + timedelta(days=5) + timedelta(days=7 if rel == "next" and pub.weekday() < 5 else 0)
        elif rel in ("this past", "the past") or (rel == "the" and not future()):
            sat = mon + timedelta(days=5) if pub.weekday() >= 5 else mon - timedelta(days=2)
        else:  # "this weekend", "over the weekend" in a future clause
            sat = mon + timedelta(days=5)
        yield s, e, _span(sat, sat + timedelta(days=1), "week")
    elif kind == "rd":
        if (text[s].isupper() and _is_name_word(_prev_token(text, s))) or _titled(text, s, e):
            return  # "USA Today", "“Today” show"
        if pub is None:
            yield s, e, _NONE_REL
        else:
            offset = _REL_DAYS[" ".join(m["rd"].lower().split())]
            yield s, e, _iso(pub + timedelta(days=offset), True)
    elif kind == "pfd":
        if pub is None:
            yield s, e, _NONE_REL
        else:
            yield s, e, _span(pub - timedelta(days=6), pub, "week", True, True)
    elif kind == "rp":
        if _titled(text, s, e) or (not m["rp_mod"] and _prev_word(text, s) == "the"):
            return  # "“This Week” program"; "over the last year": a duration
        unit, shift = m["rp_u"].lower(), {"last": -1, "this": 0, "next": 1}[m["rp_r"].lower()]
        mod = (m["rp_mod"] or "").lower()
        if pub is None:
            yield s, e, _NONE_REL
        elif unit == "week":
            mon = _monday(pub) + timedelta(days=7 * shift)
            first, final = mon, mon + timedelta(days=6)
            if shift == 0 and mod == "earlier":
                final = pub
            elif shift == 0 and mod == "later":
                first = pub
            yield s, e, _span(first, final, "week")
        elif unit == "month":
            yield s, e, (_ym(*_add_months(pub.year, pub.month, shift)), "month", True, None, False)
        elif unit == "quarter":
            y, mo = _add_months(pub.year, pub.month, 3 * shift)
            yield s, e, _quarter(y, (mo - 1) // 3 + 1, True)
        else:
            yield s, e, (f"{pub.year + shift:04d}", "year", True, None, False)
    elif kind == "ago":
        n, approx = _count(m["ago_n"])
        unit, approx = m["ago_u"].lower(), approx or bool(m["ago_h"])
        if pub is None:
            yield s, e, _NONE_REL
        elif n is None:
            if unit == "day":  # "a few days ago": within the past week
                yield s, e, _span(pub - timedelta(days=7), pub - timedelta(days=1), "week", True, True)
            else:
                yield s, e, _NONE_REL
        elif unit == "day":
            yield s, e, (*_iso(pub - timedelta(days=n), True)[:4], approx)
        elif unit == "week":
            yield s, e, _week(pub - timedelta(days=7 * n), True, approx)
        elif unit == "month":
            yield s, e, (_ym(*_add_months(pub.year, pub.month, -n)), "month", True, None, approx)
        else:
            yield s, e, (f"{pub.year - n:04d}", "year", True, None, approx)
    elif kind == "nth":
        if _prev_word(text, s) not in _NTH_CONTEXT or not (m["nth_r"] or _NTH_AFTER_OK.match(text, e)):
            return  # "the 15th century", "the 20th Party Congress"
        if pub is None:
            yield s, e, _NONE_REL
            return
        day, rel = int(m["nth_d"]), (m["nth_r"] or "").lower()
        if rel in ("this", "the"):
            d = _valid(pub.year, pub.month, day)
        elif rel in ("last", "next"):
            d = _valid(*_add_months(pub.year, pub.month, -1 if rel == "last" else 1), day)
        else:
            step = 1 if future() else -1
            d = None
            for k in range(3):  # the closest month (this, then the next/previous) with that day
                y, mo = _add_months(pub.year, pub.month, step * k)
                c = _valid(y, mo, day)
                if c and (c >= pub if step > 0 else c <= pub):
                    d = c
                    break
        if d:
            yield s, e, _iso(d, True)
    elif kind == "sea":
        r = " ".join(m["sea_r"].lower().split())
        if r == "the" and _prev_word(text, s) not in _SEASON_CONTEXT:
            return
        yield s, e, _NONE_REL  # a season is not guessed into months
    elif kind == "hol":
        if not m["hol_r"] and _prev_word(text, s) not in _HOLIDAY_CONTEXT:
            return
        yield s, e, _NONE_REL  # nor a holiday into a day
    elif kind == "yr":
        a_start, a_end = m.span("yr_a")
        if not _year_ok(text, a_start, m.end(), bool(m["yr_mod"])):
            return
        approx = _prev_word(text, a_start) in _HEDGE_SET
        if m["yr_b"]:
            yield s, a_end, (m["yr_a"], "year", False, m["yr_b"] if m["yr_b"] > m["yr_a"] else None, approx)
            yield m.start("yr_b"), e, (m["yr_b"], "year", False, None, approx)
        else:
            yield s, e, (m["yr_a"], "year", False, None, approx)


_WEEKDAY_LOWER = frozenset(_WD_INDEX) - frozenset(a.lower() for a in _WD_ABBREVS)


def _shift(t: TimeExpr, n: int, unit: str) -> tuple[str, str | None] | None:
    """``t``'s value and end moved by ``n`` units, or None when the units do not fit its precision."""
    def move(v: str) -> str:
        if len(v) == 10:
            d = date.fromisoformat(v)
            if unit in ("day", "week"):
                return (d + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
            y, mo = _add_months(d.year, d.month, n * (12 if unit == "year" else 1))
            return (_valid(y, mo, d.day) or _valid(y, mo, 28) or d).isoformat()
        if len(v) == 7:
            y, mo = _add_months(int(v[:4]), int(v[5:]), n * (12 if unit == "year" else 1))
            return _ym(y, mo)
        return str(int(v) + n)

    if not t.value or t.precision is None:
        return None
    ok = {"day": ("day", "week", "month", "year"), "week": ("day", "week", "month", "year"),
          "month": ("month", "year"), "quarter": ("month", "year"), "year": ("year",)}
    if unit not in ok.get(t.precision, ()):
        return None
    return move(t.value), move(t.date_end) if t.date_end else None


def _combine(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """Joins what one grammar match cannot see: "yesterday (Friday)" is one expression,
    "a week before March 10" an offset from its anchor, "from 2015 to 2018" gives the
    first year its end."""
    out: list[TimeExpr] = []
    for t in found:
        prev = out[-1] if out else None
        # "yesterday (Friday)": one expression; the explicit month-day wins over a weekday
        if prev is not None and _PAREN_OPEN.fullmatch(text, prev.end, t.start) and \
                (close := _PAREN_CLOSE.match(text, t.end)):
            best = t if t.value and any(c.isdigit() for c in t.text) and prev.precision == "day" else prev
            if best.value is None:
                best = t
            out[-1] = TimeExpr(text[prev.start:close.end()], best.value, best.precision, prev.start,
                               close.end(), prev.relative or t.relative, best.date_end, best.approximate)
            continue
        # "from 2015 to 2018", "between 2014 and 2021", "from March 15 to March 20": the first gets the end
        if prev is not None and prev.value and t.value and prev.date_end is None and prev.precision == t.precision \
                and prev.precision in ("year", "month", "day") and (c := _RANGE_TO.fullmatch(text, prev.end, t.start)):
            conn = c.group().strip().lower()
            if conn != "and" or _prev_word(text, prev.start) == "between":
                end = t.value
                if prev.precision == "month" and end < prev.value:  # "from November to February"
                    y = int(prev.value[:4]) + (1 if end[5:] < prev.value[5:] else 0)
                    end = _ym(y, int(end[5:]))
                prev.date_end = end if end > prev.value else None
        # "a week before March 10", "two days after last Friday"
        o = _OFFSET.search(text, max(0, t.start - 60), t.start) if t.value else None
        if o is not None and (prev is None or prev.end <= o.start()) and (n := _count(o["n"]))[0] is not None \
                and (moved := _shift(t, -n[0] if o["b"] else n[0], o["u"].lower())):
            t = TimeExpr(text[o.start():t.end], moved[0], t.precision, o.start(), t.end, t.relative,
                         moved[1], t.approximate or n[1] or bool(o["h"]))
        out.append(t)
    return out


def find_times(text: str, published: str | None = None, future: bool | None = None) -> list[TimeExpr]:
    """Every time expression in ``text``, in order, resolved against ``published``.

    ``future``: None reads the tense from the text (a future cue earlier in the
    sentence); True or False forces it for weekdays, month-days and bare months
    without a year ("On Tuesday, X will join ..." -> the next Tuesday)."""
    pub = _pub_date(published)
    found = [TimeExpr(text[s:e], value, precision, s, e, relative, end, approx)
             for m in _GRAMMAR.finditer(text)
             for s, e, (value, precision, relative, end, approx) in _resolve(m, text, pub, future)]
    return _combine(text, found) if len(found) > 1 or found and found[0].start > 4 else found


def retime(text: str, expr: TimeExpr, published: str | None, future: bool) -> TimeExpr:
    """``expr`` (found in ``text``) resolved again with its tense given: the caller
    knows the clause is future ("will join on Tuesday") or past.  Unchanged when
    it does not depend on the tense."""
    if not expr.relative:
        return expr
    lo = max(0, expr.start - _FUTURE_WINDOW)  # enough left context for every rule
    hi = min(len(text), expr.end + 40)
    for t in find_times(text[lo:hi], published, future):
        if t.start + lo == expr.start and t.end + lo == expr.end:
            return TimeExpr(expr.text, t.value, t.precision, expr.start, expr.end, t.relative, t.date_end,
                            t.approximate)
    return expr


def governing_time(times: list[TimeExpr], offset: int, paragraph_start: int = 0) -> TimeExpr | None:
    """The expression that dates position ``offset``, or None.

    The last expression that starts at or before ``offset`` and at or after
    ``paragraph_start``.  It is returned even when its value is None ("last
    week"), so the caller falls back to the publication date rather than
    inherit an older date.  Day precision is preferred when the last
    expression is a month that restates an earlier day of the paragraph
    ("They met on January 16 ... the talks, held in January, ..." -> the 16th).  A year never
    yields to an earlier day: "In 2015" after "on Thursday" is another time,
    not a restatement, and in a one-paragraph article an early day would
    otherwise date everything after it.
    """
    cands = sorted((t for t in times if paragraph_start <= t.start <= offset), key=lambda t: t.start)
    if not cands:
        return None
    last = cands[-1]
    if last.precision == "month" and last.value:
        for t in reversed(cands[:-1]):
            if t.precision == "day" and t.value and t.value.startswith(last.value):
                return t
    return last


class TimeTagger:
    """Pipeline component: fills ``analysis.times`` from the document text."""

    name = "dates"

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.times = find_times(analysis.doc.text, analysis.doc.published)
        return analysis
