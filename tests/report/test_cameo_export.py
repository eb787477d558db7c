from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tieline.records import PLOVER_TYPES, ActorRef, Document, Event, Place
from tieline.report.cameo import (
    CAMEO_COLUMNS,
    POLECAT_COLUMNS,
    cameo_code,
    cameo_info,
    table,
    write_event_table,
)


class FakeStore:
    """The three reads the event tables make, over records built here."""

    def __init__(self, docs: list[Document], events: list[Event], mentions: list[dict[str, Any]]) -> None:
        self._docs, self._events, self._mentions = docs, events, mentions

    def documents(self, text: bool = True) -> list[Document]:
        return self._docs

    def events(self) -> list[Event]:
        return self._events

    def named_mentions(self) -> list[dict[str, Any]]:
        return self._mentions


def _store() -> FakeStore:
    doc = Document(id="d1", text="x", title="Ministers Meet", source="Example Wire",
                   url="https://example.org/meet", published="2021-04-02T09:00:00+00:00")
    usa = ActorRef("p:1", "Ann Example", "the US envoy", "USA", "GOV")
    kaz = ActorRef("country:KAZ", "Kazakhstan", "Kazakhstan", "KAZ", None)
    fra = ActorRef("country:FRA", "France", "France", "FRA", None)
    visit = Event("e1", "d1", "CONSULT", [usa], [kaz, fra], "The US envoy visited Kazakhstan\tand France.",
                  0, 10, sentence=2, mode="visit", date="2021-03-30", date_source="text",
                  event_loc=Place("Astana", "KAZ", 51.17, 71.45), story_id="s1")
    denied = Event("e2", "d1", "ASSAULT", [kaz], [fra], "Kazakhstan did not attack France.", 0, 5,
                   certainty="negated")
    vague = Event("e3", "d1", "THREATEN", [], [kaz], "Sanctions were threatened\nagainst Kazakhstan.", 0, 5,
                  date="2021-03")
    mentions = [{"doc_id": "d1", "label": "PERSON", "name": "Ann Example", "text": "Ann"},
                {"doc_id": "d1", "label": "GPE", "name": "Kazakhstan", "text": "Kazakhstan"},
                {"doc_id": "d1", "label": "GPE", "name": "Kazakhstan", "text": "Kazakh"}]
    return FakeStore([doc], [visit, denied, vague], mentions)


def test_every_plover_type_maps_to_a_cameo_root() -> None:
    codes = table()["codes"]
    for kind in PLOVER_TYPES:
        code = cameo_code(kind)
        name, root, goldstein = cameo_info(code)
        assert code in codes and root in codes and len(root) == 2, kind
        assert name and goldstein is not None and -10 <= goldstein <= 10
        for mode in {r[1] for r in table()["plover"][kind]["codes"]}:
            assert cameo_code(kind, mode) in codes


def test_mode_and_context_pick_the_specific_code() -> None:
    assert cameo_code("CONSULT", "visit") == "042"
    assert cameo_code("CONSULT", "unknown-mode") == "040"
    assert cameo_code("SANCTION", "discontinue", "economic") == "163"
    assert cameo_code("AGREE", None, "economic") == "0311"
    assert cameo_code("ASSAULT", "abduct") == "181"
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        cameo_code("PARTY")


def test_cameo_table_reads_back_in_pandas(tmp_path: Path) -> None:
    counts = write_event_table(_store(), tmp_path, "cameo")  # type: ignore[arg-type]
    assert counts == {"events.cameo.tsv": 3}
    df = pd.read_csv(tmp_path / "events.cameo.tsv", sep="\t", dtype={"cameo_code": str, "cameo_root": str})
    assert tuple(df.columns) == CAMEO_COLUMNS and len(df) == 3
    assert set(df["event_id"]) == {"e1", "e3"}  # the negated event is left out
    one = df[df["target_country"] == "FRA"].iloc[0]
    assert (one["date"], one["source_name"], one["source_code"], one["cameo_code"], one["cameo_root"]) == (
        "2021-03-30", "Ann Example", "USAGOV", "042", "04")
    assert one["goldstein"] == pytest.approx(1.9) and one["quad_class"] == 1
    assert (one["place"], one["latitude"], one["longitude"]) == ("Astana", 51.17, 71.45)
    assert one["source_url"] == "https://example.org/meet" and one["sentence"].endswith("and France.")
    vague = df[df["event_id"] == "e3"].iloc[0]
    assert vague["date"] == "2021-04-02" and vague["date_source"] == "published"  # month only: the day published
    assert pd.isna(vague["source_name"]) and vague["quad_class"] == 3 and "\n" not in vague["sentence"]
    assert df["goldstein"].dtype == float


def test_polecat_table_reads_back_in_pandas(tmp_path: Path) -> None:
    write_event_table(_store(), tmp_path, "polecat")  # type: ignore[arg-type]
    df = pd.read_csv(tmp_path / "events.polecat.tsv", sep="\t")
    assert tuple(df.columns) == POLECAT_COLUMNS and len(df) == 3
    row = df.iloc[0]
    assert (row["Event Type"], row["Event Mode"], row["Actor Country"], row["Recipient Name Raw"]) == (
        "CONSULT", "visit", "USA", "Kazakhstan")
    assert row["Quad Code"] == "VERBAL COOPERATION" and row["Publication Date"] == "2021-04-02"
    assert row["Story People"] == "Ann Example" and row["Story Locations"] == "Kazakhstan"
    assert row["Latitude"] == 51.17 and row["Language"] == "en"


def test_export_of_a_real_store(seeds_db: Path, tmp_path: Path) -> None:
    import tieline

    with tieline.open(seeds_db, read_only=True) as t:
        n_events = sum(1 for e in t.store.events() if e.certainty != "negated")
        for fmt in ("cameo", "polecat"):
            t.export(tmp_path, fmt)
    df = pd.read_csv(tmp_path / "events.cameo.tsv", sep="\t", dtype={"cameo_code": str, "cameo_root": str})
    assert df["event_id"].nunique() == n_events > 0
    assert df["cameo_code"].notna().all() and df["goldstein"].notna().all() and df["date"].notna().all()
    assert len(pd.read_csv(tmp_path / "events.polecat.tsv", sep="\t")) == len(df)


def test_export_command(seeds_db: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tieline.cli import main

    r = CliRunner().invoke(main, ["export", "--format", "cameo", str(tmp_path), "--db", str(seeds_db)])
    assert r.exit_code == 0, r.output
    assert "events.cameo.tsv" in r.output and (tmp_path / "events.cameo.tsv").exists()
