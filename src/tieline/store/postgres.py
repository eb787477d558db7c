"""The server backend: PostgreSQL through psycopg 3.

``open_store("postgresql://user@host:5432/db")`` selects it.  The SQL is :class:`SQLStore`'s; this
module only adds what differs: the connection, ``%s`` parameters, arrays for ``IN`` lists, ``COPY``
for bulk appends, text columns in the C collation (so rows sort by code point, as in DuckDB) and
full-text search with ``tsvector`` / ``websearch_to_tsquery``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tieline.store.base import SQLStore, StoreError

# Any constant works: it only serialises concurrent migrations of one database.
_MIGRATE_LOCK = 0x7469656C  # "tiel"
_FTS_CONFIG = "english"
# Indexes for reading a few stories out of millions of events (a timeline, a pair's quotes).  They
# are PostgreSQL's own physical design, not schema: DuckDB answers the same queries with scans.
_INDEXES = {
    "idx_events_story": "events (story_id)",
    "idx_event_actors_country_event": "event_actors (country, event_id)",
    "idx_event_actors_actor_event": "event_actors (actor_id, event_id)",
    "idx_event_actors_event": "event_actors (event_id)",
    "idx_event_actors_doc": "event_actors (doc_id)",
    "idx_mentions_country_doc": "mentions (country, doc_id)",
}
_SEARCH_SOURCES = {  # kind -> (table, id expression)
    "sentence": ("sentences", "'s:' || doc_id || ':' || idx"),
    "quote": ("quotes", "'q:' || id"),
}


def redact(url: str) -> str:
    """The URL without its password (also a ``password=`` query parameter), for messages."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query)])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class PostgresStore(SQLStore):
    param = "%s"
    backend = "postgres"

    def __init__(self, url: str, read_only: bool = False) -> None:
        try:
            import psycopg
            from psycopg.conninfo import conninfo_to_dict
        except ImportError as exc:  # pragma: no cover - psycopg is in requirements.lock
            raise StoreError("the PostgreSQL backend needs psycopg 3 (pip install 'psycopg[binary]')") from exc
        safe = redact(url)
        try:
            params: dict[str, Any] = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"not a valid PostgreSQL URL: {safe}") from exc
        params.setdefault("connect_timeout", 10)
        params.setdefault("application_name", "tieline")
        if read_only:  # enforced by the server for every transaction of this session
            params["options"] = f"{params.get('options', '')} -c default_transaction_read_only=on".strip()
        try:
            conn = psycopg.connect(autocommit=True, **params)
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to PostgreSQL at {safe}: {reason}") from exc
        super().__init__(conn, safe)
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.schema_version() == 0:
            self.close()
            raise StoreError(f"{safe} is not a tieline store (no schema): "
                             f"run `tieline run ARTICLES/ --db {safe}` first")

    # -- plumbing ------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if not params:  # no placeholders: sent as is (a literal % stays a %)
            return self.conn.execute(sql)
        return self.conn.execute(self._sql(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def _in(self, column: str, values: Sequence[Any], indexed: bool = False) -> tuple[str, list[Any]]:
        """One array parameter: the statement text stays the same whatever the list's length, so
        it is prepared once, and there is no limit of 65,535 parameters to run into."""
        return f"{column} = ANY(?)", [list(values)]

    def _ddl(self, statement: str) -> str:
        # Text compares byte by byte (code point order for UTF-8), whatever the database's locale:
        # the same ORDER BY as DuckDB, and btree indexes that serve prefix and range scans.
        return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement)

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Bulk append with COPY (text format: the server parses each value as its column's type)."""
        if not rows:
            return
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def begin(self) -> None:
        self.conn.execute("BEGIN")

    def commit(self) -> None:
        self._changed()
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        from psycopg.pq import TransactionStatus

        if self.conn.closed:
            return
        if self.conn.info.transaction_status != TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        if not self.conn.closed:
            self.conn.close()

    # -- schema --------------------------------------------------------------------------------
    def schema_version(self) -> int:
        found = self.conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()
        return super().schema_version() if found and found[0] else 0

    def migrate(self) -> int:
        """As :meth:`SQLStore.migrate`, then this backend's indexes; one process at a time."""
        self.conn.execute("SELECT pg_advisory_lock(%s)", [_MIGRATE_LOCK])
        try:
            version = super().migrate()
            have = {r["indexname"] for r in self.query(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
            for name, target in _INDEXES.items():
                if name not in have:  # checked first: CREATE INDEX IF NOT EXISTS would lock the table
                    self.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
            return version
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATE_LOCK])

    # -- full-text search (tsvector expression indexes, kept current by PostgreSQL itself) ------
    def story_ids_with(self, countries: Sequence[str] = (), actor_ids: Sequence[str] = ()) -> list[str]:
        """With countries, the events' country sets as on DuckDB (a group's members count for it
        there, not in event_actors: the C5+1 is in every Central Asian dyad).  Actors alone go
        through a join over the event_actors indexes, started from the rarer side."""
        if countries or not actor_ids:
            return super().story_ids_with(countries, actor_ids)
        sides = [("actor_id", a) for a in actor_ids]
        joins = "".join(f" JOIN event_actors a{i} ON a{i}.event_id = e.id AND a{i}.{col} = ?"
                        for i, (col, _) in enumerate(sides))
        rows = self.query(f"SELECT DISTINCT e.story_id FROM events e{joins} WHERE e.story_id IS NOT NULL",
                          [v for _, v in sides])
        return sorted(r["story_id"] for r in rows)

    def rebuild_search(self) -> int:
        """Make sure sentences and quotes are indexed for :meth:`search`; returns the rows indexed.

        The GIN indexes are on ``to_tsvector(text)`` itself, so rows written later are found too.
        """
        for table in ("sentences", "quotes"):
            self.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_fts ON {table} "
                         f"USING gin (to_tsvector('{_FTS_CONFIG}', text))")
            self.execute(f"ANALYZE {table}")
        return sum(int(self.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in ("sentences", "quotes"))

    def search(self, text: str, limit: int = 20, kind: str | None = None,
               all_words: bool = True) -> list[dict[str, Any]]:
        """Sentences and quotes matching ``text`` (web-search syntax: words, "a phrase", -not, or),
        best first by ``ts_rank_cd``; the same columns as the DuckDB backend.

        Every word is required whatever ``all_words`` says (it is there for the DuckDB backend's
        sake).  Tokens with digits are kept: the ``english`` configuration maps numbers and
        letter-digit words ("G7", "H1N1", "2024") to the ``simple`` dictionary, so they are indexed
        and searched as they are."""
        if kind is not None and kind not in _SEARCH_SOURCES:
            raise StoreError(f"unknown kind {kind!r}; choose one of {', '.join(_SEARCH_SOURCES)}")
        vector = f"to_tsvector('{_FTS_CONFIG}', text)"
        parts = [f"SELECT {ident} AS id, '{k}' AS kind, doc_id, start_char, text, "
                 f"ts_rank_cd({vector}, q)::double precision AS score FROM {table}, wanted WHERE {vector} @@ q"
                 for k, (table, ident) in _SEARCH_SOURCES.items() if kind in (None, k)]
        sql = (f"WITH wanted AS (SELECT websearch_to_tsquery('{_FTS_CONFIG}', ?) AS q) "
               f"SELECT * FROM ({' UNION ALL '.join(parts)}) AS hits ORDER BY score DESC, id LIMIT ?")
        return self.query(sql, [text, int(limit)])
