"""Date ranges: the one rule every timeline, dyad, graph, quote list and web page follows.

Dates are kept at the precision the sources support ("2018", "2018-06", "2018-06-14"), so a
date is a span of time, and so is each end of a range: ``--from 2018-06`` starts on the first
of June 2018, ``--to 2018`` ends on the last day of 2018.

**A date that overlaps the range is kept.**  A story dated "2018" is in ``--from 2018-06``
(part of 2018 is after June) and in ``--to 2018-03``; a story dated "2018-05-30" is in neither
``--from 2018-06`` nor ``--to 2018-05-29``.  Comparing both at the shorter of their precisions
says exactly that.  An undated item cannot be placed, so a range never excludes it (timelines
list such stories at the end as "undated").

:func:`overlaps` is the rule in Python, :func:`sql` the same rule as a query condition;
:func:`check` validates a bound as given by a user.
"""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check(value: str | None, name: str = "date") -> str | None:
    """A range bound as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date), or None for none;
    anything else is a ValueError that names ``name``."""
    if value is None or not value.strip():
        return None
    s = value.strip()
    m = _DATE.match(s)
    if not m:
        raise ValueError(f"{name}: {value[:40]!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise ValueError(f"{name}: {value[:40]!r} is not a calendar date") from None
    return s


def check_range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Both bounds checked, and ``start`` not after ``end`` (a ValueError naming ``start``)."""
    first, last = check(start, "start"), check(end, "end")
    if first and last and first[: len(last)] > last[: len(first)]:
        raise ValueError(f"start: {first} is after end {last}")
    return first, last


def overlaps(value: str | None, start: str | None = None, end: str | None = None) -> bool:
    """Whether a date (at its precision) overlaps the range; undated values always do."""
    if not value:
        return True
    v = value[:10]
    if start:
        k = min(len(v), len(start))
        if v[:k] < start[:k]:
            return False
    if end:
        k = min(len(v), len(end))
        if v[:k] > end[:k]:
            return False
    return True


def sql(column: str, start: str | None = None, end: str | None = None) -> tuple[str, list[str]]:
    """:func:`overlaps` as a condition on a text ``column`` and its parameters (portable SQL:
    ``SUBSTR``/``LENGTH``, ``?`` parameters).  ``TRUE`` when the range is open at both ends."""
    parts: list[str] = []
    params: list[str] = []
    if start:
        # at start's precision when the column is as precise, else the column is a prefix of start
        parts.append(f"SUBSTR({column}, 1, {len(start)}) >= ? OR SUBSTR(?, 1, LENGTH({column})) = {column}")
        params += [start, start]
    if end:
        # a shorter column value compares as its prefix would: "2018" <= "2018-03"
        parts.append(f"SUBSTR({column}, 1, {len(end)}) <= ?")
        params.append(end)
    if not parts:
        return "TRUE", []
    return f"({column} IS NULL OR {column} = '' OR (" + ") AND (".join(parts) + "))", params
