"""scripts/plover_gold_docs.py: PLOVER 0.5 gold standard records → tieline documents and a
tieline-gold/1 file; and the sentence-level scores `tieline eval` prints for them."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tieline.records import ActorRef, Event
from tieline.report.evaluate import _Gold, score_events, score_sentences

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("plover_gold_docs", ROOT / "scripts" / "plover_gold_docs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


RECORDS = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
    {"id": "R-DEMAND-1", "date": "2000-01-01", "event": "DEMAND", "eventText": "demanded elections",
     "source": [{"actorText": "Greek opposition", "code": "GRC", "sector": "OPP"}],
     "target": [{"actorText": "UN", "code": "IGO"}],
     "text": "The Greek opposition demanded elections from the UN.",
     "textInfo": {"markup": "The (SRC: Greek opposition) (EVT: demanded) (EVT: elections) from (TAR: UN)."}},
    {"id": "R-AGREE-1", "date": "2000-01-01", "event": "AGREE", "eventText": "agreed",
     "source": [{"actorText": "Bosnia", "code": "BIH"}, {"actorText": "Slovenia", "code": "SVN"}],
     "text": "Bosnia and Slovenia agreed to a ceasefire.",
     "textInfo": {"markup": "(SRC/TAR: Bosnia) and (SRC/TAR: Slovenia) (EVT: agreed to) a ceasefire."}},
    {"id": "R-FIGHT-1", "date": "2000-01-01", "event": "FIGHT", "source": {"actorText": "Japan", "code": "JAP"},
     "target": "ITL", "text": "Bosnia and Slovenia agreed to a ceasefire.",
     "textInfo": "(SRC: Japan) (EVT: has fought} nothing"},
    {"id": "R-AGREE-1", "date": "2000-01-01", "event": "DISAPPROVE", "text": "France condemned the coup.",
     "source": [{"actorText": "France", "code": "FRA"}], "textInfo": {"markup": "(EVT: condemned)"}},
]


def test_conversion(tmp_path: Path) -> None:
    mod = _script()
    assert mod.plover_2021("DEMAND") == "REQUEST" and mod.plover_2021("DISAPPROVE") == "ACCUSE"
    assert mod.plover_2021("INVESTIGATE") == "ACCUSE" and mod.plover_2021("FIGHT") == "ASSAULT"
    assert mod.plover_2021("RETREAT") == "RETREAT" and mod.plover_2021("DOCUMENT") is None
    src = tmp_path / "gsr.txt"
    src.write_text(json.dumps(RECORDS), "utf-8")
    assert mod.main([str(tmp_path / "out"), "--source", str(src), "-q"]) == 0
    docs = [json.loads(x) for x in (tmp_path / "out" / "plover_gsr.jsonl").read_text("utf-8").splitlines()]
    gold = json.loads((tmp_path / "out" / "plover_gsr.gold.json").read_text("utf-8"))
    assert [d["id"] for d in docs] == ["R-DEMAND-1", "R-AGREE-1", "R-AGREE-1-2"]  # one doc per sentence
    assert set(docs[0]) == {"id", "title", "text", "published"}
    g = _Gold(gold)
    evs = {e["id"]: e for e in gold["events"]}
    assert evs["R-DEMAND-1"]["event"] == ["REQUEST"] and evs["R-DEMAND-1"]["cue"] == "demanded"
    assert g.countries(evs["R-DEMAND-1"]["actor"]) == {"GRC"} and g.countries(evs["R-DEMAND-1"]["recipient"]) == set()
    agree = evs["R-AGREE-1"]
    assert agree["symmetric"] and agree["actor"] == [] and g.countries(agree["recipient"]) == {"BIH", "SVN"}
    assert agree["cue"] == "agreed to"
    fight = evs["R-FIGHT-1"]  # same sentence as R-AGREE-1: same document, its own gold event
    assert fight["doc"] == "R-AGREE-1" and fight["event"] == ["ASSAULT"]
    assert g.countries(fight["actor"]) == {"JPN"} and g.countries(fight["recipient"]) == {"ITA"}
    assert fight["cue"] == "Bosnia and Slovenia agreed to a ceasefire."  # span not in the text
    assert evs["R-AGREE-1-2"]["event"] == ["ACCUSE"]
    assert not any(g.is_person(k) for k in gold["actors"])


def _e(pid: str, doc: str, typ: str, conf: float, text: str) -> Event:
    return Event(id=pid, doc_id=doc, event=typ, actor=[ActorRef(None, "x", "x", "GRC")], recipient=[],
                 event_text=text, start=0, end=1, confidence=conf)


def test_sentence_scores() -> None:
    gold = _Gold({"format": "tieline-gold/1", "documents": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
                  "actors": {}, "events": [
                      {"id": "1", "doc": "a", "event": ["REQUEST"], "actor": [], "recipient": [], "cue": "asked"},
                      {"id": "2", "doc": "b", "event": ["ACCUSE"], "actor": [], "recipient": [], "cue": "condemned"},
                      {"id": "3", "doc": "c", "event": ["AGREE"], "actor": [], "recipient": [], "cue": "agreed"},
                      {"id": "4", "doc": "c", "event": ["AGREE"], "actor": [], "recipient": [], "cue": "x",
                       "required": False}]})
    events = [_e("p1", "a", "THREATEN", 0.5, "They asked."), _e("p2", "a", "REQUEST", 0.9, "They asked."),
              _e("p3", "b", "REJECT", 0.8, "They condemned it."), _e("p4", "b", "ACCUSE", 0.6, "They condemned it."),
              _e("p5", "c", "AGREE", 0.9, "Another sentence.")]
    s = score_sentences(gold, events)
    assert (s["gold"], s["found"], s["right"]) == (3, 2, 1)
    assert s["any_event"] == 0.667 and s["best_type"] == 0.333 and s["best_type_when_found"] == 0.5
    assert s["confusion"]["ACCUSE"] == {"REJECT": 1} and s["confusion"]["AGREE"] == {"(none)": 1}
    assert score_events(gold, events)["sentences"] == s
