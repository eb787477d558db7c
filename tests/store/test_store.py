"""The storage interface, on every backend (``backend`` / ``store_url`` in conftest.py)."""

from __future__ import annotations

import pytest

from tieline.records import ActorRef, Analysis, Document, Event, Mention, Quote, Reject, Sentence, Story
from tieline.store import SCHEMA_VERSION, StoreError, open_store


def _analysis(doc: Document, n_events: int = 2) -> Analysis:
    us = ActorRef("country:USA", "United States", "Washington", "USA", "GOV")
    kz = ActorRef("country:KAZ", "Kazakhstan", "Astana", "KAZ", "GOV")
    events = [Event(f"{doc.id}-e{i}", doc.id, "CONSULT", [us], [kz], "Washington met Astana.", 0, 22,
                    date="2018-01-16") for i in range(n_events)]
    return Analysis(
        doc, sentences=[Sentence(doc.id, 0, 0, 22, "Washington met Astana.")],
        mentions=[Mention(doc.id, 0, 0, 10, "Washington", "GPE", "country:USA", "United States", "USA", "GOV",
                          "country")],
        events=events,
        quotes=[Quote(f"{doc.id}-q", doc.id, "We met.", 0, 7, us, "said", 0, [events[0].id])])


def _errors(backend: str) -> dict[str, type[Exception]]:
    """The driver's exceptions for a broken constraint and a write in read-only mode."""
    if backend == "duckdb":
        import duckdb

        return {"constraint": duckdb.ConstraintException, "read_only": duckdb.InvalidInputException}
    import psycopg

    return {"constraint": psycopg.errors.UniqueViolation, "read_only": psycopg.errors.ReadOnlySqlTransaction}


def test_schema_created_and_versioned(store_url: str, backend: str) -> None:
    with open_store(store_url) as s:
        assert s.backend == backend
        assert s.schema_version() == SCHEMA_VERSION
        assert s.stats()["documents"] == 0
    with open_store(store_url) as s:  # reopening migrates nothing, loses nothing
        assert s.migrate() == SCHEMA_VERSION


def test_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as s:
        s.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_read_only_refuses_writes(store_url: str, backend: str) -> None:
    with open_store(store_url) as s:
        s.put_documents([Document("a", "x")])
    with open_store(store_url, read_only=True) as s:
        assert s.stats()["documents"] == 1
        with pytest.raises(_errors(backend)["read_only"]):
            s.execute("DELETE FROM documents")
        s.rollback()
        with pytest.raises(_errors(backend)["read_only"]):
            s.put_documents([Document("b", "y")])
        assert s.stats()["documents"] == 1


def test_read_only_needs_a_store(store_url: str, backend: str) -> None:
    if backend == "postgres":  # an existing but empty database: no schema, and none is created
        with pytest.raises(StoreError, match="tieline run"):
            open_store(store_url, read_only=True)
        with open_store(store_url) as s:
            assert s.schema_version() == SCHEMA_VERSION
    else:
        with pytest.raises(StoreError, match="tieline run"):
            open_store(store_url + ".missing", read_only=True)


def test_documents_analyses_roundtrip_and_replace(store_url: str) -> None:
    with open_store(store_url) as s:
        d = Document("a", "Washington met Astana.", title="T", published="2018-01-16")
        s.put_documents([d])
        assert [x.id for x in s.pending_documents()] == ["a"]
        s.save_analyses([_analysis(d)])
        assert s.pending_count() == 0
        assert len(s.events()) == 2 and s.events()[0].actor[0].country == "USA"
        assert s.quotes()[0].speaker and s.quotes()[0].speaker.name == "United States"
        assert s.events(countries=["USA", "KAZ"]) and not s.events(countries=["RUS"])
        assert s.events(doc_ids=[]) == [] and s.stories([]) == [] and s.quotes([]) == []
        assert s.documents(["a"], text=False)[0].text == "" and s.documents(["a"])[0].text == d.text
        s.save_analyses([_analysis(d, n_events=1)])  # re-analysis replaces, never duplicates
        assert len(s.events()) == 1 and s.stats()["quotes"] == 1
        d2 = Document("a", "A changed text.", title="T2")
        s.put_documents([d2])  # a changed document drops its old analysis
        assert s.stats()["events"] == 0 and s.pending_count() == 1
        assert s.document_state("a")[0] == d2.sha256  # type: ignore[index]
        assert s.doc_id_for_sha(d2.sha256) == "a"
        s.mark_failed(["a"])
        assert s.pending_count() == 0


