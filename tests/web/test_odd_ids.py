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
