"""Standing groups of countries (C5+1, G7, the Quad, BRICS, ASEAN) and their members on a date.

The table is ``data/groups.yaml``.  An event whose actor or recipient is such a group keeps the
group as its participant; :func:`event_countries` adds the members' countries to the event's
country set, so that a dyad timeline for two members (KAZ-USA for a C5+1 summit) finds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tieline.records import ActorRef, Event

GROUPS_FILE = Path(__file__).parent / "data" / "groups.yaml"


@dataclass(frozen=True)
class Member:
    country: str
    start: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[Member, ...]

    def members_on(self, on: str | None = None) -> set[str]:
        """Member countries on a date ("2024", "2024-03" or "2024-03-05"); without one, today's.

        A date at year or month precision counts a member that belonged at any time in it."""
        out = set()
        for m in self.members:
            if on:
                if m.start and on[:10] < m.start[: len(on[:10])]:
                    continue
                if m.until and on[: len(m.until)] > m.until:
                    continue
            elif m.until:  # no date: the present members
                continue
            out.add(m.country)
        return out


def _key(name: str | None) -> str:
    text = " ".join((name or "").lower().split())
    return text[4:] if text.startswith("the ") else text


def _member(value: str | dict) -> Member:
    if isinstance(value, str):
        return Member(value)
    return Member(value["country"], str(value["from"]) if value.get("from") else None,
                  str(value["until"]) if value.get("until") else None)


@cache
def groups() -> tuple[dict[str, Group], dict[str, Group]]:
    """(groups by actor id, groups by alias key) from the table."""
    by_id: dict[str, Group] = {}
    by_alias: dict[str, Group] = {}
    for d in yaml.safe_load(GROUPS_FILE.read_text(encoding="utf-8")) or []:
        g = Group(d["id"], d["name"], tuple(d.get("aliases") or ()),
                  tuple(_member(m) for m in d.get("members") or ()))
        by_id[g.id] = g
        for a in (g.name, *g.aliases):
            by_alias.setdefault(_key(a), g)
    return by_id, by_alias


def group_of(ref: ActorRef) -> Group | None:
    """The group this participant is: by its registry id, else (unresolved and without a country)
    by its name or words ("Central Asian leaders")."""
    by_id, by_alias = groups()
    if ref.actor_id:
        return by_id.get(ref.actor_id)
    if ref.country:
        return None
    for words in (ref.name, ref.text):
        g = by_alias.get(_key(words))
        if g is not None:
            return g
    return None


def member_countries(refs: Iterable[ActorRef], on: str | None = None) -> set[str]:
    """The member countries of the groups among these participants, on the date ``on``."""
    out: set[str] = set()
    for r in refs:
        g = group_of(r)
        if g is not None:
            out |= g.members_on(on)
    return out


def event_countries(e: Event) -> set[str]:
    """An event's country set: its participants' countries and those of the groups among them."""
    refs = e.actor + e.recipient
    return {r.country for r in refs if r.country} | member_countries(refs, e.date)
