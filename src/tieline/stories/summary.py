"""A story's one-line summary: a clause built from its headline event's own sentence.

"Norway's foreign minister threatened on Tuesday to close the port of Tromso to
Finnish ships if ..." reads "Norway threatens to close the port of Tromso to Finnish ships":
the resolved actor, the event's verb in the present tense, what the sentence
says it is about (objects, the recipient, infinitive and prepositional
complements), without times, side clauses or asides; certainty as words
("plans to", "may", "does not").  The place follows when known.

The parse is a re-parse of the headline sentences only (tagger, parser and
lemmatizer, no NER), batched and cached, so linking stays cheap.  Without a
parse (no model, no trigger in the sentence) the summary falls back to
"<actor> <verb> <recipient>" from ``phrases.yaml`` or to the sentence itself,
trimmed; never to "X: noun".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tieline.records import ActorRef, Event, Mention

MAX_WORDS = 16  # complement after the verb
_PARSED: dict[str, Any] = {}
_MODEL: list[Any] = []  # [nlp] once loaded, [None] when it cannot be

TIME_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "week", "weeks", "month", "months", "year", "years", "day", "days", "today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "weekend", "earlier", "later", "ago", "recently", "now", "decade", "decades", "hour", "hours", "minute", "minutes", "time"])
# words that cannot end a summary
_BAD_END = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "onto", "about", "against", "as", "and", "or", "but", "if", "that", "which", "who", "whom", "whose", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "not", "than", "over", "under", "between", "after", "before", "during", "while", "including", "said", "says", "say", "told", "according", "also", "especially", "particularly", "notably", "mainly", "mostly", "even", "just", "only"])
_BAD_END_POS = {"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT", "PRON", "VERB"}
_NEG_VERBS = {"deny", "refuse", "reject", "decline", "dismiss", "rule"}
_DROP_DEPS = {"advcl", "relcl", "appos", "parataxis", "punct", "dep", "meta", "intj", "preconj", "cc"}
_SUBORD = {"if", "because", "as", "while", "after", "before", "since", "although", "though", "when", "unless",
           "whether", "until", "once", "where"}
_RAISING = {"expect", "schedule", "set", "slate", "poise", "due", "likely"}
_PRONOUNS = {"who", "whom", "which", "that", "it", "them", "him", "her", "they"}
_STOP = {":", ";", "—", "–", '"', "“", "”"}  # a dropped one of these ends the complement
_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def _text(doc: Any, keep: set[int]) -> str:
    """The kept tokens in order, a space wherever the sentence had one in between; stop at a break."""
    out: list[str] = []
    prev = None
    for i in sorted(keep):
        if prev is not None and i > prev + 1:
            gap = doc[prev + 1:i]
            # a dropped break ends the complement; bare quote marks inside it do not ("demanded
            # that Ottawa “must drop ...”")
            if out and any(t.text in _STOP and t.text not in _QUOTES for t in gap):
                break  # (a comma and an opening quote before what was said do not: 'said, "The ...')
            if not out[-1].endswith(" ") and (doc[prev].whitespace_ or any(t.whitespace_ for t in gap)):
                out[-1] += " "
            if any(t.text in _QUOTES for t in gap) and doc[i].pos_ == "DET" and doc[i].text[:1].isupper():
                out.append(doc[i].lower_ + doc[i].whitespace_)  # 'says "The sector ...' -> 'says the sector'
                prev = i
                continue
        out.append(doc[i].text_with_ws)
        prev = i
    return _tidy("".join(out))


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    return yaml.safe_load(resources.files("tieline.stories").joinpath("data/phrases.yaml").read_text("utf-8"))


# -- the parse -------------------------------------------------------------------------------------
def _model() -> Any:
    if not _MODEL:
        try:
            from tieline.nlp import load_model

            _MODEL.append(load_model())
        except Exception:  # no model installed: summaries fall back to phrases
            _MODEL.append(None)
    return _MODEL[0]


def parse_all(texts: Iterable[str]) -> None:
    """Parse the sentences not parsed yet, in one batch (tagger and parser only)."""
    todo = sorted({t for t in texts if t and t not in _PARSED})
    if not todo:
        return
    nlp = _model()
    if nlp is None:
        return
    keep = [p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser") if p in nlp.pipe_names]
    with nlp.select_pipes(enable=keep):
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=64), strict=True):
            _PARSED[text] = doc
    if len(_PARSED) > 50_000:  # a bound, not a policy: a long-lived process must not grow forever
        for k in list(_PARSED)[:25_000]:
            del _PARSED[k]


# -- words -----------------------------------------------------------------------------------------
def lemma_of(tok: Any) -> str:
    """The token's lemma, with the silent e the lemmatizer drops from one-syllable verbs put back
    ("hoping", "hoped", "hopes" -> "hop", which would be "hopping", "hopped", "hops": so "hope")."""
    lemma = (tok.lemma_ or tok.lower_).lower()
    if tok.lower_ in (lemma + "ing", lemma + "ed", lemma + "es") and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxysz]",
                                                                       lemma):
        return lemma + "e"
    return lemma


def present(lemma: str, plural: bool = False) -> str:
    """The present tense of a verb lemma: meet -> meets (meet when plural)."""
    lemma = lemma.lower()
    if lemma == "be":
        return "are" if plural else "is"
    if plural:
        return lemma
    if lemma == "have":
        return "has"
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _known(refs: list[ActorRef]) -> list[ActorRef]:
    return [r for r in refs if r.actor_id or r.country or r.name]


def _resolved(refs: list[ActorRef]) -> list[ActorRef]:
    return [r for r in refs if r.actor_id or r.country]


@lru_cache(maxsize=1)
def _state_sectors() -> frozenset[str]:
    return frozenset(phrases().get("state_speakers") or ())


@lru_cache(maxsize=512)
def _country_name(code: str) -> str | None:
    from tieline.actors import describe

    info = describe(f"country:{code}")
    return str(info["name"]) if info and info.get("name") else None


def _name(r: ActorRef) -> str:
    """How a participant reads: its resolved name; a state's unnamed official ("a State Department
    spokesperson", "officials") as the state, which speaks through them; else its words."""
    words = (r.text or "").split()
    if not r.actor_id and r.country and r.sector in _state_sectors() and (not r.name or r.name == r.text) \
            and any(w.isalpha() and w.islower() for w in words) \
            and words[-1].lower() not in (phrases().get("several_states") or ()):
        # (not a bare name the actor stage placed in a state, "BLA"; not "the two presidents")
        state = _country_name(r.country)
        if state:
            return state
    return (r.name or r.text or "").strip()


