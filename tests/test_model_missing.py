"""A missing language model stops a run with one message and fails no document; documents an older
run recorded as failed for it are analysed again once the model is back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import tieline
from tieline.cli import main
from tieline.errors import ModelNotInstalled
from tieline.nlp import Parser
from tieline.records import Document, Reject

TEXTS = {
    "river": "Water ministers of two neighbouring states met on Monday and agreed on a monitoring station.",
    "rail": "Transport officials resumed talks on a freight rail link across the mountains on Friday.",
}


def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(self: Parser) -> Any:
        raise ModelNotInstalled("spaCy model package 'x' is not installed; run `make install`")

    monkeypatch.setattr(Parser, "nlp", property(missing))


def _store(path: Path) -> tieline.Tieline:
    t = tieline.open(path)
    t.ingest([], items=[Document(k, v, published="2024-03-01") for k, v in TEXTS.items()])
    return t


def _status(t: tieline.Tieline) -> dict[str, str]:
    return {r["id"]: r["status"] for r in t.store.query("SELECT id, status FROM documents")}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_missing_model_stops_the_run_and_fails_no_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            workers: int) -> None:
    _no_model(monkeypatch)  # before the worker processes fork: they have no model either
    with _store(tmp_path / "m.duckdb") as t:
        with pytest.raises(ModelNotInstalled, match="not installed"):
            t.analyze(workers=workers, batch_size=1)
        assert set(_status(t).values()) == {"ingested"}
        assert t.store.query("SELECT count(*) AS n FROM rejects")[0]["n"] == 0
    monkeypatch.undo()
    with tieline.open(tmp_path / "m.duckdb") as t:
        report = t.analyze()
        assert report.analyzed == 2 and report.failed == 0 and set(_status(t).values()) == {"analyzed"}


def test_documents_failed_for_the_missing_model_are_retried(tmp_path: Path) -> None:
    with _store(tmp_path / "r.duckdb") as t:
        # what an older run recorded: every document "analysis failed" for the missing model, and
        # one that failed for a reason of its own
        t.store.add_rejects([
            Reject("river", "analysis failed: ModelNotInstalled: spaCy model package 'x' is not installed",
                   "error", "river"),
            Reject("rail", "analysis failed: RuntimeError: the text broke a stage", "error", "rail")])
        t.store.mark_failed(["river", "rail"])
        report = t.analyze()
        assert report.retried == 1 and report.analyzed == 1 and "1 earlier failures retried" in report.summary()
        assert _status(t) == {"river": "analyzed", "rail": "failed"}
        reasons = [r["reason"] for r in t.store.query("SELECT reason FROM rejects")]
        assert reasons == ["analysis failed: RuntimeError: the text broke a stage"]
        assert t.analyze().retried == 0


def test_the_cli_says_it_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k, v in TEXTS.items():
        (src / f"{k}.txt").write_text(v, "utf-8")
    _no_model(monkeypatch)
    r = CliRunner().invoke(main, ["run", str(src), "--db", str(tmp_path / "c.duckdb")])
    assert r.exit_code == 1, r.output
    assert "Error: spaCy model package 'x' is not installed" in r.output and "Traceback" not in r.output
