"""Small things a new user trips over (issue 18, point 9): each checked through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import tieline
from tieline.cli import main


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


# -- actors show --db ------------------------------------------------------------------------------
def test_actors_show_finds_an_actor_only_the_store_knows(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with tieline.open(db) as t:
        t.store.insert("actors", [["person:ilse-varnholt", "Ilse Varnholt", "person", "NRL", "GOV",
                                   json.dumps(["Varnholt"]), json.dumps([{"title": "Minister of Ports",
                                                                         "start": "2019", "end": None}])]])
    code, out, err = cli("actors", "show", "Varnholt", "--db", str(db), "--on", "2020-01-01", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["actor_id"] == "person:ilse-varnholt" and info["country"] == "NRL"
    assert info["role"] == "Minister of Ports"
    code, _, err = cli("actors", "show", "Varnholt", "--db", str(db), "--on", "2018-01-01", "--json")
    assert code == 0 and json.loads(_)["role"] is None
