"""The Parquet directory the Spark engine writes and ``tieline load`` reads back.

Layout of ``PARQUET_DIR`` (format ``tieline-parquet/1``)::

    _tieline.json                   manifest: format, chunks, chunk size, batch size, row counts
    documents/chunk=K/*.parquet     store table ``documents`` (text included; no status columns)
    sentences/chunk=K/*.parquet     store table ``sentences``
    mentions/chunk=K/*.parquet      store table ``mentions`` + ``seq`` (order within the document)
    event_actors/chunk=K/*.parquet  store table ``event_actors``
    events/chunk=K/*.parquet        record contract ``events`` (as ``tieline export --format parquet``)
    quotes/chunk=K/*.parquet        record contract ``quotes``
    actors/*.parquet                record contract ``actors``
    rejects/*.parquet               store table ``rejects`` + ``stage`` (``ingest`` | ``analysis``)

* Store tables keep the column names of ``store/schema.sql``; contract tables keep the fields
  of ``spec/records.md``, with nested values (lists, objects) as JSON text, exactly as
  ``tieline export --format parquet`` writes them.  ``story_id`` is null: stories are linked
  across the whole store, by ``tieline load``, so there is no ``stories`` table.
* Documents are numbered in id order and cut into *chunks* of ``chunk_size`` documents (a
  multiple of the batch size).  A chunk is one Spark partition, one ``chunk=K`` folder per
  table (Hive-style, so Spark, DuckDB and pyarrow read ``chunk`` as a column) and one unit of
  work for the loader, which therefore never holds more than a chunk in memory.
* A document whose analysis failed has no analysis rows and a ``rejects`` row with stage
  ``analysis``.  The manifest is written last: a folder without it is not a finished output.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tieline.errors import (
    ParquetLayoutError as ParquetLayoutError,  # re-export: its old home
)
from tieline.records import ActorRef, Amount, Analysis, Document, Event, Mention, Place, Quote, Sentence

FORMAT = "tieline-parquet/1"
MANIFEST = "_tieline.json"
CHUNK = "chunk"

# Column name and type ("string", "long", "double" or "timestamp") of every table, in file order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("id", "string"), ("title", "string"), ("source", "string"), ("url", "string"),
                  ("published", "string"), ("sha256", "string"), ("fingerprint", "string"),
                  ("path", "string"), ("format", "string"), ("lang", "string"), ("text", "string"),
                  ("ingested_at", "timestamp")),
    "sentences": (("doc_id", "string"), ("idx", "long"), ("start_char", "long"), ("end_char", "long"),
                  ("paragraph", "long"), ("text", "string")),
    "mentions": (("doc_id", "string"), ("sentence", "long"), ("start_char", "long"), ("end_char", "long"),
                 ("text", "string"), ("label", "string"), ("actor_id", "string"), ("name", "string"),
                 ("country", "string"), ("sector", "string"), ("kind", "string"), ("role", "string"),
                 ("method", "string"), ("confidence", "double"), ("seq", "long")),
    "event_actors": (("event_id", "string"), ("doc_id", "string"), ("side", "string"),
                     ("actor_id", "string"), ("name", "string"), ("country", "string"),
                     ("sector", "string")),
    "events": (("id", "string"), ("doc_id", "string"), ("event", "string"), ("mode", "string"),
               ("context", "string"), ("actor", "string"), ("recipient", "string"), ("date", "string"),
               ("date_text", "string"), ("date_source", "string"), ("event_loc", "string"),
               ("event_text", "string"), ("start", "long"), ("end", "long"), ("certainty", "string"),
               ("amounts", "string"), ("quote_ids", "string"), ("story_id", "string"),
               ("confidence", "double"), ("trigger", "string"), ("sentence", "long"),
               ("method", "string"), ("trigger_start", "long")),
    "quotes": (("id", "string"), ("doc_id", "string"), ("text", "string"), ("start", "long"),
               ("end", "long"), ("speaker", "string"), ("cue", "string"), ("sentence", "long"),
               ("event_ids", "string")),
    "actors": (("actor_id", "string"), ("name", "string"), ("kind", "string"), ("country", "string"),
               ("sector", "string"), ("aliases", "string"), ("roles", "string")),
    "rejects": (("path", "string"), ("reason", "string"), ("kind", "string"), ("doc_id", "string"),
                ("sha256", "string"), ("detail", "string"), ("rejected_at", "timestamp"),
                ("stage", "string")),
}
# Tables written per chunk by the analysis (documents are chunked too, but written at ingest).
ANALYSIS_TABLES: tuple[str, ...] = ("sentences", "mentions", "event_actors", "events", "quotes")



def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def _flat(value: Any) -> Any:
    """Nested values as JSON text, as ``tieline export --format parquet`` writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _typed(row: Sequence[Any], table: str) -> tuple[Any, ...]:
    """Values coerced to their column type (an int confidence becomes a float, and so on)."""
    out = []
    for value, (_, kind) in zip(row, TABLES[table], strict=True):
        if value is not None and kind == "double":
            value = float(value)
        elif value is not None and kind == "long":
            value = int(value)
        out.append(value)
    return tuple(out)


class _RecordSource:
    """Stands in for a store so that :func:`tieline.report.export.records` turns in-memory
    records into contract rows with the very code ``tieline export`` uses."""

    def __init__(self, events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
                 actors: Sequence[dict[str, Any]] = ()) -> None:
        self._events, self._quotes, self._actors = list(events), list(quotes), list(actors)

    def events(self) -> list[Event]:
        return self._events

    def quotes(self) -> list[Quote]:
        return self._quotes

    def actors(self) -> list[dict[str, Any]]:
        return self._actors


