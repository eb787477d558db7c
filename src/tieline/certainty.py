"""What counts: the one rule every statistic follows about an event's certainty.

* ``asserted`` events count;
* ``negated`` ones never do ("Norway has not joined the sanctions" is no sanction);
* ``planned`` and ``hedged`` ones are shown as such, and counted only where the caller asks
  (``--include planned,hedged`` on ``tieline dyad`` and ``tieline graph``, ``include=`` in the
  Python and web APIs).

Dyad statistics, balances, the actor graph, the web's dyad list and actor ties all ask
:func:`counts` (or :func:`sql` for the same rule in a query).
"""

from __future__ import annotations

from collections.abc import Iterable

CERTAINTIES: tuple[str, ...] = ("asserted", "hedged", "planned", "negated")
OPTIONAL: tuple[str, ...] = ("planned", "hedged")  # what ``include`` may add
_RANK = {"asserted": 0, "planned": 1, "hedged": 2, "negated": 3}


def parse_include(value: str | Iterable[str] | None) -> frozenset[str]:
    """``"planned,hedged"`` (or a list of them) as a set; anything else is a ValueError."""
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else [x for v in value for x in str(v).split(",")]
    out = {x.strip().lower() for x in items if x.strip()}
    bad = sorted(out - set(OPTIONAL))
    if bad:
        raise ValueError(f"include takes {' and '.join(OPTIONAL)}, not {', '.join(bad)}"
                         + (" (negated events never count)" if "negated" in bad else ""))
    return frozenset(out)


def counts(certainty: str | None, include: Iterable[str] = ()) -> bool:
    """Whether an event (or story) of this certainty counts in statistics."""
    c = certainty or "asserted"
    if c == "asserted":
        return True
    return c in OPTIONAL and c in set(include)


def counted(include: Iterable[str] = ()) -> tuple[str, ...]:
    """The certainties that count, for a query's ``IN (...)``."""
    return tuple(c for c in CERTAINTIES if counts(c, include))


def sql(column: str, include: Iterable[str] = ()) -> tuple[str, list[str]]:
    """The rule as a condition on ``column`` and its parameters (NULL reads as asserted)."""
    ok = counted(include)
    return f"({column} IS NULL OR {column} IN ({', '.join('?' for _ in ok)}))", list(ok)


def strongest(certainties: Iterable[str | None]) -> str | None:
    """A story's certainty from its events': one source asserting it beats another hedging it."""
    cs = [c or "asserted" for c in certainties]
    return min(cs, key=lambda c: _RANK.get(c, 9)) if cs else None
