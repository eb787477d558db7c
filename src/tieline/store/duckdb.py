"""The default backend: one embedded DuckDB file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tieline.store.base import SQLStore, StoreError

_LIST_MIN = 16  # from this many values an IN list is bound as an Arrow column
_LIST_SLOTS = 8  # registered list names, reused in turn
_KEYS_MAX = 1024  # up to this many primary keys go in as literals, looked up through the index
# What the search index drops between tokens (after lower-casing and stripping accents).  DuckDB's
# default, (\.|[^a-z])+, drops digits too, so "G7", "H1N1" or "2024" found nothing; letters and
# digits stay here, everything else splits words.
_FTS_IGNORE = r"(\.|[^a-z0-9])+"


def _literal(value: str) -> str:
    """A SQL string literal (standard strings: a quote is doubled, a backslash is just a character)."""
    return "'" + value.replace("'", "''") + "'"


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
        self._fts_loaded = False
        self._lists = 0

    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """Long ``IN`` lists go in as one registered Arrow column, not one parameter per value:
        DuckDB's Python binding converts each parameter slowly (about 0.1 ms a value).  A few
        hundred primary keys go in as quoted literals instead, which DuckDB looks up in the
        table's ART index rather than scanning the table (timeline stories out of 500,000: 15 ms
        against 50 ms)."""
        if len(values) < _LIST_MIN:
            return super()._in(column, values)
        if column == "id" and len(values) <= _KEYS_MAX and all(isinstance(v, str) and "\0" not in v
                                                               for v in values):
            return f"id IN ({', '.join(_literal(v) for v in values)})", []
        import pyarrow as pa

        try:
            data = pa.table({"v": pa.array(list(values))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: one parameter each
            return super()._in(column, values)
        name = f"_tieline_list{self._lists % _LIST_SLOTS}"  # a query uses at most a few lists at once
        self._lists += 1
        self.conn.register(name, data)
        return f"{column} IN (SELECT v FROM {name})", []

    def insert(self, table: str, rows: list[Sequence[Any]]) -> None:
        """Bulk append through Arrow: DuckDB's executemany goes row by row (milliseconds a row)."""
        if len(rows) < 20:
            super().insert(table, rows)
            return
        import pyarrow as pa

        cols = list(zip(*rows, strict=True))
        try:
            data = pa.table({f"c{i}": pa.array(list(c)) for i, c in enumerate(cols)})
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column of mixed types: the slow, sure way
            super().insert(table, rows)
            return
        self.conn.register("_tieline_rows", data)
        try:
            self.conn.execute(f"INSERT INTO {table} SELECT * FROM _tieline_rows")
        finally:
            self.conn.unregister("_tieline_rows")

    # -- full-text search (DuckDB's fts extension, shipped by the duckdb-extension-fts package) --
    def _load_fts(self) -> None:
        if self._fts_loaded:
            return
        try:
            import duckdb_extension_fts

            ext = next(Path(duckdb_extension_fts.__file__).parent.rglob("fts.duckdb_extension"))
            self.conn.execute(f"LOAD '{ext}'")
        except (ImportError, StopIteration) as exc:
            raise StoreError("full-text search needs the duckdb-extension-fts package "
                             "(it is in requirements.lock; run `make install`)") from exc
        self._fts_loaded = True

    def rebuild_search(self) -> int:
        """Index every sentence and quote for :meth:`search`; returns the rows indexed."""
        self._load_fts()
        self.execute("DROP TABLE IF EXISTS search_text")
        self.execute(
            "CREATE TABLE search_text AS "
            "SELECT 's:' || doc_id || ':' || idx AS id, 'sentence' AS kind, doc_id, start_char, text "
            "FROM sentences UNION ALL "
            "SELECT 'q:' || id AS id, 'quote' AS kind, doc_id, start_char, text FROM quotes")
        n = int(self.query("SELECT count(*) AS n FROM search_text")[0]["n"])
        if n:
            self.execute(f"PRAGMA create_fts_index('search_text', 'id', 'text', ignore='{_FTS_IGNORE}', "
                         "overwrite=1)")
        return n

    def search(self, text: str, limit: int = 20, kind: str | None = None,
               all_words: bool = False) -> list[dict[str, object]]:
        """Sentences and quotes matching ``text`` (BM25, best first); with ``all_words`` only those
        with every word of it (as PostgreSQL's web-search syntax always asks)."""
        self._load_fts()
        if not self.query("SELECT count(*) AS n FROM information_schema.tables "
                          "WHERE table_name = 'search_text'")[0]["n"]:
            return []
        where = "AND kind = ?" if kind else ""
        params: list[object] = [text] + ([kind] if kind else []) + [int(limit)]
        conjunctive = ", conjunctive := 1" if all_words else ""
        return self.query(
            "SELECT id, kind, doc_id, start_char, text, score FROM ("
            f"SELECT *, fts_main_search_text.match_bm25(id, ?{conjunctive}) AS score FROM search_text) "
            f"WHERE score IS NOT NULL {where} ORDER BY score DESC, id LIMIT ?", params)
