"""Ids a folder or a feed can give that addresses handle badly: dot segments, 300 characters,
and the long unbroken strings of such ids and texts (issue 18, point 10)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.conftest import english

DOT_IDS = ["../up-one", "reports/../summit", "./here"]
LONG_ID = "L" * 300
UNBROKEN = "x" * 3000  # one "word" as wide as 20 screens


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import tieline

    folder = tmp_path_factory.mktemp("odd")
    src = folder / "odd.jsonl"
    rows = [{"id": i, "title": f"Article {n}", "text": english(2 + n)} for n, i in enumerate(DOT_IDS)]
    rows.append({"id": LONG_ID, "title": "T" * 400, "source": "S" * 500, "text": english(6) + " " + UNBROKEN})
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    db = folder / "odd.duckdb"
    with tieline.open(db) as t:
        report = t.run([str(src)], check_language=False)
    assert report.ok, report.summary()
    return db


@pytest.fixture(scope="module")
def odd_client(odd_db: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from tieline.web import create_app

    with TestClient(create_app(odd_db), raise_server_exceptions=False) as c:
        yield c


def test_links_to_ids_with_dot_segments_open_the_document(odd_client) -> None:
    from tieline.web.pages import id_path

    for doc_id in DOT_IDS:
        link = "/documents/" + id_path(doc_id)
        assert "/../" not in link and "/./" not in link and not link.endswith("/.."), link
        r = odd_client.get(link)
        assert r.status_code == 200, (doc_id, r.text[:200])
        assert doc_id in r.text
        r = odd_client.get("/api/documents/" + quote(doc_id, safe=""))
        assert r.status_code == 200 and r.json()["doc_id"] == doc_id


def test_search_page_links_are_the_quoted_ones(odd_client) -> None:
    html = odd_client.get("/search", params={"q": "foreign minister"}).text
    hrefs = re.findall(r'href="(/documents/[^"?#]*)', html)
    assert hrefs and all("/../" not in h and "/./" not in h for h in hrefs)
    assert "/documents/..%2Fup-one" in hrefs


def test_an_id_of_300_characters_opens(odd_client) -> None:
    assert odd_client.get("/documents/" + LONG_ID).status_code == 200
    assert odd_client.get("/api/documents/" + LONG_ID).json()["doc_id"] == LONG_ID


# -- in the browser: nothing wider than the window ---------------------------------------------------
@pytest.fixture(scope="module")
def odd_server(odd_db: Path) -> Iterator[str]:
    import threading
    import time

    import uvicorn
    from tests.web.conftest import free_port

    from tieline.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(odd_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


PAGES = ["/", "/documents/" + LONG_ID, "/search?q=foreign+minister", "/search?q=" + "q" * 150, "/actors",
         "/documents/..%2Fup-one"]


@pytest.mark.parametrize("width", [1280, 390])
def test_long_unbroken_strings_do_not_widen_pages(browser, odd_server: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for path in PAGES:
            page.goto(odd_server + path)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, (path, wide)
            # no box's content spills over its neighbour (the article text over the sidebar)
            spill = page.evaluate("[...document.querySelectorAll('main *')].filter(e => "
                                  "getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1"
                                  " && e.clientWidth > 0).map(e => e.tagName + '.' + e.className).slice(0, 5)")
            assert spill == [], (path, spill)
    finally:
        page.close()


def test_the_header_search_fits_a_phone(browser, odd_server: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for path in ("/", "/documents/" + LONG_ID):
            page.goto(odd_server + path)
            box = page.locator("header.top input[type=search]").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (path, box)
            assert box["width"] >= 120, box  # still something one can type in
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()
