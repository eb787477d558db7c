"""Standing groups count for their members in dyad timelines, and a dyad entry is headlined by an
event between its two sides."""

from __future__ import annotations

from pathlib import Path

import pytest

import tieline
from tieline.actors.groups import group_of, groups, member_countries
from tieline.records import ActorRef, Analysis, Document, Event, Story

USA = ActorRef("person:ruth-haldane", "Ruth Haldane", "Haldane", "USA", "GOV")
KAZ = ActorRef("person:aidar-sultan", "Aidar Sultan", "Sultan", "KAZ", "GOV")
UZB = ActorRef("person:timur-rashidov", "Timur Rashidov", "Rashidov", "UZB", "GOV")
NOR = ActorRef("country:NOR", "Norway", "Norway", "NOR", "GOV")
C5_PLUS_1 = ActorRef("igo:c5plus1", "C5+1", "C5+1 format", None, "IGO")
CENTRAL_ASIAN = ActorRef(None, "Central Asian", "Central Asian leaders")

TEXT = ("Haldane met the leaders of the five Central Asian countries in Geneva in the C5+1 format.\n"
        "Haldane held talks with the Central Asian leaders on water and trade.\n"
        "Before the session, Haldane met Uzbek President Timur Rashidov in Bukhara.\n"
        "Haldane later met Sultan, Kazakhstan's foreign minister, in Bukhara.\n"
        "Rashidov praised Norway for its support to the region.\n"
        "Sultan said Kazakhstan would host the next round.\n")


