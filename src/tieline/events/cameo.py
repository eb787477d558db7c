"""The CAMEO verb dictionary as a fallback trigger table.

``data/cameo_verbs.json`` is written by ``scripts/build_cameo_verbs.py`` from the PETRARCH/Phoenix
CAMEO verb dictionary (MIT) and the CAMEO to PLOVER table.  :func:`cameo_frames` reads a verb the
curated table (``data/verbs.yaml``) does not list: the patterns of its CAMEO blocks are matched over
the dependency parse (the words after the verb in its own phrase: particles, objects, prepositional
chains, in order; the words before it in its subject and auxiliaries, nearest first), the longest
pattern wins (then the tightest), and a pattern coded ``[---]`` or with a code that has no PLOVER
event blocks the verb.  So do CAMEO 03x ("express intent": the coder reads intentions itself) and
verbs whose subject undergoes the act ("faced sanctions").  Without a matching pattern the verb's
default code applies, with a resolved target only, and never for verbs that are everyday words in
any prose (:data:`PATTERN_ONLY`: "said", "took", "called") or root codes of vague blocks (030, 050,
060, 090, 110...).  The frames' confidence (:data:`CONF`, 0.5 for a default) is below the curated ones.

``TIELINE_CAMEO=0`` turns the fallback off, ``TIELINE_CAMEO=patterns`` keeps patterns only (to measure).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tieline.records import PLOVER_TYPES

__all__ = ["CONF", "PATTERN_ONLY", "CameoTable", "cameo_frames", "cameo_table"]

_DATA = Path(__file__).parent / "data" / "cameo_verbs.json"
CONF = 0.6  # a CAMEO pattern; its default code alone is less sure
_DEFAULT_CONF = 0.5
_WINDOW = 12  # tokens after the verb that a pattern may reach
_PREFIX = 6  # a dictionary word of this length or more also matches longer words (TABARI stems)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of everyday prose: only a pattern makes them an event ("took control of", not "took").
PATTERN_ONLY = _words("""
say tell call hit fire take make give get go have see come put set run keep turn bring hold show
find leave move open close start begin end stop look let seem become remain stay use work play
meet ask offer help want need like know think believe expect hope plan try feel mean read write
speak talk add note state report describe announce claim point raise push pull carry cut
break drop pass follow lead win lose return receive send pay face reach build form join
die best match ring circle master pit blow crack spoil tear rip mar impair hang overshadow overtake
overcome surmount dominate engage struggle conflict corrupt contaminate tarnish vitiate dishonor
dishonour bill cage contain enclose exclude moderate reinforce extract inhabit reside revolutionise
revolutionize pluck catch overturn remove compensate render attire gear stock tender outfit value
prefer respect prize toast clap cheer rouse enliven invigorate revitalize inspire reassert affirm
celebrate bless spur tempt esteem exalt sanctify embolden galvanize favor favour grab snatch beat
crush smash shatter hammer ruin flatten overwhelm ram thump kick whip lash slap hurt harm damage
defeat best break bust
""")

# Verbs whose subject undergoes what the object names ("faced sanctions", "suffered an attack"):
# CAMEO's patterns for them put the source after the verb, which the coder cannot read.
_UNDERGO = _words("face suffer undergo endure sustain incur risk")

# Types whose bare (root) CAMEO code still names an event ("assailed", "besieged", "disrupted");
# elsewhere a root code (030, 040, 050, 060, 090, 110...) collects vague verbs, and only a more
# specific code (051 praise, 111 denounce, 173 arrest) is trusted without a pattern.
_ROOT_OK = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
_FUNCTION = _words("""
to from with for in on at by of into onto over under against toward towards upon about after before
off out up down back away through across between among within without as the a an
""")
_PARTICLES = _words("off up down out back away forth forward together apart")
# Phrases whose verb a clause never holds for its own ("the attack left five dead"): none yet.
_CUT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "advcl", "conj", "cc", "punct",
                  "parataxis", "mark", "relcl", "acl", "appos", "dep", "intj"})
_BEFORE_CUT = frozenset({"advcl", "ccomp", "mark", "punct", "cc", "conj", "parataxis", "prep", "npadvmod"})


@dataclass(frozen=True, slots=True)
class CameoEvent:
    code: str | None
    type: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class _Pattern:
    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    pp: tuple[bool, ...]  # per position of ``after``: may be inside a prepositional phrase
    event: CameoEvent
    weak: bool  # one preposition only ("- * (FROM)"): no surer than the default


def _event(raw: dict[str, Any] | None) -> CameoEvent | None:
    if raw is None:
        return None
    kind = raw.get("type")
    return CameoEvent(raw.get("code"), kind if kind in PLOVER_TYPES else None, raw.get("mode"), raw.get("context"))


def _pattern(raw: dict[str, Any], prefix: list[str] | None = None) -> _Pattern:
    prefix = prefix or []
    after = [frozenset([w]) for w in prefix] + [frozenset(alts) for alts in raw["after"]]
    inside = set(raw.get("pp", ()))
    pp = tuple(i - len(prefix) in inside for i in range(len(after)))
    ev = _event(raw) or CameoEvent(None, None, None, None)
    before = tuple(frozenset(a) for a in raw["before"])
    elems = before + tuple(after)
    weak = len(elems) == 1 and elems[0] <= _FUNCTION and not (raw.get("phrasal") and elems[0] <= _PARTICLES)
    return _Pattern(before, tuple(after), pp, ev, weak)


class CameoTable:
    """Verb lemma -> default event and patterns, compiled lazily per lemma."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._verbs: dict[str, Any] = data["verbs"]
        self._blocks: dict[str, Any] = data["blocks"]
        self.forms: dict[str, str] = data.get("forms", {})
        self._compiled: dict[str, tuple[CameoEvent | None, tuple[_Pattern, ...]]] = {}
        self._index: dict[str, dict[str, tuple[int, ...]]] = {}  # lemma -> word -> patterns needing it

    def __contains__(self, lemma: str) -> bool:
        return lemma in self._verbs

    def lemma(self, tok: Any) -> str:
        lemma = tok.lemma_.lower()
        if lemma in self._verbs:
            return lemma
        return self.forms.get(tok.lower_, lemma)

    def entry(self, lemma: str) -> tuple[CameoEvent | None, tuple[_Pattern, ...]] | None:
        got = self._compiled.get(lemma)
        if got is not None:
            return got
        raw = self._verbs.get(lemma)
        if raw is None:
            return None
        pats = [_pattern(p) for p in raw["patterns"]]
        for bi, prefix in raw["blocks"]:
            pats.extend(_pattern(p, prefix) for p in self._blocks[str(bi)]["patterns"])
        got = (_event(raw["default"]), tuple(pats))
        index: dict[str, list[int]] = {}
        for n, p in enumerate(pats):  # each pattern under the words of its narrowest position
            elems = p.before + p.after
            if elems:
                for w in min(elems, key=len):
                    index.setdefault(w, []).append(n)
        self._index[lemma] = {w: tuple(ns) for w, ns in index.items()}
        self._compiled[lemma] = got
        return got

    def match(self, tok: Any, lemma: str, pattern_only: bool = False) -> tuple[CameoEvent, bool] | None:
        """The event a verb token carries by CAMEO, and whether a pattern (not the default) gave it.

        A pattern of one preposition only ("- * (FROM)") is no surer than the default: it fires where
        the default could ("- * BACK AT", a phrasal verb "+CALL_OFF", are patterns)."""
        entry = self.entry(lemma)
        if entry is None:
            return None
        default, pats = entry
        best: tuple[int, int, int] | None = None
        best_ev: CameoEvent | None = None
        best_p: _Pattern | None = None
        if pats:
            after = [(_keys(t), in_pp, t.dep_ == "amod") for t, in_pp in _after(tok)]
            before = [(_keys(t), False, False) for t in _before(tok)]
            index = self._index[lemma]
            cands: set[int] = set()
            for keys, _pp, _mod in after + before:
                for k in keys:
                    cands.update(index.get(k, ()))
            complement = any(ch.dep_ in ("xcomp", "ccomp") and ch.pos_ in ("VERB", "AUX") for ch in tok.children)
            for n in sorted(cands):
                p = pats[n]
                if complement and not p.after:
                    continue  # "the military continues to defy X": the complement is the act, not "continue"
                span_a = _subsequence(p.after, p.pp, after)
                if span_a is None:
                    continue
                span_b = _subsequence(p.before, (True,) * len(p.before), before)
                if span_b is None:
                    continue
                score = (len(p.before) + len(p.after), -(span_a + span_b), -n)
                if best is None or score > best:
                    best, best_ev, best_p = score, p.event, p
        if best_ev is not None:
            if not best_ev.type:
                return None  # "[---]": the pattern blocks the verb
            if best_p is not None and not best_p.weak:
                return best_ev, True
            default = best_ev
        if pattern_only or default is None or default.type is None or default.code is None:
            return None
        if not (default.type in _ROOT_OK or len(default.code) > 3 or default.code[2:3] not in ("", "0")):
            return None
        return default, False


