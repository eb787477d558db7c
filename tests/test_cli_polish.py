"""Small things a new user trips over (issue 18, point 9): each checked through the real CLI."""

from __future__ import annotations

import json
import re
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


# -- rejects, empty folders, help, export -------------------------------------------------------------
def test_rejects_says_when_there_are_none(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    tieline.open(db).close()
    code, out, err = cli("rejects", "--db", str(db))
    assert code == 0 and out == "" and "no rejects" in err
    code, out, err = cli("rejects", "--db", str(db), "--json")
    assert code == 0 and out == "" and err == ""  # JSON lines: none


def test_run_on_an_empty_folder_says_no_articles_and_fails(tmp_path: Path) -> None:
    (tmp_path / "emptydir").mkdir()
    code, _, err = cli("run", str(tmp_path / "emptydir"), "--db", str(tmp_path / "x.duckdb"), "-q")
    assert code == 1
    assert f"no articles found in {tmp_path / 'emptydir'}" in err


def test_run_help_lists_every_reader_suffix() -> None:
    from tieline.ingest import SUPPORTED

    code, out, _ = cli("run", "--help")
    flat = " ".join(out.split())
    listed = set(re.findall(r"(\.[a-z0-9.]+)", flat.split("standard input")[0]))
    assert code == 0 and set(SUPPORTED) <= listed, flat[:600]
    assert "{suffixes}" not in out


def test_export_path_has_no_doubled_slash(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    tieline.open(db).close()
    code, _, err = cli("export", str(tmp_path / "out") + "/", "--db", str(db))
    assert code == 0 and f"written to {tmp_path / 'out'}/" in err and "//" not in err


def test_dates_reads_the_files_published_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Published: 2021-03-04\nPorts Reopen\n\nThe ministers met on Tuesday to reopen the ports.\n")
    code, out, err = cli("dates", str(p), "--json")
    assert code == 0, err
    (row,) = [r for r in map(json.loads, out.splitlines()) if r["text"] == "Tuesday"]
    assert row["value"] == "2021-03-02"
    code, out, _ = cli("dates", str(p), "--json", "--published", "2021-05-20")  # the option wins
    (row,) = [r for r in map(json.loads, out.splitlines()) if r["text"] == "Tuesday"]
    assert row["value"] == "2021-05-18"


def test_an_overlong_id_is_rejected_at_ingest_with_its_reason(tmp_path: Path) -> None:
    from tests.conftest import english

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x" * 301, "text": english()}) + "\n"
                   + json.dumps({"id": "y" * 300, "text": english(4)}) + "\n")
    db = tmp_path / "x.duckdb"
    code, _, err = cli("ingest", str(src), "--db", str(db))
    assert code == 1 and "id is 301 characters long" in err
    with tieline.open(db, read_only=True) as t:
        assert [d.id for d in t.documents()] == ["y" * 300]
        (r,) = t.rejects()
        assert r.kind == "id" and "at most 300" in r.reason
