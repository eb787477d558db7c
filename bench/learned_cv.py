"""What the learned second opinion of the event coder adds on the PLOVER gold records, honestly.

The shipped model (``src/tieline/events/data/event_model.npz``) is trained on these very records, so
``bench/dev_eval.sh ONLY=plover`` with it switched on is contaminated.  This script trains K models
with ``scripts/train_event_model.py --cv K`` (each on the records outside one fold; a sentence and its
CAMEO codebook copy share a fold) and runs the whole pipeline on each record with the model of its
fold, then scores the events like ``tieline eval`` (events line and sentence-level line), beside the
same run without the model and with the shipped model (contaminated, for comparison).

Needs scikit-learn (the dev extra).  Usage: python bench/learned_cv.py [--shared ../shared] [--k 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import plover_gold_docs  # noqa: E402
import train_event_model  # noqa: E402

from tieline.ingest.readers import from_record  # noqa: E402
from tieline.pipeline import Pipeline  # noqa: E402
from tieline.records import Event  # noqa: E402
from tieline.report.evaluate import _Gold, score_events  # noqa: E402


def run(pipe: Pipeline, docs: list[dict[str, Any]], model_of: dict[str, str] | None) -> list[Event]:
    events: list[Event] = []
    for d in docs:
        if model_of is None:
            os.environ["TIELINE_LEARNED"] = "0"
        else:
            os.environ["TIELINE_LEARNED"] = "1"
            os.environ["TIELINE_LEARNED_MODEL"] = model_of[d["id"]]
        events.extend(pipe(from_record(d, d["id"], "plover_gsr.jsonl", "jsonl")).events)
    return events


def line(name: str, res: dict[str, Any]) -> str:
    ev, sn = res["events"], res["sentences"]
    n_learned = res.get("learned", 0)
    return (f"{name:<22} events P {ev['precision']:.3f} R {ev['recall']:.3f} F1 {ev['f1']:.3f} "
            f"({ev['matched']} matched of {ev['predicted']}, {n_learned} learned) | sentences: some event "
            f"{sn['any_event']:.3f}, best type right {sn['best_type']:.3f} "
            f"({sn['best_type_when_found']:.3f} of those with one)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args(argv)
    source = args.shared / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
    docs, gold_data, _ = plover_gold_docs.convert(json.loads(source.read_text("utf-8")))
    gold = _Gold(gold_data)
    with tempfile.TemporaryDirectory() as tmp:
        cv = Path(tmp)
        rc = train_event_model.main(["--shared", str(args.shared), "--cv", str(args.k), "--cv-dir", str(cv),
                                     "--out", str(cv / "full.npz")])
        if rc:
            return rc
        folds = json.loads((cv / "folds.json").read_text("utf-8"))["docs"]
        fold_model = {d["id"]: str(cv / f"fold_{folds[d['id']]}.npz") for d in docs}
        full_model = {d["id"]: str(cv / "full.npz") for d in docs}
        pipe = Pipeline()
        for name, model_of in (("without the model", None), (f"{args.k}-fold cross-validated", fold_model),
                               ("shipped (contaminated)", full_model)):
            events = run(pipe, docs, model_of)
            res = score_events(gold, events)
            res["learned"] = sum(e.method == "learned" for e in events)
            print(line(name, res), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
