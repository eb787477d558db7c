"""Storage: one interface (:class:`~tieline.store.base.SQLStore`), several backends.

``open_store("tieline.duckdb")`` opens (and creates or migrates) a DuckDB file;
a ``postgresql://`` URL will select the PostgreSQL backend once it exists.
"""

from __future__ import annotations

from pathlib import Path

from tieline.store.base import SCHEMA_VERSION, SQLStore, StoreError

Store = SQLStore
DEFAULT_DB = "tieline.duckdb"


def open_store(url: str | Path = DEFAULT_DB, read_only: bool = False) -> SQLStore:
    url = str(url)
    if url.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not built yet; use a DuckDB file path for --db")
    from tieline.store.duckdb import DuckDBStore

    return DuckDBStore(url, read_only=read_only)


__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "StoreError", "open_store"]
