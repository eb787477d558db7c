"""The CAMEO verb dictionary as the coder's fallback (tieline.events.cameo, data/cameo_verbs.json)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from event_helpers import A, Coder, country, names, one

from tieline.events.cameo import PATTERN_ONLY, cameo_table
from tieline.events.coder import patterns

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "tieline" / "events" / "data" / "cameo_verbs.json"
SHARED = ROOT.parent / "shared"


def test_data_file_covers_the_whole_dictionary() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(data["verbs"]) > 1500
    assert sum(len(b["patterns"]) for b in data["blocks"].values()) > 4000
    kinds = {p["type"] for b in data["blocks"].values() for p in b["patterns"]}
    assert None in kinds and kinds - {None} <= set(json.loads('["AGREE","CONSULT","SUPPORT","CONCEDE",'
                                                            '"COOPERATE","AID","RETREAT","REQUEST","ACCUSE",'
                                                            '"REJECT","THREATEN","PROTEST","SANCTION",'
                                                            '"MOBILIZE","COERCE","ASSAULT"]'))


def test_statement_codes_have_no_event_and_appeals_are_requests() -> None:
    table = cameo_table()
    for lemma in ("comment", "announce"):  # CAMEO 01x: statements
        entry = table.entry(lemma)
        assert entry is None or entry[0] is None or entry[0].type is None
    plead = table.entry("beg")
    assert plead is not None and plead[0] is not None and plead[0].type == "REQUEST"


@pytest.mark.skipif(not (SHARED / "reference" / "phoenix" / "CAMEO.2.0.txt").exists(), reason="no ../shared")
def test_data_file_is_what_the_script_writes() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_cameo_verbs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_everyday_verbs_need_a_pattern() -> None:
    assert {"say", "tell", "call", "hit", "fire", "take", "make", "give", "get", "go", "have", "see"} <= PATTERN_ONLY


CASES = [
    # light verb + noun phrases CAMEO codes through a pattern
    ("Portugal sealed the border with Spain on Sunday.", [country("Portugal", "PRT"), country("Spain", "ESP")],
     "COERCE", ["Portugal"], ["Spain"]),
    ("Norway and Chile upgraded ties to a strategic partnership.",
     [country("Norway", "NOR"), country("Chile", "CHL")], "SUPPORT", ["Norway", "Chile"], []),
    ("France used its veto against the draft put forward by Brazil.",
     [country("France", "FRA"), country("Brazil", "BRA")], "REJECT", ["France"], []),
    ("Zambia retaliated against Malawi with tariffs on maize.",
     [country("Zambia", "ZMB"), country("Malawi", "MWI")], "SANCTION", ["Zambia"], ["Malawi"]),
    # defaults of specific codes
    ("Peru denounced Ecuador over the fishing dispute.", [country("Peru", "PER"), country("Ecuador", "ECU")],
     "ACCUSE", ["Peru"], ["Ecuador"]),
    ("Ghana punished Togo for the border incident.", [country("Ghana", "GHA"), country("Togo", "TGO")],
     "COERCE", ["Ghana"], ["Togo"]),
]


@pytest.mark.parametrize(("text", "actors", "kind", "actor", "recipient"), CASES)
def test_cameo_fallback(code: Coder, text: str, actors: list, kind: str, actor: list[str],
                        recipient: list[str]) -> None:
    ev = one(code(text, actors), kind)
    assert sorted(names(ev.actor) + names(ev.recipient)) == sorted(actor + recipient)
    assert set(actor) <= set(names(ev.actor) + names(ev.recipient))


def test_fallback_confidence_is_below_curated(code: Coder) -> None:
    ev = one(code("Portugal sealed the border with Spain on Sunday.",
                  [country("Portugal", "PRT"), country("Spain", "ESP")]))
    assert ev.confidence <= 0.6 and ev.mode == "restrict"


def test_claiming_an_attack_is_the_attack(code: Coder) -> None:
    events = code("The rebel movement claimed responsibility for the ambush near the Niger border.",
                  [A("The rebel movement", "MLI", sector="REB", kind="group", label="ORG")])
    assert [(e.event, e.trigger) for e in events] == [("ASSAULT", "claimed")]


@pytest.mark.parametrize("text", [
    "Poland said the weather in Warsaw was fine.",
    "Poland took a different view of the railway timetable.",
    "Poland gave the matter some thought.",
    "Poland went to the polls on Sunday.",
    "Poland has seen better days.",
])
def test_everyday_prose_does_not_fire(code: Coder, text: str) -> None:
    assert code(text, [country("Poland", "POL")]) == []


def test_curated_frames_keep_priority(code: Coder) -> None:
    assert "meet" in patterns().verbs
    ev = one(code("Kenya met Uganda in Nairobi.", [country("Kenya", "KEN"), country("Uganda", "UGA")]))
    assert ev.event == "CONSULT" and ev.confidence > 0.6


def test_light_verb_with_a_curated_noun_is_left_to_the_noun(code: Coder) -> None:
    events = code("Kenya held talks with Uganda in Nairobi.", [country("Kenya", "KEN"), country("Uganda", "UGA")])
    assert [e.trigger for e in events] == ["talks"]


def test_switch_off(code: Coder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIELINE_CAMEO", "0")
    assert code("Portugal sealed the border with Spain on Sunday.",
                [country("Portugal", "PRT"), country("Spain", "ESP")]) == []


LIGHT = [  # one event each, whichever table carries it: no duplicate from the verb and its noun
    ("Kenya held talks with Uganda in Nairobi.", "CONSULT", "talks"),
    ("Kenya launched an attack on Uganda.", "ASSAULT", "attack"),
    ("Kenya imposed tariffs on Uganda.", "SANCTION", "tariffs"),
    ("Kenya used its veto against a text drafted by Uganda.", "REJECT", "used"),
    ("Kenya sealed the border with Uganda.", "COERCE", "sealed"),
    ("Kenya pleaded with Uganda to reopen the road.", "REQUEST", "pleaded"),
    ("Kenya upgraded its ties with Uganda.", "SUPPORT", "upgraded"),
    ("Kenya rushed troops to the border with Uganda.", "MOBILIZE", "rushed"),
    ("Kenya hit back at Uganda over the remarks.", "ACCUSE", "hit"),
    ("Kenya gave $40m in aid to Uganda.", "AID", "aid"),
]


@pytest.mark.parametrize(("text", "kind", "trigger"), LIGHT)
def test_light_verb_phrases(code: Coder, text: str, kind: str, trigger: str) -> None:
    events = code(text, [country("Kenya", "KEN"), country("Uganda", "UGA")])
    assert [(e.event, e.trigger) for e in events] == [(kind, trigger)]
    assert names(events[0].actor) == ["Kenya"]