def test_actors_accumulate_aliases(store_url: str) -> None:
    with open_store(store_url) as s:
        for i, surface in enumerate(["Washington", "the White House"]):
            d = Document(f"d{i}", f"text {i}")
            s.put_documents([d])
            a = _analysis(d)
            a.mentions[0].text = surface
            s.save_analyses([a])
        (usa,) = s.actors()
        assert usa["actor_id"] == "country:USA" and usa["aliases"] == ["Washington", "the White House"]


def test_stories_replace_and_link_events(store_url: str) -> None:
    with open_store(store_url) as s:
        d = Document("a", "x")
        s.put_documents([d])
        s.save_analyses([_analysis(d)])
        st = Story("s1", "CONSULT", "2018-01-16", [], [], ["a-e0", "a-e1"], ["a"], 1, "summary")
        s.replace_stories([], [st])
        s.replace_stories(["s1"], [st])
        assert [e.story_id for e in s.events()] == ["s1", "s1"]
        assert [e.id for e in s.events(story_ids=["s1"])] == ["a-e0", "a-e1"]
        assert len(s.stories()) == 1 and s.stories(["s1"])[0].event_ids == ["a-e0", "a-e1"]
        s.replace_stories(["s1"], [])
        assert s.events(unlinked=True) and not s.stories()


def test_rejects_recorded(store_url: str) -> None:
    with open_store(store_url) as s:
        s.add_rejects([Reject("x.bin", "binary file, not text", "binary", "x")])
        assert s.rejects()[0].reason == "binary file, not text"


def test_failed_transaction_leaves_store_unchanged(store_url: str, backend: str) -> None:
    with open_store(store_url) as s:
        d = Document("a", "x")
        s.put_documents([d])
        bad = _analysis(d)
        bad.events.append(bad.events[0])  # duplicate primary key: the whole batch must roll back
        with pytest.raises(_errors(backend)["constraint"]):
            s.save_analyses([bad])
        assert s.stats()["events"] == 0 and s.stats()["sentences"] == 0 and s.pending_count() == 1
        s.save_analyses([_analysis(d)])  # and the store goes on working
        assert s.stats()["events"] == 2


def test_events_keep_how_they_were_coded(store_url: str) -> None:
    with open_store(store_url) as s:
        d = Document("m", "Washington met Astana.", published="2018-01-16")
        s.put_documents([d])
        a = _analysis(d)
        a.events[1].method = "learned"
        s.save_analyses([a])
        assert {e.id: e.method for e in s.events()} == {"m-e0": "rules", "m-e1": "learned"}


def test_uncommitted_batch_is_lost_committed_ones_kept(store_url: str) -> None:
    """A run killed mid-batch: what was committed stays, the open batch is gone, the rest is pending."""
    s = open_store(store_url)
    docs = [Document("a", "one"), Document("b", "two")]
    s.put_documents(docs)
    s.save_analyses([_analysis(docs[0])])
    s.begin()
    s.insert("events", [[f"b-e{i}", "b", "CONSULT"] + [None] * 21 for i in range(3)])
    s.conn.close()  # the process dies: no commit
    with open_store(store_url) as s:
        assert [e.doc_id for e in s.events()] == ["a", "a"]
        assert [d.id for d in s.pending_documents()] == ["b"]


def test_bulk_insert_matches_row_by_row(store_url: str) -> None:
    with open_store(store_url) as s:
        rows = [["d", i, i * 10, i * 10 + 5, 0, f"sentence {i}"] for i in range(100)]
        s.insert("sentences", rows)
        s.insert("sentences", [["e", 1, 0, 1, 0, "x"]])  # below the bulk threshold
        mixed = [["m", i, 0, 1, "t", "PERSON", None, None, None, None, None, None, None, 1 if i else 0.5]
                 for i in range(30)]
        s.insert("mentions", mixed)
        odd = [["o", i, 0, 1, 0, text] for i, text in enumerate(["tab\there", "new\nline", "back\\slash",
                                                                  "100% \"quoted\" ?", "", None, "Ünïcödé €"])]
        s.insert("sentences", odd)
        assert s.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 108
        assert s.query("SELECT text FROM sentences WHERE doc_id = 'd' AND idx = 42")[0]["text"] == "sentence 42"
        assert [r["text"] for r in s.query("SELECT text FROM sentences WHERE doc_id = ? ORDER BY idx", ["o"])] \
            == [r[-1] for r in odd]
        assert s.query("SELECT count(*) AS n FROM mentions")[0]["n"] == 30
        assert sorted(r["c"] for r in s.query("SELECT confidence AS c FROM mentions")) == [0.5] + [1.0] * 29


