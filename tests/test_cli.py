"""End-to-end: the CLI over the whole pipeline, on the seed articles in ../shared."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import SEEDS, english, need, read_jsonl

from tieline.cli import main

CONTRACT = {
    "documents": ["id", "title", "source", "url", "published", "sha256"],
    "actors": ["actor_id", "name", "kind", "country", "sector", "aliases", "roles"],
    "events": ["id", "doc_id", "event", "mode", "context", "actor", "recipient", "date", "date_text",
               "date_source", "event_loc", "event_text", "start", "end", "certainty", "amounts", "quote_ids",
               "story_id", "confidence"],
    "quotes": ["id", "doc_id", "text", "start", "end", "speaker", "cue", "event_ids"],
    "stories": ["id", "event", "date", "actor", "recipient", "event_ids", "doc_ids", "sources", "summary",
                "conflicts"],
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def check_contract(out: Path) -> dict[str, list[dict]]:
    files = {name: read_jsonl(out / f"{name}.jsonl") for name in CONTRACT}
    for name, rows in files.items():
        for row in rows:
            missing = [f for f in CONTRACT[name] if f not in row]
            assert not missing, f"{name}.jsonl lacks {missing}"
    for e in files["events"]:
        assert e["event"] in PLOVER
        assert e["certainty"] in ("asserted", "hedged", "planned", "negated")
        assert e["date_source"] in ("text", "published", "inferred")
        for ref in e["actor"] + e["recipient"]:
            assert set(ref) >= {"actor_id", "name", "text", "country", "sector"}
        if e["date"]:
            assert len(e["date"]) in (4, 7, 10)
    texts = {d["id"]: d for d in files["documents"]}
    for q in files["quotes"]:
        assert q["doc_id"] in texts
    return files


def test_run_seeds_then_export_jsonl(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli("export", "--format", "jsonl", str(out), "--db", str(seeds_db))
    assert code == 0, err
    files = check_contract(out)
    assert {d["id"] for d in files["documents"]} == {"tracing-ties", "nazarbaev-thanks-trump"}
    visits = [e for e in files["events"] if e["event"] == "CONSULT"
              and {"USA", "KAZ"} <= {r["country"] for r in e["actor"] + e["recipient"]}]
    assert {e["doc_id"] for e in visits} == {"tracing-ties", "nazarbaev-thanks-trump"}
    assert all(e["story_id"] for e in files["events"])


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_csv_and_parquet(seeds_db: Path, tmp_path: Path, fmt: str) -> None:
    code, _, err = cli("export", "--format", fmt, str(tmp_path), "--db", str(seeds_db))
    assert code == 0, err
    for name in CONTRACT:
        assert (tmp_path / f"{name}.{fmt}").stat().st_size > 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        t = pq.read_table(tmp_path / "documents.parquet")
        assert t.num_rows == 2 and set(CONTRACT["documents"]) <= set(t.column_names)


def test_timeline_marks_the_date_conflict(seeds_db: Path) -> None:
    code, out, _ = cli("timeline", "KAZ", "USA", "--db", str(seeds_db))
    assert code == 0
    assert "KAZ \u2013 USA timeline" in out
    lines = [line for line in out.splitlines() if line[:4].isdigit()]
    assert lines == sorted(lines), "entries are in date order"
    assert "[!] sources disagree" in out and "2018-01-16" in out and "2018-01-17" in out
    code, js, _ = cli("timeline", "Kazakhstan", "United States", "--format", "json", "--db", str(seeds_db))
    entries = [json.loads(x) for x in js.splitlines()]
    assert entries and all({"date", "summary", "sources"} <= set(e) for e in entries)
    code, md, _ = cli("timeline", "KAZ", "USA", "--format", "md", "--db", str(seeds_db))
    assert md.startswith("# KAZ") and "## " in md


def test_timeline_rejects_unknown_country(seeds_db: Path) -> None:
    r = CliRunner().invoke(main, ["timeline", "Atlantis", "USA", "--db", str(seeds_db)])
    assert r.exit_code == 2 and "unknown country" in r.output


def test_rerun_skips_what_is_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    assert cli("run", str(need(SEEDS)), "--db", db)[0] == 0
    code, _, err = cli("run", str(SEEDS), "--db", db)
    assert code == 0 and "0 new" in err and "2 already stored" in err and "0 analysed" in err
    code, out, _ = cli("stats", "--json", "--db", db)
    stats = json.loads(out)
    assert stats["documents"] == 2 and stats["pending"] == 0 and stats["events"] > 0


def test_changed_document_is_reanalysed(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    art = tmp_path / "in" / "a.txt"
    art.parent.mkdir()
    art.write_text("Talks\nPublished: 2020-05-05\n\n" + english(2))
    assert cli("run", str(art.parent), "--db", db)[0] == 0
    art.write_text("Talks\nPublished: 2020-05-06\n\n" + english(2))
    code, _, err = cli("run", str(art.parent), "--db", db)
    assert code == 0 and "1 changed" in err and "1 analysed" in err
    code, out, _ = cli("export", str(tmp_path / "o"), "--db", db)
    (doc,) = read_jsonl(tmp_path / "o" / "documents.jsonl")
    assert doc["published"] == "2020-05-06"


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Good\n" + english())
    (d / "empty.txt").write_text("")
    (d / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (d / "copy.txt").write_text("Good\n" + english())
    db = str(tmp_path / "x.duckdb")
    code, _, err = cli("run", str(d), "--db", db)
    assert code == 1
    assert "rejected" in err and "empty file" in err and "binary" in err and "same text as document" in err
    code, out, _ = cli("rejects", "--db", db)
    assert {line.split()[0] for line in out.splitlines()} == {"empty", "binary", "duplicate"}
    assert json.loads(cli("stats", "--json", "--db", db)[1])["documents"] == 1


def test_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    code, _, err = cli("run", "-", "--db", db, input="From stdin\n" + english())
    assert code == 0, err
    assert json.loads(cli("stats", "--json", "--db", db)[1])["documents"] == 1


def test_ingest_then_run_analyses_pending(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    assert cli("ingest", str(need(SEEDS)), "--db", db)[0] == 0
    assert json.loads(cli("stats", "--json", "--db", db)[1])["pending"] == 2
    code, _, err = cli("run", str(SEEDS), "--db", db)
    assert code == 0 and "2 analysed" in err


def test_help_teaches_by_example() -> None:
    for cmd in ("run", "ingest", "timeline", "export", "eval", "dates"):
        code, out, _ = cli(cmd, "--help")
        assert code == 0 and "Example" in out, cmd


def test_dates_command_json() -> None:
    code, out, _ = cli("dates", "They met on January 16 and again in February 2021.", "--published",
                       "2018-01-20", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and rows and {"text", "value", "precision", "start", "end"} <= set(rows[0])
    assert rows[0]["value"] == "2018-01-16"


def test_dates_command_batch_input(tmp_path: Path) -> None:
    f = tmp_path / "texts.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "They met on Tues, about three weeks ago.", "published": "2024-06-12"})
                 + "\n" + json.dumps({"id": "b", "text": "Growth slowed in Q2 2023.", "published": None}) + "\n",
                 encoding="utf-8")
    code, out, _ = cli("dates", "--input", str(f))
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0
    assert [(r["id"], r["text"], r["value"], r["precision"]) for r in rows] == [
        ("a", "Tues", "2024-06-11", "day"), ("a", "about three weeks ago", "2024-05-20", "week"),
        ("b", "Q2 2023", "2023-04", "quarter")]
    assert rows[1]["approximate"] and rows[1]["date_end"] == "2024-05-26" and rows[2]["date_end"] == "2023-06"
    code, out, err = cli("dates", "--input", "-", input="not json\n" + json.dumps({"id": 7, "text": "in 2019"}))
    assert code == 1 and "skipped" in err and json.loads(out)["id"] == 7


def test_eval_on_seeds(seeds_db: Path) -> None:
    code, out, _ = cli("eval", str(need(Path(__file__).parents[1].parent / "shared/gold/seeds.gold.json")),
                       "--db", str(seeds_db))
    assert code == 0 and "events   precision" in out and "quotes" in out and "stories" in out


def test_interrupted_run_resumes_with_the_same_rows(tmp_path: Path, voa_sample: Path) -> None:
    """Kill -9 a run after it committed some batches; the rerun finishes the job, no duplicates."""
    db = tmp_path / "killed.duckdb"
    script = textwrap.dedent(f"""
        import os, signal, tieline
        t = tieline.open({str(db)!r})
        t.ingest([{str(voa_sample)!r}])
        def progress(done, total):
            if done >= 4:
                os.kill(os.getpid(), signal.SIGKILL)
        t.analyze(batch_size=2, progress=progress)
    """)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                       env={**os.environ})
    assert p.returncode == -signal.SIGKILL, p.stderr
    code, out, _ = cli("stats", "--json", "--db", str(db))
    partial = json.loads(out)
    assert 0 < partial["pending"] < 12, partial
    code, _, err = cli("run", str(voa_sample), "--db", str(db), "--batch-size", "2")
    assert code == 0, err
    clean = tmp_path / "clean.duckdb"
    assert cli("run", str(voa_sample), "--db", str(clean), "--batch-size", "2")[0] == 0
    import tieline

    with tieline.open(db, read_only=True) as a, tieline.open(clean, read_only=True) as b:
        for table in ("documents", "sentences", "mentions", "events", "quotes"):
            q = f"SELECT count(*) AS n FROM {table}"
            assert a.store.query(q) == b.store.query(q), table
        ids = [r["id"] for r in a.store.query("SELECT id FROM events")]
        assert len(ids) == len(set(ids))
        assert sorted(ids) == sorted(r["id"] for r in b.store.query("SELECT id FROM events"))
        assert a.stats()["pending"] == 0


def test_two_copies_of_one_text_merge_metadata_and_reruns_are_stable(tmp_path: Path) -> None:
    """A .txt and a .jsonl holding the same article: one document, the JSON metadata, no flip-flop."""
    d = tmp_path / "in"
    d.mkdir()
    text = "Site header\n" + english()
    (d / "a.txt").write_text(text)
    (d / "b.jsonl").write_text(json.dumps({"id": "a", "title": "Real Title", "text": text,
                                           "published": "2019-06-25", "source": "Wire"}) + "\n")
    db = str(tmp_path / "x.duckdb")
    assert cli("ingest", str(d), "--db", db)[0] == 0
    for _ in range(2):
        code, _, err = cli("ingest", str(d), "--db", db)
        assert code == 0 and "0 changed" in err and "2 already stored" in err
    cli("export", str(tmp_path / "o"), "--db", db)
    (doc,) = read_jsonl(tmp_path / "o" / "documents.jsonl")
    assert (doc["title"], doc["published"], doc["source"]) == ("Real Title", "2019-06-25", "Wire")


def test_search_sentences_and_quotes(seeds_db: Path) -> None:
    code, out, _ = cli("search", "nuclear weapons", "--db", str(seeds_db), "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and rows and {"sentence", "quote"} >= {r["kind"] for r in rows}
    assert all("nuclear" in r["text"].lower() for r in rows[:2])
    assert rows == sorted(rows, key=lambda r: -r["score"])
    code, out, _ = cli("search", "nuclear", "--kind", "quote", "--limit", "1", "--db", str(seeds_db), "--json")
    assert [json.loads(x)["kind"] for x in out.splitlines()] == ["quote"]


def test_quotes_filters(seeds_db: Path) -> None:
    _, everything, _ = cli("quotes", "--db", str(seeds_db), "--json")
    _, trump, _ = cli("quotes", "--speaker", "trump", "--db", str(seeds_db), "--json")
    _, dated, _ = cli("quotes", "--from", "2018-01", "--to", "2018-01-31", "--db", str(seeds_db), "--json")
    all_q = [json.loads(x) for x in everything.splitlines()]
    t_q = [json.loads(x) for x in trump.splitlines()]
    d_q = [json.loads(x) for x in dated.splitlines()]
    assert 0 < len(t_q) < len(all_q) and all("Trump" in q["speaker"]["name"] for q in t_q)
    assert d_q and {q["doc_id"] for q in d_q} == {"nazarbaev-thanks-trump"}  # the other has no date


def test_stories_command(seeds_db: Path) -> None:
    code, out, _ = cli("stories", "KAZ", "USA", "--conflicts", "--db", str(seeds_db))
    assert code == 0 and "[!]" in out and "date:" in out
