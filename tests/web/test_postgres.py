"""The web app on the PostgreSQL backend: the same pages and API answers as on DuckDB (its SQL is
portable).  Needs a server named by ``TIELINE_TEST_PG`` (``.ci/run`` starts one); skips without."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from tests.web.conftest import HOSTILE

TABLES = ("documents", "sentences", "mentions", "actors", "events", "event_actors", "quotes", "stories", "rejects")


@pytest.fixture(scope="module")
def pg_url(web_db: Path) -> Iterator[str]:
    """A PostgreSQL store holding exactly what the DuckDB test store holds (rows copied over)."""
    server = os.environ.get("TIELINE_TEST_PG", "").strip()
    if not server:
        pytest.skip("set TIELINE_TEST_PG=postgresql://user@127.0.0.1:PORT/db to run the web app on PostgreSQL")
    import psycopg

    from tieline.store import open_store

    name = f"tieline_web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    try:
        with open_store(web_db, read_only=True) as src, open_store(url) as dst:
            for table in TABLES:
                rows = src.query(f"SELECT * FROM {table}")
                if rows:
                    cols = list(rows[0])
                    dst.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                                    f"({', '.join('?' for _ in cols)})", [list(r.values()) for r in rows])
            dst.rebuild_search()
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def both(pg_url: str, web_db: Path) -> Iterator[tuple[object, object]]:
    from fastapi.testclient import TestClient

    from tieline.web import create_app

    with TestClient(create_app(pg_url)) as pg, TestClient(create_app(web_db)) as duck:
        yield pg, duck


URLS = [
    "/api/stats", "/api/dyads", "/api/timeline/KAZ/USA", "/api/timeline/KAZ/USA?conflicts=true&event=CONSULT",
    "/api/timeline/KAZ/USA?start=2018-01-10&end=2018", "/api/timeline/KAZ/USA?source=RFE/RL&min_sources=2",
    "/api/timeline/KAZ/USA?certainty=planned&limit=1&offset=0", "/api/actors?q=trump", "/api/actors?country=USA",
    "/api/actors/person:donald-trump", "/api/actors/person:donald-trump/events",
    "/api/actors/person:donald-trump/quotes", "/api/documents/tracing-ties", "/api/facets",
]


@pytest.mark.parametrize("url", URLS)
def test_same_answers_as_duckdb(both, url: str) -> None:
    pg, duck = both
    a, b = pg.get(url), duck.get(url)
    assert a.status_code == b.status_code == 200, a.text
    assert a.json() == b.json()


def test_story_search_and_pages(both) -> None:
    pg, _ = both
    sid = pg.get("/api/timeline/KAZ/USA", params={"conflicts": "true"}).json()["items"][0]["story_id"]
    story = pg.get(f"/api/stories/{sid}").json()
    assert len(story["reports"]) == 2 and story["conflicts"][0]["field"] == "date"
    assert pg.get("/api/search", params={"q": "White House"}).json()["items"]
    for url in ("/", "/timeline/KAZ/USA", f"/stories/{sid}", "/actors/person:donald-trump",
                "/search?q=alert", f"/documents/{HOSTILE['id']}"):
        r = pg.get(url)
        assert r.status_code == 200 and "<script>alert" not in r.text, url
    assert pg.get("/api/stories/nope").status_code == 404
    assert pg.get("/api/timeline/KAZ/USA?start=2018-13").status_code == 400