def names(refs: list[ActorRef], most: int = 3) -> str:
    out: list[str] = []
    # resolved actors first, alone ("the U.S. and other Western nations" -> "United States"); unresolved
    # surface forms only when nothing better is there
    for r in _resolved(refs) or _known(refs) or refs:
        n = _name(r)
        if n and n not in out:
            out.append(n)
    if len(out) > most:
        return ", ".join(out[:most]) + f" and {len(out) - most} others"
    return ", ".join(out[:-1]) + " and " + out[-1] if len(out) > 2 else " and ".join(out)


_PLURAL_ENDS = ("men", "people", "police", "militia", "troops", "forces")


def _plural(refs: list[ActorRef]) -> bool:
    """Several actors, or one named by a plural noun ("Gunmen", "security forces", "Separatists");
    a registry actor is one ("United States", "Philippines")."""
    shown = _resolved(refs) or _known(refs) or refs
    if len({_name(r) for r in shown}) > 1:
        return True
    if len(shown) != 1 or shown[0].actor_id or _name(shown[0]) != (shown[0].name or shown[0].text or "").strip():
        return False  # a registry actor, or a state speaking through its officials
    words = (shown[0].name or shown[0].text or "").split()
    if len(words) > 1 and words[0][:1].isupper() and words[-1][:1].isupper() and not re.search(
            r"(ans|ists|ers|ees|ites)$", words[-1]) and all(
            w[:1].isupper() or w in ("of", "the", "and", "for", "on") for w in words):
        return False  # a proper name: "Asia Society Texas", "Doctors Without Borders"
    last = (words or [""])[-1].lower()
    return last.endswith(_PLURAL_ENDS) or (
        len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics", "'s", "’s")))


def _verb_phrase(lemma: str, certainty: str, plural: bool) -> str:
    if certainty == "negated" and lemma not in _NEG_VERBS:
        return f"{'do' if plural else 'does'} not {lemma}"
    if certainty == "planned" and lemma not in ("plan", "intend", "expect"):
        return f"{'plan' if plural else 'plans'} to {lemma}"
    if certainty == "hedged":
        return f"may {lemma}"
    return present(lemma, plural)


def _tidy(text: str) -> str:
    text = re.sub(r"[\"“”«»]", "", text)
    text = re.sub(r"\s+([,.;:!?%)’']|n't|'s|’s)", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    for op, cl in ("()", "[]"):  # a bracket the cut left open (an editor's "[the U.N.]" cut short)
        if text.count(op) > text.count(cl):
            text = text[:text.rindex(op)] + text[text.rindex(op) + 1:]
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:-—")
    return text


def _trim_words(words: list[str]) -> list[str]:
    while words and (words[-1].lower().strip(",;:") in _BAD_END or not words[-1].strip(",;:—-")):
        words.pop()
    return words


# -- the clause ------------------------------------------------------------------------------------
def _trigger_token(doc: Any, head: Event) -> Any:
    """The event's trigger in the parse of its sentence: the token at its offset where the event
    keeps one (one sentence may use the verb twice: "killed six attackers ... and later killed 50
    militants"), else the best of the words spelled like it."""
    trigger = head.trigger
    if not trigger:
        return None
    at = head.trigger_offset()
    if at is not None:
        tok = next((tok for tok in doc if tok.idx == at), None)
        if tok is not None and tok.text.lower() == trigger.lower():
            return tok
    t = trigger.lower()
    hits = [tok for tok in doc if tok.text.lower() == t] or [tok for tok in doc if tok.lower_.startswith(t)]
    if not hits:
        return None
    verbs = [tok for tok in hits if tok.pos_ in ("VERB", "AUX")]
    # of several, the one that says what it was done to ("it closed 12 outlets", not a heading's "closed")
    full = [tok for tok in verbs if any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in tok.children)]
    return (full or verbs or hits)[0]


def _predicate(tok: Any) -> tuple[Any, Any]:
    """(the verb that carries the event, the noun trigger it governs or None)."""
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
        if tok.lemma_ in _RAISING:  # "is expected to meet" -> meet
            x = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            if x is not None:
                return x, None
        return tok, None
    head = tok.head
    if tok.pos_ in ("ADJ",) and head.pos_ in ("AUX", "VERB"):
        for c in tok.children:  # "is due to meet" -> meet
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return c, None
        return head, None  # "is ready to", "is due to"
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head, None  # "imposed sanctions on", "held talks with"
    if tok.dep_ == "pobj" and head.head.pos_ == "VERB" and head.dep_ == "prep" and head.head.lemma_ in (
            "hold", "engage", "take", "participate"):
        return head.head, None
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB":
        return head.head.head, None  # "leveled a string of criticisms", "launched a series of attacks"
    return None, tok


def _is_time(tok: Any) -> bool:
    """A time phrase: "on Wednesday", "in 2023", "last week", "earlier" (not "a 30-day moratorium")."""
    aside = {t.i for c in tok.children if c.dep_ in ("relcl", "appos", "acl") for t in c.subtree}
    words = [t for t in tok.subtree if not t.is_punct and t.i not in aside]  # "Friday, which is ...": Friday
    heads = [c for c in tok.children if c.dep_ == "pobj"] if tok.dep_ == "prep" else [tok]
    heads += [c for h in heads for c in h.children if c.dep_ == "conj"]
    return len(words) <= 6 and any(
        h.lower_.rstrip(".") in TIME_WORDS or re.fullmatch(r"(1[89]|20)\d\d", h.text) for h in heads)


def _infinitive(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ == "mark" and c.lower_ in _SUBORD for c in tok.children)


def _collect(tok: Any, keep: set[int]) -> None:
    """The token and its subtree, without side clauses, asides and verb coordination."""
    keep.add(tok.i)
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in _SUBORD:
            continue
        if c.dep_ == "advcl" and _infinitive(c):
            _collect(c, keep)
            continue
        if c.dep_ in _DROP_DEPS and not (c.dep_ == "punct" and c.text in "-–/" and not c.whitespace_):
            continue
        if c.dep_ == "cc" or (c.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")):
            continue
        if c.dep_ in ("prep", "npadvmod", "advmod") and _is_time(c):
            continue
        if c.dep_ == "advmod" and c.i > tok.i and c.pos_ == "ADV" and c.lower_ in ("again", "also", "already"):
            continue
        _collect(c, keep)
    # keep "and"/"or" between kept noun conjuncts
    for c in tok.children:
        if c.dep_ == "cc" and tok.pos_ not in ("VERB", "AUX") and any(
                x.dep_ == "conj" and x.i in keep for x in tok.children):
            keep.add(c.i)
        if c.dep_ == "punct" and c.text == "," and any(x.dep_ == "conj" and x.i > c.i and x.i in keep
                                                      for x in tok.children):
            keep.add(c.i)


def _shorten(doc: Any, keep: set[int], start: int) -> set[int]:
    """Drop the rightmost modifier phrases until the complement fits."""
    while len([i for i in keep if i > start and not doc[i].is_punct]) > MAX_WORDS:
        cands = [doc[i] for i in keep if i > start and doc[i].dep_ in ("prep", "acl", "conj", "npadvmod", "advmod",
                                                                        "amod", "compound", "nummod", "poss")
                 and doc[i].head.i in keep and doc[i].head.i != start]
        if not cands:
            cut = sorted(i for i in keep if i > start)[MAX_WORDS:]
            return keep - set(cut)
        c = max(cands, key=lambda t: (t.right_edge.i, -t.i))
        outer = c.head.head if c.dep_ == "prep" and c.lower_ == "of" and c.head.dep_ == "pobj" else None
        if outer is not None and outer.dep_ == "prep" and outer.i in keep and outer.i > start \
                and c.head.lower_ in (phrases().get("needs_of") or ()):
            c = outer  # "on the sidelines [of the assembly]": the phrase goes whole, never half
        keep -= {t.i for t in c.subtree}
    return keep


def _dangling(t: Any, keep: set[int]) -> bool:
    if t.dep_ == "prt" and t.head.i in keep:
        return False  # "be bailed out", "called off"
    if t.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "prep", "xcomp", "ccomp", "dative", "attr", "prt") and c.i not in keep
                   and c.i > t.i for c in t.children)
    if t.pos_ == "PRON":
        return t.dep_ == "poss"
    return t.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART") or t.is_punct and t.text not in ")%" \
        or t.lower_ in _BAD_END


