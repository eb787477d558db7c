"""The web app's selection cache: bounded, aged, and what the timeline pages from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.web.cache import TTLCache


def test_ttl_cache_bounds_size_and_age(monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline.web.cache as mod

    now = [100.0]
    monkeypatch.setattr(mod.time, "monotonic", lambda: now[0])
    c = TTLCache(size=2, ttl=10)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # "a" is now the most recent
    c.put("c", 3)
    assert c.get("b") is None and c.get("a") == 1 and c.get("c") == 3
    now[0] += 11
    assert c.get("a") is None and c.get("c") is None
    with pytest.raises(ValueError):
        TTLCache(size=0)


def test_timeline_pages_share_one_selection(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline
    from tieline.report import timeline as tl
    from tieline.report.timeline import Filters, timeline_page

    calls = []
    real = tl._heads
    monkeypatch.setattr(tl, "_heads", lambda *a: calls.append(a) or real(*a))
    cache = TTLCache()
    with tieline.open(web_db, read_only=True) as t:
        full = t.timeline("KAZ", "USA")
        pages = [timeline_page(t.store, ["KAZ", "USA"], Filters(), limit=1, offset=i, cache=cache) for i in range(4)]
        assert len(calls) == 2  # the full timeline, then one selection for every page
        assert [e.story_id for p in pages for e in p.entries] == [e.story_id for e in full]
        assert {p.total for p in pages} == {len(full)}
        timeline_page(t.store, ["KAZ", "USA"], Filters(events=("AGREE",)), limit=1, cache=cache)
        assert len(calls) == 3  # other filters, another selection
