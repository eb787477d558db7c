"""Train the learned second opinion of the event coder (``src/tieline/events/data/event_model.npz``).

Material (all of it may ship with the project):

* the PLOVER gold standard records, ``../shared/reference/plover/PLOVER_GSR_CAMEO.txt`` (OEDA, CC BY-SA
  4.0), their types mapped from PLOVER 0.5 to 2021 as ``scripts/plover_gold_docs.py`` does;
* the CAMEO codebook examples, ``../shared/reference/cameo/cameo-codes.csv`` (column ``example``),
  their codes mapped to PLOVER through ``../shared/reference/plover/CAMEO2PLOVER-2021.txt`` (02x read
  as 10x, 163 as SANCTION, as ``scripts/build_cameo_verbs.py`` does); the bare statements (01x) are
  the class ``NONE``.

The VOA corpus is never used: it holds the development stories the project is judged on.

CAUTION — CONTAMINATION: the PLOVER gold records are also an evaluation set (``bench/dev_eval.sh
ONLY=plover``), and most CAMEO codebook examples are the same sentences.  The shipped model is trained
on them, so the PLOVER scores with it switched on are contaminated.  The honest figure is the k-fold
cross-validated one: ``--cv K --cv-dir DIR`` writes one model per fold, trained on the sentences not in
that fold (a sentence and its duplicates are grouped by their normalised text, so a codebook copy of
a held-out record never trains its fold), and ``bench/learned_cv.py`` runs tieline on each fold's
records with that fold's model.

The model: binary features of :func:`tieline.events.learned.features` over the spaCy parse (root
verb lemma, verb + object, verb + preposition, verb + complement, nouns, negation, modals; no proper
nouns), seen in at least ``--min-count`` sentences, and a multinomial logistic regression
(scikit-learn, a dev-only dependency; inference is numpy only).

Usage: python scripts/train_event_model.py [--shared ../shared] [--out PATH] [--cv K --cv-dir DIR]
       [--limit N] [--C 4.0]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_event_patterns import plover_entries  # noqa: E402
from plover_gold_docs import plover_2021  # noqa: E402

from tieline.events.learned import MODEL_PATH, NONE, EventModel, features  # noqa: E402

OVERRIDES = {"163": "SANCTION"}  # as scripts/build_cameo_verbs.py (PLOVER manual, SANCTION)


@dataclass(slots=True)
class Example:
    text: str
    label: str
    source: str  # gsr | cameo
    doc_id: str | None = None  # the GSR record's document id (plover_gold_docs.py numbering)


def norm(text: str) -> str:
    """The grouping key of a sentence: lowercase letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def fold_of(text: str, k: int) -> int:
    return zlib.crc32(norm(text).encode("utf-8")) % k


def gsr_examples(path: Path) -> list[Example]:
    """One example per (sentence, type) of the gold records, with the document id that
    ``plover_gold_docs.py`` gives the sentence."""
    from plover_gold_docs import convert

    records = json.loads(path.read_text("utf-8"))
    docs, gold, _ = convert(records)
    text_of = {d["id"]: d["text"] for d in docs}
    out: list[Example] = []
    seen: set[tuple[str, str]] = set()
    for ev in gold["events"]:
        text = text_of[ev["doc"]]
        key = (ev["doc"], ev["event"][0])
        if key in seen:
            continue
        seen.add(key)
        out.append(Example(text, ev["event"][0], "gsr", ev["doc"]))
    assert all(plover_2021(e.label) == e.label for e in out)
    return out


def cameo_examples(codes_csv: Path, table_path: Path) -> list[Example]:
    table = {k: v[0] for k, v in plover_entries(table_path).items()} | OVERRIDES
    out: list[Example] = []
    with codes_csv.open(encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            text = (row.get("example") or "").strip()
            code = (row.get("code") or "").strip()
            if not text or text == "NA" or not code.isdigit():
                continue
            text = re.sub(r"\ufffd+", "'", text)
            if code.startswith("01"):
                label = NONE
            else:
                look = "10" + code[2:] if code.startswith("02") else code
                label = next((table[look[:n]] for n in (len(look), 4, 3, 2) if look[:n] in table), "")
            if label:
                out.append(Example(text, label, "cameo"))
    return out


def featurize(texts: list[str]) -> list[list[str]]:
    from tieline.nlp import load_model

    nlp = load_model()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        sents = list(doc.sents)
        span = max(sents, key=len) if sents else doc[:]
        out.append(features(span))
    return out


def fit(feats: list[list[str]], labels: list[str], min_count: int, c: float) -> EventModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in fs:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), len(vocab)))
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, labels)
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_.T.astype(np.float32)
    bias = clf.intercept_.astype(np.float32)
    if len(classes) == 2:  # scikit-learn keeps one column for two classes
        coef = np.hstack([-coef / 2, coef / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    return EventModel(vocab, coef, bias, classes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--cv", type=int, default=0, help="K folds: also write one model per fold")
    ap.add_argument("--cv-dir", type=Path, help="folder for fold_K.npz and folds.json")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N examples only (tests)")
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength")
    ap.add_argument("--no-cameo", action="store_true", help="leave out the CAMEO codebook examples")
    args = ap.parse_args(argv)
    gsr_path = args.shared / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
    codes = args.shared / "reference" / "cameo" / "cameo-codes.csv"
    table = args.shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
    for p in (gsr_path, codes, table):
        if not p.exists():
            print(f"reference file {p} not found (give --shared)", file=sys.stderr)
            return 2
    examples = gsr_examples(gsr_path) + ([] if args.no_cameo else cameo_examples(codes, table))
    if args.limit:
        examples = examples[:args.limit // 2] + examples[-(args.limit - args.limit // 2):]
    feats = featurize([e.text for e in examples])
    labels = [e.label for e in examples]
    print(f"{len(examples)} examples ({sum(e.source == 'gsr' for e in examples)} gold records), "
          f"{len(set(labels))} classes", file=sys.stderr)
    model = fit(feats, labels, args.min_count, args.C)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"{len(model.index)} features -> {args.out}", file=sys.stderr)
    if args.cv:
        if args.cv_dir is None:
            ap.error("--cv needs --cv-dir")
        args.cv_dir.mkdir(parents=True, exist_ok=True)
        folds = [fold_of(e.text, args.cv) for e in examples]
        right = total = 0
        for k in range(args.cv):
            train = [i for i, f in enumerate(folds) if f != k]
            m = fit([feats[i] for i in train], [labels[i] for i in train], args.min_count, args.C)
            m.save(args.cv_dir / f"fold_{k}.npz")
            for i, f in enumerate(folds):
                if f == k and examples[i].source == "gsr":
                    pred = m.predict(feats[i])
                    total += 1
                    right += pred is not None and pred.type == labels[i]
        doc_folds = {e.doc_id: fold_of(e.text, args.cv) for e in examples if e.doc_id}
        (args.cv_dir / "folds.json").write_text(json.dumps({"k": args.cv, "docs": doc_folds}, indent=0), "utf-8")
        print(f"cross-validated type accuracy of the model alone on the gold records: "
              f"{right}/{total} = {right / max(total, 1):.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
