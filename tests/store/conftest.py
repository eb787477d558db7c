"""Store fixtures: every store test runs on DuckDB and on PostgreSQL.

The PostgreSQL runs need a server: ``TIELINE_TEST_PG`` names it (``postgresql://user@host:port/db``,
a role that may create databases; ``.ci/run`` starts one with ``.ci/postgres.sh``).  Each test gets
a database of its own, dropped afterwards.  Without ``TIELINE_TEST_PG`` the PostgreSQL runs skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV = "TIELINE_TEST_PG"
BACKENDS = ["duckdb", "postgres"]


def pg_server() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL tests need a server: set {PG_ENV}=postgresql://user@127.0.0.1:PORT/db "
                    "(.ci/postgres.sh starts one)")
    return url


@contextmanager
def pg_database(server: str) -> Iterator[str]:
    """A fresh, empty database on ``server``; yields its URL and drops it afterwards."""
    import psycopg

    name = f"tieline_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store may be opened: a DuckDB file path or a PostgreSQL URL."""
    if backend == "duckdb":
        yield str(tmp_path / "s.duckdb")
    else:
        with pg_database(pg_server()) as url:
            yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (skips without ``TIELINE_TEST_PG``)."""
    with pg_database(pg_server()) as url:
        yield url
