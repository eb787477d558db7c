"""Every option of the report commands: timeline (formats, --query/--limit, --out), dyad, graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tieline.cli import main
from tieline.report.plots import png_size


def cli(*args: str) -> tuple[int, str, bytes]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output, r.stdout_bytes


def test_timeline_html_to_file(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    code, output, _ = cli("timeline", "KAZ", "USA", "--format", "html", "-o", str(out), "--db", str(seeds_db))
    assert code == 0 and "wrote timeline" in output
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "KAZ \u2013 USA timeline" in html


def test_timeline_single_side_and_persons(seeds_db: Path) -> None:
    code, out, _ = cli("timeline", "KAZ", "--db", str(seeds_db))
    assert code == 0 and out.startswith("KAZ timeline") and "2018-01-14" in out
    code, out, _ = cli("timeline", "Nazarbayev", "Trump", "--format", "md", "--db", str(seeds_db))
    assert code == 0 and out.startswith("# Nursultan Nazarbayev \u2013 Donald Trump timeline")


def test_topic_timeline_options(seeds_db: Path) -> None:
    code, out, _ = cli("timeline", "--query", "nuclear weapons", "--limit", "2", "--format", "json",
                       "--db", str(seeds_db))
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert 1 <= len(rows) <= 2 and all({"date", "summary", "sources"} <= set(r) for r in rows)
    code, out, _ = cli("timeline", "-q", "White House", "--from", "2018", "--to", "2018", "--db", str(seeds_db))
    assert code == 0 and out.startswith("Topic timeline for 'White House'") and "2019" not in out


@pytest.mark.parametrize("args, message", [
    (["timeline", "KAZ", "--query", "x"], "not both"),
    (["timeline", "--query", "x", "--format", "html"], "text or json"),
    (["timeline"], "give one or two"),
    (["timeline", "--query", "x", "--limit", "0"], "0"),
    (["timeline", "Atlantis"], "unknown country or actor"),
    (["dyad", "KAZ", "Atlantis"], "unknown country or actor"),
    (["graph", "--level", "planet"], "planet"),
    (["graph", "--format", "svg"], "svg"),
])
def test_report_usage_errors(seeds_db: Path, args: list[str], message: str) -> None:
    code, out, _ = cli(*args, "--db", str(seeds_db))
    assert code == 2 and message in out


def test_dyad_formats(seeds_db: Path, tmp_path: Path) -> None:
    code, out, _ = cli("dyad", "KAZ", "USA", "--db", str(seeds_db))
    assert code == 0 and out.startswith("KAZ \u2013 USA: 3 stories") and "By year:" in out
    code, out, _ = cli("dyad", "Kazakhstan", "USA", "--format", "json", "--to", "2018", "--db", str(seeds_db))
    assert code == 0 and list(json.loads(out)["by_year"]) == ["2018"]
    png = tmp_path / "d.png"
    assert cli("dyad", "KAZ", "USA", "--format", "png", "-o", str(png), "--db", str(seeds_db))[0] == 0
    assert png_size(png.read_bytes()) == (800, 460)
    code, _, raw = cli("dyad", "KAZ", "USA", "--format", "png", "--db", str(seeds_db))
    assert code == 0 and png_size(raw) == (800, 460), "binary output goes to a redirected stdout"


@pytest.mark.parametrize("fmt", ["text", "json", "graphml", "html", "png"])
def test_graph_formats(seeds_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    code, output, _ = cli("graph", "--country", "Kazakhstan", "--from", "2018", "--to", "2019",
                          "--level", "country", "--format", fmt, "-o", str(out), "--db", str(seeds_db))
    assert code == 0, output
    data = out.read_bytes()
    if fmt == "png":
        assert png_size(data) == (800, 800)
    elif fmt == "json":
        g = json.loads(data)
        assert g["edges"] and all("KAZ" in (e["source"], e["target"]) for e in g["edges"])
    elif fmt == "graphml":
        assert b"<graphml" in data and b"KAZ" in data
    elif fmt == "html":
        assert b"<table>" in data and b"data:image/png;base64," in data
    else:
        assert b"Kazakhstan -> United States" in data


def test_graph_actor_level_to_stdout(seeds_db: Path) -> None:
    code, out, _ = cli("graph", "--level", "actor", "--db", str(seeds_db))
    assert code == 0 and "Nursultan Nazarbayev ->" in out


def test_report_commands_teach_in_help() -> None:
    for cmd in ("timeline", "dyad", "graph"):
        code, out, _ = cli(cmd, "--help")
        assert code == 0 and "Examples:" in out


@pytest.mark.parametrize("layout", ["jsonl", "json", "timeline17"])
def test_eval_topic_timeline_against_a_reference(seeds_db: Path, tmp_path: Path, layout: str) -> None:
    ref = tmp_path / f"ref.{layout}"
    dates = ["2018-01-16", "2015-11-01"]
    if layout == "jsonl":
        ref.write_text("\n".join(json.dumps({"date": d, "summary": "x"}) for d in dates), "utf-8")
    elif layout == "json":
        ref.write_text(json.dumps([{"date": d} for d in dates]), "utf-8")
    else:
        ref.write_text("".join(f"{d}\nSomething happened.\n{'-' * 32}\n" for d in dates), "utf-8")
    code, out, _ = cli("eval", str(ref), "--query", "White House", "--json", "--db", str(seeds_db))
    assert code == 0, out
    res = json.loads(out)
    assert res["reference"] == sorted(dates) and len(res["predicted"]) <= 2
    assert "2018-01-16" in res["predicted"] and res["dates"]["recall"] == 0.5
    code, out, _ = cli("eval", str(ref), "-q", "White House", "--limit", "1", "--db", str(seeds_db))
    assert code == 0 and "date precision 1.000" in out and "recall 0.500" in out


def test_eval_reference_without_dates(seeds_db: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("no dates here\n", "utf-8")
    code, out, _ = cli("eval", str(ref), "--query", "x", "--db", str(seeds_db))
    assert code == 1 and "no dates found" in out
