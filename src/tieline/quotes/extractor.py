"""Quotes: what was said, in whose own words, and who said it.

:class:`QuoteExtractor` is the ``quotes`` pipeline component.  It reads the text, the spaCy
parse, the sentences and paragraphs (``nlp`` stage), the resolved mentions (``actors`` stage)
and the events (``events`` stage, when present), and fills ``analysis.quotes``.  All rules are
general; the cue words are data (``data/cues.yaml``).

Detection (:func:`find_quote_spans`, no parse needed)
    * Marks are straight ``"`` and curly ``“ ” „``.  Whether a mark opens or closes is read
      from its neighbours (space or bracket before and a word after: opens; a word or
      punctuation before and space or punctuation after: closes); the glyph decides only
      when the neighbours do not, so mixed marks (``“...,"``) pair up.
    * Marks pair inside a paragraph.  A stray closing mark is skipped; an opening mark inside
      an open quote means the first one was never closed.
    * Continued quote: a paragraph whose quote (a whole sentence or more) is still open at its
      end continues into the next paragraph when that one opens with a mark; the quote runs on
      to its closing mark, and its text keeps the paragraph break and the repeated mark.
    * A quote that is never closed ends at the end of its paragraph (or the next opening mark);
      when that would take in more than three sentences it ends with its first sentence, so an
      odd mark never swallows a long single-paragraph story.
    * ``Quote.text == doc.text[start:end]``: the text inside the marks.

Attribution.  A quote that opens its sentence (nothing but spaces since the last sentence end,
paragraph start or closing mark) is *standalone*; any other is *partial*.
    1. Tail: right after the closing mark, an attribution clause whose subject starts the
       clause (``"...," the minister stated`` / ``he said, speaking through a translator`` /
       ``X, deputy director of Y, was quoted as saying``) or whose verb does (``said X``), or
       ``according to X``.  When the quoted text ends with a full stop the sentence ended
       inside the marks, and only a bare speech clause attributes it (``"..." X told VOA.``,
       not ``"..." The report said that ...``).
    2. Governing verb (partial quotes; tried first for them): the parse path from the quoted
       words up to a speech verb (``X told reporters that the plan "..."``) or a naming verb
       (``X called Y "..."``, ``X described it as "..."``, ``with X calling Y a "..."``); the
       speaker is that verb's subject (through ``and``-joined and participle verbs).  The path
       does not leave a relative clause (``X, who faces charges of "...", denies``) and does not
       reach the cue as its subject.  A short partial quote (<= 3 words) counts only when the
       first verb above it is the cue (a copula in between is see-through: ``X said the talks
       were "open"``) and no noun comes between (``posted "false" messages``,
       ``a program known as "..."`` are not speech).  Titles (every longer word capitalised:
       ``"Meet the Press"``) are never speech.  Rule 1 is tried next for partial quotes of
       four words or more.
    3. Introduction: the quote follows ``:`` or ``,`` after a speech verb with no other verb
       between (``The premier wrote: "..."``, ``She added, "..."``), in the same sentence or, for a
       colon, the sentence or paragraph before.
    4. ``According to X, "..."``: X (an organisation or press service counts).
    5. Quote chain (standalone quotes with no cue of their own): when only spaces and
       punctuation separate the quote from the previous quote or that quote's attribution
       clause, it takes that quote's speaker and ``cue`` is None.  Across paragraphs this is
       the news convention ``"...," he said.`` / next paragraph ``"..."``; inside a paragraph,
       ``"...," he said. "..."``.  Any sentence in between breaks the chain.
    6. Previous sentence: the sentence just before is a bare speech clause (``X told VOA.``).
    7. Otherwise a standalone quote of four words or more is kept with no speaker; any other
       quote is a scare quote or a title and is dropped.
    A cue is a verb of ``speech`` or ``naming`` in cues.yaml, not negated (``did not say``),
    and not passive unless listed (``was quoted as saying``, but not ``was declared an "..."``).

The speaker is the mention (``analysis.mentions``) covering the head word of the cue's subject
(so pronouns and role phrases come resolved from the actor stage); else a person named in
apposition (``an economist, Jane Doe,``); else, when the head is an unknown person's name,
``ActorRef(None, None, surface)``; else a mention inside the subject phrase, resolved ones
first: a person, then the phrase's owner (``the ministry's spokesman``, ``X's press service``
-> X, with the phrase as its text), then an organisation, then a place or nationality
(``U.S. officials``); possessive pronouns inside the phrase are not the speaker.  With no
mention at all it is ``ActorRef(None, None, surface)``.  After an inverted cue (``said ...``)
the first known person named before any comma or verb wins over the parse.  When the parse
gives the cue no subject, the subject of another speech verb of the sentence or the nearest
person mention is used.  ``cue`` is the verb as written, with its particle or phrase
(``said``, ``pointed out``, ``quoted as saying``, ``according to``).
``id = stable_id(doc_id, start)``; ``sentence`` is the sentence holding ``start``.

Events: a quote is linked to the events of the sentences it and its attribution span, or,
failing that, of the sentence just before it in the same paragraph (the one introducing it);
the quote id is appended to each linked event's ``quote_ids`` (no duplicates).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from tieline.errors import PipelineError
from tieline.nlp import paragraphs as find_paragraphs
from tieline.records import ActorRef, Analysis, Event, Mention, Quote, Sentence, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MARKS = re.compile("[\"“”„]")
_OPEN_GLYPHS = "“„"
_CLOSE_GLYPHS = "”"
_BEFORE_OPEN = frozenset("([{‘'—–-/:")
_AFTER_CLOSE = frozenset(",.;:!?)]}’'—–-…")
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
# A sentence end: not after a single capital (U.S., John F.) nor a short title (Mr., Dr.).
_SENT_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)"
                       r"(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
                       "[.!?…][\"”’)\\]]*(?=\\s)")
_CHAIN_GAP = re.compile(r"[\s.,;:!?—–-]*")
_TAIL_LEAD_PUNCT = frozenset({",", "—", "–", "-", "--"})
_TAIL_STOP = frozenset({".", "!", "?", ";", "\"", "“", "”", "„"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
_NP_SKIP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_INVERTED_DEPS = frozenset({"nsubj", "dobj", "attr", "npadvmod", "appos", "dative", "oprd"})
_CLAUSE_WORDS = frozenset({"while", "when", "as", "because", "after", "before", "if", "although", "though",
                           "since", "that", "which", "who", "and", "but", "or"})
_PERSONLIKE = frozenset({"PERSON", "ROLE", "PRON"})
_ORGLIKE = frozenset({"ORG"})

SHORT_WORDS = 3  # a quote this short, inside a sentence, needs its own governing cue
MIN_UNATTRIBUTED_WORDS = 4  # a quote with no speaker is kept only from this length on
MAX_UNCLOSED_SENTENCES = 3
TAIL_CHARS = 300


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue words of ``data/cues.yaml``."""

    speech: frozenset[str]
    naming: frozenset[str]
    passive_ok: frozenset[str]
    passive_only: frozenset[str]
    tail_only: frozenset[str]
    addressee: frozenset[str]
    forms: Mapping[str, str]
    phrasal: Mapping[str, str]
    according: tuple[str, ...]
    as_saying: tuple[str, ...]

    def lemma(self, tok: Token) -> str | None:
        """The lemma of a verb token (lower case), or None when the token is not a verb."""
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return None
        return self.forms.get(tok.lower_, tok.lemma_.lower())


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> Cues:
    """Read the cue lists (the packaged ``data/cues.yaml`` unless ``path`` is given)."""
    if path is None:
        raw = resources.files("tieline.quotes").joinpath("data/cues.yaml").read_text("utf-8")
    else:
        raw = Path(path).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw) or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    return Cues(
        speech=words("speech"),
        naming=words("naming"),
        passive_ok=words("passive_ok"),
        passive_only=words("passive_only"),
        tail_only=words("tail_only"),
        addressee=words("addressee"),
        forms={str(k).lower(): str(v).lower() for k, v in (data.get("forms") or {}).items()},
        phrasal={str(k).lower(): str(v).lower() for k, v in (data.get("phrasal") or {}).items()},
        according=tuple(str(p).lower() for p in data.get("according") or ()),
        as_saying=tuple(str(p).lower() for p in data.get("as_saying") or ()),
    )


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch of text: its marks and the offsets of the text inside them."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote was never closed
    start: int  # inner text, stripped of surrounding spaces
    end: int


