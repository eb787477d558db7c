"""PLOVER event coding over the dependency parse.

:class:`EventCoder` is the pipeline component ``events``.  For each sentence it finds trigger
words (verbs and nouns listed in ``data/verbs.yaml``, looked up by lemma), types them by the first
frame whose conditions hold, reads actor and recipient from the syntax and maps them onto the
actor mentions of :attr:`Analysis.mentions` by character overlap, then dates, places, sizes and
qualifies each event:

* **Arguments.**  Subject -> actor, object or prepositional object (to, with, against, on, for,
  between...) -> recipient; passive voice reads the by-agent as actor; host verbs ("X received /
  hosted Y") make the visitor the actor and the host the recipient; "X and Y met" gives both;
  a subjectless participle, conjunct or complement takes its governor's subject; a relative
  clause takes its antecedent ("a delegation that met", plus whoever headed it); "the two leaders"
  takes the participants of the event before it in the sentence; "his country" is the country of
  "he".  Compounds and appositions ("Indian Prime Minister Narendra Modi") collapse to the
  mention on the head word.
* **Complements.**  Reported speech keeps its own subject ("X said Y met Z": Y met Z).  A trigger
  in the open complement of another trigger is part of it ("threatened to withdraw" is one
  THREATEN).  Intentions ("offers to mediate", "intends to cooperate"), like the
  future tense ("will visit", "would attend"), make cooperative events AGREE (PLOVER manual).
* **Dates** come from the time expression of the sentence that governs the trigger, else the last
  one earlier in the paragraph (``inferred``), else the publication date (``published``).
* **Places** from an "in/at" phrase on the trigger, else the dateline.
* **Amounts** from :mod:`tieline.events.amounts`, **certainty** from :mod:`tieline.events.certainty`.

Headlines are not coded (a headline repeats the lead).  Direct quotations (found by the quote
stage's detector) are coded when the quote stage, run before this one, named their speaker: the
speaker's "I" and "we" are the speaker ("We will retaliate" threatens on the speaker's behalf).
Every event needs an actor or a recipient that is a known political actor: a mention with a
country, a registry actor (an IGO has none) or a sector ("the opposition", "soldiers").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Day
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tieline.actors import Registry
from tieline.actors import state_at as registry_state_at
from tieline.actors.groups import groups as group_table
from tieline.events.amounts import find_amounts, is_money
from tieline.events.cameo import cameo_frames
from tieline.events.certainty import certainty_of
from tieline.events.learned import CONF as LEARNED_CONF
from tieline.events.learned import MIN_PROB as LEARNED_MIN_PROB
from tieline.events.learned import EventModel, is_verb, verb_features
from tieline.events.learned import enabled as learned_enabled
from tieline.events.learned import features as learned_features
from tieline.events.learned import model as learned_model
from tieline.events.words import word as _word
from tieline.events.words import wordset as _wordset
from tieline.nlp.dates import governing_time
from tieline.nlp.places import dateline, gazetteer
from tieline.quotes import find_quote_spans, link_events
from tieline.records import (
    PLOVER_TYPES,
    ActorRef,
    Amount,
    Analysis,
    Certainty,
    Event,
    Mention,
    Place,
    Sentence,
    TimeExpr,
    stable_id,
)

__all__ = ["EventCoder", "Frame", "Patterns", "StateAt", "patterns"]

StateAt = Callable[[str, str], tuple[str | None, str | None] | None]  # (actor_id, date) -> (country, sector)

_DATA = Path(__file__).parent / "data"
_SUBJ = frozenset({"nsubj", "csubj"})
_PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_OBJ = frozenset({"dobj", "dative"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_PLACE_PREPS = frozenset({"in", "at", "inside", "outside", "near"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SCARE_QUOTE_WORDS = 3  # quoted phrases up to this long are coded as narration
_POLITICAL_SECTORS = frozenset({"IGO", "GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "SPY", "PTY", "IMG", "INS",
                                "UAF"})
_INHERIT_SENTENCES = 3
_AUTHOR_TARGET_TYPES = frozenset({"REJECT", "ACCUSE", "SUPPORT", "AGREE", "CONCEDE"})  # react to X's act
_DEEP_TYPES = frozenset({"COOPERATE", "AGREE", "SUPPORT", "AID", "CONSULT"})  # partners further down
_THREAT_INTENTS = frozenset({"vow", "pledge", "promise", "threaten"})  # "vowed to strike" threatens
_FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})  # who arrests, seizes and kills for a state
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_FUTURE_AUX = frozenset({"will", "would", "shall"})
_TIME_PREPS = frozenset({"after", "before", "since", "while", "following", "upon", "during", "until"})
_OWN_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
_FORCE_MEMORY = 3  # sentences over which an agentless killing is the last attacker's
_VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
_SUBJECT_CONTROL = frozenset({"promise", "use", "take", "need", "have", "get"})
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")


# --------------------------------------------------------------------------------------- patterns

@dataclass(frozen=True, slots=True)
class Frame:
    """One reading of a trigger word: its PLOVER type and the conditions under which it holds."""

    type: str
    mode: str | None = None
    context: str | None = None
    conf: float = 0.75
    role: str | None = None  # "host": the subject hosts (recipient), the object visits (actor)
    topic: bool = False  # the direct object is a topic, never a recipient
    needs: str | None = None  # "recipient" | "object_actor"
    prep: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    dobj: frozenset[str] = frozenset()
    pobj: tuple[tuple[str, frozenset[str]], ...] = ()
    oprd: str | None = None  # "positive" | "negative"
    xcomp: bool = False
    object: bool = False
    bare: bool = False
    amod: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    plural: bool = False
    conditional: bool = False  # the trigger's complement holds an "if"/"unless" clause
    within: frozenset[str] = frozenset()  # a word of the trigger's own phrase ("ordered X back to prison")
    subject: frozenset[str] = frozenset()  # sectors one of the resolved subjects must have

    @classmethod
    def parse(cls, raw: str | dict[str, Any]) -> Frame:
        if isinstance(raw, str):
            raw = {"type": raw}
        kind = str(raw["type"])
        if kind not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {kind!r} in verbs.yaml")

        def words(key: str) -> frozenset[str]:
            return _wordset(raw.get(key), key)

        pobj = tuple((_word(p, "pobj"), _wordset(ws, "pobj")) for p, ws in (raw.get("pobj") or {}).items())
        return cls(type=kind, mode=raw.get("mode"), context=raw.get("context"),
                   conf=float(raw.get("conf", 0.75)), role=raw.get("role"), topic=bool(raw.get("topic")),
                   needs=raw.get("needs"), prep=words("prep"), prt=words("prt"), dobj=words("dobj"),
                   pobj=pobj, oprd=raw.get("oprd"), xcomp=bool(raw.get("xcomp")),
                   object=bool(raw.get("object")), bare=bool(raw.get("bare")), amod=words("amod"),
                   light=words("light"), plural=bool(raw.get("plural")),
                   conditional=bool(raw.get("conditional")), within=words("within"),
                   subject=frozenset(str(x).upper() for x in raw.get("subject") or ()))


def _frames(raw: Any) -> tuple[Frame, ...]:
    items = raw if isinstance(raw, list) else [raw]
    return tuple(Frame.parse(r) for r in items)


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",), "hold": ("held",), "send": ("sent",), "give": ("gave", "given"),
    "strike": ("struck", "stricken"), "shoot": ("shot",), "seek": ("sought",), "lead": ("led",),
    "withdraw": ("withdrew", "withdrawn"), "freeze": ("froze", "frozen"), "forgive": ("forgave", "forgiven"),
    "pay": ("paid",), "make": ("made",), "have": ("had", "has"), "bring": ("brought",),
    "begin": ("began", "begun"), "take": ("took", "taken"), "go": ("went", "gone", "goes"),
    "speak": ("spoke", "spoken"), "cut": ("cut",), "set": ("set",), "hit": ("hit",),
    "undertake": ("undertook", "undertaken"), "arise": ("arose",), "sell": ("sold",), "buy": ("bought",),
    "fight": ("fought",), "lay": ("laid",), "win": ("won",), "put": ("put",), "keep": ("kept",),
}


def _inflections(lemma: str) -> set[str]:
    """Regular English verb forms of a lemma, plus the irregular ones above."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(_IRREGULAR.get(lemma, ()))
    return forms


class Patterns:
    """The trigger tables of ``data/verbs.yaml``, compiled once (dict lookups by lemma)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.verbs: dict[str, tuple[Frame, ...]] = {str(k).lower(): _frames(v) for k, v in data["verbs"].items()}
        self.nouns: dict[str, tuple[Frame, ...]] = {str(k).lower(): _frames(v) for k, v in data["nouns"].items()}
        self.adjectives: dict[str, tuple[Frame, ...]] = {
            str(k).lower(): _frames(v) for k, v in (data.get("adjectives") or {}).items()}

        def words(key: str) -> frozenset[str]:
            return _wordset(data.get(key), key)

        self.light_verbs = words("light_verbs")
        self.occurrence_verbs = words("occurrence_verbs")
        self.adjunct_preps = words("adjunct_preps")
        self.intent: dict[str, Certainty] = {str(k).lower(): v for k, v in data["intent_verbs"].items()}
        self.passthrough = words("passthrough_verbs")
        self.negating = words("negating_verbs")
        self.speech = words("speech_verbs")
        self.cooperative = frozenset(data["cooperative_types"])
        self.future_concede = frozenset(data["future_concede_types"])
        self.threat_types = frozenset(data["threat_types"])
        self.positive = words("positive_words")
        self.negative = words("negative_words")
        self.dual = words("dual_words")
        self.group_nouns = words("group_nouns")
        self.lead_verbs = words("lead_verbs")
        self.country_nouns = words("country_nouns")
        self.member_nouns = words("member_nouns")
        self.goods_nouns = words("goods_nouns")
        self.act_nouns = words("act_nouns")
        self.carrier_nouns = words("carrier_nouns")
        self.command_verbs = words("command_verbs")
        self.scheduling = words("scheduling_verbs")
        self.content_nouns = words("content_nouns")
        self.stative_passives = words("stative_passives")
        self.casualty_verbs = words("casualty_verbs")
        self.forecast = words("forecast_verbs")
        self.body_nouns = words("body_nouns")
        self.linking_verbs = words("linking_verbs")
        self.sequence_adverbs = words("sequence_adverbs")
        self.forces_nouns = words("forces_nouns")
        self.document_nouns = words("document_nouns")
        self.act_of_verb: dict[str, str] = dict(data.get("act_of_verb") or {})
        self.act_same: dict[str, str] = dict(data.get("act_same") or {})
        self.authored_types: dict[str, str] = dict(data.get("authored_types") or {})
        self.speculators = words("speculator_nouns")
        self.purpose_nouns = words("purpose_nouns")
        self.preparing = words("preparing_verbs")
        self.order_nouns = words("order_nouns")
        self.gathering_nouns = words("gathering_nouns")
        self.speculator_sectors = words("speculator_sectors")
        self.negated_need_recipient = frozenset(str(x) for x in data.get("negated_need_recipient_types") or [])
        self.travellers = frozenset(str(x) for x in data.get("traveller_nouns") or [])
        # words for those who could act (a subject none of them names is a thing)
        self.agent_nouns = self.member_nouns | self.group_nouns | self.body_nouns | self.country_nouns \
            | self.speculators | self.act_nouns
        self.background_adverbs = words("background_adverbs")
        self.preventing = words("preventing_verbs")
        self.reversing = words("reversing_nouns")
        self.content_types = frozenset(data.get("content_types") or ())
        self.deontic = words("deontic_modals")
        self.government_target = frozenset(data.get("government_target_types") or ())
        self.complement_target = frozenset(data.get("complement_target_types") or ())
        self.population_target = frozenset(data.get("population_target_types") or ())
        self.armed_groups = frozenset(data.get("armed_group_sectors") or ())
        self.place_target = frozenset(data.get("place_target_types") or ())
        self.opposition_target = frozenset(data.get("opposition_target_types") or ())
        self.opposition_sectors = frozenset(data.get("opposition_sectors") or ())
        acc = data.get("accusation") or {}
        self.reported_types = frozenset(acc.get("reported_types") or ())
        self.allege_verbs = _wordset(acc.get("allege_verbs"), "accusation")
        self.report_verbs = _wordset(acc.get("report_verbs"), "accusation")
        self.recipient_preps = words("recipient_preps")
        deep = data.get("deep_preps") or {}
        self.deep_cooperative = _wordset(deep.get("cooperative"), "deep_preps")
        self.deep_conflictual = _wordset(deep.get("conflictual"), "deep_preps")
        self.type_preps: dict[str, frozenset[str]] = {
            k: _wordset(v, "type_preps") for k, v in (data.get("type_preps") or {}).items()}
        # surface forms for when the tagger's lemma is off ("hopes" -> "hop")
        self.verb_forms: dict[str, str] = {}
        for lemma in set(self.verbs) | set(self.intent) | self.passthrough | self.light_verbs:
            for form in _inflections(lemma):
                self.verb_forms.setdefault(form, lemma)
        self.noun_forms: dict[str, str] = {}
        for lemma in self.nouns:
            for form in (lemma, lemma + "s", lemma + "es"):
                self.noun_forms.setdefault(form, lemma)

    def verb_lemma(self, tok: Any) -> str:
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or lemma in self.intent or lemma in self.passthrough or lemma in self.light_verbs:
            return lemma
        return self.verb_forms.get(tok.lower_, lemma)

    def noun_lemma(self, tok: Any) -> str:
        lemma = tok.lemma_.lower()
        return lemma if lemma in self.nouns else self.noun_forms.get(tok.lower_, lemma)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(yaml.safe_load((_DATA / "verbs.yaml").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------------------- document

class _Doc:
    """Per-document lookups: token -> mention, token -> sentence, quotes, headlines, times."""

    def __init__(self, analysis: Analysis, doc: Any) -> None:
        self.analysis = analysis
        self.sentences = analysis.sentences
        self.tok_starts = [t.idx for t in doc]
        self.mention_of: list[int] = [-1] * len(doc)
        mentions = analysis.mentions
        for mi, m in enumerate(mentions):
            if m.end <= m.start:
                continue
            first = max(bisect_right(self.tok_starts, m.start) - 1, 0)
            for ti in range(first, len(doc)):
                tok = doc[ti]
                if tok.idx >= m.end:
                    break
                if tok.idx + len(tok.text) <= m.start:
                    continue
                cur = self.mention_of[ti]
                if cur < 0 or _better(m, mentions[cur]):
                    self.mention_of[ti] = mi
        # a quoted phrase of a few words ('a "crucial test"') is the narrator's sentence, not speech
        text = analysis.doc.text
        self.quotes = [(q.start, q.end) for q in find_quote_spans(text, analysis.paragraphs or None)
                       if len(text[q.start:q.end].split()) > _SCARE_QUOTE_WORDS]
        self.quote_starts = [q[0] for q in self.quotes]
        spoken = sorted(((q.start, q.end, q.speaker) for q in analysis.quotes
                         if q.speaker is not None and q.speaker.sector in _POLITICAL_SECTORS),
                        key=lambda x: x[0])  # a political speaker's words only, not an analyst's
        self.spoken = [(a, b) for a, b, _ in spoken]
        self.spoken_starts = [a for a, _, _ in spoken]
        self.speakers = [sp for _, _, sp in spoken]
        self.headlines = _headlines(self.sentences)
        self.times = sorted(analysis.times, key=lambda t: t.start)
        self.lede = _lede(self.sentences, self.headlines)
        self.lede_time = _lede_time(self.times, self.sentences, self.lede, analysis.doc.published_date)

    def in_quote(self, offset: int) -> bool:
        i = bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]

    def speaker(self, offset: int) -> ActorRef | None:
        """The speaker of the direct quotation around ``offset``, when the quote stage named one."""
        i = bisect_right(self.spoken_starts, offset) - 1
        return self.speakers[i] if i >= 0 and self.spoken[i][0] <= offset < self.spoken[i][1] else None

    def mention(self, tok: Any) -> Mention | None:
        mi = self.mention_of[tok.i]
        return self.analysis.mentions[mi] if mi >= 0 else None


def _better(a: Mention, b: Mention) -> bool:
    """Which of two mentions over one token wins: resolved first, then the longer one."""
    ra, rb = a.country is not None or a.actor_id is not None, b.country is not None or b.actor_id is not None
    if ra != rb:
        return ra
    return (a.end - a.start) > (b.end - b.start)


def _headlines(sentences: Sequence[Sentence]) -> set[int]:
    """Sentences that are headlines: alone in their paragraph, unpunctuated, in Title Case."""
    count: dict[int, int] = {}
    for s in sentences:
        count[s.paragraph] = count.get(s.paragraph, 0) + 1
    out: set[int] = set()
    for s in sentences:
        if count[s.paragraph] != 1 or _TERMINAL.search(s.text.rstrip()):
            continue
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", s.text) if len(w) > 3]
        if not words or len(words) > 16:
            continue
        if sum(w[0].isupper() for w in words) / len(words) >= 0.6:
            out.add(s.index)
    return out


def _lede(sentences: Sequence[Sentence], headlines: set[int]) -> set[int]:
    """The first two body sentences: where news of the day is told."""
    out: set[int] = set()
    for s in sentences:
        if s.index in headlines or len(s.text.split()) < 8 or not _TERMINAL.search(s.text.rstrip()):
            continue
        out.add(s.index)
        if len(out) == 2:
            break
    return out


def _after(value: str | None, published: str | None) -> bool:
    """``value`` (at its precision) is later than the publication date."""
    return bool(value and published and value > published[:len(value)])


def _before(value: str | None, published: str | None) -> bool:
    """A date wholly before the publication day, at the date's own precision."""
    return bool(value and published) and str(value) < str(published)[:len(str(value))]