def test_text_sorts_by_code_point(store_url: str) -> None:
    """Both backends order text the same way (byte order), so listings and exports match."""
    ids = ["b", "B", "a-2", "a_1", "a1", "Z", "é", "10", "9"]
    with open_store(store_url) as s:
        s.put_documents([Document(i, f"text of {i}") for i in ids])
        assert [d.id for d in s.documents(text=False)] == sorted(ids)
        assert [d.id for d in s.pending_documents(limit=3, after="a1")] == sorted(i for i in ids if i > "a1")[:3]


def test_many_ids_in_one_call(store_url: str) -> None:
    with open_store(store_url) as s:
        s.put_documents([Document(f"d{i:05d}", f"text {i}") for i in range(2000)])
        got = s.documents([f"d{i:05d}" for i in range(0, 2000, 2)], text=False)
        assert len(got) == 1000 and got[0].id == "d00000"


def test_full_text_search(store_url: str) -> None:
    with open_store(store_url) as s:
        d = Document("a", "x")
        s.put_documents([d])
        a = _analysis(d)
        a.sentences = [Sentence("a", 0, 0, 40, "The talks were about nuclear weapons."),
                       Sentence("a", 1, 41, 80, "Trade was discussed as well.")]
        a.quotes[0].text = "We will never give up nuclear weapons talks."
        s.save_analyses([a])
        assert s.rebuild_search() == 3  # type: ignore[attr-defined]
        rows = s.search("nuclear weapons")  # type: ignore[attr-defined]
        assert {r["id"] for r in rows} == {"s:a:0", "q:a-q"}
        assert all(set(r) == {"id", "kind", "doc_id", "start_char", "text", "score"} for r in rows)
        assert rows == sorted(rows, key=lambda r: -r["score"]) and all(r["doc_id"] == "a" for r in rows)
        quotes = s.search("nuclear", kind="quote", limit=1)  # type: ignore[attr-defined]
        assert [(r["kind"], r["id"]) for r in quotes] == [("quote", "q:a-q")]
        assert s.search("trade")[0]["id"] == "s:a:1"  # type: ignore[attr-defined]
        assert s.search("submarines") == []  # type: ignore[attr-defined]


def test_odd_ids_in_lists_of_every_length(store_url: str) -> None:
    odd = ["it's", "back\\slash", "100%", "what?", "a;b", "\"q\"", "ünï", "x'); DROP TABLE documents; --"]
    ids = odd + [f"n{i}" for i in range(40)]
    with open_store(store_url) as s:
        s.put_documents([Document(i, f"text of {i}") for i in ids])
        for n in (1, 5, len(odd), 30, len(ids)):  # parameters, literals, a bound list
            wanted = ids[:n]
            assert [d.id for d in s.documents(wanted, text=False)] == sorted(wanted), n
        assert s.stats()["documents"] == len(ids)


def test_events_carry_their_country_set_and_old_stores_get_it(store_url: str) -> None:
    from tieline.store.base import country_set

    assert country_set(["USA", None, "KAZ", "USA"]) == "|KAZ|USA|" and country_set([None]) is None
    with open_store(store_url) as s:
        s.begin()
        s.insert("events", [["e1", "d", "CONSULT"] + [None] * 15 + ["st1"] + [None] * 5,
                            ["e2", "d", "AGREE"] + [None] * 15 + ["st2"] + [None] * 5])
        s.insert("event_actors", [["e1", "d", "actor", None, None, "USA", None],
                                  ["e1", "d", "recipient", None, None, "KAZ", None],
                                  ["e2", "d", "actor", "person:x", "X", "KAZ", None]])
        s.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")  # as a version-2 store
        s.commit()
    with open_store(store_url) as s:  # migrated: the country sets are filled in from event_actors
        assert s.schema_version() == SCHEMA_VERSION
        got = {r["id"]: r["countries"] for r in s.query("SELECT id, countries FROM events")}
        assert got == {"e1": "|KAZ|USA|", "e2": "|KAZ|"}
        assert {r["method"] for r in s.query("SELECT method FROM events")} == {"rules"}  # schema 4
        assert s.story_ids_with(countries=["KAZ", "USA"]) == ["st1"]
        assert s.story_ids_with(countries=["KAZ"]) == ["st1", "st2"]
        assert s.story_ids_with(countries=["KAZ"], actor_ids=["person:x"]) == ["st2"]
        assert s.story_ids_with(countries=["US%"]) == []  # not a code: never a LIKE pattern


