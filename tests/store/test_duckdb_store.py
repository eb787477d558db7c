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