def test_group_table() -> None:
    by_id, _ = groups()
    assert {"igo:c5plus1", "igo:g7", "igo:quad", "igo:brics", "igo:asean"} <= set(by_id)
    assert "igo:eu" not in by_id  # too big to spread over every member's dyads
    assert member_countries([C5_PLUS_1]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB", "USA"}
    assert member_countries([CENTRAL_ASIAN]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert member_countries([ActorRef("igo:quad", "Quadrilateral Security Dialogue", "the Quad")]) == {
        "USA", "JPN", "IND", "AUS"}
    # unresolved words naming a group; a participant with its own country is not one
    assert group_of(ActorRef(None, "the G7", "the G7")).id == "igo:g7"
    assert group_of(ActorRef(None, "Central Asian", "Central Asian", "KAZ")) is None
    assert group_of(ActorRef(None, "Asian", "Asian")) is None


def test_membership_is_dated() -> None:
    brics = ActorRef("igo:brics", "BRICS", "BRICS")
    assert "EGY" not in member_countries([brics], "2023-08-22")
    assert {"EGY", "IRN", "ZAF"} <= member_countries([brics], "2024-10-22")
    assert "ZAF" not in member_countries([brics], "2009-06-16")
    assert "IDN" in member_countries([brics], "2025") and "IDN" not in member_countries([brics], "2024")


def _event(i: str, kind: str, actor: list[ActorRef], recipient: list[ActorRef], line: int,
           trigger: str) -> Event:
    text = TEXT.splitlines()[line]
    start = TEXT.index(text)
    return Event(i, "d1", kind, actor, recipient, text, start, start + len(text), sentence=line,
                 date="2031-03-04", date_source="text", trigger=trigger)


@pytest.fixture()
def t(tmp_path: Path):
    doc = Document("d1", TEXT, title="Haldane meets Central Asian leaders", source="test",
                   published="2031-03-05")
    events = [_event("e0", "CONSULT", [USA], [C5_PLUS_1], 0, "met"),
              _event("e1", "CONSULT", [USA], [CENTRAL_ASIAN], 1, "talks"),
              _event("e2", "CONSULT", [USA], [UZB], 2, "met"),
              _event("e3", "CONSULT", [USA], [KAZ], 3, "met"),
              _event("e4", "SUPPORT", [UZB], [NOR], 4, "praised"),
              _event("e5", "CONSULT", [KAZ], [], 5, "host")]
    stories = [
        # the group summit, headlined by the C5+1 meeting
        Story("s1", "CONSULT", "2031-03-04", [USA], [C5_PLUS_1], ["e0", "e1"], ["d1"], 1,
              "2031-03-04 — Ruth Haldane meets C5+1 in Geneva"),
        # the side meetings, headlined by one that is not between KAZ and USA
        Story("s2", "CONSULT", "2031-03-04", [USA], [UZB], ["e2", "e3"], ["d1"], 1,
              "2031-03-04 — Ruth Haldane meets Timur Rashidov in Bukhara"),
        # KAZ and USA both appear, but in no single event together
        Story("s3", "SUPPORT", "2031-03-04", [UZB], [NOR], ["e4", "e5"], ["d1"], 1,
              "2031-03-04 — Timur Rashidov praises Norway"),
    ]
    with tieline.open(tmp_path / "g.duckdb") as tl:
        tl.store.put_documents([doc])
        tl.store.save_analyses([Analysis(doc=doc, events=events)])
        tl.store.replace_stories([], stories)
        yield tl


def test_group_event_is_in_a_members_dyad(t) -> None:
    entries = {e.story_id: e for e in t.timeline("KAZ", "USA")}
    assert "s1" in entries and entries["s1"].summary.endswith("Ruth Haldane meets C5+1 in Geneva")
    assert "s1" in {e.story_id for e in t.timeline("TKM", "USA")}
    assert "s1" not in {e.story_id for e in t.timeline("NOR", "USA")}
    # the event keeps the group as its participant; only its country set gains the members
    row = t.store.query("SELECT countries FROM events WHERE id = 'e0'")[0]
    assert row["countries"] == "|KAZ|KGZ|TJK|TKM|USA|UZB|"
    assert [r["actor_id"] for r in t.store.query(
        "SELECT actor_id FROM event_actors WHERE event_id = 'e0' AND side = 'recipient'")] == ["igo:c5plus1"]


def test_dyad_headline_is_an_event_between_the_sides(t) -> None:
    entries = {e.story_id: e for e in t.timeline("KAZ", "USA")}
    assert "Rashidov" not in entries["s2"].summary
    assert "Ruth Haldane" in entries["s2"].summary and "Aidar Sultan" in entries["s2"].summary
    # the UZB-USA timeline keeps the story's own headline
    uzb = {e.story_id: e for e in t.timeline("UZB", "USA")}
    assert uzb["s2"].summary == "2031-03-04 — Ruth Haldane meets Timur Rashidov in Bukhara"
    # a single side's timeline is not a dyad: the story's own headline
    assert {e.story_id: e for e in t.timeline("KAZ")}["s2"].summary.endswith("Timur Rashidov in Bukhara")


def test_story_without_an_event_between_the_sides_is_left_out(t) -> None:
    assert "s3" not in {e.story_id for e in t.timeline("KAZ", "UZB")}
    assert "s3" not in {e.story_id for e in t.timeline("KAZ", "NOR")}
    assert "s3" in {e.story_id for e in t.timeline("NOR", "UZB")}


def test_unresolved_group_words_are_named_as_the_group(t) -> None:
    # the C5+1 story read from its second event, whose recipient is only "Central Asian"
    t.store.replace_stories(["s1"], [Story("s1", "CONSULT", "2031-03-04", [USA], [UZB], ["e2", "e1"],
                                           ["d1"], 1, "2031-03-04 — Ruth Haldane meets Timur Rashidov")])
    entry = {e.story_id: e for e in t.timeline("KGZ", "USA")}["s1"]
    assert "the five Central Asian countries" in entry.summary and "Rashidov" not in entry.summary


def test_web_timeline_agrees_with_the_cli(t) -> None:
    from tieline.web import queries

    page = queries.timeline(t.store, "KAZ", "USA")
    cli = t.timeline("KAZ", "USA")
    assert [i["story_id"] for i in page["items"]] == [e.story_id for e in cli] == ["s1", "s2"]
    assert [i["summary"] for i in page["items"]] == [e.summary for e in cli]
    assert [i["event"] for i in page["items"]] == [e.event for e in cli]


def test_a_group_acting_on_a_third_party_is_not_between_its_members() -> None:
    from tieline.report.timeline import Subject, involves

    g7 = ActorRef("igo:g7", "Group of Seven", "G7")
    rus = ActorRef("country:RUS", "Russia", "Russia", "RUS", "GOV")
    urge = Event("x1", "d", "REQUEST", [g7], [rus], "The G7 urged Russia to accept a ceasefire.", 0, 40)
    meet = Event("x2", "d", "CONSULT", [g7], [], "G7 leaders met in Charlevoix.", 0, 30)
    usa_jpn = [Subject.country("USA"), Subject.country("JPN")]
    assert not involves(urge, usa_jpn) and involves(urge, [Subject.country("JPN"), Subject.country("RUS")])
    assert involves(meet, usa_jpn)
    biden = Event("x3", "d", "CONSULT", [USA], [C5_PLUS_1], "Haldane met the C5+1 leaders.", 0, 30)
    assert involves(biden, [Subject.country("KAZ"), Subject.country("USA")])
    assert not involves(biden, [Subject.country("KAZ"), Subject.country("UZB")])  # both on the same side
