"""The whole pipeline into PostgreSQL gives what it gives into DuckDB."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from tests.conftest import SEEDS, need

import tieline
from tieline.cli import main
from tieline.report.export import FILES


def _cli(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_seeds_into_postgres_match_duckdb(pg_url: str, seeds_db: Path, tmp_path: Path) -> None:
    with tieline.open(pg_url) as t:
        report = t.run([str(need(SEEDS))])
        assert report.analyzed == 2 and report.stories
    with tieline.open(pg_url, read_only=True) as pg, tieline.open(seeds_db, read_only=True) as duck:
        assert pg.store.backend == "postgres" and duck.store.backend == "duckdb"
        assert pg.stats() == duck.stats()
        ours = [e.to_dict() for e in pg.timeline("KAZ", "USA")]
        theirs = [e.to_dict() for e in duck.timeline("KAZ", "USA")]
        assert ours == theirs
        assert ours and any(e["conflicts"] for e in ours)
        assert [(e["story_id"], e["date"]) for e in ours] == [(e["story_id"], e["date"]) for e in theirs]
        pg.export(tmp_path / "pg")
        duck.export(tmp_path / "duck")
        for name in FILES:
            assert (tmp_path / "pg" / f"{name}.jsonl").read_bytes() == \
                (tmp_path / "duck" / f"{name}.jsonl").read_bytes(), name
        hits = pg.search("nuclear weapons")
        assert hits and {h["id"] for h in hits} <= {h["id"] for h in duck.search("nuclear weapons", limit=1000)}
        # the reports read the same through both backends
        assert [e.to_dict() for e in pg.timeline("Nazarbayev", "Trump")] == \
            [e.to_dict() for e in duck.timeline("Nazarbayev", "Trump")]
        assert pg.dyad("KAZ", "USA").to_dict() == duck.dyad("KAZ", "USA").to_dict()
        for level in ("country", "actor"):
            gp, gd = pg.graph(level=level), duck.graph(level=level)
            assert sorted(gp.edges(data=True)) == sorted(gd.edges(data=True))
        topic = [d.date for d in pg.topic_timeline("White House", 3)]
        assert "2018-01-16" in topic
    # the CLI reaches the same store through --db URL
    assert _cli("timeline", "KAZ", "USA", "--db", pg_url, "--format", "json") == \
        _cli("timeline", "KAZ", "USA", "--db", str(seeds_db), "--format", "json")
    assert '"kind": "quote"' in _cli("search", "nuclear", "--kind", "quote", "--db", pg_url, "--json")
