"""The Spark engine (local[2]) against the local engine, and `tieline load`.

Parity means: `tieline run --engine spark` + `tieline load` builds the same store as
`tieline run`, compared through the exported records (sorted by id).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.conftest import SEEDS, VOA, english, need

import tieline
from tieline.cli import main
from tieline.engines import parquet
from tieline.engines.load import load_parquet
from tieline.engines.spark import (
    SparkEngine,
    SparkEngineError,
    analyse_chunk,
    auto_chunk_size,
    check_java,
    prepare_out,
)
from tieline.pipeline import Pipeline
from tieline.records import Document
from tieline.report.export import FILES, records


def cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def exported(db: Path, name: str) -> list[dict[str, Any]]:
    with tieline.open(db, read_only=True) as t:
        rows = list(records(t.store, name))
    key = "actor_id" if name == "actors" else "id"
    return sorted(rows, key=lambda r: r[key])


def assert_same_store(a: Path, b: Path, names: tuple[str, ...] = FILES) -> None:
    for name in names:
        ra, rb = exported(a, name), exported(b, name)
        assert len(ra) == len(rb), name
        for x, y in zip(ra, rb, strict=True):
            assert x == y, name
    with tieline.open(a, read_only=True) as ta, tieline.open(b, read_only=True) as tb:
        assert ta.stats() == tb.stats()


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    rows = ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: r.get("id") or r.get("actor_id") or "")


# -- parity -----------------------------------------------------------------------------------------
def test_seeds_spark_then_load_equals_local_run(seeds_parquet: Path, seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "loaded.duckdb"
    code, _, err = cli("load", str(seeds_parquet), "--db", str(db))
    assert code == 0, err
    assert "2 new" in err and "2 analysed" in err and "stories" in err
    assert_same_store(seeds_db, db)  # events and quotes, and documents, actors, stories too
    with tieline.open(db, read_only=True) as t, tieline.open(seeds_db, read_only=True) as ref:
        for table in ("sentences", "mentions", "event_actors"):
            got = sorted(map(json.dumps, t.store.query(f"SELECT * FROM {table}")))
            want = sorted(map(json.dumps, ref.store.query(f"SELECT * FROM {table}")))
            assert got == want, table
        assert t.search("president", limit=5) == ref.search("president", limit=5)


def test_seeds_spark_loaded_into_postgres_equals_local_run(seeds_parquet: Path, seeds_db: Path) -> None:
    """`tieline load` into the server store: the same records as the local run into DuckDB."""
    from tests.store.conftest import pg_database, pg_server

    with pg_database(pg_server()) as url:
        code, _, err = cli("load", str(seeds_parquet), "--db", url)
        assert code == 0, err
        for name in FILES:
            with tieline.open(url, read_only=True) as t:
                rows = list(records(t.store, name))
            key = "actor_id" if name == "actors" else "id"
            assert sorted(rows, key=lambda r: r[key]) == exported(seeds_db, name), name


@pytest.mark.slow
def test_voa_spark_cli_equals_local_cli(spark: Any, tmp_path: Path) -> None:
    voa = str(need(VOA))
    local, loaded, out = tmp_path / "local.duckdb", tmp_path / "spark.duckdb", tmp_path / "voa.parquet"
    code, _, err = cli("run", voa, "--db", str(local), "-q")
    assert code == 0, err
    code, _, err = cli("run", voa, "--engine", "spark", "--master", "local[2]", "--out", str(out),
                       "--db", str(loaded))
    assert code == 0, err
    assert "89 new" in err and "written to" in err and "loaded into" in err
    manifest = json.loads((out / parquet.MANIFEST).read_text())
    assert manifest["documents"] == 89 and manifest["chunks"] > 1  # several partitions really ran
    assert_same_store(local, loaded, ("events", "quotes"))
    assert_same_store(local, loaded)


# -- the Parquet folder -----------------------------------------------------------------------------
def test_parquet_folder_holds_the_contract_records(seeds_parquet: Path, seeds_db: Path, tmp_path: Path) -> None:
    with tieline.open(seeds_db, read_only=True) as t:
        t.export(tmp_path / "x", "parquet")
    for name in ("events", "quotes", "actors"):
        got = parquet_rows(seeds_parquet / name)
        want = parquet_rows(tmp_path / "x" / f"{name}.parquet")
        if name == "events":
            for row in want:
                row["story_id"] = None  # stories are linked by `tieline load`, across the store
        for row in got:
            assert list(row)[: len(parquet.columns(name))] == parquet.columns(name)
            row.pop("chunk", None)
        assert got == want, name
    docs = parquet_rows(seeds_parquet / "documents")
    contract = parquet_rows(tmp_path / "x" / "documents.parquet")
    assert [{k: d[k] for k in contract[0]} for d in docs] == contract
    assert {p.name for p in seeds_parquet.iterdir()} == {*parquet.TABLES, parquet.MANIFEST}


def test_load_twice_changes_nothing(seeds_parquet: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    with tieline.open(db) as t:
        first = t.load(seeds_parquet)
        stats = t.stats()
        events = [e.story_id for e in t.store.events()]
        second = t.load(seeds_parquet)
        assert t.stats() == stats
        assert [e.story_id for e in t.store.events()] == events
    assert (first.stored, first.analyzed, first.skipped) == (2, 2, 0)
    assert (second.stored, second.analyzed, second.skipped) == (0, 0, 2)
    code, _, err = cli("load", str(seeds_parquet), "--db", str(db))
    assert code == 0 and "2 already stored" in err


def test_load_resumes_a_store_left_half_done(seeds_parquet: Path, tmp_path: Path) -> None:
    """A crash between storing the documents and their analysis: the rerun finishes the job."""
    db = tmp_path / "half.duckdb"
    (row,) = parquet.read_chunk(seeds_parquet, "documents", 0)[:1]
    with tieline.open(db) as t:
        t.store.put_documents([parquet.document(row)], {row["id"]: row["fingerprint"]})
        report = t.load(seeds_parquet)
        assert report.analyzed == 2 and t.stats()["pending"] == 0


def test_rejects_travel_through_parquet_into_the_store(spark: Any, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Talks\nPublished: 2020-05-05\n\n" + english(2))
    (src / "empty.txt").write_text("")
    (src / "copy.txt").write_text("Talks\nPublished: 2020-05-05\n\n" + english(2))
    (src / "feed.jsonl").write_text('{"id": "j1", "text": "broken\n')
    out = tmp_path / "out.parquet"
    report = SparkEngine(spark=spark).run([str(src)], out)
    assert report.stored == 1 and not report.ok
    kinds = sorted(r["kind"] for r in parquet.read_rows(out / "rejects"))
    assert kinds == ["duplicate", "empty", "json"]
    db = tmp_path / "r.duckdb"
    code, _, err = cli("load", str(out), "--db", str(db))
    assert code == 1 and "empty file" in err and "same text as document" in err
    code, _, err = cli("load", str(out), "--db", str(db))  # reported again, stored once
    assert code == 1
    with tieline.open(db, read_only=True) as t:
        assert sorted(r.kind for r in t.rejects()) == kinds and t.stats()["documents"] == 1


def test_failed_documents_are_marked_failed_on_load(seeds_parquet: Path, tmp_path: Path) -> None:
    out = tmp_path / "failed.parquet"
    shutil.copytree(seeds_parquet, out)
    victim = parquet.read_chunk(out, "documents", 0)[0]
    from tieline.engines.spark import reject_row
    from tieline.records import Reject

    bad = Reject(victim["path"], "analysis failed: RuntimeError: boom", "error", victim["id"], victim["sha256"])
    parquet.write_table(out / "rejects" / "part-0.parquet", "rejects", [reject_row(bad, "analysis")])
    with tieline.open(tmp_path / "f.duckdb") as t:
        report = t.load(out)
        assert report.failed == 1 and report.analyzed == 1 and not report.ok
        assert t.store.document_state(victim["id"])[2] == "failed"
        assert not t.store.events(doc_ids=[victim["id"]])


def test_parquet_input(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in need(SEEDS).read_text("utf-8").splitlines()]
    src = tmp_path / "seeds.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    out = tmp_path / "from-parquet"
    report = SparkEngine(spark=spark).run([str(src)], out)
    assert report.ok and report.stored == 2
    docs = parquet_rows(out / "documents")
    assert [d["id"] for d in docs] == sorted(r["id"] for r in rows) and {d["format"] for d in docs} == {"parquet"}
    assert parquet.read_manifest(out)["rows"]["events"] > 0


# -- pieces, without Spark --------------------------------------------------------------------------
def test_a_failing_document_becomes_an_analysis_reject(boom: str) -> None:
    pipeline = Pipeline(("nlp", boom))
    docs = [Document("b", "Please explode."), Document("a", "Fine text."), Document("c", "Fine too.")]
    rows = list(analyse_chunk(3, docs, pipeline, batch_size=8, first=24))
    (reject,) = [r for t, r in rows if t == "rejects"]
    assert reject[3] == "b" and "component failed" in reject[1] and reject[-1] == "analysis"
    sents = [r for t, r in rows if t == "sentences"]
    assert [r[0] for r in sents] == ["a", "c"] and all(r[-1] == 3 for r in sents)


def test_chunk_size_is_a_multiple_of_the_batch() -> None:
    assert auto_chunk_size(89, 2, 8) == 16
    assert auto_chunk_size(2, 2, 8) == 8
    assert auto_chunk_size(10_000, 2, 8) == 512
    assert auto_chunk_size(0, 4, 8) == 8
    with pytest.raises(ValueError, match="multiple"):
        SparkEngine(batch_size=8, chunk_size=12)


def test_out_folder_must_be_new_empty_or_ours(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SparkEngineError, match="holds other files"):
        prepare_out(tmp_path)
    ours = tmp_path / "ours"
    (ours / "events").mkdir(parents=True)
    prepare_out(ours)
    assert not (ours / "events").exists()


def test_missing_java_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SparkEngineError, match="openjdk-17-jre-headless"):
        check_java()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(SparkEngineError, match="JAVA_HOME"):
        check_java()


def test_load_refuses_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    code, _, err = cli("load", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert code == 1 and "_tieline.json" in err
    with tieline.open(tmp_path / "y.duckdb") as t, pytest.raises(parquet.ParquetLayoutError):
        load_parquet(t.store, tmp_path / "missing")


# -- CLI options ------------------------------------------------------------------------------------
def test_cli_load_quiet_prints_nothing(seeds_parquet: Path, tmp_path: Path) -> None:
    code, out, err = cli("load", str(seeds_parquet), "--db", str(tmp_path / "q.duckdb"), "--quiet")
    assert code == 0 and not out and not err


def test_cli_spark_without_db_writes_parquet_only(spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIELINE_DB", raising=False)
    src = tmp_path / "a.txt"
    src.write_text("Talks\nPublished: 2020-05-05\n\n" + english(2))
    code, _, err = cli("run", str(src), "--engine", "spark", "--out", "p", "--batch-size", "4", "-q")
    assert code == 0 and not err
    assert parquet.read_manifest(tmp_path / "p")["batch_size"] == 4
    assert not (tmp_path / "tieline.duckdb").exists()  # no --db: the default store is not touched


def test_cli_spark_with_db_loads_and_prints_each_reject_once(spark: Any, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks\nPublished: 2020-05-05\n\n" + english(2))
    (src / "b.txt").write_text("")
    db = tmp_path / "s.duckdb"
    code, _, err = cli("run", str(src), "--engine", "spark", "--master", "local[2]", "--out",
                       str(tmp_path / "p"), "--db", str(db))
    assert code == 1 and err.count("empty file") == 1 and "loaded into" in err
    with tieline.open(db, read_only=True) as t:
        assert t.stats()["documents"] == 1 and [r.kind for r in t.rejects()] == ["empty"]


@pytest.mark.parametrize(("args", "message"), [
    (("--engine", "spark"), "give --out"),
    (("--engine", "spark", "--out", "o", "--workers", "2"), "--master local[N]"),
    (("--out", "o"), "for --engine spark"),
    (("--master", "local[2]"), "for --engine spark"),
])
def test_cli_run_option_errors(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    code, _, err = cli("run", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), *args)
    assert code == 2 and message in err


def test_cli_help_has_examples() -> None:
    code, out, _ = cli("load", "--help")
    assert code == 0 and "Examples" in out and "--db" in out and "--quiet" in out
    code, out, _ = cli("run", "--help")
    assert code == 0 and "--engine" in out and "--master" in out and "--out" in out and "local[2]" in out


def test_a_new_jvm_keeps_its_chatter_in_the_log(tmp_path: Path) -> None:
    """log4j's profile lines, 'Setting default log level', native-hadoop and JVM warnings: none on the
    terminal, all in the log file (a fresh process, so this call starts the JVM)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    pytest.importorskip("pyspark")
    try:
        check_java()
    except SparkEngineError as exc:
        pytest.skip(str(exc))
    log = tmp_path / "spark.log"
    code = ("from tieline.engines.spark import spark_session\n"
            "s = spark_session('local[1]', driver_memory='512m')\n"
            "print('rows', s.range(3).count())\n"
            "s.stop()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TIELINE_SPARK_LOG": str(log)}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip() == "rows 3"
    assert p.stderr.strip() == "", p.stderr[-2000:]
    assert "log4j" in log.read_text()
