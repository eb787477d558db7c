"""Storage: one interface (:class:`~tieline.store.base.SQLStore`), several backends.

``open_store("tieline.duckdb")`` opens (and creates or migrates) a DuckDB file;
``open_store("postgresql://user@host:5432/db")`` a PostgreSQL database (psycopg 3).
"""

from __future__ import annotations

from pathlib import Path

from tieline.store.base import SCHEMA_VERSION, SQLStore, StoreError

Store = SQLStore
DEFAULT_DB = "tieline.duckdb"


def is_server_url(url: str | Path) -> bool:
    """True for a PostgreSQL URL (``postgresql://`` or ``postgres://``), False for a file path."""
    return str(url).startswith(("postgres://", "postgresql://"))


def open_store(url: str | Path = DEFAULT_DB, read_only: bool = False) -> SQLStore:
    url = str(url)
    if is_server_url(url):
        from tieline.store.postgres import PostgresStore

        return PostgresStore(url, read_only=read_only)
    from tieline.store.duckdb import DuckDBStore

    return DuckDBStore(url, read_only=read_only)


__all__ = ["DEFAULT_DB", "is_server_url", "SCHEMA_VERSION", "Store", "StoreError", "open_store"]
