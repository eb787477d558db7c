"""The default backend: one embedded DuckDB file."""

from __future__ import annotations

from pathlib import Path

from tieline.store.base import SQLStore, StoreError


class DuckDBStore(SQLStore):
    backend = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no store at {path}: run `tieline run ARTICLES/ --db {path}` first")
        try:
            conn = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        super().__init__(conn, path)
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.schema_version() == 0:
            raise StoreError(f"{path} is not a tieline store (no schema)")
