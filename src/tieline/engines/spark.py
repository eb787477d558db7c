"""The Spark engine: the same pipeline over a corpus, spread over a Spark cluster, into Parquet.

::

    tieline run --engine spark --master local[2] corpus.jsonl --out corpus.parquet
    tieline run --engine spark --master spark://head:7077 corpus/ --out /shared/corpus.parquet
    tieline load corpus.parquet --db tieline.duckdb        # or --db on the run itself

What happens, in order:

1. **Ingest, on the driver**, with the very code ``tieline run`` uses (:meth:`Tieline.ingest`
   into a scratch store in a temporary folder): the same readers (JSONL, JSON, text, HTML,
   folders), ids, checks, duplicate handling and rejects.  Reading costs well under 1% of the
   analysis.  The documents are written in id order to ``documents/chunk=K/``, ``chunk_size``
   documents a chunk (see :mod:`tieline.engines.parquet` for the whole layout).
2. **Analysis, on the executors**: Spark reads ``documents/``, puts each chunk into one
   partition and runs ``mapPartitions`` over them.  Every Python worker builds the
   :class:`~tieline.pipeline.Pipeline` (spaCy model, registries) once and keeps it for all
   the partitions it is given; documents go through
   :func:`tieline.engines.local.run_batch` in batches, exactly as in the local engine, so a
   document that makes a stage fail becomes a reject and the rest go on.
3. **Output**: each table is written by Spark's DataFrame writer, partitioned by chunk;
   ``actors/`` is aggregated across partitions the way the store merges them; rejects (ingest
   and analysis) and the manifest ``_tieline.json`` are written last by the driver.
4. ``tieline load`` (:meth:`tieline.api.Tieline.load`) turns the folder into a store that is
   the same as ``tieline run`` would have built, then links stories and indexes for search.

On a cluster, every worker needs this tieline installed (same version, same Python), and
``--out`` must be a folder that the driver and every executor can see (a shared file
system).  Java 17 or newer must be installed where the driver runs.  A SparkSession already
active in the process is reused (its master wins) and left running; otherwise the engine
starts one and stops it at the end.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from tieline.engines.local import run_batch
from tieline.engines.parquet import (
    ANALYSIS_TABLES,
    CHUNK,
    MANIFEST,
    TABLES,
    _RecordSource,
    analysis_rows,
    columns,
    contract_rows,
    document,
    write_manifest,
    write_table,
)
from tieline.errors import (
    SparkEngineError as SparkEngineError,  # re-export: its old home
)
from tieline.ingest import MAX_BYTES
from tieline.ingest.dedup import store_inputs
from tieline.pipeline import DEFAULT_COMPONENTS, Pipeline
from tieline.records import Analysis, Document, Reject
from tieline.reports import RunReport
from tieline.store import open_store

MAX_CHUNK = 512  # documents a chunk at most: what the loader holds in memory at once
JAVA_HINT = ("install Java 17 or newer (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; "
             "macOS: `brew install openjdk@17`) or point JAVA_HOME at one")



# -- the session ------------------------------------------------------------------------------------
def check_java() -> str:
    """The java executable Spark will start (JAVA_HOME first, then PATH), or a clear error."""
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / "java"
        if java.is_file():
            return str(java)
        raise SparkEngineError(f"JAVA_HOME={home} has no bin/java; {JAVA_HINT}")
    found = shutil.which("java")
    if not found:
        raise SparkEngineError(f"the Spark engine needs Java, and no `java` is on the PATH; {JAVA_HINT}")
    return found


def spark_session(master: str = "local[*]", driver_memory: str = "1g", app_name: str = "tieline") -> Any:
    """A SparkSession for tieline: UI off, quiet logs, Python workers on this Python.

    ``driver_memory`` only takes effect when this call starts the JVM.  For a ``local``
    master, ``SPARK_LOCAL_IP`` defaults to 127.0.0.1 (no host name lookups).
    """
    check_java()
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is a dependency
        raise SparkEngineError("the Spark engine needs pyspark (it is in requirements.lock; run "
                               "`make install`)") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.memory", driver_memory)
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.session.timeZone", "UTC"))
    from pyspark import SparkContext

    log = jvm_log_path()
    try:
        if SparkContext._gateway is None:  # this call starts the JVM: its chatter goes to the log
            with _output_to(log), warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)  # pyspark's note on the pandas version
                spark = builder.getOrCreate()
        else:
            spark = builder.getOrCreate()
    except Exception as exc:
        raise SparkEngineError(f"cannot start Spark (master {master}): {exc}; check the master URL, "
                               f"and that Java 17+ works (`java -version`); the JVM's log: {log}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def jvm_log_path() -> Path:
    """Where the JVM that :func:`spark_session` starts writes its output (log4j's lines, JVM warnings,
    executor messages): ``TIELINE_SPARK_LOG``, else ``tieline-spark-USER.log`` in the temp folder
    (appended to).  Nothing of it reaches the terminal; a failed start names this file."""
    import getpass

    default = Path(tempfile.gettempdir()) / f"tieline-spark-{getpass.getuser()}.log"
    return Path(os.environ.get("TIELINE_SPARK_LOG") or default)


@contextmanager
def _output_to(path: Path) -> Iterator[None]:
    """Standard output and error of this process, at the file-descriptor level, go to ``path``
    meanwhile: a child started now (the JVM, and through it Spark's Python workers) keeps writing
    there for its whole life, while this process gets its own back at the end."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for f in (fd, *saved):
            os.close(f)


def spark_schema(table: str, chunked: bool = False) -> Any:
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType(),
             "timestamp": T.TimestampType()}
    fields = [T.StructField(name, kinds[kind], True) for name, kind in TABLES[table]]
    if chunked:
        fields.append(T.StructField(CHUNK, T.LongType(), False))
    return T.StructType(fields)