def _direction(text: str, i: int, lo: int, hi: int) -> int:
    """+1 when the mark at ``i`` opens a quote, -1 when it closes one, 0 when unsure."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opens = (before.isspace() or before in _BEFORE_OPEN) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)
    if opens != closes:
        return 1 if opens else -1
    glyph = text[i]
    return 1 if glyph in _OPEN_GLYPHS else -1 if glyph in _CLOSE_GLYPHS else 0


def _inner(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _sentence_ends(text: str, a: int, b: int) -> list[int]:
    return [m.end() for m in _SENT_END.finditer(text, a, b)]


def _unclosed(text: str, mark: int, bound: int) -> QuoteSpan | None:
    a, b = _inner(text, mark + 1, bound)
    ends = [e for e in _sentence_ends(text, a, b) if e < b]
    if len(ends) >= MAX_UNCLOSED_SENTENCES:
        a, b = _inner(text, a, ends[0])
    return QuoteSpan(mark, None, a, b) if b > a else None


def _closed(text: str, mark: int, close: int) -> QuoteSpan | None:
    a, b = _inner(text, mark + 1, close)
    return QuoteSpan(mark, close, a, b) if b > a else None


def _continues(text: str, mark: int, para: tuple[int, int], nxt: tuple[int, int] | None) -> bool:
    """The continued-quote convention: an open whole-sentence quote, next paragraph opens a mark."""
    if nxt is None or nxt[0] >= nxt[1] or not _MARKS.match(text, nxt[0]):
        return False
    if _direction(text, nxt[0], nxt[0], nxt[1]) < 0:
        return False
    lead = text[para[0]:mark].rstrip()
    quoted = text[mark + 1:para[1]].rstrip()
    starts_sentence = not lead or lead[-1] in ".!?:,\"”"
    return starts_sentence and bool(quoted) and quoted[-1] in ".!?…:,\"”’"


def find_quote_spans(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, in order (see the module notes for the rules)."""
    paras = list(paragraphs) if paragraphs else find_paragraphs(text)
    spans: list[QuoteSpan | None] = []
    carried: int | None = None  # opening mark of a quote continued from the previous paragraph
    for k, (lo, hi) in enumerate(paras):
        marks = [m.start() for m in _MARKS.finditer(text, lo, hi)]
        current: int | None = None
        if carried is not None:
            current, marks = carried, marks[1:]  # the repeated opening mark is not a new quote
            carried = None
        for m in marks:
            d = _direction(text, m, lo, hi)
            if current is None:
                if d >= 0:
                    current = m
            elif d <= 0:
                spans.append(_closed(text, current, m))
                current = None
            else:  # an opening mark inside an open quote: the first one was never closed
                spans.append(_unclosed(text, current, m))
                current = m
        if current is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if _continues(text, current, (lo, hi), nxt):
                carried = current
            else:
                spans.append(_unclosed(text, current, hi))
    return [s for s in spans if s is not None]