def test_requeue_failed_makes_machine_failures_pending_again(store_url: str) -> None:
    s = open_store(store_url)
    try:
        s.put_documents([Document("a", "First text here."), Document("b", "Second text here."),
                         Document("c", "Third text here.")])
        s.add_rejects([Reject("a", "analysis failed: ModelNotInstalled: no model", "error", "a"),
                       Reject("b", "analysis failed: RuntimeError: broke", "error", "b"),
                       Reject("c", "analysis failed: ModelNotInstalled: no model", "error", "c")])
        s.mark_failed(["a", "b"])  # c failed once but is pending again: its reject is history
        assert s.requeue_failed(["analysis failed: ModelNotInstalled: "]) == 1
        status = {r["id"]: r["status"] for r in s.query("SELECT id, status FROM documents")}
        assert status == {"a": "ingested", "b": "failed", "c": "ingested"}
        left = sorted((r["doc_id"], r["reason"][:24]) for r in s.query("SELECT doc_id, reason FROM rejects"))
        assert left == [("b", "analysis failed: Runtime"), ("c", "analysis failed: ModelNo")]
        assert s.requeue_failed([]) == 0
    finally:
        s.close()


def test_named_read_methods(store_url: str) -> None:
    """The reads the web app, the API and the reports call instead of writing SQL (issue 17)."""
    with open_store(store_url) as s:
        d = Document("a", "Washington met Astana.", title="T", source="Wire", published="2018-01-16")
        s.put_documents([d, Document("b", "Nothing here.", source="Wire")])
        s.save_analyses([_analysis(d)])
        assert s.document_count() == 2
        assert [r["title"] for r in s.document_meta(["a"])] == ["T"] and s.document_meta([]) == []
        assert (s.document_row("a") or {})["text"] == d.text and s.document_row("zz") is None
        assert s.source_counts() == [{"source": "Wire", "n": 2}]
        assert [r["idx"] for r in s.sentences_at("a", [0])] == [0] and s.sentences_at("a", []) == []
        assert s.has_country_events("KAZ") and not s.has_country_events("RUS")
        assert s.event_actor_name("country:USA") == "United States" and s.event_actor_name("x:y") is None
        assert sorted(s.event_actor_names()) == ["Kazakhstan", "United States"]
        assert s.docs_mentioning_country("USA") == {"a"} and s.docs_mentioning_country("KAZ") == set()
        assert [m["text"] for m in s.resolved_mentions(["a", "b"])] == ["Washington"]
        assert [m["label"] for m in s.named_mentions()] == ["GPE"]
        assert s.mention_actor_ids() == [{"text": "Washington", "actor_id": "country:USA"}]
        sides = s.event_sides("KAZ", "2018-01-01", "2018-12-31")
        assert {r["side"] for r in sides} == {"actor", "recipient"} and len(sides) == 4
        assert s.event_sides("RUS") == [] and s.event_sides(start="2019-01-01") == []
        assert [r["id"] for r in s.document_rows_after("", 1, ["id", "title"])] == ["a"]
        assert [r["id"] for r in s.document_rows_after("a", 5, ["id"])] == ["b"]
        with pytest.raises(StoreError, match="column"):
            s.document_rows_after("", 1, ["id; DROP TABLE documents"])
        assert s.actor_count("unit") == 1 and s.actor_count(country="RUS") == 0
        assert [(r["actor_id"], int(r["mentions"])) for r in s.actor_page("UNIT", None, 10, 0)] == [
            ("country:USA", 1)]
        assert s.has_actor("country:USA") and not s.has_actor("x:y")
        assert (s.actor_row("country:USA") or {})["name"] == "United States"
        assert s.actor_counts("country:USA") == {"mentions": 1, "events": 2, "quotes": 1}
        assert s.actor_event_count("country:USA") == 2 and len(s.actor_event_page("country:USA", 1, 1)) == 1
        assert s.speaker_quote_count("country:USA") == 1
        assert [q["title"] for q in s.speaker_quote_page("country:USA", 5, 0)] == ["T"]
        assert [h["kind"] for h in s.substring_search("astana", None, 10)] == ["sentence"]
        assert [h["kind"] for h in s.substring_search("we MET", "quote", 10)] == ["quote"]
        assert [r["name"] for r in s.actor_ties("country:USA")] == ["Kazakhstan"]
        assert s.top_dyads(5) == []  # no story links the events yet