def _span_to_now(t: TimeExpr, published: str | None) -> TimeExpr | None:
    """What a "since <t>" span up to publication pins down: the month or year both ends share."""
    if not t.value or not published:
        return None
    for n, precision in ((7, "month"), (4, "year")):
        if len(t.value) >= n and t.value[:n] == published[:n]:
            return TimeExpr(t.text, t.value[:n], precision, t.start, t.end, t.relative)  # type: ignore[arg-type]
    return None


def _lede_time(times: Sequence[TimeExpr], sentences: Sequence[Sentence], lede: set[int],
               published: str | None) -> TimeExpr | None:
    """The day the lede dates its news by: its first day-precision time, in the month before
    publication (a later paragraph that gives no time of its own tells the same news)."""
    if not lede or not published:
        return None
    spans = [(sentences[i].start, sentences[i].end) for i in sorted(lede) if i < len(sentences)]
    for t in times:
        if t.precision != "day" or not t.value or not any(a <= t.start < b for a, b in spans):
            continue
        if t.value <= published[:10] and (Day.fromisoformat(published[:10]) - Day.fromisoformat(t.value)).days <= 31:
            return t
        return None
    return None


# --------------------------------------------------------------------------------------- arguments

@dataclass(slots=True)
class _Args:
    actors: list[Mention | ActorRef] = field(default_factory=list)
    recipients: list[Mention | ActorRef] = field(default_factory=list)
    dual: bool = False  # the subject was "the two leaders": take the previous event's participants
    fallback: bool = False  # the subject was guessed from the sentence, not the parse


def _refusal(chain: list[Any], joint: bool) -> bool:
    """A negated act of the actor's own will, not a state or a non-occurrence: "will not attend",
    "does not want to meet", "did not invite X" -- but "did not meet" (a joint act may fail for
    either side) and "has not travelled there for a year" (a state that lasted) stay negated."""
    for i, t in enumerate(chain):
        if not any(ch.dep_ == "neg" for ch in t.children):
            continue
        auxes = {ch.lemma_.lower() for ch in t.children if ch.dep_ in ("aux", "auxpass")}
        if "have" in auxes:
            return False
        if auxes & _FUTURE_AUX or i > 0:  # "will not meet"; "does not want to meet"
            return True
        return "do" in auxes and not joint
    return False


@dataclass(slots=True)
class _Chain:
    """A trigger and the verbs it passes through up to the clause that holds its subject
    ("meet" -> "hopes"; "cooperating" -> "continue" -> "plans")."""

    tokens: list[Any]
    intent: Any = None  # the governor that makes it an intention ("hopes"), if any
    intent_lemma: str | None = None
    intent_cert: Certainty | None = None
    absorbed: bool = False  # part of a governing trigger ("threatened to withdraw")

    @property
    def top(self) -> Any:
        return self.tokens[-1]


@dataclass(slots=True)
class _Trigger:
    """A word that carries an event, with the frame it was read with."""

    tok: Any
    frame: Frame
    chain: _Chain
    anchors: list[Any]  # the tokens the event hangs on (for its date and place)
    clause: Any  # the head of the clause the event spans
    objs: list[Any] = field(default_factory=list)
    noun: Any = None  # a noun trigger ("talks")
    light: Any = None  # ... and the verb it hangs on ("held")
    how: str = "verb"  # verb | light | occurrence | adjunct



def _open_complement(tok: Any) -> bool:
    """An open complement: an ``xcomp``, or an infinitive the parser hung as an adverbial clause of
    "call on X" ("calling on authorities at home and abroad to loosen ..."; not "met on Tuesday to discuss")."""
    if tok.dep_ == "xcomp":
        return True
    return tok.dep_ == "advcl" and tok.head.lemma_.lower() == "call" and \
        any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children) and \
        any(ch.dep_ == "prep" and ch.lower_ in ("on", "upon") and ch.i < tok.i and
            all(p.ent_type_ not in ("DATE", "TIME") for p in ch.children) for ch in tok.head.children)

def _children(tok: Any, deps: frozenset[str] | set[str] | tuple[str, ...]) -> list[Any]:
    return [ch for ch in tok.children if ch.dep_ in deps]


def _conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for ch in t.children:
            if ch.dep_ == "conj" and ch.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(ch)
                stack.append(ch)
    return out