# --------------------------------------------------------------------------- attribution


@dataclass(slots=True)
class _Attribution:
    speaker: ActorRef | None
    cue: str | None
    end: int  # end of the attribution text (the quote chain and the event links start there)


class _Context:
    """One document's text, parse, paragraphs, sentences, quotes and mentions, indexed for lookups."""

    def __init__(self, analysis: Analysis, doc: Doc, cues: Cues, spans: Sequence[QuoteSpan]) -> None:
        self.text: str = analysis.doc.text
        self.doc = doc
        self.cues = cues
        self.tok_starts = [t.idx for t in doc]
        self.paras = analysis.paragraphs or find_paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.sentences = analysis.sentences
        self.sent_starts = [s.start for s in analysis.sentences]
        self.mentions = sorted(analysis.mentions, key=lambda m: (m.start, -m.end))
        self.m_starts = [m.start for m in self.mentions]
        self.m_maxlen = max((m.end - m.start for m in self.mentions), default=0)
        self.quoted = [(s.start, s.end) for s in spans]
        self.q_starts = [s.start for s in spans]

    # ---- lookups

    def tokens(self, a: int, b: int) -> Span:
        return self.doc[bisect_left(self.tok_starts, a):bisect_left(self.tok_starts, b)]

    def para(self, offset: int) -> tuple[int, int]:
        k = max(bisect_right(self.para_starts, offset) - 1, 0)
        return self.paras[k] if self.paras else (0, len(self.text))

    def sentence_index(self, offset: int) -> int:
        return max(bisect_right(self.sent_starts, offset) - 1, 0)

    def in_quote(self, offset: int) -> bool:
        k = bisect_right(self.q_starts, offset) - 1
        return k >= 0 and self.quoted[k][0] <= offset < self.quoted[k][1]

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        i = bisect_left(self.m_starts, a - self.m_maxlen)
        j = bisect_left(self.m_starts, b)
        return [m for m in self.mentions[i:j] if m.start < b and m.end > a]

    # ---- speech cues

    def cue_kind(self, tok: Token) -> str | None:
        """'speech', 'naming' or None for a token (see cues.yaml for the voice rules)."""
        lemma = self.cues.lemma(tok)
        if lemma is None or self.in_quote(tok.idx):
            return None
        if lemma in self.cues.speech:
            kind = "speech"
        elif lemma in self.cues.naming:
            kind = "naming"
        else:
            return None
        particle = self.cues.phrasal.get(lemma)
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
            return None
        if any(c.dep_ == "neg" and not self.in_quote(c.idx) for c in tok.children):
            return None  # "did not say", "declined to comment" is no attribution
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        if passive and lemma not in self.cues.passive_ok or not passive and lemma in self.cues.passive_only:
            return None
        return kind

    def cue_text(self, tok: Token) -> str:
        words = [tok.lower_]
        words += [c.lower_ for c in tok.children if c.dep_ == "prt" and c.i > tok.i]
        cue = " ".join(words)
        rest = self.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 16].lower()
        for phrase in self.cues.as_saying:
            if re.match(r"\s+" + re.escape(phrase) + r"\b", rest):
                return f"{cue} {phrase}"
        return cue

    # ---- speakers

    def subject(self, cue: Token) -> Token | None:
        """The grammatical subject of a cue verb, outside any quote (None when there is none)."""
        tok = cue
        for depth in range(5):
            for c in tok.children:
                if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and depth == 0:
                    if c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                        c = tok.head  # "X, who said ..." -> X
                    return None if self.in_quote(c.idx) else c
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return None if self.in_quote(tok.head.idx) else tok.head  # "the envoy, calling it ..."
            if tok.dep_ in _CLIMB_DEPS and tok.head is not tok:
                tok = tok.head
                continue
            return None
        return None

    def np_core(self, head: Token) -> list[Token]:
        keep = [head]
        stack = [c for c in head.children if c.dep_ not in _NP_SKIP_DEPS]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(c for c in t.children if c.dep_ not in _NP_SKIP_DEPS)
        return sorted(keep, key=lambda t: t.i)

    @staticmethod
    def _rank(m: Mention) -> tuple[int, int]:
        kind = m.kind or ""
        if m.label in _PERSONLIKE or kind == "person":
            r = 0
        elif m.label in _ORGLIKE or kind in ("organization", "group"):
            r = 1
        else:
            r = 2
        return (r, -(m.end - m.start))

    def speaker(self, head: Token) -> ActorRef:
        """The actor behind a subject token (see the module notes)."""
        core = [t for t in self.np_core(head) if not self.in_quote(t.idx)] or [head]
        a = core[0].idx
        b = core[-1].idx + len(core[-1].text)
        surface = self.text[a:b].strip("\"“”„ ,")
        hs, he = head.idx, head.idx + len(head.text)
        covering = [m for m in self.mentions_in(hs, he) if m.start <= hs and m.end >= he]
        if covering:
            return min(covering, key=self._rank).ref()
        appos = [m for c in head.children if c.dep_ == "appos"
                 for m in self.mentions_in(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                 if self._rank(m)[0] == 0 and m.label != "PRON"]
        if appos:  # "an economist, Jane Doe," -> the person named
            return min(appos, key=lambda m: m.start).ref()
        if head.ent_type_ == "PERSON":
            # A person the actor stage does not know: not the country or the first name in the
            # description ("Jakarta-based activist Ryan Febrianto", "Secretary General X Y"); the
            # name is the one the text gives.
            return ActorRef(None, _named(head), surface)
        owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        ranked: list[tuple[bool, int, int, Mention]] = []
        for m in self.mentions_in(a, b):
            if self.in_quote(m.start) or m.label == "PRON":
                continue  # "the leader of his legal team" is not "he"
            r = self._rank(m)[0]
            owner = any(self.doc[k].idx < m.end and m.start < self.doc[k].idx + len(self.doc[k].text)
                        for k in owners)
            # a person named in the phrase; else its owner ("Matiangi's official account",
            # "the ministry's spokesman"); else an organisation; else a place or a nationality
            order = 0 if r == 0 and not owner else 1 if owner and r < 2 else 2 if r == 1 else 3
            ranked.append((m.actor_id is None, order, m.start, m))
        if ranked:
            m = min(ranked, key=lambda x: x[:3])[3]
            ref = m.ref()
            if a <= m.start and m.end <= b:
                ref.text = surface
            return ref
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children):
            earlier = self._named_before(head)
            if earlier is not None:  # "the spokesperson" said: the one named before
                ref = earlier.ref()
                ref.name = ref.name or self.text[earlier.start:earlier.end].strip()
                ref.text = surface
                return ref
        return ActorRef(None, _named(head), surface)

    def _named_before(self, head: Token) -> Mention | None:
        """The last resolved mention before ``head`` whose last word is ``head``'s ("a State
        Department spokesperson" ... "the spokesperson")."""
        word = head.lower_
        best: Mention | None = None
        for m in self.mentions:
            if m.end > head.idx:
                break
            if (m.country or m.actor_id) and m.label != "PRON" and \
                    self.text[m.start:m.end].rstrip().lower().endswith(word):
                best = m
        return best

    def nearest_mention(self, a: int, b: int, last: bool) -> ActorRef | None:
        """The person (else any) mention nearest the end (``last``) or the start of ``[a, b)``."""
        ms = [m for m in self.mentions_in(a, b) if m.start >= a and m.end <= b and not self.in_quote(m.start)]
        people = [m for m in ms if self._rank(m)[0] == 0] or ms
        if not people:
            return None
        return (max(people, key=lambda m: m.start) if last else min(people, key=lambda m: m.start)).ref()

    def from_cue(self, cue: Token, window: tuple[int, int], last: bool, end: int) -> _Attribution:
        """The attribution made by a cue verb: its subject; else the subject of another speech
        verb of the sentence (the parse went astray); else the nearest mention in ``window``."""
        subj = self.subject(cue)
        if subj is None:
            others = [t for t in cue.sent if t.i != cue.i and self.cue_kind(t) == "speech"]
            for t in sorted(others, key=lambda t: abs(t.i - cue.i)):
                subj = self.subject(t)
                if subj is not None:
                    break
        ref = self.speaker(subj) if subj is not None else self.nearest_mention(window[0], window[1], last)
        return _Attribution(ref, self.cue_text(cue), end)

    def according(self, toks: Iterable[Token], end: int | None = None) -> _Attribution | None:
        """``according to X`` among the tokens: X's actor."""
        for t in toks:
            if self.in_quote(t.idx):
                continue
            for phrase in self.cues.according:
                if self.text[t.idx:t.idx + len(phrase)].lower() == phrase:
                    obj = self._phrase_object(t, len(phrase))
                    if obj is not None and not self.in_quote(obj.idx):
                        stop = obj.right_edge.idx + len(obj.right_edge.text)
                        return _Attribution(self.speaker(obj), phrase, stop if end is None else end)
        return None

    def _phrase_object(self, first: Token, length: int) -> Token | None:
        end = first.idx + length
        for t in self.doc[first.i:first.i + 4]:
            if t.idx >= end:
                break
            for c in t.children:
                if c.dep_ == "pobj":
                    return c
        nxt = [t for t in self.doc[first.i:first.i + 8] if t.idx >= end and t.pos_ in ("PROPN", "NOUN")]
        return nxt[0] if nxt else None

    # ---- the rules

    def lead_start(self, span: QuoteSpan, prev_close: int) -> int:
        lo = self.para(span.open)[0]
        s = self.sentence_index(span.open)
        start = max(lo, prev_close, self.sent_starts[s] if self.sentences else lo)
        ends = _sentence_ends(self.text, start, span.open)
        return ends[-1] if ends else start

    def tail(self, span: QuoteSpan) -> _Attribution | None:
        """Rule 1: an attribution clause right after the closing mark."""
        if span.close is None:
            return None
        after = span.close + 1
        hi = min(self.para(span.close)[1], after + TAIL_CHARS)
        nxt = _MARKS.search(self.text, after, hi)
        toks = list(self.tokens(after, nxt.start() if nxt else hi))
        i = 0
        while i < len(toks) and (toks[i].text in _TAIL_LEAD_PUNCT or toks[i].is_space):
            i += 1
        window: list[Token] = []
        for t in toks[i:]:
            if t.text in _TAIL_STOP:
                break
            window.append(t)
        if not window:
            return None
        first = window[0]
        # A full stop inside the marks ends the sentence: what follows attributes the quote only
        # when it is a bare speech clause ('"..." Smith told VOA.', not '"..." The report said X').
        bare_only = self.text[span.start:span.end].endswith(".") and not first.text[:1].islower()
        w_end = window[-1].idx + len(window[-1].text)
        if first.lower_ == "according":
            return None if bare_only else self.according(window[:1])
        for t in window:
            if self.cue_kind(t) != "speech":
                continue
            if bare_only and not self._bare(t, span):
                return None
            subj = self.subject(t)
            if t.i == first.i:  # inverted: '"...," said X'
                if t.tag_ == "VBG" or bare_only or subj is not None and subj.i < t.i:
                    return None
                named = self._person_after(t, w_end)
                if named is not None:
                    return _Attribution(named, self.cue_text(t), w_end)
                if subj is None:  # the small model often reads the inverted subject as an object
                    subj = next((c for c in t.children if c.i > t.i and c.dep_ in _INVERTED_DEPS
                                 and not self.in_quote(c.idx)), None)
                if subj is None:  # ... or hangs it elsewhere: take the noun phrase after the verb
                    run: list[Token] = []
                    for nt in self.doc[t.i + 1:t.i + 8]:
                        if nt.pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or self.in_quote(nt.idx):
                            break
                        run.append(nt)
                    subj = next((nt for nt in reversed(run) if nt.pos_ in ("PROPN", "NOUN")), None)
                if subj is None:
                    return None
                return _Attribution(self.speaker(subj), self.cue_text(t), w_end)
            if subj is not None:
                if subj.left_edge.i <= first.i <= subj.i < t.i:
                    return self.from_cue(t, (first.idx, w_end), False, w_end)
                return None
            between = window[:t.i - first.i]
            if t.tag_ != "VBG" and len(between) <= 8 and any(b.pos_ in ("PROPN", "NOUN", "PRON") for b in between) \
                    and not any(b.pos_ in ("VERB", "AUX") or b.lower_ in _CLAUSE_WORDS for b in between):
                ref = self.nearest_mention(first.idx, t.idx, last=False)
                if ref is None:
                    ref = ActorRef(None, None, self.text[first.idx:t.idx].strip(" ,"))
                return _Attribution(ref, self.cue_text(t), w_end)
            return None
        return None

    def _person_after(self, cue: Token, limit: int) -> ActorRef | None:
        """A known person named right after an inverted cue, before any comma or verb
        (``said lecturer Soli Ozel of ...``): more reliable than the parse of such tails."""
        stop = limit
        for t in self.doc[cue.i + 1:]:
            if t.idx >= limit or t.text in (",", ";") or t.pos_ in ("VERB", "AUX"):
                stop = t.idx
                break
        people = [m for m in self.mentions_in(cue.idx + len(cue.text), stop)
                  if self._rank(m)[0] == 0 and m.label != "PRON" and m.actor_id is not None
                  and m.start > cue.idx]
        return min(people, key=lambda m: m.start).ref() if people else None

    def _bare(self, cue: Token, span: QuoteSpan) -> bool:
        """A speech clause with no content of its own (``Smith told VOA``), so it attributes
        the quote before it; ``the report said X`` or ``X stressed the need ...`` do not."""
        for c in cue.children:
            if c.dep_ in ("ccomp", "xcomp", "csubj") and not span.start <= c.idx < span.end:
                return False
            if c.dep_ == "dobj" and not (self.cues.lemma(cue) in self.cues.addressee or c.pos_ == "PROPN"):
                return False
        return True

    def governing(self, span: QuoteSpan, short: bool) -> _Attribution | None:
        """Rule 2: the verb above a quote inside a sentence."""
        inside = [t for t in self.tokens(span.start, span.end) if not (t.is_punct or t.is_space)]
        attach: Token | None = None
        via = ""  # the relation through which the path reaches the current node
        for t in inside:
            h = t.head
            if h is not t and not span.start <= h.idx < span.end:
                attach, via = h, t.dep_
                break
        node = attach
        for _ in range(16):
            if node is None:
                return None
            if self.cues.lemma(node) is not None:
                kind = self.cue_kind(node)
                if kind is not None and self.cues.lemma(node) not in self.cues.tail_only \
                        and via not in _SUBJECT_DEPS \
                        and not (short and kind == "naming" and node.idx > span.start):
                    sent = node.sent
                    return self.from_cue(node, (sent.start_char, node.idx), True, self._after(span))
                copula = self.cues.lemma(node) == "be" and via in ("acomp", "attr") and node.dep_ == "ccomp"
                if short and not copula:  # 'X said the talks were "open"': the copula is see-through
                    return None
            elif short and node.pos_ in ("NOUN", "PROPN", "PRON"):
                return None  # 'posted "false" messages': the quote modifies a noun, it is not speech
            if node.head is node or node.dep_ in ("relcl", "appos"):
                return None  # a relative clause describes its noun; it does not report speech
            via = node.dep_
            node = node.head
        return None

    def introduction(self, span: QuoteSpan, lead_start: int) -> _Attribution | None:
        """Rule 3: ``X said: "..."`` / ``She added, "..."``."""
        j = span.open - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] not in ":,":
            return None
        if j < lead_start:
            if self.text[j] != ":":
                return None
            s = self.sentence_index(j)
            clause_start = self.sent_starts[s] if self.sentences else self.para(j)[0]
        else:
            clause_start = lead_start
        toks = self.tokens(clause_start, j)
        for t in reversed(toks):
            if self.cues.lemma(t) is None or t.pos_ == "AUX":
                continue
            if self.cue_kind(t) == "speech" and self.cues.lemma(t) not in self.cues.tail_only:
                return self.from_cue(t, (clause_start, t.idx), True, self._after(span))
            break
        if self.text[j] == ":":
            return self.colon_introduction(toks, clause_start, j, span)
        return None

    def colon_introduction(self, toks: Iterable[Token], a: int, b: int, span: QuoteSpan) -> _Attribution | None:
        """A colon after any clause of someone's (``X agreed: "..."``, ``X put it bluntly: "..."``:
        the last verb's subject) or after a bare name (``Jane Roe, a reporter: "..."``: that person)."""
        toks = [t for t in toks if not self.in_quote(t.idx)]
        verbs = [t for t in toks if t.pos_ == "VERB"]
        if verbs:
            v = verbs[-1]
            subj = self.subject(v)
            if subj is None or any(c.dep_ == "neg" for c in v.children):
                return None
            ref = self.speaker(subj)
            if ref is None or not (ref.actor_id or ref.country or subj.pos_ in ("PROPN", "PRON")):
                return None  # "The report found three problems: ...": a list, not someone's words
            return _Attribution(ref, v.text, self._after(span))
        if not toks or any(t.pos_ == "AUX" for t in toks):
            return None
        ms = [m for m in self.mentions_in(a, b) if m.start >= a and m.end <= b and self._rank(m)[0] == 0]
        return _Attribution(min(ms, key=lambda m: m.start).ref(), None, self._after(span)) if ms else None

    def previous_sentence(self, span: QuoteSpan) -> _Attribution | None:
        """Rule 5b: the sentence just before is a bare speech clause (``X told VOA.``)."""
        j = span.open - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] not in ".!" or self.in_quote(j):
            return None
        k = bisect_right(self.tok_starts, j) - 1
        if k < 0:
            return None
        sent = self.doc[k].sent
        root = sent.root
        if self.cue_kind(root) != "speech" or self.cues.lemma(root) in self.cues.tail_only:
            return None
        if any(c.dep_ in ("ccomp", "xcomp", "parataxis", "advcl") and c.tag_ != "VBG" for c in root.children):
            return None  # the sentence reports its own content
        if any(self.in_quote(t.idx) or _MARKS.match(t.text) for t in sent):
            return None
        subj = self.subject(root)
        if subj is None:
            return None
        return _Attribution(self.speaker(subj), self.cue_text(root), self._after(span))

    def _after(self, span: QuoteSpan) -> int:
        return span.close + 1 if span.close is not None else span.end