def test_every_committed_write_changes_the_generation(store_url: str, backend: str) -> None:
    seen: list[str] = []
    with open_store(store_url) as s:
        seen.append(s.generation())
        d = Document("g", "A text about two governments.")
        s.put_documents([d])
        seen.append(s.generation())
        s.save_analyses([_analysis(d)])
        seen.append(s.generation())
        s.replace_stories([], [Story("sg", "CONSULT", "2018-01-16", [], [], ["g-e0"], ["g"], 1, "talks")])
        seen.append(s.generation())
        s.mark_failed(["g"])
        seen.append(s.generation())
        s.add_rejects([Reject("p.txt", "empty", "warning")])
        seen.append(s.generation())
        assert s.generation() == seen[-1]  # reading changes nothing
        s.begin()  # a write rolled back leaves it as it was
        s.execute("DELETE FROM stories")
        s.rollback()
        assert s.generation() == seen[-1]
    assert len(set(seen)) == len(seen)
    with open_store(store_url, read_only=True) as r:
        assert r.generation() == seen[-1]


def test_a_store_made_before_generations_gets_one(store_url: str) -> None:
    with open_store(store_url) as s:
        s.execute("DELETE FROM meta WHERE key = 'generation'")
    with open_store(store_url, read_only=True) as r:
        assert r.generation() == "0"
    with open_store(store_url) as s:  # opened for writing: given one
        first = s.generation()
        assert first != "0"
        s.put_documents([Document("h", "Some text.")])
        assert s.generation() != first


def test_story_members_and_quote_candidates(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline.store.base as base

    with open_store(store_url) as s:
        docs = [Document("m1", "One text."), Document("m2", "Another text.")]
        s.put_documents(docs)
        s.save_analyses([_analysis(d) for d in docs])
        s.replace_stories([], [Story("sa", "CONSULT", "2018-01-16", [], [], ["m1-e0", "m2-e0"], ["m1", "m2"], 2, "a"),
                               Story("sb", "CONSULT", "2018-01-16", [], [], ["m1-e1"], ["m1"], 1, "b")])
        wanted = s.stories(["sa"])
        by_key = s.story_members(wanted, countries=["KAZ", "USA"])
        monkeypatch.setattr(base, "KEY_CHUNK", 1)  # many events: read in one pass by story instead
        by_story = s.story_members(wanted, countries=["KAZ", "USA"])
        assert by_key == by_story
        assert [(r["id"], r["story_id"], r["matches"]) for r in by_key] == [("m1-e0", "sa", 1), ("m2-e0", "sa", 1)]
        assert [r["matches"] for r in s.story_members(wanted, countries=["KAZ", "RUS"])] == [0, 0]
        assert s.story_members([], countries=["KAZ"]) == []
        # the quotes a story can show: linked to an event, or said by a participant
        assert [q.id for q in s.quote_candidates(["m1", "m2"], [])] == ["m1-q", "m2-q"]  # linked
        s.execute("UPDATE quotes SET event_ids = '[]'")
        assert s.quote_candidates(["m1", "m2"], []) == []
        assert [q.id for q in s.quote_candidates(["m2"], ["country:USA"])] == ["m2-q"]


def test_an_events_trigger_offset_is_kept_and_old_stores_get_the_column(store_url: str) -> None:
    doc = Document("t", "Washington met Astana.")
    a = _analysis(doc, 1)
    a.events[0].trigger, a.events[0].trigger_start = "met", 11
    with open_store(store_url) as s:
        s.put_documents([doc])
        s.save_analyses([a])
        (e,) = s.events()
        assert (e.trigger, e.trigger_start) == ("met", 11)
        s.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")  # as a version-4 store
    with open_store(store_url) as s:  # migrated: the column is there (kept), nothing lost
        assert s.schema_version() == SCHEMA_VERSION
        assert [x.trigger_start for x in s.events()] == [11]
