"""`tieline eval`'s event matching, clause by clause, on small hand-made gold and predictions
(the rule of shared/gold/README.md): document, cue, type, countries (ordered, CONSULT, symmetric),
null-country actors, persons, one prediction per gold event by maximum matching, dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tieline.cli import main
from tieline.records import ActorRef, Event
from tieline.report.evaluate import _Gold, match_events, render, score_events

SENT = "Ankara threatened Washington with retaliation on Monday, and the U.N. chief met Erdogan\u2019s envoy."

ACTORS: dict[str, Any] = {
    "usa": {"name": "United States", "aliases": ["Washington", "U.S."], "country": "USA", "sector": "GOV"},
    "turkey": {"name": "Turkey", "aliases": ["Ankara"], "country": "TUR", "sector": "GOV"},
    "russia": {"name": "Russia", "aliases": ["Moscow"], "country": "RUS", "sector": "GOV"},
    "un": {"name": "United Nations", "aliases": ["U.N."], "country": None, "sector": "IGO"},
    "g7": {"name": "Group of Seven", "aliases": ["G7"], "country": None, "sector": "IGO"},
    "senate": {"name": "U.S. Senate", "aliases": ["Senate"], "country": "USA", "sector": "LEG"},
    "erdogan": {"name": "Recep Tayyip Erdogan", "aliases": ["Erdogan"], "country": "TUR", "sector": "GOV",
                "roles": [{"role": "President", "country": "TUR", "from": "2014"}]},
    "envoy": {"name": "Mehmet Yilmaz", "aliases": ["Yilmaz"], "country": "TUR", "sector": "GOV"},
}


def gold(*events: dict[str, Any]) -> _Gold:
    evs = []
    for i, e in enumerate(events):
        evs.append({"id": e.get("id", f"g{i}"), "doc": "d1", "event": ["THREATEN"], "date": None,
                    "actor": [], "recipient": [], "cue": "threatened Washington", "certainty": "asserted",
                    "required": True} | e)
    return _Gold({"format": "tieline-gold/1", "documents": [{"id": "d1", "published": "2024-05-06"}],
                  "actors": ACTORS, "events": evs})


def ref(country: str | None, name: str | None = None) -> ActorRef:
    return ActorRef(actor_id=None, name=name or country, text=name or country or "", country=country)


def pred(pid: str, event: str = "THREATEN", actor: list[ActorRef] | None = None,
         recipient: list[ActorRef] | None = None, **kw: Any) -> Event:
    return Event(id=pid, doc_id=kw.pop("doc_id", "d1"), event=event, actor=actor or [],
                 recipient=recipient or [], event_text=kw.pop("event_text", SENT), start=0, end=10, **kw)


def n_matched(g: _Gold, *events: Event) -> int:
    return len(match_events(g, list(events))[0])


def test_document_cue_and_type() -> None:
    g = gold({"actor": ["turkey"], "recipient": ["usa"], "event": ["THREATEN", "COERCE"]})
    ok = pred("p", actor=[ref("TUR")], recipient=[ref("USA")])
    assert n_matched(g, ok) == 1
    assert n_matched(g, pred("p", "COERCE", [ref("TUR")], [ref("USA")])) == 1  # any listed type
    assert n_matched(g, pred("p", "ACCUSE", [ref("TUR")], [ref("USA")])) == 0
    assert n_matched(g, pred("p", actor=[ref("TUR")], recipient=[ref("USA")], doc_id="d2")) == 0
    assert n_matched(g, pred("p", actor=[ref("TUR")], recipient=[ref("USA")],
                             event_text="Ankara warned Washington.")) == 0


def test_cue_ignores_quote_marks_case_and_apostrophe_style() -> None:
    g = gold({"actor": ["turkey"], "recipient": ["usa"], "cue": "met Erdogan's envoy", "event": ["CONSULT"]})
    assert n_matched(g, pred("p", "CONSULT", [ref("TUR")], [ref("USA")])) == 1  # text has a curly one


def test_countries_ordered_except_consult() -> None:
    g = gold({"actor": ["turkey"], "recipient": ["usa"], "event": ["THREATEN", "CONSULT"]})
    backwards = [ref("USA")], [ref("TUR")]
    assert n_matched(g, pred("p", "THREATEN", *backwards)) == 0
    assert n_matched(g, pred("p", "CONSULT", *backwards)) == 1
    assert n_matched(g, pred("p", "CONSULT", [ref("TUR"), ref("USA")], [])) == 1
    # the predicted countries may be more than the gold's, never fewer
    assert n_matched(g, pred("p", "THREATEN", [ref("TUR")], [ref("USA"), ref("RUS")])) == 1
    assert n_matched(g, pred("p", "THREATEN", [ref("TUR")], [])) == 0


def test_symmetric_joint_events_match_in_any_direction() -> None:
    g = gold({"actor": [], "recipient": ["turkey", "usa"], "symmetric": True, "event": ["AGREE"]})
    assert n_matched(g, pred("p", "AGREE", [ref("USA")], [ref("TUR")])) == 1
    assert n_matched(g, pred("p", "AGREE", [ref("TUR")], [ref("USA")])) == 1
    assert n_matched(g, pred("p", "AGREE", [ref("TUR"), ref("USA")], [])) == 1
    assert n_matched(g, pred("p", "AGREE", [ref("TUR")], [])) == 0  # every party still needed
    plain = gold({"actor": [], "recipient": ["turkey", "usa"], "event": ["AGREE"]})
    assert n_matched(plain, pred("p", "AGREE", [ref("USA")], [ref("TUR")])) == 0


def test_null_country_actors_add_no_country_and_no_name_check() -> None:
    g = gold({"actor": ["un"], "recipient": ["turkey"], "event": ["THREATEN"]})
    assert n_matched(g, pred("p", actor=[], recipient=[ref("TUR")])) == 1
    assert n_matched(g, pred("p", actor=[ref(None, "somebody")], recipient=[ref("TUR")])) == 1
    grouping = gold({"actor": ["g7", "turkey"], "recipient": ["usa"]})
    assert n_matched(grouping, pred("p", actor=[ref("TUR")], recipient=[ref("USA")])) == 1
    # a body with a country is checked on its country only, not on its name
    body = gold({"actor": ["senate"], "recipient": ["turkey"]})
    assert n_matched(body, pred("p", actor=[ref("USA", "Congress")], recipient=[ref("TUR")])) == 1


def test_persons_are_checked_where_the_gold_names_them() -> None:
    g = gold({"actor": ["erdogan"], "recipient": ["usa"]})
    assert n_matched(g, pred("p", actor=[ref("TUR", "Recep Tayyip Erdogan")], recipient=[ref("USA")])) == 1
    assert n_matched(g, pred("p", actor=[ref("TUR", "President Erdogan")], recipient=[ref("USA")])) == 1
    assert n_matched(g, pred("p", actor=[ref("TUR")], recipient=[ref("USA")])) == 0
    # a person without dated roles is still a person
    g2 = gold({"actor": ["envoy"], "recipient": ["usa"]})
    assert n_matched(g2, pred("p", actor=[ref("TUR", "Yilmaz")], recipient=[ref("USA")])) == 1
    assert n_matched(g2, pred("p", actor=[ref("TUR")], recipient=[ref("USA")])) == 0


def test_person_kind_classification() -> None:
    g = gold()
    assert [k for k in ACTORS if g.is_person(k)] == ["erdogan", "envoy"]
    explicit = _Gold({"format": "tieline-gold/1", "actors": {"x": {"name": "Quad", "kind": "person"}}})
    assert explicit.is_person("x")


def test_one_prediction_per_gold_event_by_maximum_matching() -> None:
    # g0 is satisfied by p1 or p2, g1 only by p1: a greedy pass giving p1 to g0 would find one match
    g = gold({"id": "g0", "actor": ["turkey"], "recipient": []},
             {"id": "g1", "actor": ["turkey"], "recipient": ["usa"]})
    p1 = pred("p1", actor=[ref("TUR")], recipient=[ref("USA")])
    p2 = pred("p2", actor=[ref("TUR")], recipient=[ref("RUS")])
    matched, used = match_events(g, [p1, p2])
    assert {k: v.id for k, v in matched.items()} == {"g0": "p2", "g1": "p1"}
    assert len(used) == 2
    # one prediction never counts twice
    matched, used = match_events(g, [p1])
    assert len(matched) == 1 and len(used) == 1


def test_required_gold_events_come_first() -> None:
    g = gold({"id": "bg", "actor": ["turkey"], "recipient": ["usa"], "required": False},
             {"id": "req", "actor": ["turkey"], "recipient": ["usa"]})
    res = score_events(g, [pred("p", actor=[ref("TUR")], recipient=[ref("USA")])])
    assert res["events"]["required_found"] == 1 and res["events"]["matched"] == 1
    assert res["events"]["precision"] == 1.0 and res["events"]["recall"] == 1.0


def test_dates_at_the_gold_precision() -> None:
    g = gold({"id": "day", "actor": ["turkey"], "recipient": ["usa"], "date": "2024-05-06"},
             {"id": "month", "actor": ["turkey"], "recipient": ["usa"], "date": "2024-05"})
    p_day = pred("a", actor=[ref("TUR")], recipient=[ref("USA")], date="2024-05-06", date_source="text")
    p_month = pred("b", actor=[ref("TUR")], recipient=[ref("USA")], date="2024-05-31", date_source="text")
    assert score_events(g, [p_day, p_month])["dates"] == {"accuracy": 1.0, "scored": 2}
    p_coarse = pred("a", actor=[ref("TUR")], recipient=[ref("USA")], date="2024-05", date_source="text")
    assert score_events(gold({"actor": ["turkey"], "date": "2024-05-06"}), [p_coarse])["dates"]["accuracy"] == 0.0


def test_diagnostics_list_misses_with_the_sentence_predictions() -> None:
    g = gold({"id": "miss", "actor": ["turkey"], "recipient": ["usa"]},
             {"id": "hit", "actor": [], "recipient": ["turkey"], "cue": "met Erdogan", "event": ["CONSULT"]})
    wrong = pred("w", "ACCUSE", [ref("TUR")], [ref("USA")], event_text="Ankara threatened Washington.")
    good = pred("c", "CONSULT", [ref(None, "U.N.")], [ref("TUR")], event_text="The U.N. chief met Erdogan.")
    named = pred("n", "AID", [ref("TUR", "Yilmaz")], [ref(None, "U.N.")], event_text="Yilmaz sent aid.")
    other = pred("o", "AID", [ref("RUS")], [ref("TUR")], event_text="Moscow sent aid to Ankara.")
    diag = score_events(g, [wrong, good, other, named], diagnostics=True)["diagnostics"]
    (m,) = diag["missed"]
    assert m["id"] == "miss" and m["cue"] == "threatened Washington" and m["actor"] == ["TUR"]
    (p,) = m["predicted_in_sentence"]
    assert p["type"] == "ACCUSE" and "type ACCUSE not in THREATEN" in p["why_not"]
    assert p["actor"] == ["TUR"] and p["recipient"] == ["USA"]
    assert {x["id"] for x in diag["unmatched_predictions"]} == {"w", "o", "n"}
    assert next(x for x in diag["unmatched_predictions"] if x["id"] == "n")["actor"] == ["TUR:Yilmaz"]
    text = render({"missing_documents": [], "per_type": {}, "missed_events": ["miss"],
                   "events": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "matched": 1, "predicted": 4,
                              "required_found": 1, "required": 2},
                   "dates": {"accuracy": 1.0, "scored": 1},
                   "quotes": {"precision": 0, "recall": 0, "f1": 0, "speaker_accuracy": 0, "missed": []},
                   "stories": {"correct": 0, "gold": 0, "accuracy": 0}, "diagnostics": diag})
    assert "cue: 'threatened Washington'" in text and "predicted ACCUSE TUR -> USA" in text
    assert "Moscow sent aid to Ankara." in text


def test_cli_show_misses_text_and_json(seeds_db: Path) -> None:
    path = Path(__file__).resolve().parents[2].parent / "shared/gold/seeds.gold.json"
    if not path.exists():
        pytest.skip("no shared gold")
    r = CliRunner().invoke(main, ["eval", str(path), "--show", "misses", "--json", "--db", str(seeds_db)])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert set(res["diagnostics"]) == {"missed", "unmatched_predictions"}
    r = CliRunner().invoke(main, ["eval", str(path), "-v", "--db", str(seeds_db)])
    assert r.exit_code == 0 and "== missed required events" in r.output and "events   precision" in r.output
    r = CliRunner().invoke(main, ["eval", str(path), "--json", "--db", str(seeds_db)])
    assert "diagnostics" not in json.loads(r.output)


def test_matching_is_maximum_on_random_graphs() -> None:
    import itertools
    import random

    from tieline.report.evaluate import _max_matching

    rng = random.Random(13)
    for _ in range(200):
        gs, ps = [f"g{i}" for i in range(rng.randint(1, 5))], [f"p{i}" for i in range(rng.randint(1, 5))]
        edges = {g: [p for p in ps if rng.random() < 0.4] for g in gs}
        best = 0
        for perm in itertools.permutations(ps + [None] * len(gs), len(gs)):
            best = max(best, sum(1 for g, p in zip(gs, perm, strict=True) if p in edges[g]))
        got = _max_matching(gs, edges)
        assert len(got) == best and len(set(got.values())) == len(got)
        assert all(p in edges[g] for g, p in got.items())


def test_a_null_gold_date_accepts_a_date_taken_from_the_context_but_not_from_the_sentence() -> None:
    from tieline.report.evaluate import _date_ok

    assert _date_ok(None, pred("a", date=None, date_source="published"))
    assert _date_ok(None, pred("a", date="2024-05-06", date_source="inferred"))
    assert not _date_ok(None, pred("a", date="2024-05-06", date_source="text"))


def test_of_two_events_one_verb_tells_twice_each_gold_event_gets_the_one_its_cue_names() -> None:
    text = "Ankara threatened Washington with tariffs on Monday and later threatened Moscow with a gas cut."
    g = gold({"id": "tariffs", "cue": "threatened Washington with tariffs", "actor": [], "recipient": []},
             {"id": "gas", "cue": "later threatened Moscow with a gas cut", "actor": [], "recipient": []})
    second = text.index("threatened", 10)
    # listed in the order that would pair them the wrong way round without the trigger offsets
    later = pred("p-gas", event_text=text, trigger="threatened", trigger_start=second)
    first = pred("p-tariffs", event_text=text, trigger="threatened", trigger_start=text.index("threatened"))
    matched, _ = match_events(g, [later, first])
    assert matched["tariffs"].id == "p-tariffs" and matched["gas"].id == "p-gas"