def _without_attribution_comma(text: str, start: int, end: int) -> int:
    """Where a quote's words end: a comma (or semicolon) before the closing mark belongs to the
    attribution that follows ('"We will act," she said.' quotes "We will act"), not to the speech."""
    while end > start and (text[end - 1] in ",;" or text[end - 1].isspace()):
        end -= 1
    return end if end > start else start + 1


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _title_like(text: str) -> bool:
    """Every longer word capitalised: a name or a title ("Meet the Press", "Axis of Upheaval")."""
    ws = [w for w in _WORD.findall(text) if w[0].isalpha() and len(w) > 3]
    return bool(ws) and all(w[0].isupper() for w in ws)


# --------------------------------------------------------------------------- component


class QuoteExtractor:
    """Pipeline component ``quotes``: fills ``analysis.quotes`` and links quotes and events."""

    name = "quotes"

    def __init__(self, cues: str | None = None) -> None:
        self.cues = load_cues(cues)

    def __call__(self, analysis: Analysis) -> Analysis:
        text = analysis.doc.text
        analysis.quotes = []
        if not _MARKS.search(text):
            return analysis
        paras = analysis.paragraphs or find_paragraphs(text)
        spans = find_quote_spans(text, paras)
        ctx = _Context(analysis, _parse(analysis), self.cues, spans)
        found: list[tuple[Quote, _Attribution]] = []
        prev: _Attribution | None = None
        prev_close = 0
        for span in spans:
            attr = self._attribute(ctx, span, prev, prev_close)
            prev_close = (span.close + 1) if span.close is not None else span.end
            if attr is None:
                continue
            end = _without_attribution_comma(text, span.start, span.end)
            q = Quote(
                id=stable_id(analysis.doc.id, span.start),
                doc_id=analysis.doc.id,
                text=text[span.start:end],
                start=span.start,
                end=end,
                speaker=_named_speaker(attr.speaker),
                cue=attr.cue,
                sentence=ctx.sentence_index(span.start),
            )
            found.append((q, attr))
            prev = attr
        analysis.quotes = [q for q, _ in found]
        if analysis.events:
            _link_events(ctx, found, analysis.events)
        return analysis

    def _attribute(self, ctx: _Context, span: QuoteSpan, prev: _Attribution | None,
                   prev_close: int) -> _Attribution | None:
        inner = ctx.text[span.start:span.end]
        words = _words(inner)
        if words == 0:
            return None
        short = words <= SHORT_WORDS
        lead_start = ctx.lead_start(span, prev_close)
        standalone = not ctx.text[lead_start:span.open].strip()
        attr: _Attribution | None = None
        if _title_like(inner):
            return None  # a name or a title ("Meet the Press"), not speech
        if standalone:
            attr = ctx.tail(span) or ctx.introduction(span, lead_start)
        else:
            attr = ctx.governing(span, short)
            if attr is None and not short:
                attr = ctx.tail(span)
            elif attr is not None:  # '... that "...," he added.': the chain starts after the tail
                tail = ctx.tail(span)
                if tail is not None:
                    attr.end = max(attr.end, tail.end)
            if attr is None:
                attr = ctx.introduction(span, lead_start) or \
                    ctx.according(ctx.tokens(lead_start, span.open), ctx._after(span))
        if attr is not None:
            return attr
        if not standalone:
            return None
        # Rule 5: the quote chain -- the previous quote (or its attribution) ends right here.
        if prev is not None and prev.speaker is not None and prev.end <= span.open \
                and _CHAIN_GAP.fullmatch(ctx.text, prev.end, span.open):
            return _Attribution(prev.speaker, None, ctx._after(span))
        attr = ctx.previous_sentence(span)
        if attr is not None:
            return attr
        if words >= MIN_UNATTRIBUTED_WORDS:
            return _Attribution(None, None, ctx._after(span))
        return None


