"""The one date-range rule: a date (at its precision) overlapping the range is kept; the Python
and SQL forms agree; timeline, dyad and graph apply it alike."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pytest

from tieline.daterange import check, check_range, overlaps, sql

DATES = [None, "", "2017", "2018", "2019", "2018-05", "2018-06", "2018-07", "2018-05-31", "2018-06-01",
         "2018-06-15", "2018-12-31", "2019-01-01"]
BOUNDS = [None, "2018", "2018-06", "2018-06-15", "2019", "2017-12-31"]


@pytest.mark.parametrize(("value", "start", "end", "kept"), [
    ("2018", "2018-06", None, True),  # part of 2018 is after June
    ("2018", None, "2018-03", True),
    ("2017", "2018-06", None, False),
    ("2018-05-30", "2018-06", None, False),
    ("2018-05-30", None, "2018-05-29", False),
    ("2018-06", "2018-06-15", "2018-06-15", True),  # June overlaps its 15th
    ("2018-06-14", "2018", "2018", True),
    (None, "2018", "2019", True),  # undated: a range cannot place it
])
def test_overlap_rule(value: str | None, start: str | None, end: str | None, kept: bool) -> None:
    assert overlaps(value, start, end) is kept


def test_sql_agrees_with_python() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (d VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[d] for d in DATES])
    for start, end in itertools.product(BOUNDS, BOUNDS):
        cond, params = sql("d", start, end)
        got = sorted((r[0] or "") for r in con.execute(f"SELECT d FROM t WHERE {cond}", params).fetchall())
        assert got == sorted((d or "") for d in DATES if overlaps(d, start, end)), (start, end)


def test_checks() -> None:
    assert check(" 2018-06 ") == "2018-06" and check("") is None and check(None) is None
    for bad in ("2018-13", "2018-02-30", "June", "18-06"):
        with pytest.raises(ValueError, match="start"):
            check(bad, "start")
    assert check_range("2018-06", "2018") == ("2018-06", "2018")
    with pytest.raises(ValueError, match="start: 2019 is after end 2018"):
        check_range("2019", "2018")


def test_timeline_dyad_and_graph_treat_a_year_alike(seeds_db: Path, tmp_path: Path) -> None:
    """Stories and events dated only "2018" stay in --from 2018-06 and --to 2018-03 for the timeline,
    the dyad statistics and the graph alike (the graph used to drop them), and leave --from 2019."""
    import shutil

    import tieline

    db = tmp_path / "year.duckdb"
    shutil.copyfile(seeds_db, db)
    with tieline.open(db) as t:
        t.store.execute("UPDATE stories SET date = '2018' WHERE date LIKE '2018%'")
        t.store.execute("UPDATE events SET date = '2018' WHERE date LIKE '2018%'")
        every = [e.story_id for e in t.timeline("KAZ", "USA") if e.date == "2018"]
        weights = {(u, v): d["weight"] for u, v, d in t.graph("KAZ", end="2018").edges(data=True)}
        assert every and weights
        for start, end in (("2018-06", "2018"), ("2018", "2018-03")):
            assert [e.story_id for e in t.timeline("KAZ", "USA", start=start, end=end)] == every
            assert t.dyad("KAZ", "USA", start=start, end=end).stories == len(every)
            assert {(u, v): d["weight"] for u, v, d in t.graph("KAZ", start=start, end=end).edges(data=True)} \
                   == weights
        assert not set(every) & {e.story_id for e in t.timeline("KAZ", "USA", start="2019")}