class _Coder:
    """Codes one document (one instance per document; see :class:`EventCoder`)."""

    def __init__(self, analysis: Analysis, doc: Any, pats: Patterns,
                 state_at: StateAt, code_quotes: bool, learned_model: EventModel | None = None) -> None:
        self.learned = learned_model
        self.a = analysis
        self.d = _Doc(analysis, doc)
        self.doc = doc
        self.p = pats
        self.state_at = state_at
        self.code_quotes = code_quotes
        self.events: list[Event] = []
        self._by_sentence: dict[int, list[Event]] = {}
        self._anchors: dict[str, tuple[Any, list[Any]]] = {}  # event id -> (trigger, clause tokens)
        self._span: Any = None  # the sentence being coded
        self._deferred: list[Any] = []  # intent verbs left to their complement ("agreed to hold talks")
        self._fallback_intents: set[int] = set()
        self._intents_used: set[int] = set()  # intent tokens some event was coded through
        # whose an act noun is, as the document has said so far ("a resolution in the U.S.
        # Congress" ... "rejected the resolution"): act lemma -> its author(s)
        self._acts: dict[str, list[Mention | ActorRef]] = {}
        self._last_force: tuple[int, list[ActorRef]] | None = None  # who last used force, and where

    # ---------------------------------------------------------------- noun phrases -> mentions
    def refs(self, head: Any, depth: int = 0) -> tuple[list[Mention | ActorRef], bool]:
        """The actors a noun phrase refers to, and whether it is a "the two leaders" phrase."""
        out: list[Mention | ActorRef] = []
        dual = False
        for t in _conjuncts(head):
            if t.lower_ in _FIRST_PERSON:
                sp = self.d.speaker(t.idx)
                if sp is not None:
                    out.append(sp)
                    continue
            m = self.d.mention(t)
            if m is not None and t.lower_ in _THIRD_PERSON and m.actor_id:
                sp = self.d.speaker(t.idx)
                if sp is not None and sp.actor_id == m.actor_id:
                    continue  # "he" in X's own words is someone else than X
            if m is not None and t.lemma_.lower() in self.p.member_nouns and depth < 2:
                of = [r for ch in t.children if ch.dep_ == "prep" and ch.lower_ in ("of", "from")
                      for p in _children(ch, ("pobj",)) for r in self.refs(p, depth + 1)[0]]
                body = [r for r in of if _body(r)]
                if body or (of and not (m.actor_id or m.country)):
                    # "diplomats from the Group of Seven", "the ministers of the five Central Asian
                    # republics": the body or the states they are of
                    out.extend(body or [r for r in of if r.country or r.actor_id])
                    continue
            if m is not None and (m.actor_id or m.country):
                out.append(m)
                out.extend(self._conjoined_modifiers(t))  # "Cameroon and Chad officials"
                continue
            if t.lower_ in ("it", "they") and t.dep_ == "nsubj" and depth == 0:
                reporter = self._reporter(t.head)
                if reporter:  # "North Korea said it conducted a test": it is North Korea
                    out.extend(reporter)
                    continue
            # an unresolved head with a resolved apposition: "PARIS -- French President X met ..."
            appos = [self.d.mention(ch) for ch in t.children if ch.dep_ == "appos"]
            appos_m = [a for a in appos if a is not None and (a.actor_id or a.country)]
            if appos_m:
                out.extend(appos_m)
                continue
            grp = self._group_phrase(t)
            if grp is not None:  # "all five Central Asian republics", "the two Koreas": the group the table knows
                out.append(grp)
                continue
            if m is not None:
                mod = next((x for x in (self._modifier_mention(t), self._located_in(t))
                            if x is not None and x is not m and x.country), None)
                if mod is not None:  # "Iraqi Kurds": Kurds of Iraq
                    span = self.doc[t.left_edge.i:t.i + 1].text  # "opposition parties in Kenya"
                    out.append(ActorRef(None, span, span, mod.country, m.sector))
                else:
                    out.append(m)
                continue
            lemma = t.lemma_.lower()
            incl = [r for ch in t.children if ch.dep_ == "prep" and ch.lower_ in ("including", "like")
                    for p in _children(ch, ("pobj",)) for r in self.refs(p, depth + 1)[0]] if depth <= 2 else []
            if incl:  # "35 countries, including the EU"
                out.extend(incl)
                continue
            if lemma in self.p.country_nouns:
                for ch in t.children:
                    pm = self.d.mention(ch) if ch.dep_ == "poss" else None
                    if pm is not None and pm.country:
                        out.append(self._country_ref(pm.country, t))
                        break
                else:
                    mod = self._modifier_mention(t) or self._located_in(t)  # "the government of X"
                    if mod is not None:
                        out.append(mod)
                continue
            if self._is_dual(t):
                mods = self._modifier_mentions(t)
                if mods:  # "both Kenyan leaders": Kenya's, whoever the pair before was
                    out.extend(mods)
                    continue
                dual = True
                continue
            where = self._located_in(t) if lemma in self.p.body_nouns else None
            if where is not None:  # "the largest extremist organization in Northern Ireland"
                span = self.doc[t.left_edge.i:t.i + 1].text
                out.append(ActorRef(None, span, span, where.country, None))
                continue
            earlier = self._earlier_body(t) if lemma in self.p.body_nouns else None
            if earlier is not None:  # "the group", "the bloc": the body named last before
                out.append(earlier)
                continue
            if self.p.noun_lemma(t) in self.p.nouns and depth == 0:
                own = self._own_agent(t, "ASSAULT")  # "airstrikes by the army killed ...": the army
                if own:
                    out.extend(own)
                    continue
            mods = self._modifier_mentions(t)
            if mods:
                out.extend(mods)
                continue
            if depth == 0:
                preps = ("of", "from", "in") if lemma in self.p.member_nouns else \
                    ("of", "from") if lemma in self.p.goods_nouns else ("of",)
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ in preps:
                        for pobj in _children(ch, ("pobj",)):
                            sub, _ = self.refs(pobj, depth + 1)
                            out.extend(sub)
        return _dedupe(out), dual

    def _group_phrase(self, t: Any) -> ActorRef | None:
        """A standing group named by a plain noun phrase (``actors/data/groups.yaml`` aliases)."""
        if t.pos_ not in ("NOUN", "PROPN") or t.tag_ not in ("NNS", "NNPS"):
            return None
        words = [w for w in self.doc[t.left_edge.i:t.i + 1]
                 if w.dep_ not in ("det", "predet", "poss", "punct") and w.lower_ not in ("all", "both")]
        text = " ".join(w.text for w in words)
        _by_id, by_alias = group_table()
        bare = " ".join(w.text for w in words if w.dep_ != "nummod")  # "five Central Asian republics"
        g = by_alias.get(" ".join(text.lower().split())) or by_alias.get(" ".join(bare.lower().split()))
        if g is None:
            return None
        return ActorRef(g.id, g.name, text, None, "IGO")

    def _earlier_body(self, t: Any) -> Mention | None:
        """The international body or group a bare "the group" / "the bloc" refers to: the last
        one named before it in the document."""
        if not any(ch.dep_ == "det" and ch.lower_ in ("the", "this") for ch in t.children) or any(
                ch.dep_ in ("compound", "amod", "poss", "prep") for ch in t.children):
            return None
        best: Mention | None = None
        for m in self.a.mentions:
            if m.start < t.idx and (_body(m) or m.kind in ("organization", "group")) \
                    and (best is None or m.start > best.start):
                best = m
        return best

    def _located_in(self, t: Any) -> Mention | None:
        """The country of an "in/from X" phrase on a noun ("opposition parties in Kenya"; "of X"
        for a state's own bodies: "the government of Chad")."""
        preps = ("in", "from", "of") if t.lemma_.lower() in self.p.country_nouns else ("in", "from")
        for ch in t.children:
            if ch.dep_ == "prep" and ch.lower_ in preps:
                for p in _children(ch, ("pobj",)):
                    pm = self.d.mention(p)
                    if pm is not None and pm.country:
                        return pm
        return None

    def _modifier_mentions(self, t: Any) -> list[Mention]:
        """The modifier mention of :meth:`_modifier_mention` with its conjuncts ("Cameroon and
        Chad officials")."""
        m = self._modifier_mention(t)
        if m is None:
            return []
        return [m, *(c for c in self._conjoined_modifiers(t) if c is not m)]

    def _conjoined_modifiers(self, t: Any) -> list[Mention]:
        """Resolved mentions of conjoined modifiers of a noun: "Cameroon and Chad" in
        "Cameroon and Chad officials" (a lone modifier is the head's own: "Russian troops")."""
        out: list[Mention] = []
        for ch in t.children:
            if ch.dep_ not in ("compound", "nmod", "amod") or not _children(ch, ("conj",)):
                continue
            for c in _conjuncts(ch):
                cm = self.d.mention(c)
                if cm is not None and (cm.country or cm.actor_id) and cm not in out:
                    out.append(cm)
        return out

    def _modifier_mention(self, t: Any) -> Mention | None:
        """A mention among a noun's modifiers: "Iran's program", "U.S. support", "Russian troops"
        (and one level down: "the Kremlin's press office")."""
        for deps in (("poss",), ("compound", "nmod"), ("amod",)):
            for ch in t.children:
                if ch.dep_ not in deps or ch.pos_ == "PRON":  # "its troops" are the subject's own
                    continue
                m = self.d.mention(ch)
                if m is None and ch.dep_ == "poss":
                    m = next((self.d.mention(g) for g in ch.children if g.dep_ in ("compound", "poss")
                              and self.d.mention(g) is not None), None)
                if m is not None:
                    return m
        return None

    def _is_dual(self, t: Any) -> bool:
        if t.lower_ in self.p.dual and t.pos_ in ("NUM", "DET", "PRON", "NOUN"):
            return True
        return t.pos_ == "NOUN" and t.tag_ == "NNS" and any(
            ch.lower_ in self.p.dual and ch.dep_ in ("nummod", "det", "predet", "preconj") for ch in t.children)

    def _country_ref(self, iso3: str, tok: Any) -> ActorRef:
        """The country itself, for "his country" / "its government" (from the actor registry)."""
        return _state(iso3, self.doc[tok.left_edge.i:tok.i + 1].text, None)

    # ---------------------------------------------------------------- subjects and objects
    def subject(self, tok: Any, below: Any = None) -> tuple[list[Any], bool]:
        """Logical-subject heads of a verb (climbing to the governor when it has none); passive?

        Through an open complement the governor's subject is the complement's ("hopes to serve"),
        except after a passive raising verb ("X was expected to meet": X) and an object-control
        verb ("urged X to", "called on X to", "looking to X to": X).
        """
        cur = tok
        # ``below``: the trigger under ``tok`` when ``tok`` tops its chain of open complements; a
        # passive top is then a raising verb ("X is expected to visit": X visits)
        raised = below is not None and below.i != tok.i
        from_xcomp = from_conj = False
        for _ in range(6):
            passive = any(ch.dep_ in ("auxpass", "nsubjpass", "csubjpass", "agent") for ch in cur.children)
            if passive:
                if from_xcomp or raised or from_conj:  # "X was indicted ... and will resign": X
                    return _children(cur, _PASS_SUBJ), False
                if cur.pos_ in ("VERB", "AUX") and self._lemma(cur) in self.p.stative_passives:
                    return _children(cur, _PASS_SUBJ), False  # "X is committed to peace": X
                    return _children(cur, _PASS_SUBJ), False
                agents = [p for ag in _children(cur, ("agent",)) for p in _children(ag, ("pobj",))]
                return agents, True
            if from_xcomp:
                ctrl = self._controller(cur)
                if ctrl:
                    return ctrl, False
            subj = [t for t in _children(cur, _SUBJ) if t.pos_ != "SCONJ"]  # not "that" misread
            if len(subj) > 1:  # a parse with two subjects ("VOA: Putin visited"): the nearer one
                before = [t for t in subj if t.i < cur.i]
                subj = [max(before, key=lambda t: t.i)] if before else subj[:1]
            if subj:
                return subj, False
            dep = cur.dep_
            if dep == "conj" and cur.head.dep_ == "relcl" and cur.head.head.head.pos_ in ("VERB", "AUX") \
                    and any(ch.dep_ == "advmod" and ch.lower_ in self.p.sequence_adverbs for ch in cur.children):
                # "they killed the attackers who stormed the hotel and later killed 50 militants": the
                # parser hung the second act on the relative clause; it is the main clause's
                cur = cur.head.head.head
                continue
            if dep == "ccomp" and cur.head.pos_ in ("VERB", "AUX") and self.p.verb_lemma(cur.head) in self.p.speech \
                    and self.p.verb_lemma(cur.head) != "tell":
                # "a source said Ankara in recent years imposed ...", parsed with Ankara as the object
                # of "said": a name between the reporting verb and the reported one is its doer
                misread = [o for o in _children(cur.head, ("dobj",)) if o.i < cur.i and self.d.mention(o) is not None]
                if misread:
                    return misread, False
            if dep in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
                from_xcomp = _open_complement(cur)
                from_conj = dep == "conj" and cur.pos_ in ("VERB", "AUX") and cur.tag_ != "VBN" and \
                    not any(ch.dep_ in ("auxpass", "nsubjpass") for ch in cur.children)  # not "and charged"
                cur = cur.head
                continue
            if dep == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.i != cur.head.i:
                objs = _children(cur.head.head, _OBJ)
                if cur.head.lower_ == "from" and objs:
                    return objs, False  # "prevent the regime from threatening": the regime threatens
                from_xcomp = False
                cur = cur.head.head
                if cur.pos_ not in ("VERB", "AUX"):
                    break
                continue
            if dep == "acl" and self._authored(cur):
                return self._author(cur.head), False  # "passed a resolution condemning X"
            if dep in ("acl", "relcl") and cur.head.lemma_.lower() in self.p.purpose_nouns | self.p.gathering_nouns \
                    and cur.head.dep_ == "pobj" \
                    and cur.head.head.head.i != cur.head.head.i:
                cur = cur.head.head.head  # "X visits Y in a move to strengthen ties": X strengthens
                raised = raised or (cur.pos_ in ("VERB", "AUX") and self._lemma(cur) in self.p.scheduling)
                continue
            if dep in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
                return [cur.head], False
            break
        return [], False

    def _authored(self, verb: Any) -> bool:
        """A participle saying what a document does: "a resolution condemning X", "a letter
        urging X to ..." (the document's author acts)."""
        return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN" \
            and verb.head.lemma_.lower() in self.p.document_nouns and bool(self._author(verb.head))

    def _author(self, noun: Any) -> list[Any]:
        """Who wrote or passed a document noun: "a statement by X", "X's letter", "X passed a
        resolution" (heads of the noun phrases)."""
        for ch in noun.children:
            if ch.dep_ == "poss" and ch.pos_ != "PRON":
                return [ch]
            if ch.dep_ == "agent" or (ch.dep_ == "prep" and ch.lower_ in ("by", "from")):
                return _children(ch, ("pobj",))
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            heads, passive = self.subject(noun.head)
            return [] if passive else heads
        return []

    def _forecast(self, tok: Any) -> bool:
        """ "expects X to launch", parsed as a clause with its own subject under the forecast verb."""
        return tok.dep_ == "ccomp" and tok.head.pos_ in ("VERB", "AUX") and \
            self._lemma(tok.head) in self.p.forecast and any(ch.dep_ == "aux" and ch.lower_ == "to"
                                                               for ch in tok.children)

    def _commands_own_forces(self, verb: Any) -> bool:
        """ "ordered its military to ...", "instructed the police to ...": a command to one's own
        forces, whose act is the commander's."""
        if verb.pos_ not in ("VERB", "AUX") or self._lemma(verb) not in self.p.command_verbs \
                or not _children(verb, ("xcomp",)):
            return False
        objs = _children(verb, ("dobj",))
        return bool(objs) and all(o.lemma_.lower() in self.p.forces_nouns and not any(
            ch.dep_ == "poss" and ch.pos_ != "PRON" for ch in o.children) for o in objs)

    def _controller(self, verb: Any) -> list[Any]:
        """The object that controls an open complement: "urged X to", "called on X to"."""
        lemma = self._lemma(verb)
        if lemma in self.p.intent or self._commands_own_forces(verb):
            return []
        objs = _children(verb, ("dobj",))
        if objs and lemma not in _SUBJECT_CONTROL:
            return objs
        for ch in verb.children:
            if ch.dep_ == "prep" and (ch.lower_ in ("on", "upon") or (ch.lower_ == "to" and lemma == "look")):
                return _children(ch, ("pobj",))
        return []

    def objects(self, tok: Any, passive: bool) -> list[Any]:
        if passive and self._lemma(tok) not in self.p.stative_passives:
            return _children(tok, _PASS_SUBJ)
        return _children(tok, _OBJ)

    def _group_leaders(self, noun: Any) -> list[Mention | ActorRef]:
        """Who heads a group noun: "X headed a delegation", "a delegation led by X"."""
        if noun.lemma_.lower() not in self.p.group_nouns:
            return []
        out: list[Mention | ActorRef] = []
        head = noun.head
        if noun.dep_ == "dobj" and self.p.verb_lemma(head) in self.p.lead_verbs:
            for s in _children(head, _SUBJ):
                out.extend(self.refs(s)[0])
        for ch in noun.children:
            if ch.dep_ == "acl" and self.p.verb_lemma(ch) in self.p.lead_verbs:
                for ag in _children(ch, ("agent",)):
                    for p in _children(ag, ("pobj",)):
                        out.extend(self.refs(p)[0])
        return out

    def subject_refs(self, tok: Any, chain_top: Any) -> tuple[list[Mention | ActorRef], bool, bool, bool]:
        """(refs, dual, passive, fallback) for the logical subject of a clause."""
        heads, passive = self.subject(chain_top, tok)
        refs: list[Mention | ActorRef] = []
        dual = False
        for h in heads:
            antecedent = None
            if h.lower_ in _RELATIVE and h.head.dep_ == "relcl":
                antecedent = h.head.head  # "a delegation that met"
            elif chain_top.dep_ in ("relcl", "acl") and h.i == chain_top.head.i:
                antecedent = h
            if antecedent is not None:
                # only the antecedent itself, or the group it names and whoever heads it
                refs.extend(self._group_leaders(antecedent))
                m = self.d.mention(antecedent)
                if m is not None:
                    refs.append(m)
                elif antecedent.lemma_.lower() in self.p.group_nouns:
                    refs.extend(self.refs(antecedent)[0])
                continue
            r, dl = self.refs(h)
            refs.extend(self._group_leaders(h))
            refs.extend(r)
            dual = dual or dl
        if refs or dual or heads or passive:  # an agentless passive has no actor to guess
            return _dedupe(self._speaking_leaders(chain_top, refs) + refs), dual, passive, False
        fb = self._fallback_subject(tok)
        return fb, False, passive, bool(fb)

    def _reporter(self, verb: Any) -> list[Mention | ActorRef]:
        """The resolved subject of the speech verb whose complement ``verb`` heads."""
        if verb.dep_ != "ccomp" or verb.head.i == verb.i:
            return []
        gov = verb.head
        if gov.pos_ not in ("VERB", "AUX") or self.p.verb_lemma(gov) not in self.p.speech:
            return []
        return [r for h in _children(gov, _SUBJ) for r in self.refs(h, 1)[0] if r.country or r.actor_id]

    def _speculation(self, clause: Any) -> bool:
        """The clause is what analysts or experts say ("Analysts say Tehran would welcome ...",
        "X, a scholar at a think tank, told VOA that India is concerned about ..."): an opinion
        about events, not a report of one.  Read up from the clause to the speech verb above it."""
        cur = clause
        for _ in range(6):
            if cur.head.i == cur.i:
                return False
            if cur.dep_ == "ccomp" and cur.head.pos_ in ("VERB", "AUX") and \
                    self.p.verb_lemma(cur.head) in self.p.speech:
                return any(self._speculator(s) for s in _children(cur.head, _SUBJ))
            cur = cur.head
        return False

    def _speculator(self, tok: Any) -> bool:
        """An analyst or expert: the word itself, or a named person of a research or academic body."""
        m = self.d.mention(tok)
        if m is None:
            return tok.lemma_.lower() in self.p.speculators
        if m.kind != "person":
            return False
        # "Jane Doe, a senior fellow at ...": the apposition says what the person is
        return (m.sector or "").lower() in self.p.speculator_sectors or any(
            a.lemma_.lower() in self.p.speculators for a in _children(tok, ("appos",)))

    def _speaking_leaders(self, clause: Any, refs: list[Mention | ActorRef]) -> list[Mention | ActorRef]:
        """The speaker of "X said that <country> will ...", or of "X said the president would ...",
        when X is a person in government of that very country: the official who announces an
        intention is its source, beside the country or leader it is about."""
        countries = {r.country for r in refs if r.country and (r.actor_id or "").startswith("country:")}
        leader = False  # "said the president would ...": an official of unknown country speaks for them too
        if not countries and refs and any(a.dep_ == "aux" and a.lower_ in _FUTURE_AUX for a in clause.children):
            countries = {r.country for r in refs if r.country and r.sector == "GOV"
                         and (r.actor_id or "").startswith("person:")}
            leader = True
        if not countries or len(countries) != len(refs) or clause.dep_ != "ccomp":
            return []
        verb = clause.head
        if self.p.verb_lemma(verb) not in self.p.speech:
            return []
        out: list[Mention | ActorRef] = []
        for s in _children(verb, _SUBJ):
            for r in self.refs(s)[0]:
                if (r.actor_id or "").startswith("person:") and r.sector == "GOV" and (
                        r.country in countries or (leader and r.country is None)):
                    out.append(r)
        return out

    def _fallback_subject(self, tok: Any) -> list[Mention | ActorRef]:
        """When the parse lost the subject of a main-clause verb: the sentence-initial actor."""
        cur = tok
        while cur.head.i != cur.i:
            if cur.dep_ in ("ccomp", "advcl", "relcl", "acl", "pcomp", "csubj"):
                return []
            cur = cur.head
        for t in self._span:
            if t.i >= tok.i:
                break
            m = self.d.mention(t)
            if m is None or not (m.country or m.actor_id):
                continue
            path, ok = t, True
            while path.head.i != path.i:
                if path.dep_ in ("prep", "pobj", "poss", "agent", "dobj", "attr"):
                    ok = False
                    break
                path = path.head
            if ok:
                return [m]
        return []

    def prep_refs(self, toks: Iterable[Any], preps: frozenset[str] | set[str]) -> tuple[
            list[Mention | ActorRef], list[Mention | ActorRef], bool]:
        """Mentions in prepositional objects of ``toks``: (general, "between", saw "the two")."""
        general: list[Mention | ActorRef] = []
        between: list[Mention | ActorRef] = []
        dual = False
        for t in toks:
            for ch in t.children:
                if ch.dep_ not in ("prep", "prt", "dative") or ch.lower_ not in preps:
                    continue
                for pobj in _children(ch, ("pobj", "pcomp")):
                    r, dl = self.refs(pobj)
                    dual = dual or dl
                    (between if ch.lower_ == "between" else general).extend(r)
        return general, between, dual

    def deep_recipients(self, tok: Any, kind: str) -> list[Mention | ActorRef]:
        """A partner or target further down the clause: "plans to keep working to build a
        partnership with X", "threatened to use force against X".  Only the prepositions
        ``deep_preps`` gives the type's side, never across a clause with its own subject."""
        preps = self.p.deep_cooperative if kind in _DEEP_TYPES else self.p.deep_conflictual
        frontier = [tok]
        for _depth in range(5):
            nxt: list[Any] = []
            for t in frontier:
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ in preps:
                        for pobj in _children(ch, ("pobj",)):
                            r = [x for x in self.refs(pobj)[0] if x.country]
                            if r:
                                return r
                    # down the verb chain and its objects only, never into another clause's subject
                    if ch.dep_ in ("xcomp", "dobj") and not _children(ch, _SUBJ):
                        nxt.append(ch)
                    if ch.dep_ == "prep" and ch.lower_ == "for":  # "called for sanctions against X"
                        nxt.extend(_children(ch, ("pobj",)))
            frontier = nxt
        return []

    # ---------------------------------------------------------------- frames
    def frame_ok(self, f: Frame, tok: Any, obj_heads: list[Any]) -> bool:
        if f.prep or f.prt:
            wanted = f.prep | f.prt
            # the parser often hangs the phrase on the object ("asked [Trump for relief]")
            if not any(ch.dep_ in ("prep", "prt", "agent", "dative") and ch.lower_ in wanted
                       for ch in [*tok.children, *(c for o in obj_heads for c in o.children if c.dep_ == "prep")]) \
                    and not self._marked_clause(tok, wanted):
                return False
        if f.dobj:
            lemmas = set()
            for o in obj_heads:
                lemmas.add(o.lemma_.lower())
                for ch in o.children:  # "a package of sanctions", "control of the city"
                    if ch.dep_ == "prep" and ch.lower_ == "of":
                        lemmas |= {p.lemma_.lower() for p in _children(ch, ("pobj",))}
                    elif ch.dep_ == "compound" and o.lemma_.lower() in self.p.carrier_nouns:
                        lemmas.add(ch.lemma_.lower())  # "mediation efforts": what the effort is
                lemmas |= {c.lemma_.lower() for c in _conjuncts(o)}
            if not lemmas & f.dobj:
                return False
        for prep, nouns in f.pobj:
            if not any(ch.dep_ == "prep" and ch.lower_ == prep and any(
                    p.lemma_.lower() in nouns or p.lower_ in nouns or ("@igo" in nouns and self._is_igo(p))
                    or ("@actor" in nouns and _resolved(self.refs(p)[0]))
                    for p in _children(ch, ("pobj",))) for ch in tok.children):
                return False
        if f.oprd and not self._predicate(tok, f.oprd):
            return False
        if f.xcomp and not _children(tok, ("xcomp",)):
            return False
        if f.within and not any(t.lemma_.lower() in f.within for t in _own_phrase(tok)):
            return False
        if f.conditional and not any(t.dep_ == "mark" and t.lower_ in ("if", "unless")
                                     for c in _clauses(tok) for t in c.subtree):
            return False
        if f.bare and (_children(tok, ("oprd", "xcomp", "ccomp", "acomp", "attr")) or any(
                ch.dep_ == "prep" and ch.lower_ == "as" for ch in tok.children)):
            return False  # "called X a liar", "were called as witnesses"
        return not (f.object and not obj_heads)

    def _is_igo(self, tok: Any) -> bool:
        m = self.d.mention(tok)
        return m is not None and (m.sector == "IGO" or m.kind == "organization" and m.country in (None, "IGO"))

    def _predicate(self, tok: Any, polarity: str) -> bool:
        words = self.p.positive if polarity == "positive" else self.p.negative
        for ch in tok.children:
            if ch.dep_ not in ("oprd", "xcomp", "ccomp", "acomp", "attr"):
                continue
            for c in _conjuncts(ch) + [g for g in ch.children if g.dep_ in ("amod", "conj", "compound")]:
                if c.lemma_.lower() in words or c.lower_ in words:
                    return True
        return False

    # ---------------------------------------------------------------- triggers
    def run(self) -> list[Event]:
        for s in self.d.sentences:
            if s.index in self.d.headlines:
                continue
            span = self.doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is None:
                continue
            self._span = span
            for tok in span:
                if not self.code_quotes and self.d.in_quote(tok.idx) and self.d.speaker(tok.idx) is None \
                        and not self._narrated(tok):
                    continue
                trig: _Trigger | None = None
                if tok.pos_ in ("VERB", "AUX"):
                    trig = self.verb_trigger(tok)
                elif tok.pos_ == "NOUN":
                    trig = self.noun_trigger(tok)
                    if trig is None and _verb_tagged_noun(tok):
                        trig = self.verb_trigger(tok)  # "is expected visit India": a verb the tagger missed
                if trig is None and (tok.pos_ == "ADJ" or tok.dep_ in ("acomp", "oprd")):
                    trig = self.adjective_trigger(tok)  # "remains concerned" (tagged either way)
                if trig is not None:
                    args = self.verb_args(trig, s) if trig.noun is None else self.noun_args(trig)
                    if args is not None:
                        self._emit(s, trig, args)
            # an intent verb whose complement gave no event is coded itself ("agreed to undertake
            # joint exercises", "promised to continue military aid to X")
            for tok in self._deferred:
                if tok.i not in self._intents_used:
                    self._fallback_intents.add(tok.i)
                    trig = self.verb_trigger(tok)
                    if trig is not None:
                        args = self.verb_args(trig, s)
                        if args is not None:
                            self._emit(s, trig, args)
            self._deferred.clear()
            self._deontic_requests(s, span)
            self._characterizations(s, span)
            if self.learned is not None and not self._by_sentence.get(s.index):
                self._learned(s, span, self.learned)
            self._agentless(s)
            self._drop_repeats(s)
            self._attach_amounts(s, span)
            self._rank_purposes(s)
            self._remember_acts(s, span)
        return self.events

    def _remember_acts(self, s: Sentence, span: Any) -> None:
        """Note who each act noun of the sentence belongs to: its own actor ("a resolution in the
        U.S. Congress", "Russia's proposal", "the U.S. plan"), or the actor of the event it is the
        trigger or object of."""
        for tok in span:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.p.act_nouns:
                continue
            own = self._own_agent(tok, "")
            if not own:
                loc = self._located_in(tok)
                own = [loc] if loc is not None and loc.kind != "country" or (
                    loc is not None and tok.lemma_.lower() in self.p.act_nouns) else []
            if not own:
                own = [r for h in self._author(tok) for r in self.refs(h)[0] if r.country or r.actor_id]
            if own:
                self._acts[self._act_key(tok.lemma_.lower())] = own
        for e in self._by_sentence.get(s.index, []):
            anchor = self._anchors.get(e.id)
            authors = [r for r in e.actor if r.country or r.actor_id]
            if anchor is None or not authors:
                continue
            trig = anchor[0]
            lemmas = [n.lemma_.lower() for n in ([trig] if trig.pos_ == "NOUN" else _children(trig, _OBJ))]
            if trig.pos_ in ("VERB", "AUX") and self._lemma(trig) in self.p.act_of_verb:
                lemmas.append(self.p.act_of_verb[self._lemma(trig)])  # "proposed ..." -> "the proposal"
            for lemma in lemmas:
                if lemma in self.p.act_nouns:
                    self._acts[self._act_key(lemma)] = list(authors)

    def _act_key(self, lemma: str) -> str:
        """One key for the words that name one act ("the charges" after "X alleged ...")."""
        return self.p.act_same.get(lemma, lemma)

    def _earlier_act(self, objs: list[Any], subj: Sequence[Mention | ActorRef]) -> list[Mention | ActorRef]:
        """ "rejected the resolution", "welcomed the move": the author of an act the document
        named before, when the object is a definite act noun with no owner of its own."""
        for o in objs:
            lemma = o.lemma_.lower()
            if lemma not in self.p.act_nouns:
                continue
            if not any(ch.dep_ in ("det", "poss") and ch.lower_ in ("the", "this", "that", "these", "those")
                       for ch in o.children):
                continue
            if self._own_agent(o, "") or self._located_in(o) is not None:
                continue
            found = [r for r in self._acts.get(self._act_key(lemma), []) if not _same_any(r, subj)]
            if found:
                return found
        return []

    def _deontic_requests(self, s: Sentence, span: Any) -> None:
        """ "X said that Y must hand over the suspects": a REQUEST by X to Y (PLOVER), when Y is
        another side than X and the sentence has no event of its own on that clause."""
        for tok in span:
            if tok.pos_ not in ("VERB", "AUX") or self.p.verb_lemma(tok) not in self.p.speech:
                continue
            if self.d.in_quote(tok.idx):
                continue
            for c in _children(tok, ("ccomp",)):
                if not any(a.dep_ == "aux" and a.lower_ in self.p.deontic for a in c.children):
                    continue
                own = [e for e in self._by_sentence.get(s.index, []) if getattr(self._anchors.get(e.id, (None,))[0], "i", -1) == c.i]
                if any(e.event == "REQUEST" for e in own):
                    continue
                frame = Frame(type="REQUEST", conf=0.6)
                trig = _Trigger(tok, frame, _Chain([tok]), [tok, c], tok)
                speakers, _d, _p, fb = self.subject_refs(tok, tok)
                targets = [r for h in _children(c, _SUBJ) for r in self.refs(h)[0] if r.country or _body(r)]
                if not speakers or fb or not targets:
                    continue
                if {r.country for r in speakers if r.country} & {r.country for r in targets}:
                    continue
                for e in own:  # what Y "must" do has not happened: the demand is the event
                    self.events.remove(e)
                    self._by_sentence[s.index].remove(e)
                self._emit(s, trig, _Args(actors=speakers, recipients=targets))

    def _agentless(self, s: Sentence) -> None:
        """Who did an act told in the agentless passive: the forces that report it ("Both forces say
        several rebels were captured"), or the armed side the same sentence condemns for it ("X
        condemned the brutality of the military, as eight demonstrators were killed")."""
        evs = self._by_sentence.get(s.index, [])
        for e in evs:
            if e.actor or e.event not in ("ASSAULT", "COERCE") or e.id not in self._anchors:
                continue
            tok = self._anchors[e.id][0]
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            if not any(ch.dep_ == "auxpass" for ch in tok.children):
                # "the airstrikes killed X": the author of the act the document named before
                e.actor = [self._ref(r, e.date) for r in self._earlier_act(self._subject_nouns(tok), e.recipient)
                           if r.country]
                continue
            date = e.date
            reporters = [r for r in self._clause_reporter(tok) if r.sector in _FORCE_SECTORS and r.country]
            if reporters:
                e.actor = [self._ref(r, date) for r in reporters]
                continue
            blamed = [r for other in evs if other.event == "ACCUSE" for r in other.recipient
                      if r.sector in _FORCE_SECTORS and r.country]
            if blamed:
                e.actor = list(blamed)
                continue
            if e.event == "ASSAULT" and self._last_force is not None and \
                    s.index - self._last_force[0] <= _FORCE_MEMORY:
                # "Gunmen stormed the hotel. Five people were killed": the side that just used force
                e.actor = [r for r in self._last_force[1] if not _same_any(r, e.recipient)]
        for e in evs:
            if e.event == "ASSAULT" and any(r.country for r in e.actor):
                self._last_force = (s.index, [r for r in e.actor if r.country])

    @staticmethod
    def _subject_nouns(tok: Any) -> list[Any]:
        """The subject nouns of a verb, or of the verb it is joined to ("targeted ... and killed")."""
        for t in (tok, tok.head if tok.dep_ == "conj" else None):
            if t is not None and (subj := [h for h in _children(t, ("nsubj",)) if h.pos_ == "NOUN"]):
                return subj
        return []

    def _narrated(self, tok: Any) -> bool:
        """A quoted fragment the narrator's own clause carries ('the group remains "concerned with
        X"'): the clause that holds the word has its verb and subject outside the quotation."""
        cur = tok
        for _ in range(8):
            if _children(cur, _SUBJ | _PASS_SUBJ) or cur.head.i == cur.i:
                break
            cur = cur.head
        subj = _children(cur, _SUBJ | _PASS_SUBJ)
        return cur.i != tok.i and not self.d.in_quote(cur.idx) and bool(subj) and \
            not any(self.d.in_quote(t.idx) for t in subj)

    def _drop_repeats(self, s: Sentence) -> None:
        """One sentence telling one act twice ("X is committed to peace and we are prepared to do
        our part"): an event of the same type and certainty whose sides are within another's is
        dropped."""
        evs = self._by_sentence.get(s.index, [])

        def keys(refs: list[ActorRef]) -> set[str]:
            return {r.actor_id or r.name or r.text or r.country or "" for r in refs}

        for e in list(evs):
            for other in evs:
                if other is e or other.event != e.event or other.certainty != e.certainty:
                    continue
                if e.event not in _VERBAL_TYPES and not self._one_act(e, other):
                    continue  # two attacks in one sentence are two attacks
                ea, er, oa, orr = keys(e.actor), keys(e.recipient), keys(other.actor), keys(other.recipient)
                if ea <= oa and er <= orr and ((ea, er) != (oa, orr) or evs.index(e) > evs.index(other)):
                    evs.remove(e)
                    self.events.remove(e)
                    break

    def _one_act(self, e: Event, other: Event) -> bool:
        """Two triggers that name one act: the noun is the subject of the verb ("airstrikes by
        the army killed 50 militants") or the two nouns are joined ("bombings and gun assaults")."""
        a, b = self._anchors.get(e.id, (None,))[0], self._anchors.get(other.id, (None,))[0]
        if a is None or b is None:
            return False
        if a.pos_ in ("VERB", "AUX"):  # "the airstrikes targeted the camp and killed X": one strike
            return a.dep_ == "conj" and a.head.i == b.i and not _children(a, _SUBJ | _PASS_SUBJ) and \
                e.actor == other.actor and e.recipient == other.recipient
        if a.pos_ != "NOUN":
            return False
        return (a.head.i == b.i and a.dep_ in ("nsubj", "nsubjpass", "conj")) or \
            (b.pos_ == "NOUN" and b.head.i == a.i and b.dep_ == "conj")

    def _characterizations(self, s: Sentence, span: Any) -> None:
        """ "X said Y is hostile", "X contended that Y was a reliable partner": an ACCUSE (or a
        SUPPORT) by X of Y, when the reported clause only says what Y is."""
        for tok in span:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            quoted = self.d.in_quote(tok.idx)
            speaker = self.d.speaker(tok.idx) if quoted else None
            if quoted:  # the speaker's own words: '"X's announcement is a step backwards," Y said'
                if speaker is None or tok.lemma_ != "be" or tok.dep_ not in ("ROOT", "ccomp") \
                        or (tok.dep_ == "ccomp" and not self.d.in_quote(tok.head.idx)):
                    continue
                clauses = [tok]
            else:
                lemma = self.p.verb_lemma(tok)
                if lemma not in self.p.speech and lemma not in self.p.allege_verbs:
                    continue
                clauses = _children(tok, ("ccomp",))
            for c in clauses:
                if c.lemma_ != "be" or any(ch.dep_ == "neg" for ch in c.children):
                    continue
                preds = [t for ch in c.children if ch.dep_ in ("acomp", "attr") for t in ch.subtree
                         if t.pos_ in ("ADJ", "NOUN", "ADV") and not any(a.dep_ == "neg" for a in t.children)]
                words = {p.lemma_.lower() for p in preds} | {p.lower_ for p in preds}  # "one of the most hostile ..."
                kind = "ACCUSE" if words & self.p.negative else "SUPPORT" if words & self.p.positive else None
                if kind is None or any(getattr(self._anchors.get(e.id, (None,))[0], "i", -1) == c.i
                                       for e in self._by_sentence.get(s.index, [])):
                    continue
                speakers, _d, _p, fb = ([speaker], [], False, False) if speaker is not None \
                    else self.subject_refs(tok, tok)
                targets = [r for h in _children(c, _SUBJ) for r in self.refs(h)[0]
                           if (r.country or r.actor_id) and not _same_any(r, speakers)]
                if not speakers or fb or not targets or self._speculation(c):
                    continue
                frame = Frame(type=kind, mode="disapprove" if kind == "ACCUSE" else None, conf=0.6)
                trig = _Trigger(tok, frame, _Chain([tok]), [tok, c], tok)
                self._emit(s, trig, _Args(actors=speakers, recipients=targets))

    def _learned(self, s: Sentence, span: Any, model: EventModel) -> None:
        """The learned second opinion on a sentence the rules left without an event: the model's
        type, hung on the verb whose own features speak most for it, read with the rules'
        participants, certainty, date and place; only with a known subject-side actor, a party with a
        country, and a second party (the object side, else another actor with a country after the
        verb, or a second country among the subjects)."""
        parties = {id(m): m for t in span if (m := self.d.mention(t)) is not None and (m.country or m.actor_id)}
        if len(parties) < 2 or not any(m.country for m in parties.values()):
            return
        pred = model.predict(learned_features(span))
        if pred is None or pred.prob < LEARNED_MIN_PROB:
            return
        verbs = [t for t in span if is_verb(t) and self._reports(t) and not self._prevented(t)
                 and (self.code_quotes or not self.d.in_quote(t.idx) or self.d.speaker(t.idx) is not None)]
        if not verbs:
            return
        tok = max(verbs, key=lambda t: (model.score(verb_features(t), pred.type), t is span.root))
        chain = self._chain(tok)
        if _interrogative(chain.top):
            return
        frame = Frame(type=pred.type, conf=round(LEARNED_CONF[0] + LEARNED_CONF[1] * pred.prob, 2))
        _heads, passive = self.subject(chain.top)
        objs = self.objects(tok, passive and chain.top.i == tok.i)
        trig = _Trigger(tok, frame, chain, [tok], chain.top, objs=objs)
        args = self.verb_args(trig, s)
        if args is None or args.fallback or not _known(args.actors):
            return
        actor_countries = {r.country for r in args.actors if r.country}
        if not _known(r for r in args.recipients if not _same_any(r, args.actors)) and len(actor_countries) < 2:
            subj_toks = {t.i for h in _heads for t in h.subtree}
            later = [m for t in span if t.i > tok.i and t.i not in subj_toks
                     and (m := self.d.mention(t)) is not None and m.country
                     and m.country not in actor_countries]
            args.recipients = _dedupe([*args.recipients, *later[:1]])
        second = _known(r for r in args.recipients if not _same_any(r, args.actors)) or len(actor_countries) > 1
        if not second or not _resolved([*args.actors, *args.recipients]):
            return  # a party with a country and a second party ("X and Y renewed negotiations": both)
        self._emit(s, trig, args, method="learned")

    def _rank_purposes(self, s: Sentence) -> None:
        """An event told as the purpose or manner of another in its sentence ("went on strike to
        demand ...", "rallied, demanding ...") is less the sentence's news than that one."""
        evs = self._by_sentence.get(s.index, [])
        if len(evs) < 2:
            return
        triggers = {self._anchors[e.id][0].i: e for e in evs if e.id in self._anchors}
        for e in evs:
            anchor = self._anchors.get(e.id)
            if anchor is None:
                continue
            tok = anchor[0]
            gov = triggers.get(tok.head.i) if tok.dep_ in ("advcl", "xcomp", "acl") else None
            if gov is not None and gov is not e:
                e.confidence = round(max(min(e.confidence - 0.1, gov.confidence - 0.05), 0.05), 2)

    def _lemma(self, tok: Any) -> str:
        return self.p.verb_lemma(tok)

    def _chain(self, tok: Any) -> _Chain:
        """Walk up open complements from a trigger to the clause that holds its subject."""
        chain = _Chain([tok])
        cur = tok
        if self._authored(cur) and cur.head.dep_ == "dobj" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "passed a resolution condemning X": when and how sure, as "passed"
            chain.tokens.append(cur)
        while cur.dep_ == "conj" and cur.head.i != cur.i and not _children(cur, _SUBJ):
            cur = cur.head  # "urged X to limit or cease ...": the conjuncts share the governor
        for _ in range(6):
            if cur.dep_ == "acomp" and cur.head.i != cur.i:  # "is ready to talk": up to "is"
                cur = cur.head
                chain.tokens.append(cur)
                continue
            if not _open_complement(cur) or cur.head.i == cur.i:
                break
            h = cur.head
            lemma = self._lemma(h) if h.pos_ in ("VERB", "AUX") else h.lemma_.lower()
            if lemma in self.p.forecast and _children(h, ("dobj",)):
                chain.absorbed = True  # "he expects North Korea to launch": a forecast, not an act
                break
            if lemma in self.p.intent and h.pos_ in ("VERB", "AUX", "ADJ"):
                if chain.intent is None:
                    chain.intent, chain.intent_lemma, chain.intent_cert = h, lemma, self.p.intent[lemma]
            elif lemma in self.p.passthrough or h.lemma_ == "be" or self._commands_own_forces(h):
                pass  # "ordered its military to seal the border": the orderer seals it
            elif h.pos_ in ("VERB", "AUX") and lemma in self.p.verbs:
                chain.absorbed = True  # "threatened to withdraw" is one THREATEN
                break
            else:
                break
            chain.tokens.append(h)
            cur = h
        return chain

    def _absorbed_by_prep(self, tok: Any) -> bool:
        """A gerund under a trigger's preposition is part of it ("accused X of attacking")."""
        if tok.dep_ != "pcomp" or tok.head.dep_ != "prep" or tok.head.lower_ in _TIME_PREPS:
            return False  # "strengthened ties after meeting X": a meeting of its own
        gov = tok.head.head
        return gov.pos_ in ("VERB", "AUX") and self._lemma(gov) in self.p.verbs and any(
            ch.dep_ in _SUBJ | _OBJ for ch in gov.children) and not _children(tok, _SUBJ)

    def _governs_trigger(self, tok: Any) -> bool:
        """An intent verb whose complement holds its own trigger ("agreed to hold talks")."""
        for ch in tok.children:
            if ch.dep_ != "xcomp":
                continue
            for t in ch.subtree:
                if t.i == tok.i:
                    continue
                if t.pos_ in ("VERB", "AUX") and self._lemma(t) in self.p.verbs:
                    return True
                if t.pos_ == "NOUN" and self.p.noun_lemma(t) in self.p.nouns and t.head.i == ch.i:
                    return True
        return False

    def _gathering_purpose(self, verb: Any) -> bool:
        """ "converged for a rally to protest X": what a gathering is held to do is what it does."""
        return verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in self.p.gathering_nouns \
            and verb.head.dep_ == "pobj" and not _children(verb, _SUBJ)

    def _reports(self, tok: Any) -> bool:
        """Whether a verb reports something that happens, rather than naming or qualifying a
        thing: not a verb used as a noun or modifier, not an infinitive or gerund that says what
        a noun is about ("efforts to rid", "a plan for supporting"), not "made X conditional"."""
        if tok.dep_ in ("amod", "compound", "nmod") or _children(tok, ("det",)):
            return False  # a verb form used as a noun or modifier ("the Oval Office clash")
        if tok.tag_ == "VB" and tok.dep_ not in ("xcomp", "conj") and not _children(tok, ("aux", "auxpass")):
            return False  # a bare base form with no auxiliary is a noun the tagger took for a verb
        first = tok  # the first of subjectless conjuncts
        while first.dep_ == "conj" and first.head.i != first.i and not _children(first, _SUBJ):
            first = first.head
        cur = first  # ... and up through subjectless participles to the clause they belong to
        while cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i and not _children(cur, _SUBJ):
            cur = cur.head
        for t in {tok.i: tok, first.i: first, cur.i: cur}.values():
            infinitive = any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)
            if infinitive and any(ch.dep_ == "mark" and ch.lower_ == "for" for ch in t.children):
                return False  # "crucial for X to negotiate": a condition, not a report
            if t.dep_ in ("acl", "relcl") and (not _children(t, _SUBJ | _PASS_SUBJ) or infinitive) \
                    and not self._authored(t) and not self._gathering_purpose(t):
                return False  # "efforts to rid", "a proposal for the Council to lift", "videos of
            # people walking the streets praising ...", "the need for the government to invest"
            if t.dep_ == "advcl" and infinitive and t.head.pos_ in ("NOUN", "PROPN"):
                return False
            if t.dep_ == "relcl" and t.head.dep_ == "appos":
                return False  # "X, a former official who had negotiated with Y, said": a biography
            if t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in self.p.content_nouns:
                return False  # "dismissed concerns that X would undermine Y": a thought, not an act
            if any(ch.dep_ == "nsubj" and ch.pos_ == "NOUN" and ch.lemma_.lower() in self.p.content_nouns
                   for ch in t.children):
                return False  # ... parsed with the thought as the subject: "concerns [that X] would undermine Y"
        # "a plan for rearming Europe and supporting Ukraine"
        return not (first.dep_ == "pcomp" and first.head.head.pos_ in ("NOUN", "PROPN")
                    and not _children(first, _SUBJ))

    def _prevented(self, tok: Any) -> bool:
        """ "prevent the regime from threatening": an act kept from happening."""
        prep = tok.head
        return tok.dep_ == "pcomp" and prep.lower_ == "from" and prep.head.i != prep.i \
            and self._lemma(prep.head) in self.p.preventing

    def _inside_demand(self, tok: Any) -> bool:
        """A gerund deep in what a trigger asks or threatens ("urged X to focus on ending the war"):
        part of that act, not an act of its own."""
        cur = tok
        for _ in range(5):
            if cur.dep_ == "advcl" and cur.i != tok.i and any(m.dep_ == "mark" and m.lower_ == "for"
                                                             for m in cur.children):
                h = cur.head  # "called for X to reciprocate by agreeing to ...": what X is asked to do
                return h.pos_ in ("VERB", "AUX") and self._lemma(h) in self.p.verbs
            if cur.dep_ in ("ccomp", "advcl", "relcl", "acl") or cur.head.i == cur.i:
                return False
            if cur.dep_ == "xcomp" and cur.i != tok.i:
                h = cur.head
                lemma = self._lemma(h) if h.pos_ in ("VERB", "AUX") else ""
                return lemma in self.p.verbs and lemma not in self.p.intent and lemma not in self.p.passthrough
            cur = cur.head
        return False

    def verb_trigger(self, tok: Any) -> _Trigger | None:
        if self._prevented(tok) or self._commands_own_forces(tok) or self._forecast(tok) \
                or (tok.dep_ == "pcomp" and self._inside_demand(tok)):
            return None
        lemma = self._lemma(tok)
        frames = self.p.verbs.get(lemma)
        if lemma in self.p.authored_types and self._authored(tok):  # "passed legislation targeting X"
            frames = (Frame(type=self.p.authored_types[lemma], conf=0.6, needs="recipient"),)
        if not frames and tok.pos_ == "VERB" and not (tok.dep_ in ("relcl", "acl") and tok.tag_ in ("VBZ", "VBP", "VBG")):
            # not curated: CAMEO's reading, if any (a present-tense relative clause describes a
            # standing role, "Central Command, which oversees operations", not a happening)
            frames = cameo_frames(tok, lemma, self.p)
        if not frames or not self._reports(tok) or self._absorbed_by_prep(tok):
            return None
        if lemma in self.p.intent and self._governs_trigger(tok) and tok.i not in self._fallback_intents:
            self._deferred.append(tok)  # coded from the complement, as AGREE (or alone, if it gives none)
            return None
        chain = self._chain(tok)
        if chain.absorbed or _interrogative(chain.top):
            return None
        _heads, passive = self.subject(chain.top, tok)
        objs = self.objects(tok, passive and chain.top.i == tok.i)
        frame = next((f for f in frames if self.frame_ok(f, tok, objs)), None)
        if frame is None and lemma in self.p.verbs and tok.pos_ == "VERB":
            # the curated frames do not fit: a CAMEO pattern of the phrase still may ("shared evidence")
            frame = next((f for f in cameo_frames(tok, lemma, self.p, pattern_only=True)
                          if self.frame_ok(f, tok, objs)), None)
        if frame is None:
            return None
        return _Trigger(tok, frame, chain, [tok], chain.top, objs=objs)

    def adjective_trigger(self, tok: Any) -> _Trigger | None:
        """A stance told by an adjective after a linking verb: "remains concerned about X",
        "is critical of X", "was opposed to X"."""
        frames = self.p.adjectives.get(tok.lemma_.lower()) or self.p.adjectives.get(tok.lower_)
        if not frames or tok.dep_ not in ("acomp", "oprd"):
            return None
        if tok.lemma_.lower() in self.p.intent and self._governs_trigger(tok):
            return None  # "ready to accept the proposal": the complement is the event
        verb = tok.head
        if verb.pos_ not in ("VERB", "AUX") or self._lemma(verb) not in self.p.linking_verbs \
                or not self._reports(verb) or _interrogative(verb):
            return None
        frame = next((f for f in frames if self.frame_ok(f, tok, [])), None)
        if frame is None:
            return None
        chain = self._chain(verb)
        chain.tokens.insert(0, tok)
        if chain.absorbed:
            return None
        return _Trigger(tok, frame, chain, [tok, verb], chain.top)

    def noun_trigger(self, tok: Any) -> _Trigger | None:
        frames = self.p.nouns.get(self.p.noun_lemma(tok))
        if not frames:
            return None
        if any(ch.dep_ == "det" and ch.tag_ in ("WDT", "WP") for ch in tok.children):
            return None  # "what concessions ... might make": a question, not an event
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.p.reversing:
            return None  # "a relaxation of sanctions" undoes them, it is not one
        if any(ch.dep_ == "compound" and ch.lemma_.lower() in self.p.reversing for ch in tok.children) or \
                (tok.dep_ == "compound" and tok.head.lemma_.lower() in self.p.reversing):
            return None  # "sanctions relief"
        verb, how = self._noun_anchor(tok)
        if verb is None:
            return None
        verb_lemma = self._lemma(verb) if verb.pos_ in ("VERB", "AUX") else ""
        if how == "light":
            if not self._reports(verb) or _children(verb, ("oprd", "acomp")) or (
                    _children(verb, ("ccomp",)) and self.p.noun_lemma(tok) not in self.p.act_nouns):
                return None  # "making aid conditional" (not "reiterated its demand that X ...")
            if verb_lemma in self.p.verbs and any(self.frame_ok(f, verb, self.objects(verb, False))
                                                  for f in self.p.verbs[verb_lemma]):
                return None  # the verb carries the event ("cancelled the meeting")
        frame = None
        for f in frames:
            if f.plural and tok.tag_ != "NNS":
                continue
            if f.light and (how != "light" or verb_lemma not in f.light):
                continue
            if f.amod and not any(ch.dep_ in ("amod", "compound", "nmod") and
                                  (ch.lemma_.lower() in f.amod or ch.lower_ in f.amod) for ch in tok.children):
                continue
            frame = f
            break
        if frame is None:
            return None
        if how == "light":
            chain = self._chain(verb)
            if chain.absorbed or _interrogative(chain.top):
                return None
            if verb_lemma in self.p.intent and chain.intent is None:  # "pledged aid"
                chain.intent, chain.intent_lemma, chain.intent_cert = verb, verb_lemma, self.p.intent[verb_lemma]
        else:
            chain = _Chain([verb])
        anchors = [tok, verb] if how == "light" else [tok]
        return _Trigger(tok, frame, chain, anchors, chain.top, noun=tok, light=verb, how=how)

    def _noun_anchor(self, tok: Any) -> tuple[Any, str]:
        """The verb a noun trigger hangs on, and how: light | occurrence | adjunct.

        light: the object of a light verb ("held talks", "imposed sanctions", "$2 billion worth
        of contracts", "gave $300m in aid"); occurrence: the subject of "resumed", "took place";
        adjunct: a prepositional adjunct of a clause ("after a meeting with X").
        """
        head = tok.head
        dep = tok.dep_
        if dep == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in self.p.carrier_nouns:
            tok, head, dep = head, head.head, head.dep_  # "launched a mediation effort"
        if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            carrier = head.head  # "a new round of talks": one "of" hop up
            if carrier.dep_ in ("dobj", "nsubjpass") and carrier.head.pos_ in ("VERB", "AUX"):
                tok, head, dep = carrier, carrier.head, carrier.dep_
        if dep in ("dobj", "nsubjpass", "conj"):
            if dep == "conj":
                first = tok
                while first.dep_ == "conj" and first.head.i != first.i:
                    first = first.head
                if first.dep_ not in ("dobj", "nsubjpass"):
                    return None, ""
                head = first.head
            if head.pos_ in ("VERB", "AUX") and self._lemma(head) in self.p.light_verbs:
                return head, "light"
            return None, ""
        if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and self._lemma(head) in self.p.occurrence_verbs:
            return head, "occurrence"
        if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and self._own_agent(tok, "ASSAULT"):
            return head, "subject"  # "The attack by Russian forces on Odesa killed four people"
        if dep == "pobj" and head.lower_ in ("in", "of") and head.dep_ == "prep":
            carrier = head.head  # "would send $500 million in military aid"
            for _ in range(3):
                if carrier.pos_ in ("VERB", "AUX"):
                    if self._lemma(carrier) in self.p.light_verbs:
                        return carrier, "light"
                    break
                if carrier.dep_ not in ("dobj", "nummod", "quantmod", "compound", "nmod", "pobj", "prep") or \
                        carrier.head.i == carrier.i or carrier.dep_ == "prep" and carrier.lower_ not in ("in", "of"):
                    break  # "declare an emergency over the spate of abductions": a topic, not the object
                carrier = carrier.head
        if dep == "pobj" and head.dep_ in ("prep", "advmod", "pcomp", "agent"):
            prep = head
            if prep.lower_ == "of" and prep.head.lower_ == "ahead":
                prep = prep.head
            if prep.lower_ not in self.p.adjunct_preps:
                return None, ""
            gov = prep.head
            for _ in range(3):
                if gov.pos_ in ("VERB", "AUX"):
                    if gov.dep_ in ("acl", "amod") or _interrogative(gov):
                        return None, ""
                    return gov, "adjunct"
                if gov.head.i == gov.i:
                    break
                gov = gov.head
        return None, ""

    def _own_agent(self, noun: Any, kind: str) -> list[Mention | ActorRef]:
        """The actor a noun trigger names itself: "Russia's invasion", "an attack by X", "the
        Israeli airstrike" (a modifier only where no "by" or possessive says otherwise, and not
        for meetings and deals: "the Singapore summit" is where it was held)."""
        own: list[Mention | ActorRef] = []
        for ch in noun.children:
            if ch.dep_ == "poss" and ch.pos_ != "PRON":
                own.extend(self.refs(ch)[0])
            elif ch.dep_ == "agent" or (ch.dep_ == "prep" and ch.lower_ == "by"):
                for p in _children(ch, ("pobj",)):
                    own.extend(self.refs(p)[0])
        if not own:
            own.extend(self._paired_countries(noun))  # "U.S.-Ukraine talks", "the Russia-Ukraine war"
        if not own:
            mod = self._modifier_mention(noun)
            # a meeting's modifier is where it was held, unless it is a body that meets ("the G7
            # talks", "a NATO summit")
            if mod is not None and (kind not in _DEEP_TYPES or _body(mod)):
                own.append(mod)
        return [r for r in _dedupe(own) if _known([r])]

    def _paired_countries(self, noun: Any) -> list[Mention | ActorRef]:
        """The sides of a hyphenated pair modifying a noun: "U.S.-Ukraine talks" (both countries)."""
        for ch in noun.children:
            if ch.dep_ not in ("compound", "amod", "nmod"):
                continue
            if "-" in ch.text.strip("-"):  # one token: "U.S.-Ukraine"
                parts = [p for p in ch.text.split("-") if p]
            elif any(g.text == "-" for g in ch.children):  # three: "US" "-" "China"
                parts = [g.text for g in ch.children if g.dep_ in ("compound", "amod") and g.i < ch.i] + [ch.text]
            else:
                continue
            codes = [_country_code(p) for p in parts]
            if len(parts) >= 2 and all(codes):
                return [_state(c, p, c) for c, p in zip(codes, parts, strict=True) if c]
        return []

    def _preps(self, frame: Frame) -> frozenset[str]:
        if frame.topic:  # "discussed aid to Ukraine with X": only the partner
            return frozenset({"with", "between"}) | frame.prep
        return self.p.recipient_preps | frame.prep | self.p.type_preps.get(frame.type, frozenset())

    # ---------------------------------------------------------------- participants
    def verb_args(self, trig: _Trigger, s: Sentence) -> _Args | None:
        tok, frame = trig.tok, trig.frame
        args = _Args()
        subj, args.dual, _passive, args.fallback = self.subject_refs(tok, trig.chain.top)
        obj_refs: list[Mention | ActorRef] = []
        if not frame.topic:
            for o in trig.objs:
                obj_refs.extend(self.refs(o)[0])
            if frame.dobj:  # the object the frame asked for is what is acted on: a party only if placed
                obj_refs = [r for r in obj_refs if r.country]
        if frame.needs == "object_actor" and not _resolved(obj_refs):
            return None
        if frame.subject and not any(r.sector in frame.subject for r in subj):
            return None  # "the president arrived in X" is a visit, "refugees arrived in X" is not
        if frame.subject and not any(self.d.mention(h) is not None or h.lemma_.lower() in self.p.group_nouns
                                     or h.lemma_.lower() in self.p.member_nouns
                                     for h in self.subject(trig.chain.top, tok)[0]):
            return None  # "the first batch of China's vaccine arrived": a thing, not a visitor
        pobj_heads = [p for prep, _ in frame.pobj for ch in tok.children
                      if ch.dep_ == "prep" and ch.lower_ == prep for p in _children(ch, ("pobj",))]
        general, between, dual = self.prep_refs([tok, *pobj_heads, *([] if frame.topic else trig.objs)],
                                                self._preps(frame))
        if frame.role == "host":
            args.actors, args.recipients = obj_refs, subj
        else:
            args.actors = subj
            # "requested WTO consultations with the U.S.": a body in the object leaves room for the
            # country the object's own phrase names
            args.recipients = obj_refs if _resolved(obj_refs) else \
                _dedupe(obj_refs + [r for r in general if not _same_any(r, subj)])
        self._add_between(args, between, frame.type)
        if not args.recipients and frame.role != "host" and frame.type in _AUTHOR_TARGET_TYPES:
            # "dismissed an appeal from X", "welcomed the offer by X": the author of the object
            args.recipients = [r for o in trig.objs for c in _conjuncts(o) for ch in c.children
                               if ch.dep_ in ("prep", "agent") and ch.lower_ in ("from", "by")
                               for p in _children(ch, ("pobj",)) for r in self.refs(p)[0]
                               if (r.country or r.actor_id) and not _same_any(r, subj)]
        if not args.recipients and frame.role != "host" and not frame.topic:
            args.recipients = self._implicit_recipients(s, tok, dual, frame.type, subj)
        if not args.recipients and frame.role != "host":
            args.recipients = self._earlier_act(trig.objs, subj)
        if not args.actors and args.recipients and frame.type in _DEEP_TYPES \
                and not self.subject(trig.chain.top, tok)[0]:
            args.actors = [r for r in self._clause_reporter(tok) if not _same_any(r, args.recipients)]
        if not args.actors and not _passive:
            heads = self.subject(trig.chain.top, tok)[0]
            if self._commentators(heads):
                return None  # "Critics blame ...", "Analysts raise concerns": commentary, not a political act
            if frame.type not in _FORCE_TYPES and self._things(heads):
                return None  # "Such transfers would violate the embargo", "The suits allege": things do not speak or deal
        return args

    def _things(self, heads: list[Any]) -> bool:
        """Subject heads that are things, not anyone who could act: common nouns no mention covers
        and no word list names as people, a body, a country or an act."""
        return bool(heads) and all(
            h.pos_ == "NOUN" and self.d.mention(h) is None and h.lemma_.lower() not in self.p.agent_nouns
            and self.p.noun_lemma(h) not in self.p.nouns and not any(
                self.d.mention(c) is not None for c in h.subtree) for h in heads)

    def _commentators(self, heads: list[Any]) -> bool:
        """Subject heads that are unnamed commentators ("critics", "analysts", "experts")."""
        return bool(heads) and all(h.pos_ == "NOUN" and self.d.mention(h) is None
                                   and h.lemma_.lower() in self.p.speculators for h in heads)

    def noun_args(self, trig: _Trigger) -> _Args:
        tok, verb = trig.tok, trig.light
        args = _Args()
        carrier = [tok.head] if tok.dep_ == "compound" and tok.head.lemma_.lower() in self.p.carrier_nouns else []
        general, between, _dual = self.prep_refs([tok, *carrier], self._preps(trig.frame))
        # the noun's own actor: "Russia's invasion", "a visit by X", "the Israeli airstrike"
        own_m = self._own_agent(tok, trig.frame.type)
        general = [r for r in general if not _same_any(r, own_m)]
        if trig.how == "adjunct" and not (general or between or own_m):
            return args  # "ahead of the meeting": no participants of its own, no event
        subj: list[Mention | ActorRef] = []
        if trig.how == "light" or (trig.how == "adjunct" and not own_m):
            subj, args.dual, _passive, args.fallback = self.subject_refs(verb, trig.chain.top)
        hosted = []  # "Biden holds the first C5+1 summit": Biden meets the body, which does not host
        if trig.how == "light" and subj and own_m and all(_body(r) for r in own_m) \
                and trig.frame.type in _DEEP_TYPES:
            own_m, hosted = [], own_m
        args.actors = own_m or subj
        if trig.how == "light":
            g2, b2, _d2 = self.prep_refs([verb], self._preps(trig.frame))
            general = general + g2 + [r for o in _children(verb, ("dative",)) for r in self.refs(o)[0]]
            between = between + b2
        args.recipients = [r for r in general if not _same_any(r, args.actors)]
        self._add_between(args, between, trig.frame.type)
        if not args.recipients and hosted:
            args.recipients = hosted
        if not args.recipients:
            args.recipients = [r for r in self._participle_targets(tok) if not _same_any(r, args.actors)]
        if not args.recipients and trig.frame.type in self.p.complement_target:
            # "reiterated its demand that X ease ...", "a call for X to ..."
            args.recipients = [r for h in [tok, *([verb] if verb is not None else [])]
                               for r in self._complement_target(h) if not _same_any(r, args.actors)]
        if not args.actors and args.recipients and trig.frame.type in _DEEP_TYPES:
            # "Pakistan said talks with the IMF are going well": the speaker is the other party
            args.actors = [r for r in self._clause_reporter(tok) if not _same_any(r, args.recipients)]
        if not args.actors and verb is not None and verb.tag_ == "VBG" and verb.dep_ == "advcl":
            # "the Kremlin said that ..., signaling its reluctance to endorse X": the Kremlin signals
            args.actors = [r for r in self._clause_reporter(verb) if not _same_any(r, args.recipients)]
        return args

    def _clause_reporter(self, tok: Any) -> list[Mention | ActorRef]:
        """The resolved subject of the speech verb whose complement holds ``tok``."""
        cur = tok
        for _ in range(8):
            if cur.dep_ == "ccomp" or cur.head.i == cur.i:
                break
            cur = cur.head
        return self._reporter(cur) if cur.dep_ == "ccomp" else []

    def _participle_targets(self, noun: Any) -> list[Mention | ActorRef]:
        """Who a noun trigger is aimed at through a participle or infinitive on it: "warnings
        demanding that X change course", "a letter calling on X to ...", "its reluctance to endorse
        the U.S. proposal"."""
        for acl in _children(noun, ("acl",)):
            infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in acl.children)
            if (acl.tag_ != "VBG" and not infinitive) or _children(acl, _SUBJ):
                continue
            found = [r for o in _children(acl, _OBJ) for r in self.refs(o)[0] if r.country]
            found = found or [r for r in self._controller(acl) for r in self.refs(r)[0] if r.country]
            found = found or self._complement_target(acl)
            if found:
                return found
        return []

    @staticmethod
    def _add_between(args: _Args, between: list[Mention | ActorRef], kind: str) -> None:
        """ "talks between X and Y": both act in a CONSULT; else the first acts on the rest."""
        if not between:
            return
        if args.actors or args.recipients:
            args.recipients = _dedupe(args.recipients + between)
        elif kind == "CONSULT":
            args.actors = list(between)
        else:
            args.actors, args.recipients = between[:1], between[1:]

    def _previous_pair(self, index: int) -> Event | None:
        """The event "the two leaders", "both sides" refer to: the latest one of this sentence, else
        the latest meeting of the sentence before ("X met Y. The two leaders agreed")."""
        here = self._by_sentence.get(index, [])
        if here:
            return here[-1]
        pairs = [e for e in self._by_sentence.get(index - 1, [])  # across sentences, only those who met
                 if e.event == "CONSULT" and e.actor and e.recipient]
        return pairs[-1] if pairs else None

    def _implicit_recipients(self, s: Sentence, tok: Any, dual: bool, kind: str,
                             subj: list[Mention | ActorRef]) -> list[Mention | ActorRef]:
        """Recipients the syntax leaves implicit.

        "praising the relations between the two nations": the participants of the event before;
        "X received Y ..., praising": a subjectless participle addresses its governor's object;
        "plans to keep working to build a partnership with X": X.
        """
        if dual:
            pair = self._previous_pair(s.index)
            if pair is not None:
                return [r for r in [*pair.actor, *pair.recipient] if not _same_any(r, subj)]
        if tok.dep_ in ("advcl", "conj") and not _children(tok, _SUBJ | _PASS_SUBJ) and tok.tag_ in ("VBG", "VBN"):
            head_objs = [r for o in _children(tok.head, _OBJ) for r in self.refs(o)[0] if r.country]
            if head_objs:
                return [r for r in head_objs if not _same_any(r, subj)]
        deep = [r for r in self.deep_recipients(tok, kind) if not _same_any(r, subj)]
        if not deep and kind in self.p.complement_target:
            deep = [r for r in self._complement_target(tok) if not _same_any(r, subj)]
        if not deep:
            own = {r.country for r in subj if r.country}
            deep = [r for r in self._object_owners(tok) if r.country not in own]
        if deep or kind != "THREATEN":
            return deep
        own = {r.country for r in subj if r.country}
        at_risk = [r for c in _clauses(tok, ("ccomp",)) for h in _children(c, _SUBJ)
                   for r in self._object_owners_of(h) if r.country not in own]  # "warned that U.S. bases are at risk"
        return at_risk or [r for r in self._condition_subjects(tok) if not _same_any(r, subj) and r.country not in own]

    def _object_owners(self, tok: Any) -> list[Mention | ActorRef]:
        """Whose thing the act is done to: "threatened to close U.S. operations", "seized two
        Chinese vessels" -- the country that owns the object, down the verb chain only."""
        frontier = [tok]
        for _depth in range(4):
            nxt: list[Any] = []
            for t in frontier:
                for o in _children(t, ("dobj",)):
                    found = self._object_owners_of(o)
                    if found:
                        return found
                nxt += [ch for ch in t.children if ch.dep_ in ("xcomp", "conj") and ch.pos_ in ("VERB", "AUX")
                        and not _children(ch, _SUBJ)]
            frontier = nxt
        return []

    def _on_orders_of(self, tok: Any) -> list[Mention | ActorRef]:
        """Who ordered an act: "on the orders of X", "at X's request", "on X's instructions"."""
        for ch in tok.children:
            if ch.dep_ != "prep" or ch.lower_ not in ("on", "at", "under", "upon"):
                continue
            for noun in _children(ch, ("pobj",)):
                if noun.lemma_.lower() not in self.p.order_nouns:
                    continue
                heads = [p for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
                         for p in _children(of, ("pobj",))] + _children(noun, ("poss",))
                found = [r for h in heads for r in self.refs(h)[0] if r.country or r.actor_id]
                if found:
                    return found
        return []

    def _purpose_objects(self, tok: Any) -> list[Mention | ActorRef]:
        """The object of a purpose adjunct: "in an effort to pressure X", "in a bid to isolate X"."""
        for ch in tok.children:
            if ch.dep_ != "prep" or ch.lower_ != "in":
                continue
            for noun in _children(ch, ("pobj",)):
                if noun.lemma_.lower() not in self.p.purpose_nouns:
                    continue
                for verb in _children(noun, ("acl", "relcl")):
                    found = [r for o in _children(verb, ("dobj",)) for r in self.refs(o)[0] if r.country]
                    if found:
                        return found
        return []

    def _object_owners_of(self, noun: Any) -> list[Mention | ActorRef]:
        """The country that owns a noun or its conjuncts ("U.S. bases", "Chinese vessels")."""
        for head in [noun, *_conjuncts(noun)]:
            found = [r for ch in head.children if ch.dep_ in ("poss", "compound", "amod", "nmod")
                     for r in self.refs(ch)[0] if r.country]
            if found:
                return found
        return []

    @staticmethod
    def _marked_clause(tok: Any, marks: frozenset[str]) -> Any:
        """A clause under ``tok`` introduced by one of ``marks`` ("called for Iran to release")."""
        return next((c for c in _children(tok, ("advcl", "ccomp"))
                     if any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)), None)

    def _complement_target(self, tok: Any) -> list[Mention | ActorRef]:
        """ "demanded that the US cancel ...", "called for Iran to release ...": the subject of the
        complement clause; "demanded an admission by Moscow": the agent of the object noun."""
        marked = self._marked_clause(tok, frozenset({"for"}))
        that_acl = [c for c in _children(tok, ("acl",)) if any(m.dep_ == "mark" and m.lower_ == "that"
                                                               for m in c.children)]  # "its demand that X"
        for c in [*_children(tok, ("ccomp",)), *that_acl, *([marked] if marked is not None else [])]:
            found = [r for h in _children(c, _SUBJ | _PASS_SUBJ) for r in self.refs(h)[0] if r.country]
            if found:
                return found
        for o in _children(tok, _OBJ):
            for ch in o.children:
                if ch.dep_ == "prep" and ch.lower_ in ("by", "from"):
                    found = [r for p in _children(ch, ("pobj",)) for r in self.refs(p)[0] if r.country]
                    if found:
                        return found
        return []

    def _condition_subjects(self, tok: Any) -> list[Mention | ActorRef]:
        """Who a threat is addressed to: the subject of its condition ("would respond if X ...")."""
        for c in _clauses(tok, ("ccomp", "advcl", "xcomp")):
            for t in c.subtree:
                if t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.pos_ in ("VERB", "AUX"):
                    found = [r for h in _children(t.head, _SUBJ | _PASS_SUBJ) for r in self.refs(h)[0] if r.country]
                    if found:
                        return found
        return []

    # ---------------------------------------------------------------- events
    def _type_and_certainty(self, trig: _Trigger) -> tuple[str, Certainty, Any]:
        """(PLOVER type, certainty, trigger token) after intentions and the future tense."""
        kind = trig.frame.type
        chain = trig.chain
        cert = certainty_of(chain.tokens, self._span, noun=trig.noun,
                            extra=[trig.light] if trig.light is not None else [])
        trigger = trig.tok
        if chain.intent is not None:
            if chain.intent_lemma not in self.p.scheduling:  # "agreed to sign": the agreeing is the act;
                trigger = chain.intent               # "is expected to sign": the signing
            if kind in self.p.cooperative or kind == "AGREE":
                kind = "AGREE"
            elif kind in self.p.future_concede:
                kind = "CONCEDE"
            elif kind in ("ASSAULT", "MOBILIZE") and chain.intent_lemma in self.p.preparing:
                kind = "MOBILIZE"  # "is preparing to launch a missile": readying force (PLOVER MOBILIZE)
            elif kind in self.p.threat_types and (chain.intent_lemma in _THREAT_INTENTS
                                                  or chain.intent_cert == "planned"):
                kind = "THREATEN"  # "plans to impose martial law", "vowed to strike"
            if cert == "asserted" and chain.intent_cert is not None:
                cert = chain.intent_cert
        elif cert == "planned":
            if kind in self.p.cooperative:
                kind = "AGREE"
            elif kind in self.p.future_concede:
                kind = "CONCEDE"
            elif kind in self.p.threat_types:
                kind = "THREATEN"  # announced coercion or force ("will extend the curfew")
        if cert != "negated" and any(self._lemma(t) in self.p.negating for t in chain.tokens[1:]):
            cert = "negated"  # "failed to reach a deal"
        if cert == "negated" and (kind in self.p.cooperative or kind in ("AGREE", "CONCEDE", "RETREAT")) \
                and _refusal(chain.tokens, kind == "CONSULT"):
            kind, cert = "REJECT", "asserted"  # "did not invite X", "will not withdraw": a refusal
        return kind, cert, trigger

    def _emit(self, s: Sentence, trig: _Trigger, args: _Args, method: str = "rules") -> Event | None:
        frame = trig.frame
        if args.dual and not args.actors:
            pair = self._previous_pair(s.index)
            if pair is not None:
                args.actors = [*pair.actor, *pair.recipient]
        # a place the actor stage could not tie to a country is where, not who ("the streets of X")
        args.actors = [r for r in _dedupe(args.actors) if not _unplaced(r)]
        actor_countries = {r.country for r in args.actors if r.country}
        args.recipients = [r for r in _dedupe(args.recipients) if not _same_any(r, args.actors) and not _unplaced(r)
                           and not (isinstance(r, Mention) and r.kind == "country" and r.country in actor_countries
                                    and r.sector in (None, "GOV"))]  # "C.A.R. forces" fighting C.A.R. rebels stay
        if frame.needs == "nothing":
            return None
        if frame.needs in ("recipient", "both") and not _known(args.recipients):
            return None
        if frame.needs == "both" and not _known(args.actors):
            return None
        if not (_known(args.actors) or _known(args.recipients)):
            return None
        if self._speculation(trig.clause):
            return None
        if not args.actors and trig.light is not None and self._commentators(self.subject(trig.light)[0]):
            return None  # "Analysts raise concerns about X"
        kind, cert, trigger = self._type_and_certainty(trig)
        if cert == "negated" and kind in self.p.negated_need_recipient and not _known(args.recipients):
            return None  # "I'm not concerned about the volatility": no one is accused of anything
        if kind == "CONSULT" and args.actors and all(
                not (r.actor_id or "").startswith("person:") and (r.text or "").split()[-1:]
                and (r.text or "").split()[-1].lower() in self.p.travellers for r in args.actors):
            return None  # "Chinese tourists visited Vietnam": travel, not a meeting
        if trig.chain.intent is not None:
            self._intents_used.add(trig.chain.intent.i)
        conf = frame.conf - 0.15 * args.fallback - 0.05 * args.dual - 0.05 * (trig.how in ("adjunct", "subject")) \
            - 0.1 * (cert == "hedged")
        clause_toks = list(trig.clause.subtree)
        anchors = trig.anchors + trig.chain.tokens
        date, date_text, source = self._date(s, trig.tok, anchors, clause_toks, trig.chain.tokens,
                                             planned=cert == "planned", kind=kind)
        place = self._place(trig.anchors + trig.chain.tokens[:1])
        if kind == "MOBILIZE" and not args.actors and _known(args.recipients):
            args.actors, args.recipients = args.recipients, []  # "troops were deployed": they mobilize
        if kind == "MOBILIZE" and not args.recipients:  # "deployed to push back the rebels": the rebels
            args.recipients = [r for c in _children(trig.tok, ("advcl", "xcomp"))
                               if any(a.lower_ == "to" for a in c.children)
                               for o in _children(c, ("dobj",)) for r in self.refs(o)[0]
                               if r.country and r.sector in self.p.armed_groups | {"REB", "INS"}
                               and not _same_any(r, args.actors)][:2]
        args.recipients = [r for r in args.recipients if not self._own_instrument(r, args.actors)]
        ordered_by = self._on_orders_of(trig.tok)
        if ordered_by and kind in ("COERCE", "ASSAULT", "SANCTION", "RETREAT", "MOBILIZE"):
            # "X returned to prison on the orders of Judge Y": Y acts, X undergoes
            undergoers = [r for r in args.actors if not _same_any(r, ordered_by)]
            args.actors = ordered_by
            args.recipients = _dedupe(undergoers + [r for r in args.recipients if not _same_any(r, ordered_by)])
        if not args.recipients:  # "conducted tests in an effort to pressure the U.S.": whom the act is to move
            own = {r.country for r in args.actors if r.country}
            for t in (trig.tok, trig.light, *trig.chain.tokens):
                found = [r for r in self._purpose_objects(t) if r.country not in own] if t is not None else []
                if found:
                    args.recipients = found
                    break
        args.recipients = args.recipients + [r for r in self._implicit_target(kind, place, args)
                                             if not _same_any(r, args.actors)]  # "Kenya protested": not at Kenya
        ev = Event(
            id=stable_id(self.a.doc.id, s.start, trigger.idx, kind),
            doc_id=self.a.doc.id,
            event=kind,
            actor=[self._ref(r, date) for r in args.actors],
            recipient=[self._ref(r, date) for r in args.recipients],
            event_text=s.text,
            start=s.start,
            end=s.end,
            sentence=s.index,
            mode=frame.mode if kind == frame.type else None,
            context=frame.context,
            date=date,
            date_text=date_text,
            date_source=source,
            event_loc=place,
            certainty=cert,
            confidence=round(min(max(conf, 0.05), 0.95), 2),
            trigger=trigger.text,
            method=method,
            trigger_start=trigger.idx,
        )
        if any(e.id == ev.id for e in self._by_sentence.get(s.index, [])):
            return None
        self.events.append(ev)
        self._by_sentence.setdefault(s.index, []).append(ev)
        self._anchors[ev.id] = (trig.tok, clause_toks)
        self._conj_inherit(ev, trig.tok)
        if method == "rules":
            self._reported_accusation(s, trig.clause, ev, trig.tok)
        return ev

    def _own_instrument(self, r: Mention | ActorRef, actors: list[Mention | ActorRef]) -> bool:
        """ "withdrew its troops", "sent their soldiers": the actor's own forces or people, named
        with a possessive pronoun, are what it acts with, not whom it acts on."""
        if not isinstance(r, Mention) or r.actor_id or \
                (r.country and r.country not in {a.country for a in actors if a.country}):
            return False
        span = self.doc.char_span(r.start, r.end, alignment_mode="expand")
        return span is not None and any(ch.dep_ == "poss" and ch.lower_ in _OWN_POSSESSIVES
                                        for ch in span.root.children)

    def _reported_accusation(self, s: Sentence, clause: Any, ev: Event, ev_tok: Any) -> None:
        """ "X said (that) Y attacked Z": an ACCUSE by X against Y, beside the reported event, when
        X is on Z's side or X's verb alleges ("claimed"), or X tells it in a direct quotation; the
        reported event loses confidence."""
        if ev.event not in self.p.reported_types or not ev.actor:
            return
        speaker = self.d.speaker(ev_tok.idx) if self.d.in_quote(ev_tok.idx) else None
        if speaker is not None:  # a political speaker telling a named other side's act in their own words
            if any(r.actor_id for r in ev.actor):  # not "gunmen stormed it", not "our soldiers shot"
                self._accuse(s, [speaker], ev, ev_tok, alleges=True)
            return
        if clause.dep_ != "ccomp":
            return
        verb = clause.head
        if verb.pos_ not in ("VERB", "AUX"):
            return
        lemma = self.p.verb_lemma(verb)
        alleges = lemma in self.p.allege_verbs
        if not alleges and lemma not in self.p.report_verbs:
            return
        speakers = [r for h in _children(verb, _SUBJ) for r in self.refs(h)[0] if _known([r])]
        self._accuse(s, speakers, ev, verb, alleges)

    def _accuse(self, s: Sentence, speakers: list[Mention | ActorRef], ev: Event, verb: Any,
                alleges: bool) -> None:
        if not speakers or any(_same_any(r, ev.actor) for r in speakers):
            return
        actor_countries = {r.country for r in ev.actor if r.country}
        if {r.country for r in speakers if r.country} & actor_countries:
            return  # a side reporting its own act is a claim of it, not an accusation
        victims = {r.country for r in ev.recipient if r.country}
        if not alleges and not ({r.country for r in speakers if r.country} & victims):
            return
        ev.confidence = round(max(ev.confidence - 0.1, 0.05), 2)
        acc = Event(
            id=stable_id(self.a.doc.id, s.start, verb.idx, "ACCUSE"),
            doc_id=self.a.doc.id, event="ACCUSE",
            actor=[self._ref(r, ev.date) for r in _dedupe(speakers)],
            recipient=[ActorRef(r.actor_id, r.name, r.text, r.country, r.sector) for r in ev.actor],
            event_text=s.text, start=s.start, end=s.end, sentence=s.index, mode="allege",
            date=ev.date, date_text=ev.date_text, date_source=ev.date_source, event_loc=ev.event_loc,
            certainty="asserted", confidence=0.6, trigger=verb.text, trigger_start=verb.idx,
        )
        if any(e.id == acc.id for e in self._by_sentence.get(s.index, [])):
            return
        self.events.append(acc)
        self._by_sentence[s.index].append(acc)
        self._anchors[acc.id] = (verb, list(verb.subtree))

    def _implicit_target(self, kind: str, place: Place | None, args: _Args) -> list[Mention | ActorRef]:
        """Whom an act is aimed at when the text names no known party (see the target lists of
        verbs.yaml): its place's government or people, or a foreign place's country."""
        if _known(args.recipients):
            return []
        actors = args.actors
        if kind in self.p.government_target | self.p.population_target or (
                kind == "ASSAULT" and any(r.sector in self.p.armed_groups for r in actors)) or (
                kind in self.p.opposition_target and actors and all(
                    r.sector in self.p.opposition_sectors for r in actors)):
            return self._home_target(kind, place, actors)
        if kind in self.p.place_target and place is not None and place.country \
                and not (kind == "CONSULT" and args.recipients) \
                and place.country not in {r.country for r in actors} \
                and len({r.country for r in actors if r.country}) < 2:  # "X and Y agreed in Oman"
            return [_state(place.country, place.name, place.country)]
        return []

    def _home_target(self, kind: str, place: Place | None,
                     actors: list[Mention | ActorRef]) -> list[Mention | ActorRef]:
        """The implicit target of a domestic act: the government (a protest) or the people (an
        arrest, a curfew) of the place it happens in, else of the actor's own country."""
        home = (place.country if place is not None else None) or next((r.country for r in actors if r.country), None)
        if not home:
            return []
        gov = _state(home, None, home)
        gov.text = gov.name or home
        if kind in self.p.government_target or kind in self.p.opposition_target:
            return [gov]
        return [ActorRef(None, f"people of {gov.text}", gov.text, home, "CVL")]

    def _conj_inherit(self, ev: Event, tok: Any) -> None:
        """ "X criticized Y and threatened to ...": a conjoined verb without a recipient shares Y."""
        if ev.recipient or tok.dep_ != "conj" or _children(tok, _SUBJ):
            return
        head = tok.head
        for other in self._by_sentence.get(ev.sentence, []):
            anchor = self._anchors.get(other.id)
            if other is not ev and anchor is not None and anchor[0].i == head.i and other.recipient:
                ev.recipient = [ActorRef(r.actor_id, r.name, r.text, r.country, r.sector) for r in other.recipient]
                return

    def _ref(self, r: Mention | ActorRef, date: str | None) -> ActorRef:
        """The reference as it stood on the event date: "a former president is not GOV"."""
        ref = r.ref() if isinstance(r, Mention) else ActorRef(r.actor_id, r.name, r.text, r.country, r.sector)
        st = self.state_at(ref.actor_id, date) if ref.actor_id and date else None
        if st is not None:  # a country's own sector never hides the mention's ("Russian forces": MIL)
            keep = ref.sector if (ref.actor_id or "").startswith("country:") and ref.sector else None
            ref.country, ref.sector = st[0] or ref.country, keep or st[1]
        return ref

    # ---------------------------------------------------------------- dates
    def _date(self, s: Sentence, tok: Any, anchors: list[Any], clause_toks: list[Any],
              chain: list[Any], planned: bool = False, kind: str = "") -> tuple[str | None, str | None, Any]:
        speech_act = kind in self.p.content_types
        times = [t for t in self.d.times if s.start <= t.start < s.end]
        anchor_ids = {a.i for a in anchors if a is not None}
        published = self.a.doc.published_date
        # "X descended into chaos in 2013 when rebels seized power": the when-clause happens then
        when_governor = {c.head.i for c in chain[-1:] if c.dep_ in ("advcl", "relcl") and any(
            m.dep_ == "advmod" and m.lower_ in ("when", "as") for m in c.children)}
        clause_ids = {t.i for t in clause_toks}
        best: tuple[float, TimeExpr] | None = None
        for t in times:
            ttok = self._token_at(t.start)
            if ttok is None:
                continue
            steps, cur, attached, embedded, since = 0, ttok, False, False, False
            while steps < 8:
                if cur.i in anchor_ids or cur.i in when_governor:
                    attached = True
                    break
                if cur.head.i == cur.i:
                    break
                # a time inside a clause that modifies a noun ("X, who has led since 1991, met Y"),
                # a possessor ("this week's siege") or a noun's deadline ("a new trial for 2025")
                # dates that thing, not the event
                embedded = embedded or (cur.dep_ in ("relcl", "acl", "appos", "poss") and cur.head.i != tok.i) \
                    or (cur.dep_ == "pobj" and t.start <= cur.idx < t.end and cur.head.lower_ in ("for", "until", "till", "by")
                        and cur.head.head.pos_ in ("NOUN", "PROPN") and cur.head.head.i not in anchor_ids) \
                    or (cur.dep_ == "pobj" and cur.head.lower_ in ("until", "till"))  # a deadline, not the act
                # what an accusation or a demand is about happened, or is to happen, at another
                # time: "blamed X for withdrawing in 2017" is a 2025 accusation
                embedded = embedded or (speech_act and cur.head.i == tok.i and cur.dep_ in ("ccomp", "pcomp", "xcomp")) \
                    or (speech_act and cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.i == tok.i)
                # "since 2022" starts a span up to now: it dates only what that span pins down
                since = since or (cur.lower_ == "since" and cur.dep_ == "prep") \
                    or (cur.i not in anchor_ids and any(c.dep_ == "mark" and c.lower_ == "since" for c in cur.children))
                cur = cur.head
                steps += 1
            if embedded:
                continue
            if not planned and _after(t.value, published) and not (
                    attached and (not t.relative or self._future_clause(tok, chain))):
                continue  # a later day from elsewhere never dates what the text tells as done
            if since:
                spanned = _span_to_now(t, published)
                if spanned is None:
                    continue
                t = spanned
            if not attached and ttok.i not in clause_ids and (planned or len(t.value or "") == 4):
                continue  # another clause's time: never a plan's date, and a bare year only its own
            if attached:
                score = float(steps)
            elif ttok.i in clause_ids:
                score = 20.0 + abs(ttok.i - tok.i) / 100
            else:
                score = 40.0 + abs(ttok.i - tok.i) / 100
            if best is None or score < best[0]:
                best = (score, t)
        if best is not None:
            t = best[1]
            if t.relative and best[0] < 20 and self._future_clause(tok, chain):
                from tieline.nlp.dates import retime

                t = retime(self.a.doc.text, t, self.a.doc.published, future=True)
            if t.value:
                return t.value, t.text, "text"
            if published:
                return published[:7], t.text, "inferred"
            return None, t.text, "text"
        if times and not planned:
            # the sentence has its own time frame, only not for this act ("Hours after ending this
            # week's siege, ..."): an earlier sentence's time is not this one's either
            lede = self.d.lede_time
            if lede is not None:
                return lede.value, lede.text, "inferred"
            return published, None, "published"
        if self._present_perfect(chain) and s.index not in self.d.lede:
            if any(ch.lower_ in self.p.background_adverbs for t in chain[:2] for ch in t.children):
                return None, None, "published"  # background ("has long criticized"): no date claimed
            # "have been deployed": recent, up to now -- the publication month, flagged
            return (published[:7] if published else None), None, "published"
        para_start = self.a.paragraphs[s.paragraph][0] if s.paragraph < len(self.a.paragraphs) else 0
        # a time governs the next few sentences of its paragraph, not a whole one-paragraph article
        window = self.d.sentences[max(s.index - _INHERIT_SENTENCES, 0)].start
        gov = governing_time(self.d.times, s.start, max(para_start, window))
        if gov is not None and gov.value and (not _after(gov.value, published) if not planned
                                              else not _before(gov.value, published)):
            return gov.value, gov.text, "inferred"  # a plan never inherits a past day
        lede = self.d.lede_time
        if lede is not None and gov is None and not planned:
            return lede.value, lede.text, "inferred"  # the day the lede gives the news it tells
        if published:
            return published, None, "published"
        return None, None, "published"

    @staticmethod
    def _future_clause(tok: Any, chain: list[Any]) -> bool:
        """ "X will join", "is to visit", "plans to": the trigger's clause speaks of the future."""
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "'ll", "’ll", "shall", "wo")
                   or c.dep_ == "aux" and c.lower_ == "to" and w.head.lemma_ in ("be", "plan", "schedule", "set", "due")
                   # reported speech: "said the president would meet X in November" (not "would have met")
                   or c.dep_ == "aux" and c.lower_ == "would" and w.dep_ == "ccomp"
                   and not any(a.dep_ == "aux" and a.lemma_ == "have" for a in w.children)
                   for w in [tok, *chain[:2]] for c in w.children)

    def _present_perfect(self, chain: list[Any]) -> bool:
        for t in chain[:2]:
            if t.tag_ == "VBN" and any(ch.dep_ == "aux" and ch.lower_ in ("has", "have", "'ve")
                                       for ch in t.children):
                return True
        return False

    def _token_at(self, offset: int) -> Any:
        i = bisect_right(self.d.tok_starts, offset) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    # ---------------------------------------------------------------- places
    def _place(self, anchors: list[Any]) -> Place | None:
        """A place in an "in/at" phrase on the trigger, or on its object or partner
        ("met in Geneva", "a meeting with X in Doha")."""
        first = [a for a in anchors if a is not None]
        second: list[Any] = []
        for a in first:
            for ch in a.children:
                if ch.dep_ == "dobj":
                    second.append(ch)
                elif ch.dep_ == "prep" and ch.lower_ in ("with", "to", "by"):
                    second.extend(_children(ch, ("pobj",)))
        for level in (first, second):
            for t in level:
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ in _PLACE_PREPS:
                        for pobj in _children(ch, ("pobj",)):
                            place = self._place_of(pobj)
                            if place is not None:
                                return place
        return None

    def _place_of(self, tok: Any) -> Place | None:
        geo = gazetteer()
        of_names = [p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "of"
                    for p in _children(ch, ("pobj",)) if p.ent_type_ in _PLACE_ENTS]
        cands = [tok] if tok.ent_type_ in _PLACE_ENTS else of_names + [tok]  # "the port city of Jeddah"
        for cand in cands + [ch for ch in tok.children if ch.dep_ in ("poss", "compound")]:
            text = self._ent_text(cand)
            if text is None:
                continue
            hit = geo.seat(text)
            if hit is not None:
                return hit
            if cand.ent_type_ in _PLACE_ENTS:
                m = self.d.mention(cand)
                country = m.country if m is not None and m.kind == "country" else None
                place = geo.geocode(text, country)
                if place is not None:
                    return place
                if cand.ent_type_ in ("LOC", "FAC"):
                    return Place(re.sub(r"^the\s+", "", text, flags=re.I))
        return None

    def _ent_text(self, tok: Any) -> str | None:
        if tok.ent_type_:
            for ent in tok.doc.ents:
                if ent.start <= tok.i < ent.end:
                    return ent.text
        left = tok.left_edge.i
        while left < tok.i and tok.doc[left].dep_ in ("det", "amod", "punct"):
            left += 1
        return tok.doc[left:tok.i + 1].text

    # ---------------------------------------------------------------- amounts
    def _attach_amounts(self, s: Sentence, span: Any) -> None:
        """Amounts go to the events whose clause holds them; money with no such event to the
        nearest trigger of its sentence."""
        evs = self._by_sentence.get(s.index, [])
        if not evs:
            return
        skip = [(t.start, t.end) for t in self.d.times if s.start <= t.start < s.end]
        for amount, ti in find_amounts(span, skip):
            owners = [e for e in evs if any(t.i == ti for t in self._anchors[e.id][1])]
            if not owners and is_money(amount):
                owners = [min(evs, key=lambda e: abs(self._anchors[e.id][0].i - ti))]
            unit = amount.unit
            if not is_money(amount) and self._casualties(self.doc[ti]):
                unit = "killed"  # "killed 50 militants", "five people dead": one unit across sources
            for e in owners:
                e.amounts.append(Amount(amount.value, unit if e.event == "ASSAULT" else amount.unit,
                                        amount.text))

    def _casualties(self, noun: Any) -> bool:
        """A counted noun that names the dead: the object of a killing, the subject of "were
        killed", or said to be dead ("leaving five people dead")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") \
                and self._lemma(head) in self.p.casualty_verbs:
            return True
        if noun.dep_ == "nsubj" and head.lower_ in ("dead", "killed"):
            return True  # "leaving five people dead" (parsed as a small clause)
        return any(ch.lower_ in ("dead", "killed") and ch.dep_ in ("amod", "oprd", "acomp")
                   for ch in [*noun.children, *head.children] if ch.i > noun.i)


@lru_cache(maxsize=4096)
def _country_code(name: str) -> str | None:
    """The ISO-3 code of a country name or abbreviation ("U.S.", "Ukraine"), else None."""
    ids = [e.id for e in Registry.default().lookup(name)]
    return ids[0].split(":", 1)[1] if ids and ids[0].startswith("country:") else None


def _body(r: Mention | ActorRef) -> bool:
    """An international body or group of states, not a place or a country."""
    aid = r.actor_id or ""
    return r.sector == "IGO" or aid.startswith(("igo:", "group:"))


def _own_phrase(tok: Any) -> list[Any]:
    """The words of a verb's own phrase: its subtree without its subject and without clauses that
    have a subject of their own."""
    out: list[Any] = []
    stack = [ch for ch in tok.children if ch.dep_ not in _SUBJ | _PASS_SUBJ]
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") and _children(t, _SUBJ):
            continue
        out.append(t)
        stack.extend(t.children)
    return out


def _interrogative(top: Any) -> bool:
    """A clause that asks or supposes rather than reports ("whether he might", "if Russia attacks")."""
    if top.dep_ == "relcl":
        return False
    for ch in top.children:
        if ch.dep_ == "mark" and ch.lower_ in ("whether", "if", "unless"):
            return True
        if ch.tag_ in ("WP", "WRB") and ch.dep_ in ("advmod", "dobj", "nsubj", "attr"):
            return True
    return False


def _dedupe(refs: Iterable[Mention | ActorRef]) -> list[Mention | ActorRef]:
    out: list[Mention | ActorRef] = []
    for r in refs:
        if r is None or _same_any(r, out):
            continue
        out.append(r)
    return out


def _same(a: Mention | ActorRef, b: Mention | ActorRef) -> bool:
    if a is b:
        return True
    if a.actor_id and b.actor_id:
        # a country's people, police or refugees are not its government ("Turkey will allow Turkish
        # refugees to return"): one country id, two sectors, two sides
        return a.actor_id == b.actor_id and not (
            a.actor_id.startswith("country:") and a.sector and b.sector and a.sector != b.sector)
    return False


def _verb_tagged_noun(tok: Any) -> bool:
    """A word tagged as a noun that the parse uses as a verb: a complement with a direct object and
    no determiner ("is expected visit India")."""
    return tok.dep_ in ("xcomp", "ccomp", "advcl") and any(ch.dep_ == "dobj" for ch in tok.children) \
        and not any(ch.dep_ in ("det", "poss") for ch in tok.children)


def _clauses(tok: Any, deps: tuple[str, ...] = ("ccomp", "advcl")) -> list[Any]:
    """The clauses under a word, and a that-clause right after it that the parser hung on a governor
    ("accelerate with X warning that bases are at risk": the warning's, not the acceleration's)."""
    own = _children(tok, deps)
    if own or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "that":
        return own
    mark = tok.doc[tok.i + 1]
    clause = mark.head
    if mark.dep_ == "mark" and clause.dep_ in deps and clause.i > tok.i \
            and clause.head.is_ancestor(tok):
        return [clause]
    return own


def _same_any(r: Mention | ActorRef, refs: Iterable[Mention | ActorRef]) -> bool:
    return any(_same(r, x) for x in refs)


def _resolved(refs: Iterable[Mention | ActorRef]) -> bool:
    return any(r.country for r in refs)


def _state(iso3: str, text: str | None, unknown_name: str | None) -> ActorRef:
    """A country as a state actor, from the actor registry (``unknown_name`` when it has none)."""
    e = Registry.default().country(iso3)
    if e is None:
        return ActorRef(None, unknown_name, text or iso3, iso3, "GOV")
    return ActorRef(e.id, e.name, text or e.name, e.country, e.sector or "GOV")


def _unplaced(r: Mention | ActorRef) -> bool:
    return isinstance(r, Mention) and r.label in _PLACE_LABELS and not (r.country or r.actor_id or r.sector)


def _known(refs: Iterable[Mention | ActorRef]) -> bool:
    """Some reference is a political actor: one with a country, or of a political sector with
    none known (an IGO, "the opposition", "rebels")."""
    return any(r.country or r.sector in _POLITICAL_SECTORS or (r.actor_id or "").startswith("igo:")
               for r in refs)


# --------------------------------------------------------------------------------------- component

class EventCoder:
    """Pipeline component ``events``: fills :attr:`Analysis.events`.

    ``quotes``: also code events inside direct quotations (off by default: the speaker's words
    are the quote stage's, and coding them double-counts what the narration reports).
    ``state_at``: ``(actor_id, date) -> (country, sector) | None``, the actor registry's state of
    an actor at the event date (default :func:`tieline.actors.state_at`).
    """

    name = "events"

    def __init__(self, quotes: bool = False,
                 state_at: StateAt | None = None) -> None:
        self.quotes = quotes
        self.patterns = patterns()
        self._state_at = state_at if state_at is not None else registry_state_at

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.spacy_doc
        if doc is None:
            from tieline.nlp import Parser

            analysis = Parser()(analysis)
            doc = analysis.spacy_doc
        coder = _Coder(analysis, doc, self.patterns, self._state_at, self.quotes,
                       learned_model() if learned_enabled() else None)
        events = coder.run()
        events.sort(key=lambda e: e.start)  # stable: token order within a sentence
        analysis.events = events
        if analysis.quotes:  # the quote stage ran first: link its quotes to these events
            link_events(analysis)
        lede = coder.d.lede_time
        self._datelines(analysis, events, lede.value if lede is not None else None)
        return analysis

    def pipe(self, analyses: Iterable[Analysis]) -> Iterable[Analysis]:
        for a in analyses:
            yield self(a)

    def _datelines(self, analysis: Analysis, events: list[Event], lede_date: str | None = None) -> None:
        """The dateline place goes to the events of its paragraph and the document's main events
        (those on the day of the dateline paragraph's first event, or of the lede)."""
        if not events:
            return
        text = analysis.doc.text
        for pi, (ps, pe) in enumerate(analysis.paragraphs[:8]):
            name = dateline(text[ps:pe])
            if name is None:
                continue
            place = gazetteer().geocode(name)
            if place is None:
                return
            in_para = [e for e in events if e.sentence < len(analysis.sentences)
                       and analysis.sentences[e.sentence].paragraph == pi]
            main_dates = {in_para[0].date} if in_para else {analysis.doc.published_date, lede_date}
            main_dates.discard(None)
            for e in events:
                if e.event_loc is not None:
                    continue
                if e in in_para or e.date in main_dates:
                    e.event_loc = Place(place.name, place.country, place.lat, place.lon)
            return