_BARE_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def _named_speaker(ref: ActorRef | None) -> ActorRef | None:
    """A speaker always carries a name: the canonical one, else the words the text uses ("the
    spokesperson", "Analysts"); a pronoun nobody could be found for is no speaker at all."""
    if ref is None or ref.name or not ref.text:
        return ref
    if ref.text.strip().lower() in _BARE_PRONOUNS and not (ref.actor_id or ref.country):
        return None
    return ActorRef(ref.actor_id, ref.text, ref.text, ref.country, ref.sector)


def _parse(analysis: Analysis) -> Doc:
    """The parse the ``nlp`` stage left; the extractor never parses a document itself."""
    if analysis.spacy_doc is None:
        raise PipelineError.missing("nlp", "quotes", analysis.doc.id)
    return analysis.spacy_doc


def _link_events(ctx: _Context, found: list[tuple[Quote, _Attribution]], events: list[Event]) -> None:
    _link(ctx.sentences, [(q, max(q.end, attr.end)) for q, attr in found], events)


def link_events(analysis: Analysis) -> None:
    """Link the quotes and events of an analysis both ways, when events were coded after quotes.

    A quote belongs to the events of the sentences it spans, and of the sentence its attribution
    closes in when that follows the closing mark ('... ," he said.'); with none there, to those of
    the sentence introducing it in the same paragraph.
    """
    text = analysis.doc.text
    ranges: list[tuple[Quote, int]] = []
    for q in analysis.quotes:
        end = q.end
        if q.cue:
            k = text.find(q.cue, q.end, q.end + 200)
            if k >= 0:
                end = k + len(q.cue)
        ranges.append((q, end))
    _link(analysis.sentences, ranges, analysis.events)