def contract_rows(table: str, source: _RecordSource) -> Iterator[tuple[Any, ...]]:
    """Rows of a contract table (events, quotes, actors), nested values as JSON text."""
    from tieline.report.export import records

    cols = columns(table)
    for rec in records(source, table):  # type: ignore[arg-type]  # duck-typed store
        if list(rec) != cols:
            raise ParquetLayoutError(f"the {table} record fields changed ({list(rec)}); "
                                     f"update tieline.engines.parquet.TABLES[{table!r}]")
        yield _typed([_flat(v) for v in rec.values()], table)


def analysis_rows(a: Analysis) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for everything one analysis adds to the store, as ``save_analyses`` stores it."""
    did = a.doc.id
    for s in a.sentences:
        yield "sentences", _typed((did, s.index, s.start, s.end, s.paragraph, s.text), "sentences")
    for seq, m in enumerate(a.mentions):
        yield "mentions", _typed((did, m.sentence, m.start, m.end, m.text, m.label, m.actor_id, m.name,
                                  m.country, m.sector, m.kind, m.role, m.method, m.confidence, seq),
                                 "mentions")
    for e in a.events:
        for side, refs in (("actor", e.actor), ("recipient", e.recipient)):
            for r in refs:
                yield "event_actors", (e.id, did, side, r.actor_id, r.name, r.country, r.sector)
    source = _RecordSource(a.events, a.quotes)
    for table in ("events", "quotes"):
        for row in contract_rows(table, source):
            yield table, row


# -- reading back ---------------------------------------------------------------------------------
def read_manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST
    if not root.is_dir():
        raise ParquetLayoutError(f"{root} is not a folder: give the --out folder of "
                                 "`tieline run --engine spark`")
    if not path.is_file():
        raise ParquetLayoutError(f"{root} has no {MANIFEST}: it is not the output of "
                                 "`tieline run --engine spark --out DIR`, or that run did not finish")
    manifest: dict[str, Any] = json.loads(path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise ParquetLayoutError(f"{path} has format {manifest.get('format')!r}; this tieline reads {FORMAT}")
    return manifest


def write_manifest(root: Path, manifest: dict[str, Any]) -> None:
    tmp = root / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, **manifest}, indent=2) + "\n", "utf-8")
    tmp.replace(root / MANIFEST)


def read_rows(folder: Path) -> list[dict[str, Any]]:
    """Every row of the Parquet files in a folder (none if it does not exist), in file order."""
    if not folder.is_dir():
        return []
    import pyarrow.parquet as pq

    files = sorted(p for p in folder.iterdir() if p.suffix == ".parquet" and p.name[0] not in "._")
    return [row for f in files for row in pq.read_table(f).to_pylist()]


def read_chunk(root: Path, table: str, chunk: int) -> list[dict[str, Any]]:
    return read_rows(root / table / f"{CHUNK}={chunk}")


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    kinds = {"string": pa.string(), "long": pa.int64(), "double": pa.float64(), "timestamp": pa.timestamp("us")}
    return pa.schema([(name, kinds[kind]) for name, kind in TABLES[table]])


def write_table(path: Path, table: str, rows: Iterable[Sequence[Any]]) -> int:
    """Rows (tuples in column order) into one Parquet file, written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = list(zip(*rows, strict=True)) or [() for _ in TABLES[table]]
    schema = arrow_schema(table)
    data = pa.table([pa.array(list(c), type=f.type) for c, f in zip(cols, schema, strict=True)], schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    pq.write_table(data, tmp)
    tmp.replace(path)
    return data.num_rows


# -- rows back into records -------------------------------------------------------------------------
def document(row: dict[str, Any]) -> Document:
    return Document(id=row["id"], text=row["text"], title=row["title"], source=row["source"], url=row["url"],
                    published=row["published"], path=row["path"], format=row["format"],
                    sha256=row["sha256"], lang=row["lang"])


def sentence(row: dict[str, Any]) -> Sentence:
    return Sentence(row["doc_id"], row["idx"], row["start_char"], row["end_char"], row["text"], row["paragraph"])


def mention(row: dict[str, Any]) -> Mention:
    return Mention(doc_id=row["doc_id"], sentence=row["sentence"], start=row["start_char"],
                   end=row["end_char"], text=row["text"], label=row["label"], actor_id=row["actor_id"],
                   name=row["name"], country=row["country"], sector=row["sector"], kind=row["kind"],
                   role=row["role"], method=row["method"], confidence=row["confidence"])


def _json(raw: str | None, default: Any) -> Any:
    return default if raw is None else json.loads(raw)


def event(row: dict[str, Any]) -> Event:
    loc = _json(row["event_loc"], None)
    return Event(id=row["id"], doc_id=row["doc_id"], event=row["event"],
                 actor=[ActorRef(**r) for r in _json(row["actor"], [])],
                 recipient=[ActorRef(**r) for r in _json(row["recipient"], [])],
                 event_text=row["event_text"], start=row["start"], end=row["end"], sentence=row["sentence"],
                 mode=row["mode"], context=row["context"], date=row["date"], date_text=row["date_text"],
                 date_source=row["date_source"], event_loc=Place(**loc) if loc else None,
                 certainty=row["certainty"], amounts=[Amount(**x) for x in _json(row["amounts"], [])],
                 quote_ids=_json(row["quote_ids"], []), story_id=row["story_id"],
                 confidence=row["confidence"], trigger=row["trigger"], method=row.get("method") or "rules",
                 trigger_start=row.get("trigger_start"))


def quote(row: dict[str, Any]) -> Quote:
    sp = _json(row["speaker"], None)
    return Quote(id=row["id"], doc_id=row["doc_id"], text=row["text"], start=row["start"], end=row["end"],
                 speaker=ActorRef(**sp) if sp else None, cue=row["cue"], sentence=row["sentence"],
                 event_ids=_json(row["event_ids"], []))
