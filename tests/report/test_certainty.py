"""Certainty in statistics: a negated event never counts; planned and hedged ones only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

import tieline
from tieline.certainty import counted, counts, parse_include, strongest
from tieline.records import ActorRef, Analysis, Document, Event

NORTH = ActorRef("country:NOR", "Norway", "Oslo", "NOR", "GOV")
EAST = ActorRef("country:FIN", "Finland", "Helsinki", "FIN", "GOV")

TEXT = ("Norway has not imposed sanctions on Finland, the ministry said.\n"
        "Norway and Finland signed a fisheries agreement on Monday.\n"
        "Norway may criticize Finland over the border plan.\n")


def _event(i: str, kind: str, text: str, certainty: str, start: int, date: str, trigger: str) -> Event:
    return Event(i, "d1", kind, [NORTH], [EAST], text, start, start + len(text), sentence=int(i[-1]),
                 date=date, date_source="text", certainty=certainty, trigger=trigger)  # type: ignore[arg-type]


@pytest.fixture()
def t(tmp_path: Path):
    lines = TEXT.splitlines()
    starts = [TEXT.index(s) for s in lines]
    doc = Document("d1", TEXT, title="Nordic ties", source="test", published="2030-05-06")
    events = [_event("e0", "SANCTION", lines[0], "negated", starts[0], "2030-05-01", "sanctions"),
              _event("e1", "AGREE", lines[1], "asserted", starts[1], "2030-05-05", "signed"),
              _event("e2", "ACCUSE", lines[2], "hedged", starts[2], "2030-02", "criticize")]
    with tieline.open(tmp_path / "c.duckdb") as tl:
        tl.store.put_documents([doc])
        tl.store.save_analyses([Analysis(doc=doc, events=events)])
        tl.link_stories()
        yield tl


def test_the_rule() -> None:
    assert counts("asserted") and counts(None) and not counts("negated")
    assert not counts("planned") and counts("planned", {"planned"}) and not counts("negated", {"planned", "hedged"})
    assert counted(parse_include("planned,hedged")) == ("asserted", "hedged", "planned")
    assert strongest(["hedged", "asserted", "negated"]) == "asserted"
    with pytest.raises(ValueError, match="negated"):
        parse_include("negated")


def test_negated_sanction_is_not_in_dyad_graph_or_balance(t) -> None:
    st = t.dyad("NOR", "FIN")
    assert "SANCTION" not in st.by_type and st.by_type == {"AGREE": 1}
    assert st.balance == 1.0 and st.not_counted == {"hedged": 1, "negated": 1}
    g = t.graph("NOR")
    d = g.edges["NOR", "FIN"]
    assert d["weight"] == 1 and "SANCTION" not in d["types"] and d["balance"] == 1.0


def test_hedged_counts_only_when_asked(t) -> None:
    st = t.dyad("NOR", "FIN", include="hedged")
    assert st.by_type == {"AGREE": 1, "ACCUSE": 1} and st.balance == 0.0
    assert st.not_counted == {"negated": 1}
    d = t.graph("NOR", include=["planned", "hedged"]).edges["NOR", "FIN"]
    assert d["weight"] == 2 and "SANCTION" not in d["types"]


def test_cli_include(t, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tieline.cli import main

    path = str(tmp_path / "c.duckdb")
    t.close()
    r = CliRunner().invoke(main, ["graph", "--db", path, "--country", "NOR"])
    assert r.exit_code == 0, r.output
    assert "SANCTION" not in r.output and "balance +1.00" in r.output
    r = CliRunner().invoke(main, ["dyad", "NOR", "FIN", "--db", path, "--include", "planned,hedged"])
    assert r.exit_code == 0 and "ACCUSE" in r.output and "SANCTION" not in r.output
    assert "Not counted: 1 negated" in r.output
    r = CliRunner().invoke(main, ["dyad", "NOR", "FIN", "--db", path, "--include", "negated"])
    assert r.exit_code != 0


def test_web_dyads_and_ties_follow_the_rule(t) -> None:
    from tieline.web import queries

    (row,) = [r for r in queries.top_dyads(t.store, 10) if {r["a"], r["b"]} == {"NOR", "FIN"}]
    assert row["stories"] == 1
    (row,) = [r for r in queries.top_dyads(t.store, 10, include=["hedged"]) if {r["a"], r["b"]} == {"NOR", "FIN"}]
    assert row["stories"] == 2