def _link(sentences: Sequence[Sentence], ranges: Sequence[tuple[Quote, int]], events: Sequence[Event]) -> None:
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        by_sentence.setdefault(e.sentence, []).append(e)
    starts = [s.start for s in sentences]

    def index(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    for q, end in ranges:
        first, last = index(q.start), index(end - 1)
        linked = [e for s in range(first, last + 1) for e in by_sentence.get(s, [])]
        if not linked and first > 0 and sentences and \
                sentences[first - 1].paragraph == sentences[first].paragraph:
            linked = by_sentence.get(first - 1, [])
        for e in linked:
            if e.id not in q.event_ids:
                q.event_ids.append(e.id)
            if q.id not in e.quote_ids:
                e.quote_ids.append(q.id)


def _named(head: Token) -> str | None:
    """The name a speaker's head word is part of, as the text gives it (an entity of the model, or a
    run of proper nouns), or None when the head is no name ("officials", "a statement")."""
    for e in head.doc.ents:
        if e.start <= head.i < e.end and e.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"):
            toks = [t for t in e if t.lower_ != "the" or t.i != e.start]
            return " ".join(t.text for t in toks).replace(" 's", "'s") or None
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    i = head.i
    while i > 0 and head.doc[i - 1].pos_ == "PROPN" and head.doc[i - 1].text[:1].isupper():
        i -= 1
    return head.doc[i:head.i + 1].text