def _keys(tok: Any) -> frozenset[str]:
    low = tok.lower_
    lemma = tok.lemma_.lower()
    keys = {low, lemma, low + "_", lemma + "_"}
    keys.update(low[:k] for k in range(_PREFIX, len(low)))
    return frozenset(keys)


def _after(tok: Any) -> list[tuple[Any, bool]]:
    """The verb's own phrase after it, in order: particles, objects and their prepositional chains,
    each with whether it is inside a prepositional phrase."""
    out: list[tuple[Any, bool]] = []
    stack = [(ch, False) for ch in tok.children if ch.i > tok.i and ch.dep_ not in _CUT]
    seen: set[int] = set()
    while stack:
        t, in_pp = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append((t, in_pp))
        inner = in_pp or t.dep_ in ("prep", "agent")
        stack.extend((ch, inner) for ch in t.children if ch.dep_ not in _CUT or ch.dep_ == "conj")
    out.sort(key=lambda x: x[0].i)
    return [x for x in out if x[0].i > tok.i][:_WINDOW]


def _before(tok: Any) -> list[Any]:
    """Its subject, auxiliaries and modifiers before it, nearest first."""
    out: list[Any] = []
    for ch in tok.children:
        if ch.i < tok.i and ch.dep_ not in _BEFORE_CUT:
            out.extend(t for t in ch.subtree if t.i < tok.i)
    out.sort(key=lambda t: -t.i)
    return out[:_WINDOW]