def _complement(doc: Any, verb: Any, skip: set[int], recipient: str = "") -> str:
    keep: set[int] = set()
    for c in verb.children:
        if c.i < verb.i or c.i in skip:
            continue
        if c.dep_ == "advcl" and _infinitive(c):
            _collect(c, keep)
            continue
        if c.dep_ == "dobj" and c.lower_ in _PRONOUNS and recipient:
            skip.add(c.i)
            continue
        if c.dep_ in _DROP_DEPS or c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "agent", "conj", "cc"):
            continue
        if c.dep_ in ("prep", "npadvmod", "advmod") and _is_time(c):
            continue
        if c.dep_ == "advmod" and c.lower_ in ("again", "also", "already", "reportedly", "repeatedly", "then"):
            continue
        if c.dep_ == "ccomp":  # "said that ..." keeps the content, not a whole second sentence
            pass
        _collect(c, keep)
    keep = _shorten(doc, keep, verb.i)
    while keep and _dangling(doc[max(keep)], keep):
        keep.discard(max(keep))  # never end on a preposition, an article or a verb that lost its object
    text = _text(doc, keep)
    if any(doc[i].dep_ == "dobj" and doc[i].head.i == verb.i for i in skip) and recipient:
        text = f"{recipient} {text}".strip()  # "sanctions whom for ..." -> "sanctions <recipient> for ..."
    return text


def _passive_object(doc: Any, verb: Any, recipient: str = "") -> str:
    for c in verb.children:
        if c.dep_ == "nsubjpass" and c.lower_ in _PRONOUNS:  # "who was sanctioned": say whom
            if recipient:
                return recipient
            if verb.dep_ == "relcl":
                return _text(doc, {t.i for t in verb.head.subtree if t.i <= verb.head.i and t.dep_ != "det"})
            return ""
        if c.dep_ == "nsubjpass":
            keep: set[int] = set()
            _collect(c, keep)
            return _text(doc, keep)
    return ""


