from __future__ import annotations

import dataclasses

from tieline.records import ActorRef, Amount, Document, Event
from tieline.stories import StoryLinker, compatible

US = ActorRef("country:USA", "United States", "Washington", "USA", "GOV")
KZ = ActorRef("country:KAZ", "Kazakhstan", "Astana", "KAZ", "GOV")
POTUS = ActorRef("person:a-president", "A President", "the president", "USA", "GOV")
RU = ActorRef("country:RUS", "Russia", "Moscow", "RUS", "GOV")


def ev(i: str, doc: str, kind: str = "CONSULT", date: str | None = "2018-01-16", start: int = 0,
       actor: ActorRef = KZ, recipient: ActorRef = US, amounts: list[Amount] | None = None,
       source: str = "text") -> Event:
    return Event(i, doc, kind, [actor], [recipient], "s", start, start + 1, date=date, date_source=source,  # type: ignore[arg-type]
                 amounts=amounts or [])


DOCS = {d: Document(d, "x", source=f"src-{d}", published="2018-01-17") for d in ("a", "b", "c")}


def test_same_happening_in_two_sources_is_one_story_with_date_conflict() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("a2", "a", "SUPPORT", start=5),
                                  ev("b1", "b", date="2018-01-17")], DOCS)
    assert len(stories) == 1
    s = stories[0]
    assert s.sources == 2 and sorted(s.doc_ids) == ["a", "b"] and len(s.event_ids) == 3
    assert s.event == "CONSULT"
    (c,) = s.conflicts
    assert c.field == "date" and [v["value"] for v in c.values] == ["2018-01-16", "2018-01-17"]


def test_two_meetings_a_week_apart_stay_apart() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-09"), ev("b1", "b", date="2018-01-16")], DOCS)
    assert len(stories) == 2 and all(not s.conflicts for s in stories)


def test_day_and_month_precision_are_compatible() -> None:
    assert compatible("2018-01-16", "2018-01") and compatible("2018", "2018-01-16")
    assert not compatible("2018-02", "2018-01-16")
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("b1", "b", date="2018-01")], DOCS)
    assert len(stories) == 1 and not stories[0].conflicts and stories[0].date == "2018-01-16"


def test_amounts_that_disagree_are_a_conflict() -> None:
    a = ev("a1", "a", "COOPERATE", amounts=[Amount(7.5e9, "USD", "$7.5 billion")])
    b = ev("b1", "b", "COOPERATE", amounts=[Amount(7.0e9, "USD", "$7 billion")])
    (s,) = StoryLinker().link([a, b], DOCS)
    assert [c.field for c in s.conflicts] == ["amount"]


def test_unrelated_dyad_in_the_same_article_is_its_own_story() -> None:
    stories = StoryLinker().link([ev("a1", "a"), ev("a2", "a", "ASSAULT", "2014-03", 9, RU,
                                                    ActorRef(None, None, "Ukraine", "UKR", "GOV"))], DOCS)
    assert len(stories) == 2


def test_ids_are_deterministic() -> None:
    events = [ev("a1", "a"), ev("b1", "b", date="2018-01-17")]
    assert [s.id for s in StoryLinker().link(events, DOCS)] == [s.id for s in StoryLinker().link(events[::-1], DOCS)]


def test_summary_reads_like_a_sentence() -> None:
    (s,) = StoryLinker().link([ev("a1", "a", actor=KZ, recipient=POTUS)], DOCS)
    assert s.summary == "2018-01-16 — Kazakhstan meets A President"


SENATOR = ActorRef("person:a-senator", "A Senator", "the senator", "USA", "LEG")
SECRETARY = ActorRef("person:a-secretary", "A Secretary", "the secretary", "USA", "GOV")


def letter(i: str, doc: str, date: str, text: str) -> Event:
    return Event(i, doc, "REQUEST", [SENATOR], [SECRETARY], text, 0, len(text), date=date, date_source="text",
                 trigger="urged")


def test_two_different_letters_between_the_same_pair_a_day_apart_stay_two_stories() -> None:
    a = letter("a1", "a", "2031-04-02", "The senator urged the secretary in a letter to restore funding "
                                         "for the river dam project in the northern valley.")
    b = letter("b1", "b", "2031-04-03", "In another letter, the senator urged the secretary to speed up "
                                         "visas for interpreters stranded abroad.")
    stories = StoryLinker().link([a, b], DOCS)
    assert len(stories) == 2 and all(not s.conflicts for s in stories)


def test_one_letter_in_two_reports_is_one_story() -> None:
    a = letter("a1", "a", "2031-04-02", "The senator urged the secretary in a letter to restore funding "
                                         "for the river dam project in the northern valley.")
    b = letter("b1", "b", "2031-04-03", "A letter urging the secretary to restore the dam project's "
                                         "funding was sent by the senator.")
    (s,) = StoryLinker().link([a, b], DOCS)
    assert s.sources == 2 and [c.field for c in s.conflicts] == ["date"]


def test_a_conflict_lists_each_article_on_one_side_only() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("a2", "a", date="2018-01-18", start=50),
                                  ev("b1", "b", date="2018-01-17")], DOCS)
    for s in stories:
        for c in s.conflicts:
            cited = [d for v in c.values for d in v["doc_ids"]]
            assert len(cited) == len(set(cited)), c


def test_a_stored_story_that_comes_back_unchanged_keeps_its_summary() -> None:
    events = [ev("a1", "a"), ev("b1", "b", date="2018-01-17")]
    (s,) = StoryLinker().link(events, DOCS)
    stored = dataclasses.replace(s, summary="2018-01-16 — as stored")
    (again,) = StoryLinker().link(events, DOCS, previous=[stored])
    assert again.summary == "2018-01-16 — as stored" and again.id == s.id
    (grown,) = StoryLinker().link(events + [ev("c1", "c", date="2018-01-16")], DOCS, previous=[stored])
    assert grown.summary != stored.summary


def test_a_story_takes_the_date_its_text_or_context_gives_before_the_publication_date() -> None:
    from tieline.records import ActorRef, Document, Event
    from tieline.stories.linker import StoryLinker

    usa = ActorRef("country:USA", "United States", "US", "USA", "GOV")
    kaz = ActorRef("country:KAZ", "Kazakhstan", "Kazakhstan", "KAZ", "GOV")
    evs = [Event("e1", "d", "AGREE", [kaz], [usa], "Kazakhstan will join.", 0, 20, sentence=0,
                 date="2025-11-07", date_source="published", certainty="planned"),
           Event("e2", "d", "CONSULT", [usa], [kaz], "They met.", 21, 30, sentence=1,
                 date="2025-11-06", date_source="inferred")]
    docs = {"d": Document("d", "x", published="2025-11-07")}
    stories = StoryLinker(parse=False).link(evs, docs)
    assert [s.date for s in stories if "e2" in s.event_ids] == ["2025-11-06"]
