"""The JSON API: every endpoint, every bad-parameter path (4xx with a JSON body that says what was
wrong, never a traceback), the security headers, pagination bounds, the generic 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.web import params

API_OK = [
    "/api/stats", "/api/dyads", "/api/facets", "/api/timeline/KAZ/USA", "/api/actors",
    "/api/actors/person:donald-trump", "/api/actors/person:donald-trump/events",
    "/api/actors/person:donald-trump/quotes", "/api/search?q=White+House", "/api/documents/tracing-ties",
    "/openapi.json",
]


def no_trace(body: str) -> None:
    assert "Traceback" not in body and 'File "' not in body and "site-packages" not in body


def error(r, status: int, param: str | None = None) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    no_trace(r.text)
    body = r.json()["error"]
    assert body["status"] == status and body["message"]
    if param:
        assert body["param"] == param
    return body["message"]


def white_house(client) -> dict:
    """The January 2018 visit story, found by its conflict and type (never by its id)."""
    items = client.get("/api/timeline/KAZ/USA", params={"conflicts": "true", "event": "CONSULT"}).json()["items"]
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("url", API_OK)
def test_endpoints_answer_with_json_and_security_headers(client, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_stats_and_dyads(client) -> None:
    counts = client.get("/api/stats").json()["counts"]
    assert counts["documents"] == 3 and counts["stories"] >= 6
    dyads = client.get("/api/dyads", params={"limit": 5}).json()
    assert 0 < len(dyads) <= 5
    pair = next(d for d in dyads if {d["a"], d["b"]} == {"KAZ", "USA"})
    assert pair["stories"] == 3 and pair["a_name"] in ("Kazakhstan", "United States")
    assert dyads == sorted(dyads, key=lambda d: -d["stories"])


def test_facets_colour_types_by_quad(client) -> None:
    from tieline.events.quads import quad

    f = client.get("/api/facets").json()
    consult = next(t for t in f["event_types"] if t["type"] == "CONSULT")
    assert consult["quad"]["colour"] == quad("CONSULT").colour
    assert "asserted" in f["certainties"]
    assert any(s["source"] == "RFE/RL" for s in f["sources"])


def test_timeline_matches_the_cli_timeline(client, web_db: Path) -> None:
    import tieline

    data = client.get("/api/timeline/KAZ/USA").json()
    with tieline.open(web_db, read_only=True) as t:
        cli = t.timeline("KAZ", "USA")
    assert data["total"] == len(cli) == 3
    assert [e["story_id"] for e in data["items"]] == [e.story_id for e in cli]
    assert [e["quote"]["text"] if e["quote"] else None for e in data["items"]] == \
           [e.quote["text"] if e.quote else None for e in cli]
    assert client.get("/api/timeline/kazakhstan/United%20States").json()["total"] == 3


def test_timeline_entries_are_the_cli_entries(client, web_db: Path) -> None:
    """One read path: every field the CLI prints is what the web returns, for countries and persons."""
    import tieline
    from tieline.web.queries import entry_json

    with tieline.open(web_db, read_only=True) as t:
        for a, b in (("KAZ", "USA"), ("Nazarbayev", "USA"), ("Nazarbayev", "Trump"), ("FRA", "DEU")):
            cli = [entry_json(e) for e in t.timeline(a, b)]
            web = client.get(f"/api/timeline/{a}/{b}").json()
            assert cli and web["items"] == cli, (a, b)
            assert web["total"] == len(cli)
        for start, end in (("2018-01", None), ("2018-01-10", "2018"), (None, "2018-01-09"), ("2019", None)):
            cli = [e.story_id for e in t.timeline("KAZ", "USA", start=start, end=end)]
            query = {k: v for k, v in (("start", start), ("end", end)) if v}
            assert [e["story_id"] for e in client.get("/api/timeline/KAZ/USA", params=query).json()["items"]] == cli


def test_timeline_takes_persons_as_sides(client, web_db: Path) -> None:
    import tieline

    data = client.get("/api/timeline/Nazarbayev/USA").json()
    assert data["a"] == "person:nursultan-nazarbayev" and data["a_kind"] == "actor" and data["b_kind"] == "country"
    assert data["a_name"] == "Nursultan Nazarbayev" and data["b_name"] == "United States"
    assert data["total"] >= 1
    by_id = client.get("/api/timeline/person:nursultan-nazarbayev/USA").json()
    assert by_id["items"] == data["items"]
    with tieline.open(web_db, read_only=True) as t:
        assert [e.story_id for e in t.timeline("person:nursultan-nazarbayev", "USA")] == \
               [e["story_id"] for e in data["items"]]
    message = error(client.get("/api/timeline/Nazarbayev/Nobody%20Atall"), 400, "b")
    assert message.startswith("b: unknown country or actor") and "person" in message


def test_dyad_is_the_cli_dyad(client, web_db: Path) -> None:
    import tieline

    data = client.get("/api/dyad/KAZ/USA").json()
    with tieline.open(web_db, read_only=True) as t:
        st = t.dyad("KAZ", "USA")
    assert {k: data[k] for k in ("stories", "by_type", "by_year", "balance_by_year", "not_counted")} == \
           {k: st.to_dict()[k] for k in ("stories", "by_type", "by_year", "balance_by_year", "not_counted")}
    assert data["balance"] == st.balance and data["a_name"] == "Kazakhstan"
    assert client.get("/api/dyad/KAZ/USA", params={"include": "planned,hedged"}).json()["include"] == \
           ["hedged", "planned"]
    assert client.get("/api/dyad/Nazarbayev/USA").json()["stories"] >= 1
    error(client.get("/api/dyad/KAZ/USA?include=negated"), 400, "include")
    error(client.get("/api/dyad/KAZ/Atlantis"), 400, "b")
    error(client.get("/api/dyad/KAZ/USA?start=2019&end=2018"), 400, "start")


def test_timeline_white_house_visit_has_two_sources_and_a_date_conflict(client) -> None:
    e = white_house(client)
    assert e["date"].startswith("2018-01") and len(e["sources"]) == 2
    (conflict,) = e["conflicts"]
    assert conflict["field"] == "date"
    assert sorted(v["value"] for v in conflict["values"]) == ["2018-01-16", "2018-01-17"]
    assert e["quad"]["key"] == "verbal_cooperation"


@pytest.mark.parametrize(("query", "expect"), [
    ({"start": "2018-01-10"}, 2), ({"start": "2018-01"}, 3), ({"end": "2018"}, 2), ({"end": "2018-01-09"}, 1),
    ({"start": "2019", "end": "2019-12-31"}, 1), ({"event": "AGREE"}, 1), ({"event": "agree,consult"}, 3),
    ({"event": ["AGREE", "CONSULT"]}, 3), ({"certainty": "planned"}, 0), ({"certainty": "hedged,negated"}, 0), ({"certainty": "asserted"}, 3),
    ({"source": "RFE/RL"}, 2), ({"min_sources": 2}, 1), ({"conflicts": "true"}, 1), ({"event": "THREATEN"}, 0),
])
def test_timeline_filters(client, query: dict, expect: int) -> None:
    data = client.get("/api/timeline/KAZ/USA", params=query).json()
    assert data["total"] == expect == len(data["items"]), data


def test_timeline_pagination(client) -> None:
    full = client.get("/api/timeline/KAZ/USA").json()["items"]
    pages = [client.get("/api/timeline/KAZ/USA", params={"limit": 1, "offset": i}).json() for i in range(4)]
    assert [p["items"][0]["story_id"] for p in pages[:3]] == [e["story_id"] for e in full]
    assert pages[3]["items"] == [] and pages[3]["total"] == 3
    assert all(p["limit"] == 1 for p in pages)


@pytest.mark.parametrize(("url", "param"), [
    ("/api/timeline/ZZ1/USA", "a"), ("/api/timeline/KAZ/Atlantis", "b"),
    ("/api/timeline/KAZ/USA?start=2018-13", "start"), ("/api/timeline/KAZ/USA?end=yesterday", "end"),
    ("/api/timeline/KAZ/USA?start=2018-02-30", "start"), ("/api/timeline/KAZ/USA?start=2019&end=2018", "start"),
    ("/api/timeline/KAZ/USA?event=HUG", "event"), ("/api/timeline/KAZ/USA?certainty=sure", "certainty"),
    ("/api/timeline/KAZ/USA?min_sources=0", "min_sources"), ("/api/timeline/KAZ/USA?conflicts=maybe", "conflicts"),
    (f"/api/timeline/KAZ/USA?limit={params.MAX_LIMIT + 1}", "limit"), ("/api/timeline/KAZ/USA?limit=0", "limit"),
    ("/api/timeline/KAZ/USA?limit=ten", "limit"), ("/api/timeline/KAZ/USA?offset=-1", "offset"),
    (f"/api/timeline/KAZ/USA?offset={params.MAX_OFFSET + 1}", "offset"),
    ("/api/timeline/KAZ/USA?source=" + "x" * 201, "source"),
    ("/api/actors?country=Atlantis", "country"), ("/api/actors?limit=500", "limit"),
    ("/api/actors/person:donald-trump/events?offset=-5", "offset"),
    ("/api/actors/person:donald-trump/quotes?limit=0", "limit"),
    ("/api/search", "q"), ("/api/search?q=", "q"), ("/api/search?q=%00%01", "q"), ("/api/search?q=x&kind=poem", "kind"),
    ("/api/search?q=" + "a" * 201, "q"), ("/api/search?q=trump&offset=990&limit=20", "offset"),
    ("/api/dyads?limit=100000", "limit"), ("/api/dyads?include=negated", "include"),
    ("/api/actors/person:donald-trump?include=rumoured", "include"),
])
def test_bad_parameters_get_400_with_the_parameter_named(client, url: str, param: str) -> None:
    message = error(client.get(url), 400, param)
    assert param in message


@pytest.mark.parametrize("url", [
    "/api/stories/no-such-story", "/api/actors/person:nobody", "/api/actors/person:nobody/events",
    "/api/actors/person:nobody/quotes", "/api/documents/no/such/doc", "/api/no-such-endpoint",
])
def test_unknown_ids_get_404(client, url: str) -> None:
    assert "no " in error(client.get(url), 404)


def test_wrong_method_is_a_json_4xx(client) -> None:
    error(client.post("/api/stats"), 405)


def test_a_405_says_which_methods_the_address_takes(client) -> None:
    for url in ("/api/stats", "/timeline", "/"):
        r = client.delete(url)
        assert r.status_code == 405 and "GET" in r.headers.get("allow", ""), (url, r.headers)


def test_story_puts_every_report_side_by_side(client) -> None:
    story = client.get(f"/api/stories/{white_house(client)['story_id']}").json()
    assert {r["doc_id"] for r in story["reports"]} == {"nazarbaev-thanks-trump", "tracing-ties"}
    for report in story["reports"]:
        assert report["events"]
        for ev in report["events"]:
            marked = "".join(s["text"] for s in ev["segments"] if "event" in s["marks"])
            assert marked  # the event is highlighted inside its sentence
    dates = {ev["date"] for r in story["reports"] for ev in r["events"]}
    assert {"2018-01-16", "2018-01-17"} <= dates
    assert story["conflicts"][0]["values"][0]["titles"]
    assert story["quotes"]


def test_actor_profile_ties_events_quotes(client) -> None:
    a = client.get("/api/actors/person:donald-trump").json()
    assert a["name"] == "Donald Trump" and a["country"] == "USA"
    assert any(r["role"] == "president" for r in a["registry_roles"])
    assert any(t["actor_id"] == "person:nursultan-nazarbayev" for t in a["ties"])
    assert a["counts"]["quotes"] >= 1
    ev = client.get("/api/actors/person:donald-trump/events", params={"limit": 2}).json()
    assert ev["total"] >= len(ev["items"]) == 2
    qs = client.get("/api/actors/person:donald-trump/quotes").json()
    assert qs["total"] == a["counts"]["quotes"]
    listed = client.get("/api/actors", params={"q": "trump"}).json()
    assert [x["actor_id"] for x in listed["items"]] == ["person:donald-trump"]
    usa = client.get("/api/actors", params={"country": "usa", "limit": 200}).json()
    assert usa["items"] and all(x["country"] == "USA" for x in usa["items"])
    assert client.get("/api/actors", params={"q": "100%_"}).json()["total"] == 0


def test_search_pages(client) -> None:
    first = client.get("/api/search", params={"q": "Trump", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "Trump", "limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["has_more"]
    assert not {(h["doc_id"], h["start"]) for h in first["items"]} & {(h["doc_id"], h["start"]) for h in second["items"]}
    quotes = client.get("/api/search", params={"q": "partners", "kind": "quote"}).json()["items"]
    assert quotes and all(h["kind"] == "quote" for h in quotes)
    assert client.get("/api/search", params={"q": "zzzqqqxxx"}).json()["items"] == []


def test_document_spans_point_into_the_text(client) -> None:
    doc = client.get("/api/documents/tracing-ties").json()
    kinds = {s["kind"] for s in doc["spans"]}
    assert kinds == {"mention", "event", "quote"}
    for s in doc["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(doc["text"])
        if s["kind"] == "mention":
            assert doc["text"][s["start"]:s["end"]] == s["text"]


def test_openapi_schema_lists_every_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/stats", "/api/dyads", "/api/facets", "/api/timeline/{a}/{b}", "/api/stories/{story_id}",
              "/api/actors", "/api/actors/{actor_id}", "/api/actors/{actor_id}/events",
              "/api/actors/{actor_id}/quotes", "/api/search", "/api/documents/{doc_id}"):
        assert p in paths, p
    assert not any(p.startswith("/timeline") for p in paths)  # pages are not API
    docs = client.get("/docs")  # the app's own docs page, not a CDN-loaded Swagger UI
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "swagger" not in docs.text.lower()


def test_unexpected_errors_are_a_generic_500(web_db: Path, monkeypatch, caplog) -> None:
    from fastapi.testclient import TestClient

    from tieline.web import create_app, queries

    def boom(store):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(queries, "stats", boom)
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
        page = c.get("/")
    assert "secret" not in error(r, 500)
    assert "secret" not in r.text and r.headers["content-security-policy"]
    assert page.status_code == 500 and "secret" not in page.text and "text/html" in page.headers["content-type"]
    no_trace(page.text)
    assert "secret detail" in caplog.text  # the log has it


def test_store_is_read_only(app) -> None:
    with app.state.pool.store() as store, pytest.raises(Exception, match="(?i)read.only"):
        store.execute("DELETE FROM stories")
    assert app.state.pool.store  # the connection went back to the pool and still works


def test_pool_hands_out_distinct_connections(web_db: Path) -> None:
    from tieline.web.pool import Busy, StorePool

    pool = StorePool(str(web_db), size=2, timeout=0.1)
    try:
        with pool.store() as a, pool.store() as b:
            assert a is not b
            with pytest.raises(Busy), pool.store():
                pass
        with pool.store() as c:
            assert c.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] == 3
    finally:
        pool.close()


def test_missing_store_fails_at_start(tmp_path: Path) -> None:
    from tieline.store import StoreError
    from tieline.web import create_app

    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "none.duckdb")


def test_other_host_names_are_refused(web_db: Path) -> None:
    from fastapi.testclient import TestClient

    from tieline.web import create_app

    app = create_app(web_db, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as ok:
        assert ok.get("/api/stats").status_code == 200
    with TestClient(app, base_url="http://evil.example") as bad:
        r = bad.get("/api/stats")
        assert r.status_code == 400 and r.headers["x-content-type-options"] == "nosniff"


def test_include_counts_planned_and_hedged_only_when_asked(client) -> None:
    plain = client.get("/api/dyads", params={"limit": 50}).json()
    wide = client.get("/api/dyads", params={"limit": 50, "include": "planned,hedged"}).json()
    assert sum(d["stories"] for d in wide) >= sum(d["stories"] for d in plain)
    assert client.get("/api/actors/person:donald-trump", params={"include": "planned"}).status_code == 200