def _subsequence(elems: tuple[frozenset[str], ...], pp: tuple[bool, ...],
                 toks: list[tuple[frozenset[str], bool, bool]]) -> int | None:
    """Where an ordered list of positions matches the tokens (gaps allowed): the last index used.
    A position outside a prepositional phrase only matches a token outside one, unless it follows
    a preposition of the pattern ("- * TO POLLS": the brackets are not always written); the last
    position is never an adjective of another word ("* &MILITARY" is not "military cooperation")."""
    j = 0
    last = 0
    prev: frozenset[str] = frozenset()
    final = len(elems) - 1
    for n, (e, inside) in enumerate(zip(elems, pp, strict=True)):
        may_pp = inside or (prev and prev <= _FUNCTION)
        prev = e
        while j < len(toks) and not (e & toks[j][0] and (may_pp or not toks[j][1])
                                     and not (n == final and toks[j][2])):
            j += 1
        if j == len(toks):
            return None
        last = j
        j += 1
    return last


@lru_cache(maxsize=1)
def cameo_table() -> CameoTable:
    return CameoTable(json.loads(_DATA.read_text(encoding="utf-8")))


def cameo_frames(tok: Any, lemma: str, pats: Any, pattern_only: bool = False) -> tuple[Any, ...]:
    """The coder's fallback: a verb ``verbs.yaml`` has no frame for, read by CAMEO (one frame or none).

    ``pats`` is the coder's :class:`~tieline.events.coder.Patterns`: verbs it uses as intentions,
    light, occurrence, speech or pass-through verbs fire only through a pattern, and a light verb
    whose phrase holds a curated noun trigger ("held talks", "gave $300m in aid") is left to the noun.
    """
    from tieline.events.coder import Frame  # the coder imports this module

    switch = os.environ.get("TIELINE_CAMEO", "1")  # 0: off; patterns: no default codes (to measure)
    if switch == "0":
        return ()
    table = cameo_table()
    if lemma not in table:
        lemma = table.lemma(tok)
        if lemma not in table:
            return ()
    if lemma in _UNDERGO or lemma in pats.lead_verbs:
        return ()  # "a delegation headed by X": the coder reads who leads whom
    if lemma in pats.light_verbs and any(
            t.pos_ == "NOUN" and pats.noun_lemma(t) in pats.nouns for t, _pp in _after(tok)):
        return ()  # "held talks", "gave $300m in aid": the noun carries the event
    pattern_only = pattern_only or switch == "patterns" or lemma in PATTERN_ONLY or lemma in pats.intent \
        or lemma in pats.passthrough or lemma in pats.speech or lemma in pats.light_verbs \
        or lemma in pats.occurrence_verbs or lemma in pats.negating
    got = table.match(tok, lemma, pattern_only)
    if got is None:
        return ()
    ev, by_pattern = got
    if any(o.dep_ == "dobj" and pats.noun_lemma(o) in pats.carrier_nouns and
           any(c.dep_ in ("acl", "relcl") for c in o.children) for o in tok.children):
        return ()  # "stepped up efforts to build ties": the effort's own clause says what it is
    if ev.type == "AGREE":
        return ()  # the coder makes AGREE of intentions and the future; CAMEO 03x only says it looser
    if by_pattern:
        return (Frame(type=str(ev.type), mode=ev.mode, context=ev.context, conf=CONF),)
    # the default code alone: only with a resolved target ("punished Ghana", not "were fighting")
    return (Frame(type=str(ev.type), mode=ev.mode, context=ev.context, conf=_DEFAULT_CONF, needs="recipient"),)
