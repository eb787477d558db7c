"""What only the PostgreSQL backend does: a server, reached by URL."""

from __future__ import annotations

import socket

import pytest

from tieline.records import Document
from tieline.store import StoreError, is_server_url, open_store
from tieline.store.postgres import redact


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_urls_select_the_server_backend() -> None:
    assert is_server_url("postgresql://u@h/db") and is_server_url("postgres://h/db")
    assert not is_server_url("tieline.duckdb") and not is_server_url("/data/postgresql.duckdb")


def test_redact_drops_the_password() -> None:
    assert redact("postgresql://ann:s3cret@db.example:5433/news") == "postgresql://ann@db.example:5433/news"
    assert redact("postgresql://ann@h/news?password=s3cret&sslmode=require") == \
        "postgresql://ann@h/news?password=%2A%2A%2A&sslmode=require"
    assert redact("postgresql://h/news") == "postgresql://h/news"


def test_unreachable_server_is_a_clear_error() -> None:
    url = f"postgresql://ann:s3cret@127.0.0.1:{_closed_port()}/news?connect_timeout=3"
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL at postgresql://ann@127.0.0.1") as info:
        open_store(url)
    assert "s3cret" not in str(info.value)


def test_server_side_settings(pg_url: str) -> None:
    with open_store(pg_url) as s:
        s.put_documents([Document("a", "x")])
        assert s.query("SHOW default_transaction_read_only")[0]["default_transaction_read_only"] == "off"
        assert s.query("SELECT collation_name FROM information_schema.columns "
                       "WHERE table_name = 'documents' AND column_name = 'id'")[0]["collation_name"] == "C"
    with open_store(pg_url, read_only=True) as s:
        assert s.query("SHOW default_transaction_read_only")[0]["default_transaction_read_only"] == "on"
        assert s.search("anything") == []  # type: ignore[attr-defined]
