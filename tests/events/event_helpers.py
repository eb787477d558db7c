"""Helpers for the event-coder tests (imported by the test modules and conftest.py): parse a text, lay hand-made actor mentions over it, code it.

The mentions stand in for the actor stage, so these tests pin the coder's own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tieline.events import EventCoder
from tieline.pipeline import analyze
from tieline.records import Analysis, Event, Mention


@dataclass(frozen=True)
class A:
    """An actor to mark in the text: its surface form and who it is."""

    text: str
    country: str | None
    actor_id: str | None = None
    sector: str | None = "GOV"
    kind: str = "person"
    nth: int = 0  # which occurrence of the text
    label: str = "PERSON"


def mark(analysis: Analysis, actors: list[A]) -> Analysis:
    text = analysis.doc.text
    mentions: list[Mention] = []
    for a in actors:
        start = -1
        for _ in range(a.nth + 1):
            start = text.index(a.text, start + 1)
        end = start + len(a.text)
        sent = next(s.index for s in analysis.sentences if s.start <= start < s.end)
        mentions.append(Mention(analysis.doc.id, sent, start, end, a.text, a.label,
                                a.actor_id or f"t:{a.text.lower()}", a.text, a.country, a.sector, a.kind))
    analysis.mentions = sorted(mentions, key=lambda m: m.start)
    return analysis


Coder = Callable[..., list[Event]]


def make_coder() -> Coder:
    """code(text, actors, published=...) -> the events of the text (actor registry left out)."""
    coder = EventCoder(state_at=lambda actor_id, on: None)

    def run(text: str, actors: list[A], published: str | None = "2024-05-01", doc_id: str = "t",
            coder: EventCoder = coder) -> list[Event]:
        a = analyze(text, published, doc_id=doc_id, components=("nlp", "dates"))
        mark(a, actors)
        return coder(a).events

    return run


def one(events: list[Event], kind: str | None = None) -> Event:
    """The single event (of a type) among the events."""
    hits = [e for e in events if kind is None or e.event == kind]
    assert len(hits) == 1, [(e.event, e.trigger) for e in events]
    return hits[0]


def names(refs: list) -> list[str]:
    return [r.text for r in refs]


def country(name: str, iso3: str, nth: int = 0) -> A:
    return A(name, iso3, actor_id=f"c:{iso3}", kind="country", nth=nth, label="GPE")
