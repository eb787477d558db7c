"""The learned second opinion: its features, its model file, and how the coder uses it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from event_helpers import Coder, country, one

from tieline.events import learned
from tieline.events.learned import EventModel, features
from tieline.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _span(text: str):  # type: ignore[no-untyped-def]
    a = analyze(text, "2024-01-01", components=("nlp",))
    return next(iter(a.spacy_doc.sents))


def _toy(path: Path) -> Path:
    """A hand-made model: "woo" speaks for SUPPORT, "outfox" for ASSAULT, "chat" for NONE."""
    vocab = ["v:woo", "v:outfox", "v:chat"]
    classes = ["ASSAULT", "NONE", "SUPPORT"]
    w = np.zeros((3, 3), dtype=np.float32)
    w[0, 2] = w[1, 0] = w[2, 1] = 6.0
    EventModel(vocab, w, np.zeros(3, dtype=np.float32), classes).save(path)
    return path


@pytest.fixture()
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _toy(tmp_path / "toy.npz")
    monkeypatch.setenv("TIELINE_LEARNED", "1")
    monkeypatch.setenv("TIELINE_LEARNED_MODEL", str(path))
    return path


def test_features_read_the_verbs_not_the_names() -> None:
    f = features(_span("The Ruritanian army did not withdraw its tanks from the valley near Zenda."))
    assert "r:withdraw" in f and "v:withdraw" in f
    assert "vo:withdraw_tank" in f and "vp:withdraw_from" in f and "vpo:withdraw_from_valley" in f
    assert "neg:withdraw" in f and "neg" in f
    assert not any("zenda" in x.lower() or "ruritania" in x.lower() for x in f)


def test_features_of_modals_particles_and_complements() -> None:
    f = features(_span("Freedonia will call off the summit and agreed to cooperate with Sylvania."))
    assert "md:will" in f and "vt:call_off" in f and "vx:agree_cooperate" in f and "n:summit" in f
    assert len(f) == len(set(f))


def test_model_round_trip_and_prediction(tmp_path: Path) -> None:
    m = EventModel.load(_toy(tmp_path / "m.npz"))
    p = m.probs(["v:woo", "x:unknown"])
    assert p.shape == (3,) and abs(float(p.sum()) - 1.0) < 1e-5
    pred = m.predict(["v:woo"])
    assert pred is not None and pred.type == "SUPPORT" and pred.prob > 0.9
    chat = m.predict(["v:chat"])  # NONE wins the probabilities but is never proposed as a type
    assert chat is not None and chat.type != "NONE" and chat.prob < 0.1
    assert m.predict(["x:unknown"]) is None
    assert m.score(["v:outfox", "v:woo"], "ASSAULT") == pytest.approx(6.0)


def test_model_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="train_event_model"):
        EventModel.load(tmp_path / "missing.npz")
    with pytest.raises(ValueError, match="do not fit"):
        EventModel(["a"], np.zeros((2, 2)), np.zeros(2), ["X", "Y"])


def test_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIELINE_LEARNED", "0")
    assert not learned.enabled()
    monkeypatch.setenv("TIELINE_LEARNED", "1")
    assert learned.enabled()
    monkeypatch.delenv("TIELINE_LEARNED")
    assert learned.enabled() is learned.DEFAULT_ON


def test_shipped_model_loads() -> None:
    m = EventModel.load(learned.MODEL_PATH)
    assert "NONE" in m.classes and len(m.classes) == 17 and len(m.index) > 1000


def test_the_coder_proposes_the_models_type_where_rules_find_none(code: Coder, toy: Path) -> None:
    ev = one(code("Kenya wooed Uganda on Monday.", [country("Kenya", "KEN"), country("Uganda", "UGA")]))
    assert (ev.event, ev.method, ev.trigger) == ("SUPPORT", "learned", "wooed")
    assert [r.country for r in ev.actor] == ["KEN"] and [r.country for r in ev.recipient] == ["UGA"]
    assert ev.confidence <= 0.5 and ev.certainty == "asserted"


def test_certainty_and_passive_come_from_the_rules(code: Coder, toy: Path) -> None:
    ev = one(code("Uganda was outfoxed by Kenya on Monday.", [country("Uganda", "UGA"), country("Kenya", "KEN")]))
    assert (ev.event, ev.method) == ("ASSAULT", "learned")
    assert [r.country for r in ev.actor] == ["KEN"] and [r.country for r in ev.recipient] == ["UGA"]
    ev = one(code("Kenya has not wooed Uganda since May.", [country("Kenya", "KEN"), country("Uganda", "UGA")]))
    assert ev.certainty == "negated"


def test_no_proposal_without_a_second_party(code: Coder, toy: Path) -> None:
    assert code("Kenya wooed the voters on Monday.", [country("Kenya", "KEN")]) == []


def test_rules_first(code: Coder, toy: Path) -> None:
    events = code("Kenya met Uganda and wooed Uganda.", [country("Kenya", "KEN"), country("Uganda", "UGA"),
                                                           country("Uganda", "UGA", nth=1)])
    assert [e.method for e in events] == ["rules"] * len(events) and events


def test_switched_off(code: Coder, toy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIELINE_LEARNED", "0")
    assert code("Kenya wooed Uganda on Monday.", [country("Kenya", "KEN"), country("Uganda", "UGA")]) == []


@pytest.mark.skipif(not (SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt").exists(),
                    reason="needs ../shared/reference")
def test_training_script_on_a_tiny_subset(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_model

    out = tmp_path / "m.npz"
    assert train_event_model.main(["--shared", str(SHARED), "--limit", "40", "--out", str(out),
                                   "--cv", "2", "--cv-dir", str(tmp_path / "cv")]) == 0
    m = EventModel.load(out)
    assert len(m.classes) >= 2 and m.weights.shape == (len(m.index), len(m.classes))
    assert (tmp_path / "cv" / "fold_1.npz").exists() and (tmp_path / "cv" / "folds.json").exists()
