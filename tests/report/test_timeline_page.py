"""Timeline pages and filters: the library's one timeline, as the CLI and the web read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.report.timeline import Filters, timeline_page


@pytest.fixture(scope="module")
def t(seeds_db: Path):
    import tieline

    with tieline.open(seeds_db, read_only=True) as t:
        yield t


def test_pages_add_up_to_the_timeline(t) -> None:
    full = t.timeline("KAZ", "USA")
    pages = [t.timeline_page("KAZ", "USA", limit=2, offset=k) for k in range(0, len(full) + 2, 2)]
    assert [e.story_id for p in pages for e in p.entries] == [e.story_id for e in full]
    assert all(p.total == len(full) for p in pages) and pages[-1].entries == []


def test_filters_keep_what_they_say(t) -> None:
    full = t.timeline("KAZ", "USA")
    consult = t.timeline("KAZ", "USA", events=["CONSULT"])
    assert consult and [e.story_id for e in consult] == [e.story_id for e in full if e.event == "CONSULT"]
    asserted = t.timeline("KAZ", "USA", certainty=("asserted",))
    assert [e.story_id for e in asserted] == [e.story_id for e in full if (e.certainty or "asserted") == "asserted"]
    two = t.timeline("KAZ", "USA", min_sources=2)
    assert two and all(len(e.sources) >= 2 for e in two)
    disputed = t.timeline("KAZ", "USA", conflicts_only=True)
    assert disputed and all(e.conflicts for e in disputed)
    rfe = t.timeline("KAZ", "USA", sources=["RFE/RL"])
    assert rfe and all(any(s["source"] == "RFE/RL" for s in e.sources) for e in rfe)
    assert timeline_page(t.store, ["KAZ", "USA"], Filters(events=("THREATEN",))).total == 0


def test_a_person_side_is_a_subject(t) -> None:
    by_name = t.timeline("Nazarbayev", "USA")
    by_id = t.timeline("person:nursultan-nazarbayev", "USA")
    assert by_name and [e.story_id for e in by_name] == [e.story_id for e in by_id]
    with pytest.raises(ValueError, match="unknown country or actor"):
        t.subject("person:nobody-at-all")
