"""The web app's selection cache: bounded, aged, and what the timeline pages from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tieline.web.cache import TTLCache


def test_ttl_cache_bounds_size_and_age(monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline.cache as mod

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


def test_timeline_pages_and_filters_share_one_selection(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        assert len(calls) == 2  # the full timeline (the Tieline's cache), then one for every page
        assert [e.story_id for p in pages for e in p.entries] == [e.story_id for e in full]
        assert {p.total for p in pages} == {len(full)}
        timeline_page(t.store, ["KAZ", "USA"], Filters(events=("AGREE",)), limit=1, cache=cache)
        assert len(calls) == 2  # other filters: the same timeline, filtered in memory


# -- whole answers, replayed while the store's generation holds --------------------------------------
def _counting_app(calls: list[str], status: int = 200) -> Any:
    async def app(scope: dict, receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        body = json.dumps({"n": len(calls)}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    return app


def test_response_cache_replays_until_the_generation_changes() -> None:
    from starlette.testclient import TestClient

    from tieline.web.cache import ResponseCache

    calls: list[str] = []
    generation = ["g1"]
    client = TestClient(ResponseCache(_counting_app(calls), generation=lambda: generation[0]))
    first = client.get("/api/x?b=2&a=1").json()
    assert client.get("/api/x?a=1&b=2").json() == first and len(calls) == 1  # the same request
    assert client.get("/api/x?a=1&b=3").json() != first and len(calls) == 2  # another one
    assert client.get("/api/x?a=1&a=2").json() != client.get("/api/x?a=2&a=1").json()  # values' order kept
    client.get("/elsewhere")
    client.get("/elsewhere")
    assert calls.count("/elsewhere") == 2  # only /api answers are kept
    generation[0] = "g2"  # new data landed
    again = client.get("/api/x?b=2&a=1").json()
    assert again != first and calls.count("/api/x") == 5


def test_response_cache_keeps_no_error_and_steps_aside_when_the_store_is_busy() -> None:
    from starlette.testclient import TestClient

    from tieline.errors import Busy
    from tieline.web.cache import ResponseCache

    calls: list[str] = []
    client = TestClient(ResponseCache(_counting_app(calls, status=404), generation=lambda: "g"))
    client.get("/api/missing")
    client.get("/api/missing")
    assert len(calls) == 2

    def busy() -> str:
        raise Busy("every connection is out")

    calls.clear()
    client = TestClient(ResponseCache(_counting_app(calls), generation=busy))
    assert client.get("/api/x").status_code == 200 and client.get("/api/x").status_code == 200
    assert len(calls) == 2


def _two_stories_store(url: str, stories: int) -> None:
    """A store with ``stories`` KAZ-USA stories, one article each, written as the pipeline writes."""
    from tieline.records import ActorRef, Analysis, Document, Event, Sentence, Story
    from tieline.store import open_store

    us = ActorRef("country:USA", "United States", "Washington", "USA", "GOV")
    kz = ActorRef("country:KAZ", "Kazakhstan", "Astana", "KAZ", "GOV")
    with open_store(url) as s:
        for i in range(stories):
            doc = Document(f"talks-{i}", "Officials of both capitals held talks about trade.", title=f"Talks {i}")
            event = Event(f"ev-{i}", doc.id, "CONSULT", [us], [kz], doc.text, 0, 30, date=f"2019-0{i + 1}-02")
            s.put_documents([doc])
            s.save_analyses([Analysis(doc, sentences=[Sentence(doc.id, 0, 0, len(doc.text), doc.text)],
                                      events=[event])])
            s.replace_stories([], [Story(f"st-{i}", "CONSULT", event.date, [us], [kz], [event.id], [doc.id], 1,
                                         f"CONSULT — talks {i}")])


def test_new_data_in_a_swapped_duckdb_file_is_served_at_once(tmp_path: Path) -> None:
    import os
    import shutil

    from fastapi.testclient import TestClient

    from tieline.web import create_app

    one, two, live = tmp_path / "one.duckdb", tmp_path / "two.duckdb", tmp_path / "live.duckdb"
    _two_stories_store(str(one), 1)
    _two_stories_store(str(two), 2)
    shutil.copyfile(one, live)
    with TestClient(create_app(live)) as client:
        assert client.get("/api/timeline/KAZ/USA").json()["total"] == 1
        assert client.get("/api/timeline/KAZ/USA").json()["total"] == 1  # (from the cache)
        shutil.copyfile(two, tmp_path / ".live.tmp")  # what `tieline watch --copy` does
        os.replace(tmp_path / ".live.tmp", live)
        page = client.get("/api/timeline/KAZ/USA").json()
        assert page["total"] == 2 and [e["story_id"] for e in page["items"]] == ["st-0", "st-1"]


def test_new_data_written_to_postgresql_is_served_at_once() -> None:
    from fastapi.testclient import TestClient
    from tests.store.conftest import pg_database, pg_server

    from tieline.records import Story
    from tieline.store import open_store
    from tieline.web import create_app

    with pg_database(pg_server()) as url:
        _two_stories_store(url, 2)
        with open_store(url) as s:
            s.replace_stories(["st-1"], [])  # one story for now
        with TestClient(create_app(url)) as client:
            assert client.get("/api/timeline/KAZ/USA").json()["total"] == 1
            assert client.get("/api/timeline/KAZ/USA?limit=1").json()["total"] == 1
            with open_store(url) as writer:  # another process's run lands while the app serves
                ev = writer.events(ids=["ev-1"])[0]
                writer.replace_stories([], [Story("st-1", "CONSULT", ev.date, ev.actor, ev.recipient, [ev.id],
                                                  [ev.doc_id], 1, "CONSULT — more talks")])
            for url_ in ("/api/timeline/KAZ/USA", "/api/timeline/KAZ/USA?limit=1"):
                assert client.get(url_).json()["total"] == 2, url_
            client.app.state.pool.close()


def test_concurrent_callers_compute_a_value_once() -> None:
    import threading
    import time

    cache = TTLCache()
    calls: list[int] = []

    def slow() -> list[int]:
        calls.append(1)
        time.sleep(0.05)
        return [1, 2]

    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get_or_compute("k", slow))) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1 and got == [[1, 2]] * 8


def test_concurrent_identical_requests_are_answered_once() -> None:
    import asyncio

    import httpx

    from tieline.web.cache import ResponseCache

    calls: list[str] = []
    inner = _counting_app(calls)

    async def slow_app(scope: dict, receive: Any, send: Any) -> None:
        await asyncio.sleep(0.05)
        await inner(scope, receive, send)

    async def main() -> list[Any]:
        app = ResponseCache(slow_app, generation=lambda: "g")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            return await asyncio.gather(*(http.get("/api/x?a=1") for _ in range(6)), http.get("/api/y"))

    # on a thread of its own: a browser test's Playwright session may hold this thread's event loop
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        answers = pool.submit(asyncio.run, main()).result()
    assert sorted(calls) == ["/api/x", "/api/y"]
    assert len({a.text for a in answers[:6]}) == 1 and all(a.status_code == 200 for a in answers)


def test_a_weighed_cache_keeps_within_its_budget() -> None:
    c = TTLCache(size=10, weigh=len, max_weight=10)
    c.put("a", "xxxx")
    c.put("b", "xxxx")
    c.put("a", "xxxxx")  # replaced: weighed once, and now the most recent
    c.put("c", "xxxx")  # 13 > 10: the least recently used goes
    assert c.get("b") is None and c.get("a") == "xxxxx" and c.get("c") == "xxxx"
    c.put("d", "x" * 20)  # bigger than the budget alone: nothing is kept
    assert len(c) == 0


def test_a_server_process_makes_the_busiest_pairs_timelines_before_it_takes_requests(
        web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first request for a busy pair finds its timeline made (warm-up); none is made with 0."""
    from fastapi.testclient import TestClient

    from tieline.report import timeline as tl
    from tieline.web import create_app

    calls: list[Any] = []
    real = tl._heads
    monkeypatch.setattr(tl, "_heads", lambda *a: calls.append(a) or real(*a))
    app = create_app(web_db, response_cache=0)
    with TestClient(app) as client:
        warmed = len(calls)
        top = client.get("/api/dyads?limit=1").json()[0]
        page = client.get(f"/api/timeline/{top['a']}/{top['b']}?limit=5").json()
    assert warmed >= 1 and len(calls) == warmed  # answered from the timeline made at start
    assert page["total"] >= 1 and page["items"]
    calls.clear()
    with TestClient(create_app(web_db, response_cache=0, warm_dyads=0)) as client:
        assert not calls
        client.get(f"/api/timeline/{top['a']}/{top['b']}?limit=5")
    assert len(calls) == 1
