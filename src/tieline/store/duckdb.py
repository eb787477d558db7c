"""The default backend: one embedded DuckDB file."""

from __future__ import annotations

import re
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
# Text columns a reader fetches row by row through a key (a timeline's stories, their events, the
# documents' metadata and quotes) are stored with dictionary compression, never FSST: DuckDB fetches
# one row of an FSST column by decoding around it.  At 1M events a cold KAZ-USA timeline took
# 190 ms with DuckDB's own choice, under 100 without FSST, and the file was smaller (repeated actor
# references and dates compress better in a dictionary).  Long texts (articles, sentences) keep FSST.
_FETCHED = {
    "documents": ("id", "title", "source", "url", "published", "status"),
    "events": ("id", "doc_id", "event", "mode", "context", "actor", "recipient", "date", "date_text",
               "date_source", "event_loc", "certainty", "amounts", "quote_ids", "story_id", "trigger_word",
               "countries", "method"),
    "quotes": ("id", "doc_id", "text", "speaker", "speaker_id", "speaker_country", "cue", "event_ids"),
    "stories": ("id", "event", "date", "actor", "recipient", "event_ids", "doc_ids", "summary", "conflicts",
                "place"),
}
_TABLE = re.compile(r"^(?:CREATE TABLE IF NOT EXISTS|ALTER TABLE)\s+(\w+)", re.MULTILINE)


def _literal(value: str) -> str:
    """A SQL string literal (standard strings: a quote is doubled, a backslash is just a character)."""
    return "'" + value.replace("'", "''") + "'"


def _check_file(path: Path, read_only: bool) -> None:
    """Refuse, before DuckDB opens it, a path that is no store: a reader's missing file, a folder,
    or a file of another format (a SQLite file would have DuckDB reach for an extension).  An
    empty file is a new store (``mktemp``); it is removed so that DuckDB can create one."""
    if not path.exists():
        if read_only:
            raise StoreError(f"no store at {path}: run `tieline run ARTICLES/ --db {path}` first")
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder; --db takes a DuckDB file (e.g. {path / 'tieline.duckdb'})")
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head:
        if read_only:
            raise StoreError(f"no store at {path}: the file is empty; run `tieline run ARTICLES/ --db {path}` first")
        path.unlink()
        return
    if head[8:12] != b"DUCK":
        raise StoreError(f"{path} is not a tieline store: it holds {_what(head)}, not a DuckDB database; "
                         "give --db a new file")


def _what(head: bytes) -> str:
    """What a file's first bytes say it is, in words."""
    if head.startswith(b"SQLite format 3\0"):
        return "a SQLite database"
    if head.startswith(b"PAR1"):
        return "a Parquet file"
    if head.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        return "an archive"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not a character cut at the end of the sample
            return "data of an unknown format"
    return "text"


class DuckDBStore(SQLStore):
    backend = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        path = str(path)
        if path != ":memory:":
            _check_file(Path(path), read_only)
            if not read_only:  # a reader never creates anything
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Never fetch or load an extension on its own (DuckDB would for a SQLite file): the one
            # tieline uses, fts, is loaded from the installed package by _load_fts.
            conn = duckdb.connect(path, read_only=read_only, config={"autoinstall_known_extensions": False,
                                                                     "autoload_known_extensions": False})
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        super().__init__(conn, path)
        self.read_only = read_only
        try:
            if self.schema_version() == 0:
                others = sorted(r["table_name"] for r in self.query(
                    "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"))
                if others:
                    shown = ", ".join(others[:8]) + (f" and {len(others) - 8} more" if len(others) > 8 else "")
                    raise StoreError(f"{path} is a DuckDB database of another program (tables: {shown}), "
                                     "not a tieline store; give --db a new file")
                if read_only:
                    raise StoreError(f"{path} is an empty DuckDB database, not a tieline store: "
                                     f"run `tieline run ARTICLES/ --db {path}` first")
            if not read_only:
                self.migrate()
        except BaseException:
            conn.close()
            raise
        self._fts_loaded = False
        self._lists = 0
        self._frozen: str | None = None  # a read-only connection's generation

    def generation(self) -> str:
        """As :meth:`SQLStore.generation`; read once by a read-only connection, which cannot see a
        write: DuckDB lets no process write a file while another has it open (a refreshed copy
        swapped in is a new file, and a new connection: :class:`tieline.web.pool.StorePool`)."""
        if not self.read_only:
            return super().generation()
        if self._frozen is None:
            self._frozen = super().generation()
        return self._frozen

    def _ddl(self, statement: str) -> str:
        """The table's fetched text columns (:data:`_FETCHED`) made ``USING COMPRESSION
        dictionary``, in ``CREATE TABLE`` and ``ALTER TABLE ... ADD COLUMN`` alike."""
        table = _TABLE.search(statement)
        columns = _FETCHED.get(table.group(1), ()) if table else ()
        if not columns:
            return statement
        names = "|".join(columns)
        return re.sub(rf"(?<![\w.])({names}) TEXT\b", r"\1 TEXT USING COMPRESSION dictionary", statement)

    def _in(self, column: str, values: Sequence[Any], indexed: bool = False) -> tuple[str, list[Any]]:
        """Long ``IN`` lists go in as one registered Arrow column, not one parameter per value:
        DuckDB's Python binding converts each parameter slowly (about 0.1 ms a value).  A few
        hundred primary keys (or values of an ``indexed`` column) go in as quoted literals instead,
        which DuckDB looks up in the table's ART index rather than scanning the table (timeline
        stories out of 500,000: 15 ms against 50 ms; a timeline's quotes out of 300,000: 17 ms
        against 30)."""
        if len(values) < _LIST_MIN:
            return super()._in(column, values)
        if (column == "id" or indexed) and len(values) <= _KEYS_MAX and all(
                isinstance(v, str) and "\0" not in v for v in values):
            return f"{column} IN ({', '.join(_literal(v) for v in values)})", []
        import pyarrow as pa

        try:
            data = pa.table({"v": pa.array(list(values))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: one parameter each
            return super()._in(column, values)
        name = f"_tieline_list{self._lists % _LIST_SLOTS}"  # a query uses at most a few lists at once
        self._lists += 1
        self.conn.register(name, data)
        return f"{column} IN (SELECT v FROM {name})", []

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
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
               all_words: bool = False) -> list[dict[str, Any]]:
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
