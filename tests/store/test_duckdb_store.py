"""What only the DuckDB backend does: a file on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.store import SCHEMA_VERSION, StoreError, open_store


def test_read_only_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tieline run"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_creates_the_folder_of_a_new_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "sub" / "s.duckdb") as s:
        assert s.backend == "duckdb"
    assert (tmp_path / "sub" / "s.duckdb").exists()


def test_version_1_store_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with open_store(db) as s:  # make it look like a store written by schema version 1
        s.execute("CREATE INDEX idx_event_actors_country ON event_actors (country)")
        s.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        names = {r["index_name"] for r in s.query("SELECT index_name FROM duckdb_indexes()")}
        assert "idx_event_actors_country" not in names and "idx_documents_sha" in names


def test_a_reader_creates_no_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "no" / "such" / "x.duckdb", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_a_duckdb_file_of_another_program_is_refused(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "other.duckdb"
    with duckdb.connect(str(db)) as conn:
        conn.execute("CREATE TABLE documents (name TEXT, pages INTEGER)")
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"other.duckdb is a DuckDB database of another program "
                                             r"\(tables: documents, invoices\)"):
            open_store(db, read_only=read_only)
    with duckdb.connect(str(db), read_only=True) as conn:  # nothing was added beside the owner's tables
        tables = conn.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    assert tables == [("documents",), ("invoices",)]


def test_a_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "notes.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="notes.db is not a tieline store: it holds a SQLite database"):
            open_store(db, read_only=read_only)
    assert db.read_bytes() == before


def test_a_text_file_is_refused_and_an_empty_one_becomes_a_store(tmp_path: Path) -> None:
    text = tmp_path / "readme.duckdb"
    text.write_text("Not a database at all.\n")
    with pytest.raises(StoreError, match="it holds text"):
        open_store(text)
    empty = tmp_path / "new.duckdb"
    empty.touch()  # as mktemp leaves it
    with pytest.raises(StoreError, match="the file is empty"):
        open_store(empty, read_only=True)
    with open_store(empty) as s:
        assert s.schema_version() == SCHEMA_VERSION
    with open_store(empty, read_only=True) as s:
        assert s.stats()["documents"] == 0


def test_columns_fetched_by_key_are_never_fsst_and_article_text_is(tmp_path: Path) -> None:
    """A timeline fetches its stories, events and quotes row by row: those text columns are stored
    in a dictionary (fast to fetch one row of), the articles' text with DuckDB's own choice."""
    with open_store(tmp_path / "s.duckdb") as s:
        words = "talks between the two governments on trade and energy and water"
        s.execute("INSERT INTO documents (id, sha256, text) SELECT 'd' || i, 'h' || i, "
                  f"'{words} ' || i || ' {words}' FROM range(30000) r(i)")
        s.execute("INSERT INTO events (id, doc_id, event, actor, countries) SELECT 'e' || i, 'd' || i, "
                  f"'CONSULT', '[{{\"text\": \"{words} ' || (i % 5000) || '\"}}]', '|KAZ|USA|' FROM range(30000) r(i)")
        s.execute("CHECKPOINT")
        kinds = {(r["t"], r["column_name"]): r["compression"] for r in s.query(
            "SELECT 'events' AS t, column_name, compression FROM pragma_storage_info('events') "
            "WHERE segment_type = 'VARCHAR' AND compression <> 'Constant' UNION ALL "
            "SELECT 'documents', column_name, compression FROM pragma_storage_info('documents') "
            "WHERE segment_type = 'VARCHAR' AND compression <> 'Constant'")}
    assert kinds[("events", "actor")] == kinds[("events", "id")] == kinds[("events", "countries")] == "Dictionary"
    assert kinds[("documents", "id")] == "Dictionary"
    assert kinds[("documents", "text")] == "FSST"
