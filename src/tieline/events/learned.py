"""A learned second opinion on a sentence's PLOVER event type, for sentences the rules leave empty.

:func:`features` turns a parsed sentence (a spaCy span) into a few dozen string features that say
what its verbs do rather than which words it has: the lemma of the root and of every verb, verb +
direct object, verb + preposition (+ its object), verb + particle, verb + open complement ("agree"
+ "cooperate"), intent and speech governors, the nouns, negation and modals.  Proper nouns and
named entities are left out, so the model learns no names.

:class:`EventModel` is a multinomial logistic regression over those features, trained by
``scripts/train_event_model.py`` and shipped as ``data/event_model.npz`` (the feature vocabulary, a
float16 weight matrix, the biases and the class names; numpy only at run time).  The class
``NONE`` (CAMEO's bare statements) is a sentence without an event.

The shipped model is trained on the PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``, CC BY-SA
4.0) and the CAMEO codebook examples: scores on those records with it are contaminated; the
cross-validated figure (``bench/learned_cv.py``) is the honest one.

Switches: ``TIELINE_LEARNED=1`` turns the model on, ``0`` off (to measure what it adds; see
:func:`enabled` for the default), ``TIELINE_LEARNED_MODEL=PATH`` loads another model file (the
cross-validation folds).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CONF", "DEFAULT_ON", "MIN_PROB", "MODEL_PATH", "NONE", "EventModel", "Prediction", "enabled", "features", "is_verb", "model",
           "verb_features"]

MODEL_PATH = Path(__file__).parent / "data" / "event_model.npz"
DEFAULT_ON = False  # off: with the broader rules it no longer raises the VOA dev F1 (README); TIELINE_LEARNED=1 turns it on
NONE = "NONE"
MIN_PROB = float(os.environ.get("TIELINE_LEARNED_MIN_PROB") or 0.5)  # the least probability to propose a type
CONF = (0.2, 0.3)  # an event's confidence: CONF[0] + CONF[1] * probability (at most the rules' least)
_CONTENT = frozenset({"VERB", "NOUN", "ADJ"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_SKIP_LEMMAS = frozenset({"be", "have", "do", "-PRON-"})


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's best type for a sentence, its probability and the runner-up's."""

    type: str
    prob: float
    second: str
    second_prob: float


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def verb_features(tok: Any) -> list[str]:
    """The features one verb contributes (empty for a proper noun, "be", "have", "do")."""
    lem = _lemma(tok)
    if lem in _SKIP_LEMMAS:
        return []
    out = [f"v:{lem}"]
    passive = False
    for ch in tok.children:
        d = ch.dep_
        if d in ("dobj", "nsubjpass", "attr"):
            out.append(f"vo:{lem}_{'PROPN' if ch.pos_ == 'PROPN' else _lemma(ch)}")
        if d in _PREP_DEPS:
            p = ch.lower_
            out.append(f"vp:{lem}_{p}")
            for po in ch.children:
                if po.dep_ == "pobj" and po.pos_ != "PROPN":
                    out.append(f"vpo:{lem}_{p}_{_lemma(po)}")
        elif d == "prt":
            out.append(f"vt:{lem}_{ch.lower_}")
        elif d in ("xcomp", "ccomp") and ch.pos_ in ("VERB", "AUX"):
            out.append(f"vx:{lem}_{_lemma(ch)}")
            out.append(f"gov:{lem}")
        elif d == "neg":
            out.append(f"neg:{lem}")
            out.append("neg")
        elif d == "aux" and ch.tag_ == "MD":
            out.append(f"md:{ch.lower_}")
        elif d == "auxpass":
            passive = True
    if passive:
        out.append(f"pass:{lem}")
    return out


def is_verb(tok: Any) -> bool:
    return bool(tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"))


def features(span: Any) -> list[str]:
    """The features of one parsed sentence (a spaCy ``Span`` or ``Doc``), deduplicated, in order."""
    out: list[str] = [f"r:{_lemma(span.root)}"]
    for tok in span:
        pos = tok.pos_
        if pos == "PROPN" or tok.is_punct or tok.like_num or tok.ent_type_:
            continue  # no names, nationalities, dates or numbers: the model learns what is done
        if is_verb(tok):
            out.extend(verb_features(tok))
        elif pos in _CONTENT:
            lem = _lemma(tok)
            out.append(f"n:{lem}" if pos == "NOUN" else f"a:{lem}")
            if pos == "NOUN" and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "ADP"):
                for ch in tok.children:
                    if ch.dep_ == "prep":
                        out.append(f"np:{lem}_{ch.lower_}")
    return list(dict.fromkeys(out))


class EventModel:
    """A linear model over :func:`features`: ``vocab`` (feature -> row), ``weights`` (rows x
    classes), ``bias`` and ``classes``."""

    def __init__(self, vocab: list[str], weights: np.ndarray, bias: np.ndarray, classes: list[str]) -> None:
        if weights.shape != (len(vocab), len(classes)) or bias.shape != (len(classes),):
            raise ValueError(f"event model: weights {weights.shape} and bias {bias.shape} do not fit "
                             f"{len(vocab)} features x {len(classes)} classes")
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.classes = list(classes)

    @classmethod
    def load(cls, path: Path) -> EventModel:
        if not path.exists():
            raise FileNotFoundError(f"event model {path} not found: run scripts/train_event_model.py "
                                    "or set TIELINE_LEARNED=0")
        with np.load(path, allow_pickle=False) as z:
            return cls([str(x) for x in z["vocab"]], z["weights"], z["bias"], [str(x) for x in z["classes"]])

    def save(self, path: Path) -> None:
        vocab = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, vocab=np.array(vocab), weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32), classes=np.array(self.classes))

    def probs(self, feats: list[str]) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        z = np.exp(z - z.max())
        return np.asarray(z / z.sum())

    def score(self, feats: list[str], kind: str) -> float:
        """The summed weight of ``feats`` for class ``kind`` (which verb speaks for a type)."""
        if kind not in self.classes:
            return 0.0
        c = self.classes.index(kind)
        return float(sum(self.weights[self.index[f], c] for f in feats if f in self.index))

    def predict(self, feats: list[str]) -> Prediction | None:
        """The best event type (never ``NONE``) with its probability, or None without any known feature."""
        if not any(f in self.index for f in feats):
            return None
        p = self.probs(feats)
        order = [int(i) for i in np.argsort(-p)]
        events = [i for i in order if self.classes[i] != NONE]
        best, second = events[0], events[1]
        return Prediction(self.classes[best], float(p[best]), self.classes[second], float(p[second]))


def enabled() -> bool:
    """Whether the coder asks the model: ``TIELINE_LEARNED=1`` / ``0``, else :data:`DEFAULT_ON`."""
    v = os.environ.get("TIELINE_LEARNED")
    if v is None or v == "":
        return DEFAULT_ON
    return v not in ("0", "off", "false", "no")


def model() -> EventModel:
    """The model of ``TIELINE_LEARNED_MODEL`` or the shipped one (loaded once per path)."""
    return _load(os.environ.get("TIELINE_LEARNED_MODEL") or str(MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> EventModel:
    return EventModel.load(Path(path))
