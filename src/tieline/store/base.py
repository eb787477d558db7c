"""The storage interface every backend implements, and its portable SQL implementation.

Stages never talk to a database: they produce records, and the API hands them
to a :class:`Store`.  :class:`SQLStore` holds all the SQL (standard enough for
DuckDB and PostgreSQL); a backend only supplies a connection, its parameter
style and its transaction calls.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from tieline.errors import StoreError as StoreError  # re-export: its old home
from tieline.records import (
    ActorRef,
    Amount,
    Analysis,
    Conflict,
    Document,
    Event,
    Place,
    Quote,
    Reject,
    Story,
    to_dict,
)

SCHEMA_VERSION = 5
KEY_CHUNK = 1024  # primary keys per lookup: bounded statements on every backend
DERIVED_TABLES = ("sentences", "mentions", "events", "event_actors", "quotes")



def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(to_dict(value), ensure_ascii=False)


def _refs(raw: str | None) -> list[ActorRef]:
    return [ActorRef(**r) for r in _parsed_refs(raw or "[]")]


@lru_cache(maxsize=8192)
def _parsed_refs(raw: str) -> tuple[dict[str, Any], ...]:
    """A participants or speaker column's JSON, parsed once: the same few sides recur in thousands
    of rows (callers make their own records from the dicts and never change them)."""
    value = json.loads(raw)
    return tuple(value) if isinstance(value, list) else (value,)


def member_event(row: dict[str, Any], refs: bool = False) -> Event:
    """An event from a :meth:`SQLStore.story_members` row: what headlining and quoting need, its
    participants decoded only when ``refs`` asks (most rows are never looked at that closely)."""
    return Event(id=row["id"], doc_id=row["doc_id"], event=row["event"],
                 actor=_refs(row["actor"]) if refs else [], recipient=_refs(row["recipient"]) if refs else [],
                 event_text="", start=0, end=0, sentence=int(row["sentence"] or 0), date=row["date"],
                 certainty=row["certainty"], story_id=row["story_id"])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


MIGRATIONS: dict[int, str] = {1: "schema.sql", 2: "schema_v2.sql", 3: "schema_v3.sql", 4: "schema_v4.sql", 5: "schema_v5.sql"}


class SQLStore:
    """Portable SQL over a DB-API connection.  Subclasses set ``param`` and the connection."""

    param = "?"
    backend = "sql"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url

    # -- plumbing --------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.param == "?" else sql.replace("?", self.param)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor() if self.param != "?" else self.conn
        return cur.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur = self.conn.cursor() if self.param != "?" else self.conn
            cur.executemany(self._sql(sql), rows)

    def _in(self, column: str, values: Sequence[Any], indexed: bool = False) -> tuple[str, list[Any]]:
        """``column IN (...)`` and its parameters; a backend may bind one array parameter instead.
        ``indexed``: the column has an index a backend may look the values up in (as a primary key)."""
        if not values:
            return "1 = 0", []
        return f"{column} IN ({', '.join('?' for _ in values)})", list(values)

    def _ddl(self, statement: str) -> str:
        """One schema statement as this backend needs it (types, collations); portable by default."""
        return statement

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows (values in the table's column order); backends may do it in bulk."""
        if rows:
            self.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def search(self, text: str, limit: int = 20, kind: str | None = None,
               all_words: bool = False) -> list[dict[str, Any]]:
        """Sentences and quotes matching ``text``, best first: each backend's own full-text index."""
        raise NotImplementedError(f"{type(self).__name__} has no full-text search")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self._changed()
        self.execute("COMMIT")

    def rollback(self) -> None:
        with contextlib.suppress(Exception):  # nothing to roll back
            self.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what readers cache: the store's generation --------------------------------------------
    def generation(self) -> str:
        """An opaque token that changes with every write committed through this class (each
        :meth:`commit`, and the single-statement writes such as :meth:`mark_failed`): a reader
        that caches what it computed from the store keys it on this and is never served stale
        answers, whichever process wrote.  "0" for a store never written since it was made."""
        rows = self.query("SELECT value FROM meta WHERE key = 'generation'")
        return str(rows[0]["value"]) if rows and rows[0]["value"] else "0"

    def _changed(self) -> None:
        """A new :meth:`generation` (inside the caller's transaction, so readers see the new token
        exactly when they see the new rows).  A read-only connection changes nothing."""
        if not getattr(self, "read_only", False):
            self.execute("UPDATE meta SET value = ? WHERE key = 'generation'", [uuid.uuid4().hex])

    # -- schema ----------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            rows = self.query("SELECT value FROM meta WHERE key = 'schema_version'")
        except Exception:
            self.rollback()
            return 0
        return int(rows[0]["value"]) if rows else 0

    def migrate(self) -> int:
        """Bring the schema up to :data:`SCHEMA_VERSION`; returns the version reached."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"store {self.url} has schema version {current}, newer than this "
                             f"tieline ({SCHEMA_VERSION}); upgrade tieline")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            script = resources.files("tieline.store").joinpath(MIGRATIONS[version]).read_text("utf-8")
            self.begin()
            try:
                for stmt in (s.strip() for s in script.split(";")):
                    if stmt and not all(line.startswith("--") for line in stmt.splitlines()):
                        self.execute(self._ddl(stmt))
                self.execute("DELETE FROM meta WHERE key = 'schema_version'")
                self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", [str(version)])
                self.commit()
            except Exception:
                self.rollback()
                raise
        if not self.query("SELECT 1 AS x FROM meta WHERE key = 'generation'"):  # stores made before it
            self.execute("INSERT INTO meta (key, value) VALUES ('generation', ?)", [uuid.uuid4().hex])
        return SCHEMA_VERSION

    # -- documents and rejects ------------------------------------------------------------
    def document_state(self, doc_id: str) -> tuple[str, str, str] | None:
        """(sha256 of the text, fingerprint of text and metadata, status) of a stored document."""
        rows = self.query("SELECT sha256, fingerprint, status FROM documents WHERE id = ?", [doc_id])
        return (rows[0]["sha256"], rows[0]["fingerprint"], rows[0]["status"]) if rows else None

    def doc_id_for_sha(self, sha: str) -> str | None:
        rows = self.query("SELECT id FROM documents WHERE sha256 = ? LIMIT 1", [sha])
        return rows[0]["id"] if rows else None

    def put_documents(self, docs: Iterable[Document], fingerprints: dict[str, str] | None = None) -> int:
        """Store new or changed documents (status ``ingested``), each replacing any older version.

        ``fingerprints`` gives, per id, the fingerprint to remember (default: the document's own).
        """
        fingerprints = fingerprints or {}
        docs = list(docs)
        if not docs:
            return 0
        self.begin()
        try:
            ids = [d.id for d in docs]
            self._delete_docs(ids, include_document=True)
            now = _now()
            self.executemany(
                "INSERT INTO documents (id, title, source, url, published, sha256, fingerprint, path, format, lang, "
                "text, status, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ingested', ?)",
                [[d.id, d.title, d.source, d.url, d.published, d.sha256, fingerprints.get(d.id) or d.fingerprint(),
                  d.path, d.format,
                  d.lang, d.text, now]
                 for d in docs])
            self.commit()
        except Exception:
            self.rollback()
            raise
        return len(docs)

    def _delete_docs(self, ids: list[str], include_document: bool = False) -> None:
        tables = DERIVED_TABLES + (("documents",) if include_document else ())
        for t in tables:
            cond, params = self._in("id" if t == "documents" else "doc_id", ids)
            self.execute(f"DELETE FROM {t} WHERE {cond}", params)

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        """Record rejects (and warnings).  One already recorded, the same input for the same reason
        (a rerun of the same folder), is not added again: its time is brought up to date."""
        now = _now()
        rows = list({(r.path, r.reason, r.kind, r.doc_id, r.sha256): [r.path, r.reason, r.kind, r.doc_id,
                                                                      r.sha256, r.detail, now]
                     for r in rejects}.values())
        if not rows:
            return
        same = ("path IS NOT DISTINCT FROM ? AND reason IS NOT DISTINCT FROM ? AND kind IS NOT DISTINCT FROM ? "
                "AND doc_id IS NOT DISTINCT FROM ? AND sha256 IS NOT DISTINCT FROM ?")
        self.begin()
        try:
            self.executemany(f"DELETE FROM rejects WHERE {same}", [row[:5] for row in rows])
            self.executemany("INSERT INTO rejects (path, reason, kind, doc_id, sha256, detail, rejected_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self.commit()
        except Exception:
            self.rollback()
            raise

    def pending_documents(self, limit: int | None = None, after: str = "") -> list[Document]:
        """Documents stored but not analysed yet, in id order (keyset paging with ``after``)."""
        sql = ("SELECT id, text, title, source, url, published, path, format, sha256, lang FROM documents "
               "WHERE status = 'ingested' AND id > ? ORDER BY id")
        rows = self.query(sql + (f" LIMIT {int(limit)}" if limit else ""), [after])
        return [Document(**r) for r in rows]

    def pending_count(self) -> int:
        return int(self.query("SELECT count(*) AS n FROM documents WHERE status = 'ingested'")[0]["n"])

    def requeue_failed(self, reason_prefixes: Sequence[str]) -> int:
        """Make pending again the failed documents whose analysis reject starts with one of
        ``reason_prefixes`` (failures of the machine, not of the document: the model was missing),
        dropping those rejects; the number of documents requeued."""
        if not reason_prefixes:
            return 0
        like = " OR ".join("reason LIKE ?" for _ in reason_prefixes)
        params = [p + "%" for p in reason_prefixes]
        ids = [r["doc_id"] for r in self.query(
            "SELECT DISTINCT doc_id FROM rejects WHERE kind = 'error' AND doc_id IN "
            f"(SELECT id FROM documents WHERE status = 'failed') AND ({like}) ORDER BY doc_id", params)]
        if not ids:
            return 0
        self.begin()
        try:
            for i in range(0, len(ids), KEY_CHUNK):
                cond, chunk = self._in("id", ids[i:i + KEY_CHUNK])
                self.execute(f"UPDATE documents SET status = 'ingested' WHERE {cond}", chunk)
                cond, chunk = self._in("doc_id", ids[i:i + KEY_CHUNK])
                self.execute(f"DELETE FROM rejects WHERE kind = 'error' AND ({like}) AND {cond}", params + chunk)
            self.commit()
        except Exception:
            self.rollback()
            raise
        return len(ids)

    def mark_failed(self, ids: Sequence[str]) -> None:
        if ids:
            cond, params = self._in("id", ids)
            self.execute(f"UPDATE documents SET status = 'failed' WHERE {cond}", params)
            self._changed()

    def documents(self, ids: Sequence[str] | None = None, text: bool = True) -> list[Document]:
        cols = "id, text, title, source, url, published, path, format, sha256, lang"
        if not text:
            cols = cols.replace("text,", "'' AS text,", 1)
        sql = f"SELECT {cols} FROM documents"
        params: list[Any] = []
        if ids is not None:
            if not ids:
                return []
            cond, params = self._in("id", ids)
            sql += f" WHERE {cond}"
        return [Document(**r) for r in self.query(sql + " ORDER BY id", params)]

    def rejects(self) -> list[Reject]:
        return [Reject(**r) for r in self.query(
            "SELECT path, reason, kind, doc_id, sha256, detail FROM rejects ORDER BY rejected_at, path")]

    # -- analyses ---------------------------------------------------------------------------
    def save_analyses(self, analyses: Sequence[Analysis]) -> None:
        """Store what the stages found for these documents, atomically, and mark them analysed."""
        if not analyses:
            return
        self.begin()
        try:
            self._delete_docs([a.doc.id for a in analyses])
            sent, ment, ev, ea, qu = [], [], [], [], []
            actors: dict[str, list[Any]] = {}
            aliases: dict[str, set[str]] = {}
            for a in analyses:
                did = a.doc.id
                sent += [[did, s.index, s.start, s.end, s.paragraph, s.text] for s in a.sentences]
                for m in a.mentions:
                    ment.append([did, m.sentence, m.start, m.end, m.text, m.label, m.actor_id, m.name,
                                 m.country, m.sector, m.kind, m.role, m.method, m.confidence])
                    if m.actor_id and m.label not in ("PRON",):
                        actors.setdefault(m.actor_id, [m.actor_id, m.name or m.text, m.kind, m.country,
                                                       m.sector])
                        aliases.setdefault(m.actor_id, set()).add(m.text)
                for e in a.events:
                    ev.append(_event_row(e))
                    for side, refs in (("actor", e.actor), ("recipient", e.recipient)):
                        ea += [[e.id, did, side, r.actor_id, r.name, r.country, r.sector] for r in refs]
                for q in a.quotes:
                    sp = q.speaker
                    qu.append([q.id, did, q.text, q.start, q.end, _j(sp), sp.actor_id if sp else None,
                               sp.country if sp else None, q.cue, q.sentence, _j(q.event_ids)])
            self.insert("sentences", sent)
            self.insert("mentions", ment)
            self.insert("events", ev)
            self.insert("event_actors", ea)
            self.insert("quotes", qu)
            self._upsert_actors(actors, aliases)
            cond, params = self._in("id", [a.doc.id for a in analyses])
            self.execute(f"UPDATE documents SET status = 'analyzed', analyzed_at = ? WHERE {cond}",
                         [_now()] + params)
            self.commit()
        except Exception:
            self.rollback()
            raise

    def _upsert_actors(self, actors: dict[str, list[Any]], aliases: dict[str, set[str]]) -> None:
        if not actors:
            return
        cond, ids = self._in("actor_id", list(actors))
        old = {r["actor_id"]: r for r in self.query(f"SELECT actor_id, aliases FROM actors WHERE {cond}", ids)}
        rows = []
        for aid, row in actors.items():
            seen = set(json.loads(old[aid]["aliases"] or "[]")) if aid in old else set()
            rows.append(row + [json.dumps(sorted(seen | aliases[aid]), ensure_ascii=False), "[]"])
        self.execute(f"DELETE FROM actors WHERE {cond}", ids)
        self.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    # -- reading back ------------------------------------------------------------------------
    def events(self, doc_ids: Sequence[str] | None = None, countries: Sequence[str] | None = None,
               story_ids: Sequence[str] | None = None, unlinked: bool = False,
               any_country: Sequence[str] | None = None, ids: Sequence[str] | None = None) -> list[Event]:
        """Events matching every filter given, in document order.  ``ids`` are looked up by primary
        key, a few hundred at a time (the fast way to a story's events: ``Story.event_ids``)."""
        if ids is not None and len(ids) > KEY_CHUNK:
            out: list[Event] = []
            for i in range(0, len(ids), KEY_CHUNK):
                out += self.events(doc_ids, countries, story_ids, unlinked, any_country, ids[i:i + KEY_CHUNK])
            out.sort(key=lambda e: (e.doc_id, e.start, e.id))
            return out
        where: list[str] = []
        params: list[Any] = []
        for column, values in (("doc_id", doc_ids), ("story_id", story_ids), ("id", ids)):
            if values is not None:
                cond, more = self._in(column, values)
                where.append(cond)
                params += more
        if countries:
            for c in countries:
                where.append("id IN (SELECT event_id FROM event_actors WHERE country = ?)")
                params.append(c)
        if any_country:
            cond, more = self._in("country", any_country)
            where.append(f"id IN (SELECT event_id FROM event_actors WHERE {cond})")
            params += more
        if unlinked:
            where.append("story_id IS NULL")
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return [_event(r) for r in self.query(sql + " ORDER BY doc_id, start_char, id", params)]

    def _subjects_where(self, countries: Sequence[str], actor_ids: Sequence[str]) -> tuple[list[str], list[Any]]:
        """Conditions on ``events`` for an event in which all these countries and actors take part."""
        where: list[str] = ["story_id IS NOT NULL"]
        params: list[Any] = []
        for c in countries:
            if c.isalnum():
                where.append("countries LIKE ?")
                params.append(f"%|{c}|%")
            else:  # not a code a LIKE pattern can hold: ask event_actors
                where.append("id IN (SELECT event_id FROM event_actors WHERE country = ?)")
                params.append(c)
        for a in actor_ids:
            where.append("id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
            params.append(a)
        return where, params

    def story_ids_with(self, countries: Sequence[str] = (), actor_ids: Sequence[str] = ()) -> list[str]:
        """Stories with at least one event in which all these countries and actors take part.

        Countries are matched on the event's country set (one scan of ``events``); actors, which
        are rare, through ``event_actors``."""
        where, params = self._subjects_where(countries, actor_ids)
        rows = self.query(f"SELECT DISTINCT story_id FROM events WHERE {' AND '.join(where)}", params)
        return sorted(r["story_id"] for r in rows)

    def story_members(self, stories: Sequence[Story], countries: Sequence[str] = (),
                      actor_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        """The events of these stories (their ``event_ids``, looked up by primary key), as light
        rows: ``id``, ``story_id``, ``doc_id``, ``sentence``, ``event``, ``certainty``, ``date``,
        ``actor`` and ``recipient`` (JSON text, left to the caller to decode) and ``matches``
        (whether all the countries and actors take part in this event), in story and document
        order.  What a timeline needs to headline the stories :meth:`story_ids_with` finds: for a
        few hundred events, without another pass over the whole events table."""
        wanted = {s.id for s in stories}
        ids = sorted({e for s in stories for e in s.event_ids})
        if not ids:
            return []
        where, params = self._subjects_where(countries, actor_ids)
        # a few hundred events are looked up by key; more are found in one pass by their story
        cond, keys = self._in("id", ids) if len(ids) <= KEY_CHUNK else self._in("story_id", sorted(wanted))
        out = self.query(
            "SELECT id, story_id, doc_id, sentence, event, certainty, date, actor, recipient, start_char, "
            f"CASE WHEN {' AND '.join(where)} THEN 1 ELSE 0 END AS matches FROM events WHERE {cond}",
            params + keys)
        rows = [r for r in out if r["story_id"] in wanted]  # an event since moved to another story
        rows.sort(key=lambda r: (r["story_id"], r["doc_id"], r["start_char"] is None, r["start_char"] or 0,
                                 r["id"]))  # as ORDER BY sorts on both backends: no offset last
        return rows

    def quotes(self, doc_ids: Sequence[str] | None = None) -> list[Quote]:
        sql, params = "SELECT * FROM quotes", list[Any]()
        if doc_ids is not None:
            cond, params = self._in("doc_id", doc_ids)
            sql += f" WHERE {cond}"
        return [_quote(r) for r in self.query(sql + " ORDER BY doc_id, start_char", params)]

    def quote_candidates(self, doc_ids: Sequence[str], speaker_ids: Sequence[str]) -> list[Quote]:
        """The quotes of these documents that are linked to events or said by one of these actors
        (what can speak for a story: :func:`tieline.report.timeline.best_quote`), in document order."""
        if not doc_ids:
            return []
        cond, params = self._in("doc_id", doc_ids, indexed=True)
        who, more = self._in("speaker_id", speaker_ids)
        return [_quote(r) for r in self.query(
            f"SELECT * FROM quotes WHERE {cond} AND (event_ids <> '[]' OR {who}) ORDER BY doc_id, start_char, id",
            params + more)]

    def sentences(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The sentences of these documents, each with its document's publication date: dicts with
        ``doc_id``, ``idx``, ``paragraph``, ``start_char``, ``text`` and ``published``, in document
        order (a few hundred documents at a time)."""
        out: list[dict[str, Any]] = []
        ids = sorted(set(doc_ids))
        for i in range(0, len(ids), KEY_CHUNK):
            cond, params = self._in("s.doc_id", ids[i:i + KEY_CHUNK])
            out += self.query(
                "SELECT s.doc_id, s.idx, s.paragraph, s.start_char, s.text, d.published "
                f"FROM sentences s JOIN documents d ON d.id = s.doc_id WHERE {cond} "
                "ORDER BY s.doc_id, s.idx", params)
        return out

    def actors(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT * FROM actors ORDER BY actor_id")
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
            r["roles"] = json.loads(r["roles"] or "[]")
        return rows

    def stories(self, ids: Sequence[str] | None = None) -> list[Story]:
        sql, params = "SELECT * FROM stories", list[Any]()
        if ids is not None:
            cond, params = self._in("id", ids)
            sql += f" WHERE {cond}"
        return [_story(r) for r in self.query(sql + " ORDER BY date, id", params)]

    def replace_stories(self, remove: Sequence[str], stories: Sequence[Story]) -> None:
        """Drop the named stories and store the given ones, pointing their events at them."""
        self.begin()
        try:
            gone = list(dict.fromkeys(list(remove) + [s.id for s in stories]))
            if gone:
                cond, params = self._in("story_id", gone)
                self.execute(f"UPDATE events SET story_id = NULL WHERE {cond}", params)
                cond, params = self._in("id", gone)
                self.execute(f"DELETE FROM stories WHERE {cond}", params)
            self.executemany(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[s.id, s.event, s.date, _j(s.actor), _j(s.recipient), _j(s.event_ids), _j(s.doc_ids),
                  s.sources, s.summary, _j(s.conflicts), s.place] for s in stories])
            self.executemany("UPDATE events SET story_id = ? WHERE id = ?",
                             [[s.id, eid] for s in stories for eid in s.event_ids])
            self.commit()
        except Exception:
            self.rollback()
            raise

    # -- read queries for the web app, the reports and the API (portable SQL, ``?`` parameters) ----------
    def document_meta(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """``id``, ``title``, ``source``, ``url`` and ``published`` of these documents (no text)."""
        if not ids:
            return []
        cond, params = self._in("id", ids)
        return self.query(f"SELECT id, title, source, url, published FROM documents WHERE {cond}", params)

    def document_row(self, doc_id: str) -> dict[str, Any] | None:
        """One document's row (``id``, ``title``, ``source``, ``url``, ``published``, ``status``,
        ``text``), or None."""
        rows = self.query("SELECT id, title, source, url, published, status, text FROM documents WHERE id = ?",
                          [doc_id])
        return rows[0] if rows else None

    def document_count(self) -> int:
        """How many documents the store holds."""
        return int(self.query("SELECT count(*) AS n FROM documents")[0]["n"])

    def top_dyads(self, limit: int, include: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Country pairs ``a`` < ``b`` with their ``stories`` and ``events`` counts, most stories first
        (events that count by :mod:`tieline.certainty`, ``include`` widening it)."""
        from tieline.certainty import sql as certainty_sql

        cond, cparams = certainty_sql("e.certainty", include)
        return self.query(
            "SELECT a.country AS a, b.country AS b, COUNT(DISTINCT e.story_id) AS stories, "
            "COUNT(DISTINCT e.id) AS events "
            "FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id AND a.country < b.country "
            "JOIN events e ON e.id = a.event_id "
            f"WHERE e.story_id IS NOT NULL AND {cond} "
            "GROUP BY a.country, b.country ORDER BY stories DESC, events DESC, a.country, b.country "
            "LIMIT ?", [*cparams, int(limit)])

    def source_counts(self, limit: int = 200) -> list[dict[str, Any]]:
        """Outlets (``source``) with their document count ``n``, most documents first."""
        return self.query("SELECT source, COUNT(*) AS n FROM documents WHERE source IS NOT NULL "
                          "GROUP BY source ORDER BY n DESC, source LIMIT ?", [int(limit)])

    def sentences_at(self, doc_id: str, idx: Sequence[int]) -> list[dict[str, Any]]:
        """Sentences ``idx`` of one document: ``idx``, ``start_char``, ``end_char``, ``text``."""
        if not idx:
            return []
        return self.query(f"SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? "
                          f"AND idx IN ({_marks(idx)})", [doc_id, *idx])

    @staticmethod
    def _actors_where(q: str | None, country: str | None) -> tuple[str, list[Any]]:
        where, params = ["1 = 1"], list[Any]()
        if q:
            where.append("LOWER(a.name) LIKE ? ESCAPE '!'")
            params.append(_like(q))
        if country:
            where.append("a.country = ?")
            params.append(country)
        return " AND ".join(where), params

    def actor_count(self, q: str | None = None, country: str | None = None) -> int:
        """How many actors match ``q`` (a case-insensitive substring of the name) and ``country``."""
        cond, params = self._actors_where(q, country)
        return int(self.query(f"SELECT COUNT(*) AS n FROM actors a WHERE {cond}", params)[0]["n"])

    def actor_page(self, q: str | None, country: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        """A page of actors matching ``q`` and ``country``, most ``mentions`` first: ``actor_id``,
        ``name``, ``kind``, ``country``, ``sector``, ``mentions``."""
        cond, params = self._actors_where(q, country)
        return self.query(
            "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, "
            "(SELECT COUNT(*) FROM mentions m WHERE m.actor_id = a.actor_id) AS mentions "
            f"FROM actors a WHERE {cond} ORDER BY mentions DESC, a.actor_id LIMIT ? OFFSET ?",
            params + [int(limit), int(offset)])

    def actor_row(self, actor_id: str) -> dict[str, Any] | None:
        """An actor's raw row (``aliases`` and ``roles`` still JSON text), or None."""
        rows = self.query("SELECT * FROM actors WHERE actor_id = ?", [actor_id])
        return rows[0] if rows else None

    def has_actor(self, actor_id: str) -> bool:
        """Whether the actors table holds ``actor_id``."""
        return bool(self.query("SELECT actor_id FROM actors WHERE actor_id = ?", [actor_id]))

    def actor_roles_seen(self, actor_id: str) -> list[dict[str, Any]]:
        """The roles an actor's mentions give it, per ``role`` and ``country``, with the ``first``
        and ``last`` publication dates and the ``mentions`` count, earliest first."""
        return self.query(
            "SELECT m.role AS role, m.country AS country, MIN(d.published) AS first, MAX(d.published) AS last, "
            "COUNT(*) AS mentions FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.actor_id = ? AND m.role IS NOT NULL GROUP BY m.role, m.country ORDER BY first, m.role",
            [actor_id])

    def actor_ties(self, actor_id: str, include: Sequence[str] = ()) -> list[dict[str, Any]]:
        """The other actors in an actor's events, per (``actor_id``, ``name``, ``country``, ``event``
        type): ``events`` count, ``first`` and ``last`` dates (events that count by
        :mod:`tieline.certainty`)."""
        from tieline.certainty import sql as certainty_sql

        cond, cparams = certainty_sql("e.certainty", include)
        return self.query(
            "SELECT b.actor_id AS actor_id, b.name AS name, b.country AS country, e.event AS event, "
            "COUNT(DISTINCT e.id) AS events, MIN(e.date) AS first, MAX(e.date) AS last "
            "FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id "
            "JOIN events e ON e.id = a.event_id "
            f"WHERE a.actor_id = ? AND b.actor_id IS NOT NULL AND b.actor_id <> ? AND {cond} "
            "GROUP BY b.actor_id, b.name, b.country, e.event", [actor_id, actor_id, *cparams])

    def actor_counts(self, actor_id: str) -> dict[str, int]:
        """An actor's ``mentions``, ``events`` and ``quotes`` counts."""
        row = self.query(
            "SELECT (SELECT COUNT(*) FROM mentions WHERE actor_id = ?) AS mentions, "
            "(SELECT COUNT(DISTINCT event_id) FROM event_actors WHERE actor_id = ?) AS events, "
            "(SELECT COUNT(*) FROM quotes WHERE speaker_id = ?) AS quotes", [actor_id] * 3)[0]
        return {k: int(v) for k, v in row.items()}

    _ACTOR_EVENTS = "e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)"

    def actor_event_count(self, actor_id: str) -> int:
        """How many events an actor takes part in (either side)."""
        return int(self.query(f"SELECT COUNT(*) AS n FROM events e WHERE {self._ACTOR_EVENTS}",
                              [actor_id])[0]["n"])

    def actor_event_page(self, actor_id: str, limit: int, offset: int) -> list[dict[str, Any]]:
        """A page of an actor's events in date order (undated last): ``id``, ``doc_id``, ``event``,
        ``date``, ``certainty``, ``story_id``, ``actor`` and ``recipient`` (JSON text), ``event_text``."""
        return self.query(
            "SELECT e.id, e.doc_id, e.event, e.date, e.certainty, e.story_id, e.actor, e.recipient, e.event_text "
            f"FROM events e WHERE {self._ACTOR_EVENTS} ORDER BY COALESCE(e.date, '9999'), e.id LIMIT ? OFFSET ?",
            [actor_id, int(limit), int(offset)])

    def speaker_quote_count(self, actor_id: str) -> int:
        """How many quotes are attributed to an actor."""
        return int(self.query("SELECT COUNT(*) AS n FROM quotes WHERE speaker_id = ?", [actor_id])[0]["n"])

    def speaker_quote_page(self, actor_id: str, limit: int, offset: int) -> list[dict[str, Any]]:
        """A page of an actor's quotes, newest document first: ``id``, ``doc_id``, ``text``, ``cue``,
        and the document's ``title`` and ``published``."""
        return self.query(
            "SELECT q.id, q.doc_id, q.text, q.cue, d.title, d.published FROM quotes q "
            "JOIN documents d ON d.id = q.doc_id WHERE q.speaker_id = ? "
            "ORDER BY COALESCE(d.published, '') DESC, q.doc_id, q.start_char LIMIT ? OFFSET ?",
            [actor_id, int(limit), int(offset)])

    def substring_search(self, text: str, kind: str | None, limit: int) -> list[dict[str, Any]]:
        """Sentences and quotes (``kind`` None for both) containing ``text``, case-insensitively, in
        document order: ``kind``, ``doc_id``, ``start_char``, ``text`` (for a backend without an index)."""
        like = _like(text)
        parts, params = [], list[Any]()
        if kind in (None, "sentence"):
            parts.append("SELECT 'sentence' AS kind, doc_id, start_char, text FROM sentences "
                         "WHERE LOWER(text) LIKE ? ESCAPE '!'")
            params.append(like)
        if kind in (None, "quote"):
            parts.append("SELECT 'quote' AS kind, doc_id, start_char, text FROM quotes "
                         "WHERE LOWER(text) LIKE ? ESCAPE '!'")
            params.append(like)
        sql = " UNION ALL ".join(parts)
        return self.query(f"SELECT * FROM ({sql}) hits ORDER BY doc_id, start_char LIMIT ?", params + [limit])

    def document_mentions(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's mentions in text order: ``start_char``, ``end_char``, ``text``, ``label``,
        ``actor_id``, ``name``, ``country``, ``role``."""
        return self.query(
            "SELECT start_char, end_char, text, label, actor_id, name, country, role FROM mentions "
            "WHERE doc_id = ? ORDER BY start_char", [doc_id])

    def resolved_mentions(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The mentions of these documents resolved to an actor or a country: ``doc_id``, ``sentence``,
        ``start_char``, ``end_char``, ``text``, ``label``, ``actor_id``, ``name``, ``country``, ``sector``
        (500 documents per statement)."""
        out: list[dict[str, Any]] = []
        for k in range(0, len(doc_ids), 500):
            part = doc_ids[k:k + 500]
            out += self.query(
                "SELECT doc_id, sentence, start_char, end_char, text, label, actor_id, name, country, sector "
                f"FROM mentions WHERE doc_id IN ({_marks(part)}) "
                "AND (actor_id IS NOT NULL OR country IS NOT NULL)", list(part))
        return out

    def docs_mentioning_country(self, country: str) -> set[str]:
        """The ids of the documents with a mention resolved to ``country`` (an ISO-3 code)."""
        return {r["doc_id"] for r in self.query("SELECT DISTINCT doc_id FROM mentions WHERE country = ?",
                                                [country])}

    def event_actor_name(self, actor_id: str) -> str | None:
        """The name an actor has in the stored events (its id when the name is empty), or None when
        no event involves it."""
        rows = self.query("SELECT name FROM event_actors WHERE actor_id = ? LIMIT 1", [actor_id])
        return (rows[0]["name"] or actor_id) if rows else None

    def has_country_events(self, country: str) -> bool:
        """Whether any stored event involves ``country`` (an ISO-3 code)."""
        return bool(self.query("SELECT 1 AS x FROM event_actors WHERE country = ? LIMIT 1", [country]))

    def event_actor_names(self) -> list[str]:
        """The distinct non-null names of the actors in the stored events."""
        return [r["name"] for r in self.query("SELECT DISTINCT name FROM event_actors WHERE name IS NOT NULL")]

    def actor_names(self) -> list[dict[str, Any]]:
        """Every stored actor's ``actor_id``, ``name`` and ``aliases`` (a list), unordered."""
        rows = self.query("SELECT actor_id, name, aliases FROM actors")
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
        return rows

    def named_mentions(self) -> list[dict[str, Any]]:
        """Every PERSON, ORG, GPE and LOC mention, in document and text order: ``doc_id``, ``label``,
        ``name``, ``text`` (the names an event table lists per story)."""
        return self.query("SELECT doc_id, label, name, text FROM mentions WHERE label IN "
                          "('PERSON', 'ORG', 'GPE', 'LOC') ORDER BY doc_id, start_char")

    def mention_actor_ids(self) -> list[dict[str, Any]]:
        """``text`` and ``actor_id`` of every mention resolved to an actor."""
        return self.query("SELECT text, actor_id FROM mentions WHERE actor_id IS NOT NULL")

    def event_sides(self, country: str | None = None, start: str | None = None,
                    end: str | None = None) -> list[dict[str, Any]]:
        """One row per event and side member (``id``, ``event``, ``date``, ``story_id``, ``certainty``,
        ``side``, ``actor_id``, ``name``, ``country``, ``sector``), by event id: the events involving
        ``country`` when given, dated within ``start``..``end`` by :mod:`tieline.daterange`."""
        from tieline.daterange import sql as daterange_sql

        where: list[str] = []
        params: list[Any] = []
        if country:
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE country = ?)")
            params.append(country)
        if start or end:  # the one date-range rule (tieline.daterange): a date overlapping the range
            cond, more = daterange_sql("e.date", start, end)
            where.append(cond)
            params += more
        return self.query(
            "SELECT e.id, e.event, e.date, e.story_id, e.certainty, a.side, a.actor_id, a.name, a.country, "
            "a.sector FROM events e JOIN event_actors a ON a.event_id = e.id"
            + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.id, a.side", params)

    def document_rows_after(self, after: str, limit: int, columns: Sequence[str]) -> list[dict[str, Any]]:
        """Up to ``limit`` document rows (these ``columns``) with ids after ``after``, in id order:
        a keyset page for streaming every document out."""
        bad = [c for c in columns if not c.isidentifier()]
        if bad or not columns:
            raise StoreError(f"document columns must be plain column names, got {list(columns)!r}")
        return self.query(f"SELECT {', '.join(columns)} FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                          [after, int(limit)])

    def stats(self) -> dict[str, int]:
        out = {}
        for t in ("documents", "sentences", "mentions", "actors", "events", "quotes", "stories"):
            out[t] = int(self.query(f"SELECT count(*) AS n FROM {t}")[0]["n"])
        warned = int(self.query("SELECT count(*) AS n FROM rejects WHERE kind = 'warning'")[0]["n"])
        out["rejects"] = int(self.query("SELECT count(*) AS n FROM rejects")[0]["n"]) - warned
        out["warnings"] = warned
        out["pending"] = self.pending_count()
        return out


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def _like(text: str) -> str:
    """A LIKE pattern (``ESCAPE '!'``) matching ``text`` anywhere, lower-cased."""
    return "%" + text.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def country_set(codes: Iterable[str | None]) -> str | None:
    """The ``events.countries`` value: "|KAZ|USA|" (sorted, distinct), or None without countries."""
    found = sorted({c for c in codes if c})
    return "|" + "|".join(found) + "|" if found else None


def _event_row(e: Event) -> list[Any]:
    return [e.id, e.doc_id, e.event, e.mode, e.context, _j(e.actor), _j(e.recipient), e.date, e.date_text,
            e.date_source, _j(e.event_loc), e.event_text, e.start, e.end, e.sentence, e.certainty,
            _j(e.amounts), _j(e.quote_ids), e.story_id, e.confidence, e.trigger,
            country_set(_event_countries(e)), e.method, e.trigger_start]


def _event_countries(e: Event) -> set[str]:
    """The event's country set: its participants' countries and, where one is a standing group
    (C5+1, G7, the Quad: ``actors/data/groups.yaml``), the group's members on the event's date."""
    from tieline.actors.groups import event_countries  # the actors package is heavy; most reads skip it

    return event_countries(e)


def _event(r: dict[str, Any]) -> Event:
    loc = json.loads(r["event_loc"]) if r["event_loc"] else None
    return Event(
        id=r["id"], doc_id=r["doc_id"], event=r["event"], mode=r["mode"], context=r["context"],
        actor=_refs(r["actor"]), recipient=_refs(r["recipient"]), date=r["date"], date_text=r["date_text"],
        date_source=r["date_source"], event_loc=Place(**loc) if loc else None, event_text=r["event_text"],
        start=r["start_char"], end=r["end_char"], sentence=r["sentence"], certainty=r["certainty"],
        amounts=[Amount(**x) for x in json.loads(r["amounts"] or "[]")],
        quote_ids=json.loads(r["quote_ids"] or "[]"), story_id=r["story_id"], confidence=r["confidence"],
        trigger=r["trigger_word"], method=r.get("method") or "rules", trigger_start=r.get("trigger_start"))


def _quote(r: dict[str, Any]) -> Quote:
    sp = _parsed_refs(r["speaker"])[0] if r["speaker"] else None
    return Quote(id=r["id"], doc_id=r["doc_id"], text=r["text"], start=r["start_char"], end=r["end_char"],
                 speaker=ActorRef(**sp) if sp else None, cue=r["cue"], sentence=r["sentence"],
                 event_ids=json.loads(r["event_ids"] or "[]"))


def _story(r: dict[str, Any]) -> Story:
    return Story(id=r["id"], event=r["event"], date=r["date"], actor=_refs(r["actor"]),
                 recipient=_refs(r["recipient"]), event_ids=json.loads(r["event_ids"] or "[]"),
                 doc_ids=json.loads(r["doc_ids"] or "[]"), sources=r["sources"], summary=r["summary"],
                 conflicts=[Conflict(**c) for c in json.loads(r["conflicts"] or "[]")], place=r["place"])
