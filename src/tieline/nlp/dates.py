"""Time expressions: find them in text and resolve them to ISO dates.

:func:`find_times` scans a text with one precompiled regular-expression grammar
(built at import from the word lists in ``data/time_words.yaml``) and returns a
:class:`~tieline.records.TimeExpr` per expression, in text order, with
``text[start:end] == expr.text``.  ``value`` is ISO at the expression's
precision (``"2018"``, ``"2018-01"``, ``"2018-01-16"``); ``relative`` is True
when the value depends on the publication date.  A relative expression with
no publication date (or one that is too vague, like "last week") is still
reported, with ``value`` and ``precision`` None.  dateparser is used only to
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
      year; weeks ("last week", "two weeks ago") and vague counts ("a few
      years ago") are reported with no value.

Ranges
    "from 2015 to 2018" and "2010-2011" give two expressions; a day range in
    one month ("January 16-17", "16-17 January") is one expression whose value
    is its first day.

Not dates (never returned)
    Durations and ages ("26 years in office", "for 20 years", "At 77",
    "77-year-old"), counts and money ("20 percent", "$7.5 billion", "900
    locomotives"), clock times ("3 p.m."), decades ("1990s"), phone and
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
range "2010-2011" is judged by its first year.  Attributive years and months
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

__all__ = ["TimeTagger", "find_times", "governing_time"]

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
_REL_DAYS: dict[str, int] = {" ".join(k.lower().split()): v for k, v in _DATA["relative_days"].items()}
_NUMBERS: dict[str, int | None] = {" ".join(k.lower().split()): v
                                   for k, v in _DATA["number_words"].items()}
_ID_NOUNS: frozenset[str] = frozenset(w.lower() for w in _DATA["id_nouns"])
_HOLIDAY: frozenset[str] = frozenset(_DATA["holiday_prefixes"])
_AMBIGUOUS_MONTHS: frozenset[str] = frozenset(_DATA["ambiguous_months"])

_MON_ANY = "|".join(
    rf"{re.escape(n)}\b" if n in _FULL_MONTHS else rf"{re.escape(n)}\b\.?"
    for n in sorted(_MONTH, key=len, reverse=True))
_MON_FULL = _alt(_FULL_MONTHS)
_WD = _alt(list(_WEEKDAY))
_MOD = rf"(?i:{_alt(_DATA['modifiers'])})(?:-|\s+)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?!\.\d)"
_EYEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\w|\.\d)"  # a year next to a month: 1800-2199
_BYEAR = r"(?:19\d\d|20\d\d|2100)(?!\w|\.\d|-\d\d-)"  # a bare year: 1900-2100
_DRANGE = r"(?:\s*[-–]\s*\d{1,2}(?!\d))?"  # "16-17": the first day stands for the range

_REL = ["last", "next", "this"]
_MODS: list[str] = _DATA["modifiers"]
_RP_MODS = ["earlier", "later", *_MODS]
_DIGITS = list("0123456789")


def _first_chars(*groups: list[str]) -> frozenset[str]:
    """The characters (either case) that words of ``groups`` can start with."""
    return frozenset(c for words in groups for w in words for c in (w[0].lower(), w[0].upper()))


def _capitals(*groups: list[str]) -> frozenset[str]:
    """The characters that the case-sensitive words of ``groups`` start with."""
    return frozenset(w[0] for words in groups for w in words)


# (first characters, alternative).  Each alternative opens with a lookahead on
# its first characters and the grammar with their union: a cheap character test
# at each word start instead of trying every alternative (about five times
# faster on news text).  Alternatives are tried in order: longest forms first.
_ALTERNATIVES: list[tuple[frozenset[str], str]] = [
    (_first_chars(_DIGITS),
     r"(?P<iso>(?<![\w./-])(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d-]))"),
    (_capitals(list(_WEEKDAY), list(_MONTH)),
     rf"(?P<mdy>(?:(?:{_WD}),?\s+)?(?P<mdy_m>{_MON_ANY})\s*(?P<mdy_d>{_DAY}){_DRANGE}"
     rf"(?:,?\s+(?P<mdy_y>{_EYEAR}))?)"),
    (_first_chars(_DIGITS),
     rf"(?P<dmy>(?<![\w.,$£€#/:-])(?P<dmy_d>{_DAY}){_DRANGE}\s+(?:of\s+)?(?P<dmy_m>{_MON_ANY})"
     rf"(?:,?\s+(?P<dmy_y>{_EYEAR}))?)"),
    (_first_chars(_MODS) | _capitals(list(_MONTH)),
     rf"(?P<my>(?P<my_mod>{_MOD})?(?P<my_m>{_MON_ANY}),?\s+(?:of\s+)?(?P<my_y>{_EYEAR}))"),
    (_first_chars(_MODS) | _capitals(_FULL_MONTHS),
     rf"(?P<mry>(?P<mry_mod>{_MOD})?(?P<mry_m>{_MON_FULL})\s+(?:of\s+)?"
     r"(?P<mry_r>(?i:last|this|next))\s+(?i:year)\b)"),
    (_first_chars(_MODS, _REL) | _capitals(_FULL_MONTHS),
     rf"(?P<bm>(?P<bm_mod>{_MOD})?(?:(?P<bm_r>(?i:last|next|this))\s+)?(?P<bm_m>{_MON_FULL})\b"
     r"(?!\s*\d))"),
    (_first_chars(_REL) | _capitals(list(_WEEKDAY)),
     rf"(?P<wd>(?:(?P<wd_r>(?i:last|next|this))\s+)?(?P<wd_d>{_WD})\b)"),
    (_first_chars(list(_REL_DAYS)), rf"(?P<rd>(?i:{_phrase(list(_REL_DAYS))})\b)"),
    (_first_chars(_RP_MODS, _REL),
     rf"(?P<rp>(?:(?P<rp_mod>(?i:{_alt(_RP_MODS)}))[\s-]+)?(?P<rp_r>(?i:last|this|next))"
     r"\s+(?P<rp_u>(?i:week|month|year))\b)"),
    (_first_chars(_DIGITS, list(_NUMBERS)),
     rf"(?P<ago>(?P<ago_n>\d{{1,3}}|(?i:{_phrase(list(_NUMBERS))}))\s+"
     r"(?P<ago_u>(?i:day|week|month|year))s?\s+(?i:ago)\b)"),
    (_first_chars(_DIGITS, _MODS),
     rf"(?P<yr>(?:(?P<yr_mod>{_MOD})|(?<![\w$£€#./-]))(?P<yr_a>{_BYEAR})"
     rf"(?:\s*[-–]\s*(?P<yr_b>{_BYEAR}))?)"),
]


def _lookahead(chars: frozenset[str]) -> str:
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


_GRAMMAR = re.compile(
    r"\b" + _lookahead(frozenset().union(*(c for c, _ in _ALTERNATIVES)))
    + "(?:" + "|".join(_lookahead(c) + a for c, a in _ALTERNATIVES) + ")")

_YEAR_CONTEXT = frozenset(_DATA["year_context"])
_YEAR_AFTER_BLOCK = re.compile(rf"\s*%|\s+(?:{_phrase(_DATA['count_nouns'])})\b", re.I)
_YEAR_AFTER_OK = re.compile(r"[,;:)]|\.(?!\d)|\s*$")
_MONTH_CONTEXT = frozenset(_DATA["month_context"])
_MONTH_CONTEXT_STRICT = frozenset(_DATA["month_context_strict"])
_FUTURE = re.compile(  # a cue, then no sentence end, closing quote or speech verb ("... will," he said Monday)
    rf"(?:{_phrase(_DATA['future_cues'])})\b(?:(?!\b(?:{_alt(_DATA['speech_verbs'])})\b)[^.!?”\"])*$", re.I)
_OPEN_QUOTE, _CLOSE_QUOTE = "\"“‘", "\"”’"
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")
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


_Resolved = tuple[str | None, Precision | None, bool]


def _iso(d: date | None) -> _Resolved:
    return (d.isoformat(), "day", False) if d else (None, None, False)


def _resolve(m: re.Match[str], text: str, pub: date | None) -> Iterator[tuple[int, int, _Resolved]]:
    """(start, end, (value, precision, relative)) for each expression in one grammar match."""
    kind = m.lastgroup
    s, e = m.span()
    if kind == "iso":
        d = _valid(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        if d:
            yield s, e, _iso(d)
    elif kind in ("mdy", "dmy"):
        month, day = _MONTH[m[kind + "_m"].rstrip(".")], int(m[kind + "_d"].rstrip("stndrh"))
        year = m[kind + "_y"]
        if year:
            if d := _valid(int(year), month, day):
                yield s, e, _iso(d)
        elif _valid(2000, month, day):  # a leap year: February 29 is a real date
            if pub is None:
                yield s, e, (None, None, True)
            elif d := _month_day(pub, month, day, _future(text, s)):
                yield s, e, (d.isoformat(), "day", True)
    elif kind == "my":
        yield s, e, (f"{int(m['my_y']):04d}-{_MONTH[m['my_m'].rstrip('.')]:02d}", "month", False)
    elif kind == "mry":
        if pub is None:
            yield s, e, (None, None, True)
        else:
            shift = {"last": -1, "this": 0, "next": 1}[m["mry_r"].lower()]
            yield s, e, (f"{pub.year + shift:04d}-{_MONTH[m['mry_m']]:02d}", "month", True)
    elif kind == "bm":
        name, rel = m["bm_m"], (m["bm_r"] or "").lower() or None
        if not (rel or m["bm_mod"]):
            ctx = _MONTH_CONTEXT_STRICT if name in _AMBIGUOUS_MONTHS else _MONTH_CONTEXT
            if _prev_word(text, s) not in ctx:
                return
        if pub is None:
            yield s, e, (None, None, True)
        else:
            month = _MONTH[name]
            year = _bare_month_year(pub, month, rel, _future(text, s))
            yield s, e, (f"{year:04d}-{month:02d}", "month", True)
    elif kind == "wd":
        rel = (m["wd_r"] or "").lower() or None
        if (rel is None and _prev_token(text, s) in _HOLIDAY) or _titled(text, s, e):
            return
        if pub is None:
            yield s, e, (None, None, True)
        else:
            d = _weekday(pub, _WEEKDAY[m["wd_d"]], rel, rel is None and _future(text, s))
            yield s, e, (d.isoformat(), "day", True)
    elif kind == "rd":
        if (text[s].isupper() and _is_name_word(_prev_token(text, s))) or _titled(text, s, e):
            return  # "USA Today", "“Today” show"
        if pub is None:
            yield s, e, (None, None, True)
        else:
            n = _REL_DAYS[" ".join(m["rd"].lower().split())]
            yield s, e, ((pub + timedelta(days=n)).isoformat(), "day", True)
    elif kind == "rp":
        if _titled(text, s, e) or (not m["rp_mod"] and _prev_word(text, s) == "the"):
            return  # "“This Week” program"; "over the last year": a duration
        unit, shift = m["rp_u"].lower(), {"last": -1, "this": 0, "next": 1}[m["rp_r"].lower()]
        if pub is None or unit == "week":
            yield s, e, (None, None, True)
        elif unit == "month":
            y, mo = _add_months(pub.year, pub.month, shift)
            yield s, e, (f"{y:04d}-{mo:02d}", "month", True)
        else:
            yield s, e, (f"{pub.year + shift:04d}", "year", True)
    elif kind == "ago":
        raw, unit = m["ago_n"].lower(), m["ago_u"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[" ".join(raw.split())]
        if pub is None or n is None or unit == "week":
            yield s, e, (None, None, True)
        elif unit == "day":
            yield s, e, ((pub - timedelta(days=n)).isoformat(), "day", True)
        elif unit == "month":
            y, mo = _add_months(pub.year, pub.month, -n)
            yield s, e, (f"{y:04d}-{mo:02d}", "month", True)
        else:
            yield s, e, (f"{pub.year - n:04d}", "year", True)
    elif kind == "yr":
        a_start, a_end = m.span("yr_a")
        if not _year_ok(text, a_start, m.end(), bool(m["yr_mod"])):
            return
        if m["yr_b"]:
            yield s, a_end, (m["yr_a"], "year", False)
            yield m.start("yr_b"), e, (m["yr_b"], "year", False)
        else:
            yield s, e, (m["yr_a"], "year", False)


def find_times(text: str, published: str | None = None) -> list[TimeExpr]:
    """Every time expression in ``text``, in order, resolved against ``published``."""
    pub = _pub_date(published)
    return [TimeExpr(text[s:e], value, precision, s, e, relative)
            for m in _GRAMMAR.finditer(text)
            for s, e, (value, precision, relative) in _resolve(m, text, pub)]


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
