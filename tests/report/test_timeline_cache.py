"""A timeline kept for the store's generation: filtered and paged in memory, the same answers as
one computed afresh, and computed again once a write lands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tieline.cache import TTLCache, timeline_cache
from tieline.report.timeline import Filters, timeline_page


@pytest.fixture(scope="module")
def t(seeds_db: Path):
    import tieline

    with tieline.open(seeds_db, read_only=True) as t:
        yield t


def _plain(page: Any) -> tuple[int, list[dict[str, Any]]]:
    return page.total, [e.to_dict() for e in page.entries]


FILTERS = [
    Filters(),
    Filters(start="2018-06"), Filters(end="2018"), Filters(start="2016", end="2019-03-31"), Filters(start="2030"),
    Filters(events=("CONSULT",)), Filters(events=("AGREE", "CONSULT")), Filters(certainty=("asserted",)),
    Filters(certainty=("planned", "hedged")), Filters(min_sources=2), Filters(conflicts_only=True),
    Filters(sources=("RFE/RL",)), Filters(sources=("no such outlet",)),
    Filters(start="2017", events=("CONSULT",), certainty=("asserted",), min_sources=1),
]


@pytest.mark.parametrize("sides", [["KAZ", "USA"], ["USA", "KAZ"], ["KAZ"]])
def test_a_cached_timeline_answers_as_one_computed_afresh(t, sides: list[str]) -> None:
    cache = TTLCache()
    for f in FILTERS:
        fresh = timeline_page(t.store, sides, f)
        assert _plain(timeline_page(t.store, sides, f, cache=cache)) == _plain(fresh), f
        for limit, offset in ((1, 0), (2, 1), (3, 100)):
            page = timeline_page(t.store, sides, f, limit=limit, offset=offset, cache=cache)
            assert page.total == fresh.total
            assert [e.to_dict() for e in page.entries] == [e.to_dict() for e in fresh.entries[offset:offset + limit]]


def test_entries_made_a_block_at_a_time_are_those_of_a_page(t, monkeypatch: pytest.MonkeyPatch) -> None:
    from tieline.report.timeline import Cached

    monkeypatch.setattr(Cached, "BLOCK", 2)  # blocks smaller than the timeline: pages span them
    cache = TTLCache()
    for f in (Filters(conflicts_only=True), Filters(), Filters(events=("CONSULT",))):
        fresh = timeline_page(t.store, ["KAZ", "USA"], f)
        for offset in (3, 0, 1, 2):
            page = timeline_page(t.store, ["KAZ", "USA"], f, limit=2, offset=offset, cache=cache)
            assert [e.to_dict() for e in page.entries] == [e.to_dict() for e in fresh.entries[offset:offset + 2]]


def test_one_selection_serves_every_filter_and_page(t, monkeypatch: pytest.MonkeyPatch) -> None:
    from tieline.report import timeline as tl

    calls: list[Filters] = []
    real = tl._heads
    monkeypatch.setattr(tl, "_heads", lambda store, sides, f: calls.append(f) or real(store, sides, f))
    cache = TTLCache()
    for f in FILTERS:
        timeline_page(t.store, ["KAZ", "USA"], f, limit=2, cache=cache)
    assert calls == [Filters()]  # once, unfiltered


def test_changing_an_answer_leaves_the_cache_alone(t) -> None:
    cache = TTLCache()
    first = timeline_page(t.store, ["KAZ", "USA"], cache=cache).entries
    expected = [e.to_dict() for e in first]
    for e in first:
        e.sources.append({"doc_id": "mine"})
        e.conflicts.clear()
        if e.quote:
            e.quote["text"] = "changed by the caller"
    assert [e.to_dict() for e in timeline_page(t.store, ["KAZ", "USA"], cache=cache).entries] == expected


def test_the_cache_keeps_within_its_story_budget(t) -> None:
    whole = len(t.timeline("KAZ", "USA"))
    assert whole > 1
    roomy, tight = timeline_cache(stories=whole), timeline_cache(stories=whole - 1)
    timeline_page(t.store, ["KAZ", "USA"], cache=roomy)
    timeline_page(t.store, ["KAZ", "USA"], cache=tight)
    assert len(roomy) == 1 and len(tight) == 0  # a timeline over the budget is answered, not kept


# -- a write lands: a new generation, a fresh answer ------------------------------------------------------
def _add_story(store: Any, n: int) -> None:
    """One more KAZ-USA story (its own article, event and story), committed as a run commits."""
    from tieline.records import ActorRef, Analysis, Document, Event, Sentence, Story

    washington = ActorRef("country:USA", "United States", "Washington", "USA", "GOV")
    astana = ActorRef("country:KAZ", "Kazakhstan", "Astana", "KAZ", "GOV")
    text = f"Delegations from both capitals met for round {n} of consultations on grain exports."
    doc = Document(f"grain-{n}", text, title=f"Grain round {n}", source="Test Wire")
    event = Event(f"grain-ev-{n}", doc.id, "CONSULT", [astana], [washington], text, 0, len(text),
                  date=f"2021-0{n}-15")
    store.put_documents([doc])
    store.save_analyses([Analysis(doc, sentences=[Sentence(doc.id, 0, 0, len(text), text)], events=[event])])
    store.replace_stories([], [Story(f"grain-st-{n}", "CONSULT", event.date, [astana], [washington], [event.id],
                                     [doc.id], 1, f"CONSULT — grain round {n}")])


def _grows_with_each_write(url: str) -> None:
    import tieline

    with tieline.open(url) as t:
        _add_story(t.store, 1)
        assert [e.story_id for e in t.timeline("KAZ", "USA")] == ["grain-st-1"]
        assert t.timeline_page("KAZ", "USA", limit=1).total == 1
        before = t.store.generation()
        _add_story(t.store, 2)  # the store's own writes: a new generation
        assert t.store.generation() != before
        assert [e.story_id for e in t.timeline("KAZ", "USA")] == ["grain-st-1", "grain-st-2"]
        assert t.timeline_page("KAZ", "USA", limit=1, offset=1).total == 2
        assert [e.story_id for e in t.timeline("KAZ", "USA", start="2021-02")] == ["grain-st-2"]
        assert t.dyad("KAZ", "USA").to_dict()["stories"] == 2


def test_a_write_gives_a_fresh_timeline_on_duckdb(tmp_path: Path) -> None:
    _grows_with_each_write(str(tmp_path / "grows.duckdb"))


def test_a_write_gives_a_fresh_timeline_on_postgresql() -> None:
    from tests.store.conftest import pg_database, pg_server

    with pg_database(pg_server()) as url:
        _grows_with_each_write(url)


def test_another_connection_s_write_gives_a_fresh_timeline(tmp_path: Path) -> None:
    """A reader that keeps timelines sees what another connection to the store commits."""
    from tests.store.conftest import pg_database, pg_server

    import tieline
    from tieline.store import open_store

    with pg_database(pg_server()) as url:
        with open_store(url) as writer:
            _add_story(writer, 1)
        with tieline.open(url) as reader:
            assert len(reader.timeline("KAZ", "USA")) == 1
            with open_store(url) as writer:
                _add_story(writer, 2)
            assert len(reader.timeline("KAZ", "USA")) == 2
