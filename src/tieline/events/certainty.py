"""How sure the text is that an event happened: asserted, hedged, planned or negated.

:func:`certainty_of` reads the cues around a trigger from the dependency parse: the auxiliaries
and negation children of the trigger and of the verbs it passes through ("did not meet", "may have
met", "will attend"), the clauses that govern it ("it is widely believed that ...", "is said to",
"plans to", "is expected to"), modifiers of a noun trigger ("a scheduled meeting", "no talks") and
an anonymous source ("according to sources").  The cue words are data
(``data/certainty.yaml``).  Order of precedence: negated > hedged > planned > asserted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tieline.events.words import wordset
from tieline.records import Certainty

__all__ = ["CertaintyCues", "certainty_of", "cues"]

_PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass"})
_UP_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "acomp", "pcomp", "relcl"})


class CertaintyCues:
    """The cue words of ``data/certainty.yaml`` as frozensets (loaded once, see :func:`cues`)."""

    def __init__(self, data: dict[str, Any]) -> None:
        def words(key: str) -> frozenset[str]:
            return wordset(data.get(key, []), f"certainty.yaml {key}")

        self.negation = words("negation")
        self.hedge_modals = words("hedge_modals")
        self.hedge_adverbs = words("hedge_adverbs")
        self.hedge_verbs = words("hedge_verbs")
        self.hedge_verbs_active = words("hedge_verbs_active")
        self.hedge_sources = words("hedge_sources")
        self.planned_aux = words("planned_aux")
        self.counterfactual_aux = words("counterfactual_aux")
        self.planned_verbs = words("planned_verbs")
        self.planned_adjectives = words("planned_adjectives")


@lru_cache(maxsize=1)
def cues() -> CertaintyCues:
    path = Path(__file__).parent / "data" / "certainty.yaml"
    return CertaintyCues(yaml.safe_load(path.read_text(encoding="utf-8")))


def _negated(tok: Any, c: CertaintyCues) -> bool:
    for ch in tok.children:
        if ch.dep_ == "neg" or (ch.dep_ in ("advmod", "det", "preconj") and ch.lower_ in c.negation):
            return True
    return False


def _hedged_locally(tok: Any, c: CertaintyCues) -> bool:
    for ch in tok.children:
        if ch.dep_ == "aux" and ch.lower_ in c.hedge_modals:
            return True
        if ch.dep_ == "advmod" and ch.lower_ in c.hedge_adverbs:
            return True
    return False


def _counterfactual(tok: Any, c: CertaintyCues) -> bool:
    """ "would have met": what did not happen (had the talks gone ahead, they would have met)."""
    auxes = [ch.lower_ for ch in tok.children if ch.dep_ in ("aux", "auxpass")]
    return any(a in c.counterfactual_aux and any(b in ("have", "'ve") for b in auxes[i + 1:])
               for i, a in enumerate(auxes))


def _planned_locally(tok: Any, c: CertaintyCues) -> bool:
    auxes = [ch for ch in tok.children if ch.dep_ in ("aux", "auxpass")]
    for i, ch in enumerate(auxes):
        if ch.lower_ in c.planned_aux:
            # "would have met" looks back, not forward
            later = auxes[i + 1:]
            return not (ch.lower_ == "would" and any(a.lower_ in ("have", "'ve") for a in later))
    return False


def _passive(tok: Any) -> bool:
    return any(ch.dep_ in _PASSIVE_DEPS for ch in tok.children) or tok.tag_ == "VBN" and any(
        ch.dep_ == "aux" and ch.lemma_ == "be" for ch in tok.children)


def _hedging_governor(tok: Any, c: CertaintyCues) -> bool:
    """A verb that hedges what it governs: passive or impersonal 'believe/say/report', 'allege'."""
    lemma = tok.lemma_.lower()
    if lemma in c.hedge_verbs_active:
        return True
    if lemma in c.hedge_verbs and _passive(tok):
        return True
    if lemma == "be":
        # "it is (widely) believed that ..." : the hedge verb hangs off "is" as acomp/attr
        return any(ch.dep_ in ("acomp", "attr", "oprd") and ch.lemma_.lower() in c.hedge_verbs
                   for ch in tok.children)
    return False


def _according_to_sources(sent: Any, c: CertaintyCues) -> bool:
    for tok in sent:
        if tok.lower_ != "according":
            continue
        for nxt in tok.subtree:
            if nxt.lower_ in c.hedge_sources:
                return True
    return False


def certainty_of(chain: Sequence[Any], sent: Any = None, noun: Any = None,
                 extra: Iterable[Any] = ()) -> Certainty:
    """The certainty of an event carried by ``chain``.

    ``chain`` is the trigger followed by the verbs it passes through up to the clause that holds
    its subject (for "hopes to serve": [serve, hopes]; for "held talks": [held]).  ``noun`` is a
    noun trigger ("talks"), ``sent`` the sentence span (for "according to sources"), ``extra``
    more tokens to read negation from.
    """
    c = cues()
    toks = [t for t in chain if t is not None]
    if not toks and noun is None:
        return "asserted"
    # negated
    if any(_negated(t, c) for t in toks) or any(_negated(t, c) for t in extra):
        return "negated"
    if noun is not None and any(ch.dep_ == "det" and ch.lower_ in ("no", "neither") for ch in noun.children):
        return "negated"
    if toks and _counterfactual(toks[0], c):
        return "negated"
    # hedged: modals, adverbs, hedging governors up the clause chain
    if any(_hedged_locally(t, c) for t in toks):
        return "hedged"
    top = toks[-1] if toks else noun
    cur = top
    for _ in range(6):
        if cur is None or cur.dep_ not in _UP_DEPS or cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "xcomp") and _hedging_governor(cur.head, c):
            return "hedged"
        cur = cur.head
    # a passive hedge verb directly over the trigger: "is said to have met"
    if any(t.dep_ == "xcomp" and _hedging_governor(t.head, c) for t in toks):
        return "hedged"
    if sent is not None and _according_to_sources(sent, c):
        return "hedged"
    # planned
    if any(_planned_locally(t, c) for t in toks):
        return "planned"
    for t in toks[1:]:
        if t.lemma_.lower() in c.planned_verbs or t.lower_ in c.planned_verbs:
            return "planned"
    for t in toks:
        # "is to visit": the trigger is the complement of a bare "be"
        if t.dep_ == "xcomp" and t.head.lemma_ == "be" and any(
                ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children):
            return "planned"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in c.planned_verbs:
            return "planned"
    if noun is not None and any(ch.dep_ in ("amod", "compound", "poss") and ch.lower_ in c.planned_adjectives
                                for ch in noun.children):
        return "planned"
    return "asserted"