def aliases(events: Iterable[Event]) -> dict[str, ActorRef]:
    """Resolved actors by the words that named them (and persons by surname) in these events."""
    out: dict[str, ActorRef] = {}
    for e in events:
        for r in e.actor + e.recipient:
            if not (r.actor_id or r.country) or not r.name or (not r.actor_id and r.name == r.text):
                continue  # (not a common noun placed in a country: "military" is every state's)
            keys = {(r.text or "").lower(), r.name.lower()}
            if (r.actor_id or "").startswith("person:"):
                keys.add(r.name.split()[-1].lower())
            for k in keys:
                k = re.sub(r"^the\s+|['’]s$", "", k.strip())
                if k and k not in _PRONOUNS and k not in ("he", "she", "we", "i", "you", "his", "its", "their"):
                    out.setdefault(k, r)
    return out


def _subject(verb: Any) -> Any:
    v = verb
    for _ in range(3):  # "is expected to have", "wants to meet": the subject of the governing verb
        passive = any(x.dep_ == "auxpass" for x in v.children)
        raising = passive and any(x.dep_ == "xcomp" for x in v.children)  # "is expected to meet"
        for c in v.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and (raising or not passive)):
                if c.pos_ == "PRON" and v.dep_ == "ccomp" and v.head is not v:
                    break  # "X announced it was cutting ties": it is X
                return c
            if c.dep_ == "agent" and not raising:
                return next((x for x in c.children if x.dep_ == "pobj"), None)
        if passive and not raising and any(x.dep_ == "nsubjpass" for x in v.children):
            break  # "he told jurors that he was arrested": the one arrested, not the doer
        if v.dep_ in ("xcomp", "conj", "ccomp") and v.head is not v:
            v = v.head
        else:
            break
    return None


