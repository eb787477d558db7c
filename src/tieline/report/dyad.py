"""Summary statistics of one dyad (the ties between two sides), from its timeline.

Counts are of stories - happenings merged across sources - so an event that five
outlets report counts once.  The cooperation/conflict balance of a year is
``(cooperation - conflict) / (cooperation + conflict)`` over its stories' PLOVER
quads: +1 all cooperation, -1 all conflict, None when the year has neither.

Only stories that count by :mod:`tieline.certainty` are counted: never negated ones; planned
and hedged ones only when ``include`` names them (the others are tallied in ``not_counted``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from tieline.certainty import counts, parse_include
from tieline.events.quads import quad
from tieline.report.timeline import Entry
from tieline.words import count


@dataclass
class DyadStats:
    a: str
    b: str
    stories: int = 0
    sources: int = 0
    conflicts: int = 0
    undated: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, dict[str, int]] = field(default_factory=dict)
    quads_by_year: dict[str, dict[str, int]] = field(default_factory=dict)
    balance_by_year: dict[str, float | None] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    include: list[str] = field(default_factory=list)  # certainties counted besides asserted
    not_counted: dict[str, int] = field(default_factory=dict)  # stories left out, by certainty

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def balance(self) -> float | None:
        coop = sum(n for y in self.quads_by_year.values() for k, n in y.items() if k.endswith("cooperation"))
        conf = sum(n for y in self.quads_by_year.values() for k, n in y.items() if k.endswith("conflict"))
        return None if coop + conf == 0 else round((coop - conf) / (coop + conf), 3)


def dyad_stats(entries: list[Entry], a: str, b: str, include: str | Iterable[str] | None = None) -> DyadStats:
    inc = parse_include(include)
    left = Counter(e.certainty or "asserted" for e in entries if not counts(e.certainty, inc))
    entries = [e for e in entries if counts(e.certainty, inc)]
    st = DyadStats(a=a, b=b, stories=len(entries), include=sorted(inc), not_counted=dict(sorted(left.items())))
    st.by_type = dict(Counter(e.event for e in entries).most_common())
    st.sources = len({s["doc_id"] for e in entries for s in e.sources})
    st.conflicts = sum(1 for e in entries if e.conflicts)
    dated = sorted(e.date for e in entries if e.date)
    st.undated = len(entries) - len(dated)
    st.first, st.last = (dated[0], dated[-1]) if dated else (None, None)
    for e in entries:
        if not e.date:
            continue
        y = e.date[:4]
        st.by_year.setdefault(y, {})
        st.by_year[y][e.event] = st.by_year[y].get(e.event, 0) + 1
        q = quad(e.event).key
        st.quads_by_year.setdefault(y, {})
        st.quads_by_year[y][q] = st.quads_by_year[y].get(q, 0) + 1
    for y, qs in st.quads_by_year.items():
        coop = sum(n for k, n in qs.items() if k.endswith("cooperation"))
        conf = sum(n for k, n in qs.items() if k.endswith("conflict"))
        st.balance_by_year[y] = None if coop + conf == 0 else round((coop - conf) / (coop + conf), 3)
    st.by_year = dict(sorted(st.by_year.items()))
    st.quads_by_year = dict(sorted(st.quads_by_year.items()))
    st.balance_by_year = dict(sorted(st.balance_by_year.items()))
    return st


def render_text(st: DyadStats) -> str:
    span = f"{st.first} to {st.last}" if st.first else "no dated stories"
    bal = "n/a" if st.balance is None else f"{st.balance:+.2f}"
    lines = [f"{st.a} \u2013 {st.b}: {count(st.stories, 'story')} from {count(st.sources, 'source')}, {span}; "
             f"{st.conflicts} with conflicting sources; cooperation balance {bal}", "", "By type:"]
    lines += [f"  {t:<12} {n}" for t, n in st.by_type.items()]
    lines += ["", "By year:        stories  balance  types"]
    for y, types in st.by_year.items():
        b = st.balance_by_year.get(y)
        kinds = ", ".join(f"{t} {n}" for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"  {y:<14}{sum(types.values()):>7}  {'   n/a' if b is None else f'{b:+.2f}':>7}  {kinds}")
    if st.undated:
        lines.append(f"  undated        {st.undated:>7}")
    if st.not_counted:
        left = ", ".join(f"{n} {c}" for c, n in st.not_counted.items())
        hint = "; --include planned,hedged counts those" if set(st.not_counted) - {"negated"} else ""
        lines += ["", f"Not counted: {left} (negated never count{hint})"]
    return "\n".join(lines)


def render_json(st: DyadStats) -> str:
    return json.dumps(st.to_dict() | {"balance": st.balance}, ensure_ascii=False, indent=2)
