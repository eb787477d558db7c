from __future__ import annotations

from pathlib import Path

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


def test_schema_created_and_versioned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.stats()["documents"] == 0
    with open_store(db) as s:  # reopening migrates nothing, loses nothing
        assert s.migrate() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db) as s:
        s.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tieline run"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_documents_analyses_roundtrip_and_replace(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        d = Document("a", "Washington met Astana.", title="T", published="2018-01-16")
        s.put_documents([d])
        assert [x.id for x in s.pending_documents()] == ["a"]
        s.save_analyses([_analysis(d)])
        assert s.pending_count() == 0
        assert len(s.events()) == 2 and s.events()[0].actor[0].country == "USA"
        assert s.quotes()[0].speaker and s.quotes()[0].speaker.name == "United States"
        assert s.events(countries=["USA", "KAZ"]) and not s.events(countries=["RUS"])
        s.save_analyses([_analysis(d, n_events=1)])  # re-analysis replaces, never duplicates
        assert len(s.events()) == 1 and s.stats()["quotes"] == 1
        d2 = Document("a", "A changed text.", title="T2")
        s.put_documents([d2])  # a changed document drops its old analysis
        assert s.stats()["events"] == 0 and s.pending_count() == 1
        assert s.document_state("a")[0] == d2.sha256  # type: ignore[index]


def test_actors_accumulate_aliases(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        for i, surface in enumerate(["Washington", "the White House"]):
            d = Document(f"d{i}", f"text {i}")
            s.put_documents([d])
            a = _analysis(d)
            a.mentions[0].text = surface
            s.save_analyses([a])
        (usa,) = s.actors()
        assert usa["actor_id"] == "country:USA" and usa["aliases"] == ["Washington", "the White House"]


def test_stories_replace_and_link_events(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        d = Document("a", "x")
        s.put_documents([d])
        s.save_analyses([_analysis(d)])
        st = Story("s1", "CONSULT", "2018-01-16", [], [], ["a-e0", "a-e1"], ["a"], 1, "summary")
        s.replace_stories([], [st])
        s.replace_stories(["s1"], [st])
        assert [e.story_id for e in s.events()] == ["s1", "s1"]
        assert len(s.stories()) == 1
        s.replace_stories(["s1"], [])
        assert s.events(unlinked=True) and not s.stories()


def test_rejects_recorded(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        s.add_rejects([Reject("x.bin", "binary file, not text", "binary", "x")])
        assert s.rejects()[0].reason == "binary file, not text"


def test_failed_transaction_leaves_store_unchanged(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        d = Document("a", "x")
        s.put_documents([d])
        bad = _analysis(d)
        bad.events.append(bad.events[0])  # duplicate primary key: the whole batch must roll back
        import duckdb

        with pytest.raises(duckdb.ConstraintException):
            s.save_analyses([bad])
        assert s.stats()["events"] == 0 and s.stats()["sentences"] == 0 and s.pending_count() == 1


def test_bulk_insert_matches_row_by_row(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as s:
        rows = [["d", i, i * 10, i * 10 + 5, 0, f"sentence {i}"] for i in range(100)]
        s.insert("sentences", rows)
        s.insert("sentences", [["e", 1, 0, 1, 0, "x"]])  # below the bulk threshold
        mixed = [["m", i, 0, 1, "t", "PERSON", None, None, None, None, None, None, None, 1 if i else 0.5]
                 for i in range(30)]
        s.insert("mentions", mixed)
        assert s.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 101
        assert s.query("SELECT text FROM sentences WHERE doc_id = 'd' AND idx = 42")[0]["text"] == "sentence 42"
        assert s.query("SELECT count(*) AS n FROM mentions")[0]["n"] == 30