def _reported_doer(doc: Any, verb: Any, head: Event, mentions: Sequence[Mention]) -> ActorRef | None:
    """"A diplomatic source said Ankara imposed controls", parsed without a subject of "imposed": the
    resolved name between the reporting verb and the reported one is the doer, not the speaker."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.dep_ != "ccomp" \
            or verb.head.lemma_ not in _REPORTING or verb.head.i > verb.i:
        return None
    lo, hi = head.start + verb.head.idx + len(verb.head.text), head.start + verb.idx
    between = [m for m in mentions if (m.actor_id or m.country) and lo <= m.start and m.end <= hi
               and m.label in ("GPE", "ORG", "PERSON", "NORP")]
    return between[-1].ref() if between else None


def _own(m: Mention, head: Event) -> bool:
    """A mention of the headline sentence itself (the others passed are of the sentence before)."""
    return m.sentence == head.sentence


def _distinct(refs: Iterable[ActorRef]) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for r in refs:
        out.setdefault(r.actor_id or r.name or r.text or "", r)
    return list(out.values())


def _antecedent(subj: Any, head: Event, mentions: Sequence[Mention]) -> ActorRef | None:
    """The one a subject pronoun of a side clause stands for, when its sentence's main clause names
    exactly one resolved actor of its kind before it ("No state has recognized the Taliban since they
    seized ..." -> the Taliban; "he" a person, "they" a group or people).  Never across sentences and
    never a party the event is done to."""
    if subj.lower_ not in ("they", "he", "she") or subj.head.dep_ == "ROOT":
        return None
    kinds = {"they": ("ORG",), "he": ("PERSON",), "she": ("PERSON",)}[subj.lower_]
    done_to = {r.actor_id for r in head.recipient if r.actor_id}
    at = head.start + subj.idx
    cands = _distinct(m.ref() for m in mentions if _own(m, head) and m.end <= at and m.label in kinds
                      and m.actor_id and m.actor_id not in done_to
                      and (subj.lower_ != "they" or not m.actor_id.startswith(("person:", "country:"))))
    return cands[0] if len(cands) == 1 else None


def _named_parties(subj: Any, head: Event, mentions: Sequence[Mention], known: dict[str, ActorRef]) -> list[ActorRef]:
    """"Both countries", "the two leaders": the two the sentence (before the subject) or the one before
    it names; "the terror group": the article's one resolved armed group.  Else nothing."""
    words = " ".join(t.lower_ for t in subj.subtree if t.i <= subj.i)
    p = phrases()
    two = "countries" if words in (p.get("two_countries") or ()) else "persons" if words in (
        p.get("two_persons") or ()) else None
    if two is not None:
        at = head.start + subj.idx

        def fits(m: Mention) -> bool:
            aid = m.actor_id or ""
            return aid.startswith("country:") if two == "countries" else aid.startswith("person:") and m.label == "PERSON"

        for scope in ([m for m in mentions if _own(m, head) and m.end <= at],
                      [m for m in mentions if not _own(m, head)]):
            cands = _distinct(m.ref() for m in scope if fits(m))
            if len(cands) == 2:
                return cands
            if cands:
                return []
        return []
    if words in (p.get("armed_group") or ()):
        groups = _distinct(r for r in known.values() if r.sector == "REB" and (r.actor_id or "").startswith("org:"))
        return groups if len(groups) == 1 else []
    return []


def _resolve_subject(doc: Any, verb: Any, known: dict[str, ActorRef], head: Event,
                     mentions: Sequence[Mention] = ()) -> list[ActorRef]:
    """Who the sentence says did it, resolved: a mention over the subject's words, a word another
    event of the article resolved, the one a pronoun or "both countries" stands for; else nothing."""
    one = _resolve_one(doc, verb, known, head, mentions)
    if one is not None:
        return [one]
    subj = _subject(verb)
    if subj is None:
        return []
    if subj.pos_ == "PRON":
        ante = _antecedent(subj, head, mentions)
        return [ante] if ante is not None else []
    return _named_parties(subj, head, mentions, known)


def _resolve_one(doc: Any, verb: Any, known: dict[str, ActorRef], head: Event,
                 mentions: Sequence[Mention] = ()) -> ActorRef | None:
    reported = _reported_doer(doc, verb, head, mentions)
    if reported is not None:
        return reported
    subj = _subject(verb)
    if subj is None and not any(c.dep_ == "auxpass" for c in verb.children):
        # a misparse ("Norway/VERB at first imposed", a name tagged as a verb): a name opening the clause (never in a passive:
        # there the name before the verb is the one it happened to)
        first = [m for m in mentions if (m.actor_id or m.country) and m.label in ("PERSON", "GPE", "ORG")
                 and head.start <= m.start < head.start + verb.idx]
        lead = min(first, key=lambda m: m.start, default=None)
        span = doc.char_span(lead.start - head.start, lead.end - head.start, alignment_mode="expand") \
            if lead is not None else None
        # (not when another clause's subject, someone else's, stands between: "X said the deal gives in
        # to pressure", "Survivors said the attackers singled out ..."; "they", "his tariffs" are X's)
        if lead is not None and span is not None and span.root.dep_ not in ("pobj", "poss") and not any(
                t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
                and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
                for t in doc[span.end:verb.i]):
            return lead.ref()
    if subj is None:
        return None
    # a mention the actor stage resolved over the subject's own words
    lo, hi = head.start + subj.left_edge.idx, head.start + subj.idx + len(subj.text)
    core = head.start + subj.idx
    hits = [m for m in mentions if (m.actor_id or m.country) and m.start < hi and m.end > lo
            and m.label not in ("PRON",)]
    if hits:
        m = min(hits, key=lambda m: (not (m.start <= core < m.end), -(m.end - m.start)))
        if m.label != "NORP" or m.start <= core < m.end or subj.pos_ == "PROPN":
            return m.ref()
    if not known:
        return None
    span = [t for t in subj.subtree if t.dep_ not in ("relcl", "appos", "punct", "acl") and t.i <= subj.i]
    if subj.pos_ == "PRON":
        return None
    cands = [" ".join(t.text for t in span if t.dep_ != "det"), subj.text]
    cands += [t.text for t in span if t.pos_ in ("PROPN", "ADJ")]
    for c in cands:
        r = known.get(re.sub(r"['’]s$", "", c.lower()))
        if r is not None:
            return r
    return None


def clause(head: Event, known: dict[str, ActorRef] | None = None,
           mentions: Sequence[Mention] = ()) -> str | None:
    """'<actor> <verb> <what>' from the parse of the headline sentence, or None."""
    doc = _PARSED.get(head.event_text)
    if doc is None:
        return None
    tok = _trigger_token(doc, head)
    if tok is None:
        return None
    verb, noun = _predicate(tok)
    plural: bool | None = None
    if not _known(head.actor):  # the sentence's own subject, when another mention resolved those words
        rs = _resolve_subject(doc, verb, known or {}, head, mentions) if verb is not None else []
        r: ActorRef | None = rs[0] if len(rs) == 1 else None
        if len(rs) > 1:
            head = dataclasses.replace(head, actor=rs)
        subj = _subject(verb) if verb is not None else None
        if r is None and not rs:
            # no one resolved it, but the sentence's subject is the event's named actor ("the agency is calling")
            named = [a for a in head.actor if a.text and subj is not None and subj.pos_ == "PROPN"
                     and a.text in {subj.text, " ".join(t.text for t in subj.subtree if t.i <= subj.i)}]
            if named:
                r = ActorRef(None, named[0].text, named[0].text)
        if r is None and not rs and verb is not None:
            undergone = _undergoer_clause(doc, verb, head, mentions)
            if undergone is not None:  # "Mohamed Morsi is ousted in a military coup"
                return undergone
            turned = _recipient_first(doc, verb, head)
            if turned is not None:  # "Turkey is punished by international markets"
                return turned
            written = _as_written(doc, subj, head=head, mentions=mentions)  # as worded: "Pakistani officials"
            if written is not None and subj is not None:  # (a written subject implies one)
                r = ActorRef(None, written, written)
                plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        if r is not None:
            head = dataclasses.replace(head, actor=[r])
        elif not rs:
            return None
    elif not _resolved(head.actor) and verb is not None:
        # words no one resolved ("Security analysts"): the sentence's subject if a mention resolved it,
        # else the resolved party it happened to, first
        rs = _resolve_subject(doc, verb, known or {}, head, mentions)
        if rs:
            head = dataclasses.replace(head, actor=rs)
        else:
            turned = _recipient_first(doc, verb, head)
            if turned is not None:
                return turned
            subj = _subject(verb)
            written = _as_written(doc, subj, head=head, mentions=mentions) if head.actor and not any(
                r.country for r in head.actor) else None
            if written is not None and subj is not None and len(written) > len(names(head.actor)):
                # a bare word the event kept ("military") as the sentence says it: "European military
                # and political heads"
                head = dataclasses.replace(head, actor=[ActorRef(None, written, written)])
                plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    plural = _plural(head.actor) if plural is None else plural
    who = names(head.actor)
    if verb is None:  # a noun trigger in a side phrase: "during his visit to Oslo"
        base = phrases().get(head.mode or "") or phrases().get(head.event)
        if not base or not noun:
            return None
        keep: set[int] = set()
        for c in noun.children:
            if c.dep_ == "prep" and c.i > noun.i and not _is_time(c):
                _collect(c, keep)
        comp = _text(doc, keep)
        first, _, rest = base.partition(" ")
        lemma = first[:-1] if first.endswith("s") and not first.endswith("ss") else first
        lead = comp.split()[0].lower() if comp else ""
        if head.mode == "visit" and lead in ("to", "in") and " " in comp:
            comp = comp.split(" ", 1)[1]  # "visit to Oslo" -> "visits Oslo"
        elif rest and lead == rest.split()[-1]:
            rest = ""  # "agreement with X" -> "agrees with X"
        elif lead in ("on", "against") and not rest and " " in comp and head.event in (
                "ASSAULT", "SANCTION", "COERCE", "THREATEN", "ACCUSE", "MOBILIZE"):
            comp = comp.split(" ", 1)[1]  # "attack on the base" -> "attacks the base"
        elif not (lead in ("to", "for") and not rest):
            comp = ""  # "meeting of the council", "agreement between": say it with the recipient
        rec = names(head.recipient) if not comp else ""
        if rec and rec == who:
            rec = ""  # "Norway protests against Norway": no one but the actor
        if not (comp or rec):  # only when the noun is the sentence's own business, not "an easing of sanctions"
            # (or what did something: "a crash triggered by previous U.S. sanctions")
            return _alone(head, who, plural) if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT") or (
                noun.dep_ == "pobj" and noun.head.dep_ == "agent" and _resolved(head.actor)) else None
        vp = _verb_phrase(lemma, head.certainty, plural)
        text = " ".join(x for x in (who, vp, rest, comp or rec) if x)
        return text if (comp or rec) else None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    lemma = lemma_of(verb)
    if lemma in ("be",) and head.certainty != "asserted":
        lemma = "be"
    vp = _verb_phrase(lemma, head.certainty, plural)
    if verb.dep_ == "xcomp" and _infinitive(verb) and lemma_of(verb.head) in (phrases().get("attempt_verbs") or ()):
        # "told a court he tried to kill X": an attempt, not the deed
        vp = f"{_verb_phrase(lemma_of(verb.head), head.certainty, plural)} to {lemma}"
    elif verb.dep_ == "xcomp" and _infinitive(verb) and any(c.dep_ == "neg" for c in verb.head.children):
        # "can't afford to defend X", "did not try to stop": what was not done, never "defends X"
        md = next((c.lower_ for c in verb.head.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        aux = {"ca": "cannot", "can": "cannot", "wo": "will not", "sha": "shall not"}.get(
            md or "", f"{md} not" if md else ("do not" if plural else "does not"))
        vp = f"{aux} {lemma_of(verb.head)} to {lemma}"
    if verb.tag_ == "VBN" and verb.dep_ in ("acomp", "oprd", "advcl", "xcomp") and verb.head.lemma_ in ("stand", "remain"):
        # "two soldiers stand accused of the bombing": what is said of them, not what they did
        be = {"negated": "are not" if plural else "is not", "hedged": "may be",
              "planned": "are to be" if plural else "is to be"}.get(head.certainty, "are" if plural else "is")
        vp = f"{be} {verb.lower_}"
    modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    if head.certainty in ("planned", "hedged") and modal and not _resolved(head.actor):
        vp = f"{modal} {lemma}"  # "such transfers would violate", not "plan to": a thing plans nothing
    comp = _complement(doc, verb, set(), names(head.recipient) if _known(head.recipient) else "")
    if passive:
        obj = _passive_object(doc, verb, names(head.recipient) if _known(head.recipient) else "")
        comp = " ".join(x for x in (obj, comp) if x)
    rel = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("which", "that", "whom")), None)
    if not _trim_words(comp.split()) and not passive and (rel is not None or verb.dep_ == "relcl" and not any(
            c.dep_ in ("dobj", "nsubj") and c.i > verb.i for c in verb.children)):
        # "claims [that] the ministry denied", "..., which Oslo denied": what the clause is about
        np = verb.head if verb.head.pos_ in ("NOUN", "PROPN") else next(
            (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if np is not None:
            comp = _text(doc, {t.i for t in np.subtree if t.i <= np.i and t.dep_ not in ("det", "poss", "punct")}
                         | {np.i})
    words = _trim_words(comp.split())
    if not words:
        rec = names(head.recipient)
        if not rec:
            return _alone(head, who, plural)
        words = rec.split()
    return _tidy(f"{who} {vp} {' '.join(words)}")


_REPORTING = frozenset(["say", "tell", "add", "report", "claim", "state", "announce", "note", "write"])
_NOT_SUBJECT = _PRONOUNS | {"he", "she", "we", "i", "you", "this", "these", "those", "there", "one", "some",
                             "many", "others", "all", "both", "what"}


def _as_written(doc: Any, subj: Any, most: int = 9, head: Event | None = None,
                mentions: Sequence[Mention] = ()) -> str | None:
    """The subject's words without side clauses and asides ("Pakistani officials", "the separatist
    group"), or None for a pronoun or a long description.  Whom it speaks for stays when a mention
    resolved them ("A spokesman for President X"; ``speaker_preps``)."""
    if subj is None or subj.pos_ == "PRON" or subj.lower_ in _NOT_SUBJECT:
        return None
    keep = {t.i for t in subj.subtree}
    for c in subj.children:
        if c.dep_ in ("relcl", "appos", "acl", "advcl", "punct", "parataxis") and c.i > subj.i or (
                c.dep_ == "prep" and c.lower_ != "of"  # "members of parliament", not "officials in Oslo"
                and not (head is not None and c.lower_ in (phrases().get("speaker_preps") or ())
                         and _names_resolved(c, head, mentions))):
            keep -= {t.i for t in c.subtree}
    text = _text(doc, keep)
    words = text.split()
    if not words or len(words) > most:
        return None
    return text


def _names_resolved(tok: Any, head: Event, mentions: Sequence[Mention]) -> bool:
    """Whether a resolved mention of the sentence lies within this token's phrase."""
    lo, hi = head.start + tok.left_edge.idx, head.start + tok.right_edge.idx + len(tok.right_edge.text)
    return any(_own(m, head) and (m.actor_id or m.country) and m.label != "PRON" and lo <= m.start and m.end <= hi
               for m in mentions)


def _undergoer_clause(doc: Any, verb: Any, head: Event, mentions: Sequence[Mention] = ()) -> str | None:
    """"<who> is <done> <what>" for a passive without an agent ("Mohamed Morsi was ousted in a coup"):
    the one it happened to, resolved when a mention or the event's recipient says who, else as written."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    np = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if np is None:
        return None
    rec = _resolved(head.recipient)
    if np.pos_ == "PRON" or np.lower_ in _NOT_SUBJECT:
        who = names(rec) if rec and np.lower_ in ("he", "she", "it", "they", "him", "her", "them") else None
        plural = np.lower_ == "they" or any(c.dep_ == "conj" for c in np.children) or (bool(rec) and _plural(rec))
    else:
        lo, hi = head.start + np.left_edge.idx, head.start + np.idx + len(np.text)
        hits = [m for m in mentions if (m.actor_id or m.country) and m.name and m.start <= head.start + np.idx < m.end]
        words = {t.text.lower() for t in np.subtree}
        said = [r for r in rec if r.text and all(w.lower() in words for w in r.text.split())
                and np.lower_ in {w.lower() for w in _WORDS.findall(r.text)}  # it names the subject itself
                and not (np.tag_ in ("NNS", "NNPS") and r.text != r.name)]  # "Palestinians", not "Palestine"
        hits = [m for m in hits if m.label != "NORP"]  # "Palestinians were killed": the people, not the state
        conj = any(c.dep_ == "conj" for c in np.children)
        if hits:  # a resolved mention: a state, a person or a body is one ("Iran is accused")
            who = hits[0].name
            one = bool(hits[0].actor_id) or hits[0].name != hits[0].text  # "Iranian agents" -> Iran
            plural = conj or (not one and np.tag_ in ("NNS", "NNPS"))
        elif said:  # the event's own recipients: as many as they are
            who = names(said)
            plural = conj or _plural(said)
        else:  # words as written: "Journalists are", "the convoy is"
            who = _as_written(doc, np)
            plural = conj or np.tag_ in ("NNS", "NNPS") or _plural([ActorRef(None, who, who or "")])
        del lo, hi
    if not who:
        return None
    be = {"negated": "are not" if plural else "is not", "hedged": "may be",
          "planned": "are to be" if plural else "is to be"}.get(head.certainty, "are" if plural else "is")
    comp = _trim_words(_complement(doc, verb, set()).split())
    return _tidy(" ".join([who, be, verb.text.lower(), *comp]))


_WORDS = re.compile(r"[^\W_]+")


def participle(verb: Any) -> str:
    """The past participle of a parsed verb: its own form when regular ("punished"), else from
    ``phrases.yaml`` (irregular ones) or the regular rule on its lemma ("praise" -> "praised")."""
    lemma = lemma_of(verb)
    irregular = phrases().get("participles") or {}
    if lemma in irregular:
        return str(irregular[lemma])
    if verb.tag_ in ("VBD", "VBN"):
        return str(verb.lower_) if verb.lower_.endswith("ed") else ""  # "withdrew": irregular, not listed
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _recipient_first(doc: Any, verb: Any, head: Event) -> str | None:
    """"<recipient> is <done> by <subject as written> <what>": when the one who acts is not resolved
    but the one it is done to is, and is the verb's object ("International markets punished Turkey"
    -> "Turkey is punished by international markets"; "They called on China to ..." -> "China is
    called on to ...")."""
    if any(c.dep_ in ("auxpass", "agent") for c in verb.children) or verb.dep_ == "xcomp" or not participle(verb):
        return None  # "tried to kill", "can't afford to defend": not what was done
    obj, prep = None, None
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "dobj":
            obj = c
        elif c.dep_ == "prep" and c.lower_ in ("on", "upon") and obj is None:  # "called on China"
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            prep = c
        if obj is not None:
            break
    # the named parties (not "ambassadors" of a country) whose words are the object's
    rec = [r for r in head.recipient if r.actor_id and obj is not None
           and obj.lower_ in {w.lower() for w in _WORDS.findall(r.text or "")}]
    if obj is None or not rec:
        return None
    who = names(rec)
    plural = _plural(rec) or any(c.dep_ == "conj" for c in obj.children)
    skip = {prep.i if prep is not None else obj.i}
    comp = _trim_words(_complement(doc, verb, skip).split())
    prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    comp = [w for w in comp if not (prt and w.lower() == prt[0])] if prt else comp
    subj = _subject(verb)
    agent = _as_written(doc, subj) if subj is not None and subj.dep_ == "nsubj" else None
    if agent and subj is not None and subj.left_edge.i == 0 and subj.left_edge.pos_ != "PROPN":
        agent = agent[0].lower() + agent[1:]
    be = {"negated": "are not" if plural else "is not", "hedged": "may be",
          "planned": "are to be" if plural else "is to be"}.get(head.certainty, "are" if plural else "is")
    parts = [who, be, participle(verb), *prt, prep.lower_ if prep is not None else "",
             f"by {agent}" if agent else "", *comp]
    return _tidy(" ".join(x for x in parts if x))


def _alone(head: Event, who: str, plural: bool) -> str | None:
    """"<actor> launches an attack": the kind's predicate when the sentence names no one and nothing."""
    p = phrases().get("alone") or {}
    base = p.get(head.mode or "") or p.get(head.event)
    if not base:
        return None
    first, _, rest = base.partition(" ")
    lemma = first[:-1] if first.endswith("s") and not first.endswith("ss") else first
    lemma = {"pulle": "pull"}.get(lemma, lemma)
    return " ".join(x for x in (who, _verb_phrase(lemma, head.certainty, plural), rest) if x)


def fallback_sentence(head: Event) -> str:
    """The sentence itself, trimmed to its first clause after the trigger and ~24 words."""
    doc = _PARSED.get(head.event_text)
    if doc is not None and len(doc):
        toks = [t for t in doc if not t.is_space]
        if len(toks) > 3 and toks[1].text == ":" and toks[0].pos_ == "PROPN":
            toks = toks[2:]  # an interviewer's label: "Q: ..."
        # a leading time or linking phrase: "Last month,", "Then, in 2021,", "But"
        while toks:
            comma = next((k for k, t in enumerate(toks[:7]) if t.text == ","), None)
            if comma is not None and (any(_is_time(t) for t in toks[:comma]) or comma <= 1):
                toks = toks[comma + 1:]
            elif toks[0].pos_ in ("CCONJ",) or toks[0].lower_ in ("then", "however", "meanwhile"):
                toks = toks[1:]
            else:
                break
        # an attribution at the end: "..., an analyst said", "..., officials said Tuesday"
        says = [k for k, t in enumerate(toks) if t.lemma_ in ("say", "tell", "add", "note") and k >= len(toks) - 7]
        if says:
            comma = max((k for k, t in enumerate(toks[:says[-1]]) if t.text == ","), default=None)
            if comma is not None and comma >= len(toks) - 9:
                toks = toks[:comma]
        whole = len(toks) <= 24 or all(t.is_punct for t in toks[24:])
        toks = toks[:24]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        # a sentence cut short must not end on a word that wants more; a whole one may end on its
        # verb ("Nine activists aboard were killed")
        while toks and not (whole and toks[-1].pos_ == "VERB") and (
                toks[-1].pos_ in _BAD_END_POS or toks[-1].lower_ in _BAD_END):
            toks = toks[:-1]
            whole = False
        if len(toks) >= 3:
            return _tidy("".join(t.text_with_ws for t in toks)).rstrip(".")
    text = _tidy(head.event_text.replace("\n", " "))
    words = text.split()
    pos = 0
    at = head.trigger_offset() if head.trigger else None
    if at is not None:
        # the trigger's own word: as many words before it as the sentence has before its offset
        pos = len(_tidy(head.event_text[:at].replace("\n", " ")).split())
    elif head.trigger:
        for k, w in enumerate(words):
            if w.lower().strip(",.;:") == head.trigger.lower():
                pos = k
                break
    out: list[str] = []
    for k, w in enumerate(words):
        out.append(w)
        if k > pos and (w.endswith((",", ";", ":")) or len(out) >= 24):
            break
    out = _trim_words([w.rstrip(",;:") if k == len(out) - 1 else w for k, w in enumerate(out)])
    return " ".join(out).rstrip(".") or text


def news_line(head: Event, known: dict[str, ActorRef] | None = None, mentions: Sequence[Mention] = ()) -> bool:
    """Whether this event's summary would be a clause led by a resolved actor (not the sentence as
    written): what lets a story's summary read another of its events when its headline cannot."""
    try:
        text = clause(head, known, mentions)
    except Exception:
        return False
    if not text:
        return False
    resolved = {_name(r) for r in _resolved(head.actor + head.recipient)}
    resolved |= {m.name for m in mentions if m.name}
    resolved |= {r.name for r in (known or {}).values() if r.name}
    return any(n and (text == n or text.startswith(n + " ")) for n in resolved)


def says_who(head: Event, known: dict[str, ActorRef] | None = None, mentions: Sequence[Mention] = ()) -> bool:
    """Whether the event's sentence names its doer, resolved, as its subject (what an event whose
    actor was left open needs before a story's summary reads it: not "Lai is met" from "I met Lai")."""
    doc = _PARSED.get(head.event_text)
    tok = _trigger_token(doc, head) if doc is not None else None
    verb = _predicate(tok)[0] if tok is not None else None
    try:
        return verb is not None and bool(_resolve_subject(doc, verb, known or {}, head, mentions))
    except Exception:
        return False


def summarize(head: Event, date_value: str | None, place: str | None,
              known: dict[str, ActorRef] | None = None, mentions: Sequence[Mention] = ()) -> str:
    """One line a person can read: "2031-05-01 — Norway urges Finland to accept a moratorium".

    ``known`` maps words to resolved actors (see :func:`aliases`) so that a headline whose actor the
    event did not resolve can still name the sentence's subject; ``mentions`` (the actor stage's, of
    the headline sentence) name it exactly when one covers the subject's words.
    """
    try:
        text = clause(head, known, mentions)
    except Exception:  # an odd parse must never cost a story its summary
        text = None
    if text is None and _known(head.actor) and any((r.name or r.text or "").strip() for r in head.recipient) \
            and names(head.recipient) != names(head.actor):
        p = phrases()
        base = p.get(head.mode or "") or p.get(head.event, head.event.lower())
        first, _, rest = base.partition(" ")
        lemma = first[:-1] if first.endswith("s") and not first.endswith("ss") else first
        vp = _verb_phrase(lemma, head.certainty, _plural(head.actor))
        text = " ".join(x for x in (names(head.actor), vp, rest, names(head.recipient)) if x)
    verbatim = text is None
    if text is None:
        text = fallback_sentence(head)  # the sentence's own words: no place tacked on after them
    if place and not verbatim and place.lower() not in text.lower():
        text += f" in {place}"
    if text:
        text = text[0].upper() + text[1:]
    return f"{date_value or 'undated'} — {text}"