# -- what runs on the executors ---------------------------------------------------------------------
_PIPELINES: dict[str, Pipeline] = {}


def worker_pipeline(components: Sequence[str], config: dict[str, Any] | None) -> Pipeline:
    """The pipeline of this Python process, built on first use and kept (one per worker)."""
    key = json.dumps([list(components), config], sort_keys=True)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(components, config)
    return _PIPELINES[key]


def reject_row(r: Reject, stage: str) -> tuple[Any, ...]:
    now = datetime.now(UTC).replace(tzinfo=None)
    return (r.path, r.reason, r.kind, r.doc_id, r.sha256, r.detail, now, stage)


def analyse_chunk(chunk: int, docs: Sequence[Document], pipeline: Pipeline, batch_size: int,
                  first: int) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Tagged rows ``(table, row)`` for one chunk of documents (sorted by id, numbered from ``first``).

    Tables are those of :data:`tieline.engines.parquet.TABLES` (chunked rows end with the
    chunk), plus ``actor``: one row per resolved mention, for the actors aggregation.
    """
    docs = sorted(docs, key=lambda d: d.id)
    for start in range(0, len(docs), batch_size):
        batch_no = (first + start) // batch_size  # the store's save batch in `tieline run`
        results = run_batch(pipeline, list(docs[start:start + batch_size]))
        for pos, result in enumerate(results, first + start):
            if isinstance(result, Reject):
                yield "rejects", reject_row(result, "analysis")
                continue
            yield from ((table, row + (chunk,)) for table, row in analysis_rows(result))
            yield from _actor_mentions(result, batch_no, pos)


def _actor_mentions(a: Analysis, batch_no: int, pos: int) -> Iterator[tuple[str, tuple[Any, ...]]]:
    # SQLStore.save_analyses: per save batch, the first non-pronoun mention of an actor gives its
    # name, kind, country and sector, a later batch overwrites it; aliases are the union of texts.
    for seq, m in enumerate(a.mentions):
        if m.actor_id and m.label != "PRON":
            rank = (batch_no, -pos, -seq)
            yield "actor", (m.actor_id, (rank, (m.name or m.text, m.kind, m.country, m.sector),
                                         frozenset([m.text])))


def _partition(components: Sequence[str], config: dict[str, Any] | None, batch_size: int, chunk_size: int,
               items: Iterable[tuple[int, Any]]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    rows = list(items)
    if not rows:
        return
    chunks = {c for c, _ in rows}
    if len(chunks) != 1:
        raise RuntimeError(f"a partition holds chunks {sorted(chunks)}; expected exactly one")
    (chunk,) = chunks
    docs = [document(dict(zip(_DOC_COLUMNS, values, strict=True))) for _, values in rows]
    pipeline = worker_pipeline(components, config)
    yield from analyse_chunk(chunk, docs, pipeline, batch_size, chunk * chunk_size)


_DOC_COLUMNS = ("id", "text", "title", "source", "url", "published", "path", "format", "sha256", "lang")


def _keyed(row: Any) -> tuple[int, tuple[Any, ...]]:
    return int(row[CHUNK]), tuple(row[c] for c in _DOC_COLUMNS)


def _same(k: int) -> int:
    return k


def _is(table: str, tagged: tuple[str, Any]) -> bool:
    return tagged[0] == table


def _payload(tagged: tuple[str, Any]) -> Any:
    return tagged[1]


def _tag(tagged: tuple[str, Any]) -> str:
    return tagged[0]


def _merge_actor(a: tuple[Any, Any, frozenset[str]], b: tuple[Any, Any, frozenset[str]]
                 ) -> tuple[Any, Any, frozenset[str]]:
    win = a if a[0] >= b[0] else b
    return win[0], win[1], a[2] | b[2]


def _actor_row(item: tuple[str, tuple[Any, Any, frozenset[str]]]) -> tuple[Any, ...]:
    actor_id, (_, (name, kind, country, sector), aliases) = item
    stored = {"actor_id": actor_id, "name": name, "kind": kind, "country": country, "sector": sector,
              "aliases": sorted(aliases), "roles": []}
    (row,) = contract_rows("actors", _RecordSource(actors=[stored]))
    return row


# -- the driver -------------------------------------------------------------------------------------
def auto_chunk_size(n_docs: int, parallelism: int, batch_size: int) -> int:
    """About four chunks per core (load balance), a multiple of the batch size, at most 512."""
    want = math.ceil(n_docs / max(1, 4 * parallelism)) if n_docs else batch_size
    size = batch_size * max(1, math.ceil(want / batch_size))
    cap = batch_size * max(1, MAX_CHUNK // batch_size)
    return min(size, cap)


def prepare_out(out: Path) -> None:
    """Make ``out`` ready: new, empty, or an earlier tieline output (whose tables are replaced)."""
    if out.exists() and not out.is_dir():
        raise SparkEngineError(f"--out {out} is a file; give a folder")
    if out.is_dir():
        ours = set(TABLES) | {MANIFEST}
        foreign = [p.name for p in out.iterdir() if p.name not in ours and not p.name.startswith((".", "_"))]
        if foreign:
            raise SparkEngineError(f"--out {out} holds other files ({', '.join(sorted(foreign)[:3])}); "
                                   "give a new or empty folder, or an earlier tieline Parquet output")
        (out / MANIFEST).unlink(missing_ok=True)  # unfinished from here on
        for table in TABLES:
            shutil.rmtree(out / table, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def write_documents(store: Any, out: Path, chunk_size: int) -> int:
    """The stored documents, in id order, into ``documents/chunk=K/``; returns the number of chunks."""
    cols = columns("documents")
    last, chunk = "", 0
    while rows := store.document_rows_after(last, chunk_size, cols):
        write_table(out / "documents" / f"{CHUNK}={chunk}" / "part-0.parquet", "documents",
                    [tuple(r[c] for c in cols) for r in rows])
        last, chunk = rows[-1]["id"], chunk + 1
    return chunk


class SparkEngine:
    """``SparkEngine("local[2]").run(["corpus.jsonl"], "out.parquet")``: ingest, analyse, write Parquet."""

    def __init__(self, master: str = "local[*]", *, batch_size: int = 8, chunk_size: int | None = None,
                 driver_memory: str = "1g", components: Sequence[str] = DEFAULT_COMPONENTS,
                 config: dict[str, Any] | None = None, spark: Any = None) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if chunk_size is not None and (chunk_size < 1 or chunk_size % batch_size):
            raise ValueError(f"chunk_size must be a positive multiple of the batch size ({batch_size})")
        self.master = master
        self.batch_size = batch_size
        self.chunk_size = chunk_size
        self.driver_memory = driver_memory
        self.components = tuple(components)
        self.config = config
        self.spark = spark

    @contextmanager
    def session(self) -> Iterator[Any]:
        """The given or active SparkSession (left running), else a new one (stopped at the end)."""
        if self.spark is not None:
            yield self.spark
            return
        check_java()
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            yield active
            return
        spark = spark_session(self.master, self.driver_memory)
        try:
            yield spark
        finally:
            spark.stop()

    def run(self, inputs: Sequence[str], out: str | Path, *, check_language: bool = True,
            encoding: str | None = None, max_bytes: int = MAX_BYTES,
            on_reject: Callable[[Reject], None] | None = None) -> RunReport:
        """Ingest ``inputs``, analyse them on Spark, write the Parquet folder ``out``; a RunReport."""
        out = Path(out).absolute()  # the JVM resolves relative paths against its own working folder
        prepare_out(out)
        with self.session() as spark:
            with tempfile.TemporaryDirectory(prefix="tieline-ingest-") as tmp, \
                    closing(open_store(Path(tmp) / "ingest.duckdb")) as scratch:
                report = store_inputs(scratch, list(inputs), check_language=check_language, encoding=encoding,
                                      max_bytes=max_bytes, on_reject=on_reject)
                n_docs = scratch.pending_count()
                chunk_size = self.chunk_size or auto_chunk_size(
                    n_docs, spark.sparkContext.defaultParallelism, self.batch_size)
                n_chunks = write_documents(scratch, out, chunk_size)
            counts, failed = self._analyse(spark, out, n_chunks, chunk_size)
            where = {"master": spark.sparkContext.master, "spark": spark.version}
        rejects = [reject_row(r, "ingest") for r in report.rejects + report.warnings] + failed
        write_table(out / "rejects" / "part-0.parquet", "rejects", rejects)
        for row in failed:
            r = Reject(*row[:6])
            report.rejects.append(r)
            if on_reject:
                on_reject(r)
        report.failed = len(failed)
        report.analyzed = n_docs - len(failed)
        write_manifest(out, {
            "created": datetime.now(UTC).isoformat(timespec="seconds"), **where,
            "components": list(self.components), "batch_size": self.batch_size,
            "chunk_size": chunk_size, "chunks": n_chunks, "documents": n_docs,
            "rows": {**{t: counts.get(t, 0) for t in ANALYSIS_TABLES}, "actors": counts.get("actors", 0),
                     "rejects": len(rejects)}})
        return report

    def _analyse(self, spark: Any, out: Path, n_chunks: int, chunk_size: int
                 ) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
        """Run the pipeline on every chunk and write the analysis tables; (row counts, failures)."""
        if not n_chunks:
            for table in (*ANALYSIS_TABLES, "actors"):
                write_table(out / table / "part-0.parquet", table, [])
            return {}, []
        from pyspark import StorageLevel

        docs = spark.read.parquet(str(out / "documents")).select(*_DOC_COLUMNS, CHUNK)
        tagged = (docs.rdd.map(_keyed).partitionBy(n_chunks, _same)
                  .mapPartitions(partial(_partition, self.components, self.config, self.batch_size,
                                         chunk_size))
                  .persist(StorageLevel.MEMORY_AND_DISK))
        try:
            for table in ANALYSIS_TABLES:
                rows = tagged.filter(partial(_is, table)).map(_payload)
                (spark.createDataFrame(rows, spark_schema(table, chunked=True), verifySchema=False)
                 .write.mode("overwrite").partitionBy(CHUNK).parquet(str(out / table)))
            actors = (tagged.filter(partial(_is, "actor")).map(_payload)
                      .reduceByKey(_merge_actor).map(_actor_row))
            actors_df = spark.createDataFrame(actors, spark_schema("actors")).orderBy("actor_id")
            actors_df.coalesce(1).write.mode("overwrite").parquet(str(out / "actors"))
            failed = tagged.filter(partial(_is, "rejects")).map(_payload).collect()
            counts = dict(Counter(tagged.map(_tag).countByValue()))
            counts["actors"] = actors_df.count()
        finally:
            tagged.unpersist()
        return counts, failed
