"""Group event mentions into stories: one real happening, all its events, every source.

Two steps, both deterministic:

1. within a document, events form one story when they share a participant (a
   country, a standing group counting by its members, or an identity), have
   compatible dates (equal at the coarser precision; statements may answer each
   other a few days apart) and belong together: one event family
   (``data/content.yaml``: cooperation, statements, force), statements of
   different kinds only from one speaker or in an exchange with one person or
   body, restated statements and calls only with the same trigger or shared key
   words; a meeting's story also gathers what its participants (and nobody
   else) say at it, and a meeting joins only what its participants did; a
   material act done back to its doer (counter-tariffs) or the same act by other
   resolved actors on one recipient is its own happening; another kind of force
   (an arrest, a closure) joins fighting only through a named party or shared
   key words, and undated force only with shared key words; an event with only
   the publication date takes the date its own sentence gives another; one
   sentence using a verb twice for two events of a type tells two happenings,
   each with its own clause (:func:`own_clauses`, from the events' trigger
   offsets), and an event that fits two groups holding its type joins the one
   whose words it shares most;
2. across documents, stories are merged when their headline types agree, they
   share at least two participant countries or one person (or one country's
   own affairs, on the same day and in shared key words), their dates are
   compatible (day-precision dates may differ by up to ``window_days``, which
   is then recorded as a date conflict), and - unless both give the same day -
   their sentences say the same thing: they share key words (not names, function
   words or the generic nouns of an event family, ``data/content.yaml``), so two
   different letters between the same pair a day apart stay two stories.

Cost stays near-linear: step 2 only compares stories in the same block
(participant-country pair and year).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tieline.actors.groups import event_countries, member_countries
from tieline.records import ActorRef, Conflict, Document, Event, Mention, Story, stable_id
from tieline.stories.summary import aliases, news_line, parse_all, says_who, summarize
from tieline.stories.summary import phrases as _phrases


def _countries(e: Event) -> set[str]:
    """The participants' countries, a standing group's (G7, C5+1) counted by its members."""
    return event_countries(e)


def _who(refs: Sequence[ActorRef], named: bool = False) -> set[str]:
    """The identities of these participants: registry id, else resolved name, else words; ``named``:
    only persons and resolved bodies other than a country itself."""
    if named:
        refs = [r for r in refs if r.actor_id and not r.actor_id.startswith("country:")]
    return {(r.actor_id or r.name or r.text or "").lower() for r in refs} - {""}


def _one_speaker(a: Sequence[ActorRef], b: Sequence[ActorRef]) -> bool:
    """The same actor speaks in both, a state counting as the speaker of its officials ("Turkey
    threatens", "its foreign minister rejects"); two officials of one state are two speakers."""
    if _who(a) & _who(b):
        return True
    states_a = {r.country for r in a if (r.actor_id or "") == f"country:{r.country}"}
    states_b = {r.country for r in b if (r.actor_id or "") == f"country:{r.country}"}
    state = _content()["state_sectors"]  # its officials, not its rebels or its citizens
    return bool(states_a & {r.country for r in b if r.sector in state}
                or states_b & {r.country for r in a if r.sector in state})


def _stem(word: str | None) -> str:
    return (word or "").lower()[:5]


def _family(kind: str) -> str:
    """The event family of a PLOVER type (``data/content.yaml``); an unknown type is its own."""
    return _content()["family"].get(kind, kind)


def _side(refs: Sequence[ActorRef], on: str | None) -> set[str]:
    """One side of an event as comparable keys: its resolved participants' countries (a standing
    group's members too) and identities; nothing for words no one resolved."""
    refs = [r for r in refs if r.actor_id or r.country]
    return {f"c:{r.country}" for r in refs if r.country} | {f"c:{c}" for c in member_countries(refs, on)} | {
        f"w:{k}" for k in _who(refs)}


def _answers(e: Event, x: Event) -> bool:
    """``e`` answers ``x`` rather than telling it again: a directed act of the same kind done to the one
    who did ``x`` by another (counter-tariffs, a counter-accusation), or - outside force and meetings - an
    act by other resolved actors on the same recipient (one government's acceptance of a proposal and
    another's: two happenings)."""
    ea, er, xa, xr = _side(e.actor, e.date), _side(e.recipient, e.date), _side(x.actor, x.date), _side(x.recipient, x.date)
    if ea & xa:
        return False
    if e.event == x.event and e.event in _content()["directed"] and (er & xa or ea & xr):
        return True
    fam = _family(e.event)
    return (fam == _family(x.event) and fam != _content()["force"] and "CONSULT" not in (e.event, x.event)
            and bool(ea) and bool(xa) and not (ea & xr or er & xa))


def _persons(e: Event) -> set[str]:
    return {r.actor_id for r in e.actor + e.recipient if r.actor_id and r.actor_id.startswith("person:")}


def _parse(value: str | None) -> tuple[date | None, int]:
    """(first day, precision 1=year 2=month 3=day) of an ISO date at its precision."""
    if not value:
        return None, 0
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        return date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1), len(nums)
    except (ValueError, IndexError):
        return None, 0


def compatible(a: str | None, b: str | None, window_days: int = 0) -> bool:
    """Dates agree at the coarser precision (or are within ``window_days`` when both are days)."""
    if not a or not b:
        return True
    da, pa = _parse(a)
    db, pb = _parse(b)
    if da is None or db is None:
        return True
    if pa == 3 and pb == 3:
        return abs((da - db).days) <= window_days
    p = min(pa, pb)
    return a[: (4, 7, 10)[p - 1]] == b[: (4, 7, 10)[p - 1]]


@lru_cache(maxsize=1)
def _content() -> dict[str, Any]:
    data = yaml.safe_load(resources.files("tieline.stories").joinpath("data/content.yaml").read_text("utf-8"))
    family = {t: name for name, types in (data.get("families") or {}).items() for t in types}
    return {"stop": frozenset(" ".join((data.get("stopwords") or "", data.get("generic") or "")).lower().split()),
            "exempt": frozenset(data.get("exempt") or ()), "family": family,
            "speech": data.get("speech_family"), "force": data.get("force_family"),
            "state_sectors": frozenset(data.get("state_sectors") or ()),
            "directed": frozenset(data.get("directed") or ())}


def _content_stop() -> frozenset[str]:
    return _content()["stop"]


def _exempt(e: Event) -> bool:
    """Reports of this kind on nearby days are one happening without a content check (in-person meetings)."""
    return (f"{e.event}:{e.mode}" if e.mode else e.event) in _content()["exempt"]


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _keywords(events: Sequence[Event], own: Mapping[str, str] | None = None) -> frozenset[str]:
    """The words of these events' sentences (or of their ``own`` parts of them, by event id: see
    :func:`own_clauses`) that say which happening it is."""
    stop = _content_stop()
    names: set[str] = set()
    for e in events:
        for r in e.actor + e.recipient:
            names |= {w.lower() for w in _WORD.findall(f"{r.name or ''} {r.text or ''}")}
        if e.trigger:
            names.add(e.trigger.lower())
    out = set()
    for text in dict.fromkeys((own or {}).get(e.id, e.event_text) for e in events):
        for w in _WORD.findall(text):
            lw = w.lower().replace("’", "'")
            lw = lw[:-2] if lw.endswith("'s") else lw
            if lw in stop or lw in names or (len(lw) < 4 and not lw[:1].isdigit()):
                continue
            if re.fullmatch(r"(1[89]|20)\d\d", lw):
                continue  # a year says when, not what
            out.add(lw[:-1] if len(lw) > 4 and lw.endswith("s") and not lw.endswith("ss") else lw)
    return frozenset(out)


def _sentence_dates(events: Iterable[Event]) -> list[Event]:
    """The events to link, an event that has only its article's publication date taking the date its own
    sentence gives another event ("in 2013, when rebels seized power and forced the president out"):
    what a sentence tells happened when it says, not when it was published."""
    events = list(events)
    told: dict[tuple[str, int], Event] = {}
    for e in events:
        if e.date_source == "text" and e.date and (e.doc_id, e.sentence) not in told:
            told[(e.doc_id, e.sentence)] = e
    out = []
    for e in events:
        t = told.get((e.doc_id, e.sentence))
        if e.date_source in ("published", "inferred") and t is not None:
            e = replace(e, date=t.date, date_source="text", date_text=t.date_text)
        out.append(e)
    return out


def own_clauses(events: Iterable[Event]) -> dict[str, str]:
    """The part of its sentence each event tells where one sentence holds events of one type with
    two triggers, by event id: from its trigger (the first event: from the sentence's start) up to
    the next trigger ("... killed all six attackers who laid siege to a hotel in Beledweyne, and
    later | killed at least 50 militants in airstrikes in Hirshabelle"), so that what follows in the
    article joins the happening whose words it shares.  Events alone of their type in their
    sentence, or without a trigger offset (stores written before it was kept), are left out."""
    by_sentence: dict[tuple[str, int, str], list[tuple[int, Event]]] = defaultdict(list)  # doc, sentence, type
    for e in events:
        at = e.trigger_offset()
        if at is not None:
            by_sentence[(e.doc_id, e.start, e.event)].append((at, e))
    out: dict[str, str] = {}
    for same in by_sentence.values():
        cuts = sorted({at for at, _ in same})
        if len(cuts) < 2:
            continue
        for at, e in same:
            k = cuts.index(at)
            begin = cuts[k] if k else 0
            end = cuts[k + 1] if k + 1 < len(cuts) else len(e.event_text)
            out[e.id] = e.event_text[begin:end]
    return out


def _said_again(e: Event, events: Sequence[Event]) -> bool:
    """One sentence uses the verb of ``e`` twice for two events of its type ("forces killed the six
    attackers ... and later killed 50 militants in airstrikes"): two happenings.  (An event's id
    holds its trigger token, so two events of one type from one sentence have two triggers.)"""
    word = (e.trigger or "").lower()
    return bool(word) and any(x.id != e.id and x.doc_id == e.doc_id and (x.sentence, x.start) == (e.sentence, e.start)
                              and x.event == e.event and (x.trigger or "").lower() == word for x in events)


@dataclass
class _Group:
    events: list[Event] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    own: Mapping[str, str] = field(default_factory=dict)  # own_clauses of the article's events

    def add(self, e: Event) -> None:
        self.events.append(e)
        self.countries |= _countries(e)
        self.persons |= _persons(e)
        self._keys = None

    _keys: frozenset[str] | None = None

    def who(self) -> set[str]:
        """The identities of the participants (what overlaps when no country does: two UN officials)."""
        return {k for e in self.events for k in _who(e.actor + e.recipient)}

    def keywords(self) -> frozenset[str]:
        """Key words of the sentences of the headline's type (what the content check compares)."""
        if self._keys is None:
            kind = self.headline().event
            self._keys = _keywords([e for e in self.events if e.event == kind], self.own)
        return self._keys

    def dates(self, strong_only: bool = True) -> list[str]:
        return [e.date for e in self.events if e.date and (e.date_source == "text" or not strong_only)]

    def best_date(self) -> str | None:
        """The date the text gives, else one inferred from the context (an earlier sentence, the
        lede), the publication date last; the most precise of the strongest kind, the first told."""
        rank = {"text": 0, "inferred": 1}
        dated = [(rank.get(e.date_source, 2), -len(e.date), i, e.date) for i, e in enumerate(self.events) if e.date]
        return min(dated)[3] if dated else None

    def headline(self) -> Event:
        order = _phrases()["headline_order"]

        def unresolved(e: Event) -> int:  # prefer a headline whose participants are all known
            return sum(1 for r in e.actor + e.recipient if not (r.actor_id or r.country))

        return min(self.events, key=lambda e: (order.index(e.event) if e.event in order else 99,
                                                unresolved(e) > 0, -len(e.actor + e.recipient), e.start))


class StoryLinker:
    """Build stories from events; ``link(events, docs)`` returns them sorted by date."""

    name = "stories"

    def __init__(self, window_days: int = 2, report_lag_days: int = 7, parse: bool = True,
                 min_overlap: float = 0.34, reaction_days: int = 3) -> None:
        self.min_overlap = min_overlap  # share of key words two reports of one happening have in common
        self.parse = parse  # re-parse headline sentences for clause summaries (else phrase templates)
        self.window_days = window_days  # across sources: day-precision dates this far apart may agree
        self.report_lag_days = report_lag_days  # an article reports what happened up to this long before
        self.reaction_days = reaction_days  # one article's statements this far apart may answer each other
        self._own: dict[str, str] = {}  # own_clauses of the events being linked

    # -- step 1 --------------------------------------------------------------------------------
    def _within(self, events: Sequence[Event]) -> list[_Group]:
        groups: list[_Group] = []
        for e in sorted(events, key=lambda e: (e.start, e.id)):
            cs = _countries(e)
            # a date read in the text must agree with the group's; one merely inherited from the
            # publication date may be a few days after the happening the article is about
            fits = [g for g in groups
                    if (cs & g.countries or _who(e.actor + e.recipient) & g.who()) and self._joins(e, g) and all(
                        compatible(e.date, x.date, self._lag(e, x)) for x in g.events)
                    and self._restates(e, self._told_by_one([x for x in g.events if x.event == e.event], e))
                    and not all(_answers(e, x) for x in g.events) and self._undated_force(e, g)
                    and not _said_again(e, g.events)]
            home = self._home(e, fits, groups)
            if home is None:
                home = _Group(own=self._own)
                groups.append(home)
            home.add(e)
        return groups

    def _home(self, e: Event, fits: list[_Group], groups: list[_Group]) -> _Group | None:
        """Of the groups ``e`` fits, the one that already holds its kind of event (a restatement) - of
        two such, the one whose words it shares most - else the latest one."""
        words = _keywords([e], self._own)

        def rank(g: _Group) -> tuple[bool, int, int]:
            holds = any(x.event == e.event for x in g.events)
            return holds, len(words & g.keywords()) if holds else 0, groups.index(g)

        return max(fits, key=rank, default=None)

    def _lag(self, e: Event, x: Event) -> int:
        """Days two day-precision dates of one article's events may differ and still tell one happening:
        up to ``report_lag_days`` when one is merely the publication date; ``reaction_days`` between
        two statements (a resolution, the rejection the next day, the counter-resolution after it);
        none otherwise."""
        if "published" in (e.date_source, x.date_source):
            return self.report_lag_days
        speech = _content()["speech"]
        return self.reaction_days if _family(e.event) == _family(x.event) == speech else 0

    def _joins(self, e: Event, g: _Group) -> bool:
        """``e`` may belong to the happening of group ``g`` (participants and dates checked apart):

        - an event of its own type or family - a statement (the verbal conflicts) only when one of
          the group's speakers says it, so a threat by one official and a protest note by another
          stay apart, while fighting (the material conflicts) joins whoever took part;
        - or, when the group holds a meeting or visit, anything but force said or done by its
          participants alone (the thanks and the demands made during it; "the G7 ministers urged");
          nothing but force joins a meeting's story from a country that was not at it."""
        fam = _family(e.event)
        same = [x for x in g.events if _family(x.event) == fam]
        meeting = any(x.event == "CONSULT" for x in g.events)
        if meeting and fam != _content()["force"] and not _countries(e) <= g.countries:
            return False  # said or done by someone who was not there: Moscow's welcome of a G7 proposal
        if e.event == "CONSULT" and not meeting and same and not all(
                {r.country for r in x.actor if r.country} <= _countries(e) for x in same):
            return False  # a meeting joins what its participants did, not what others did the same day
        if e.event == "CONSULT" and not meeting and same and e.certainty != "planned" and \
                all(x.certainty == "planned" for x in same) and not g.countries <= _countries(e):
            return False  # nor a plan with countries that were not at it (a trip to X planned after meeting Y)
        if same:
            if fam == _content()["force"] and not any(x.event == e.event for x in same):
                # another kind of force (an arrest, a closure, troops sent): one happening with the fighting
                # when it involves one of its parties by name or its sentence says the same thing
                return bool(_who(e.actor + e.recipient, named=True) & {
                    k for x in same for k in _who(x.actor + x.recipient, named=True)}) or self.same_content(
                    _keywords([e], self._own), _keywords(same, self._own))
            if fam != _content()["speech"] or any(x.event == e.event for x in same):
                return True
            if any(_one_speaker(e.actor, x.actor) for x in same):
                return True  # one speaker (a state and its own officials count as one)
            # an exchange with one person or body (the envoy and the government that barred him), not
            # two statements that merely name one country
            return bool(_who(e.actor + e.recipient, named=True) & {
                k for x in same for k in _who(x.actor + x.recipient, named=True)})
        if fam == _content()["force"]:
            return False
        return meeting and bool(_countries(e))

    def _restates(self, e: Event, same: list[Event]) -> bool:
        """``e`` tells the happening these events of its own type tell.  Statements and calls are
        checked (the same day read in the text, the same trigger, or shared key words), so two
        different letters or calls between the same sides in one article stay apart; attacks,
        meetings, thanks and deals on compatible dates are one happening."""
        if not same or (_family(e.event) != _content()["speech"] and (e.event != "CONSULT" or _exempt(e))):
            return True  # one article's attacks, or thanks and deals, on compatible dates: one happening
        if e.date_source == "text" and len(e.date or "") == 10 and any(
                x.date == e.date and x.date_source == "text" for x in same):
            return True
        if _exempt(e) and all(_exempt(x) for x in same):
            return True
        if e.trigger and any(_stem(x.trigger) == _stem(e.trigger) for x in same):
            return True  # "pleading with civilians ... is pleading with civilians to return"
        return self.same_content(_keywords([e], self._own), _keywords(same, self._own))

    @staticmethod
    def _told_by_one(same: list[Event], e: Event) -> list[Event]:
        """The statements of ``e``'s kind that ``e`` may restate: its own speaker's when one made any (an
        envoy's accusation restates his own, not the other side's answer in kind)."""
        if _family(e.event) != _content()["speech"]:
            return same
        return [x for x in same if _one_speaker(e.actor, x.actor)]

    def _undated_force(self, e: Event, g: _Group) -> bool:
        """An act of force the article does not date (only its publication date) belongs to the group's
        fighting (or joins fighting that is not dated) only when its sentence says the same thing (shared
        key words): an order to seal the borders told in a report of an offensive is its own happening."""
        force = _content()["force"]
        if _family(e.event) != force:
            return True
        fighting = [x for x in g.events if _family(x.event) == force]
        if not fighting or (e.date_source != "published" and any(x.date_source != "published" for x in fighting)):
            return True  # both dated by the text or its context: compatible dates decide
        return self.same_content(_keywords([e], self._own), _keywords(fighting, self._own))

    # -- step 2 --------------------------------------------------------------------------------
    def _same(self, a: _Group, b: _Group) -> bool:
        ha, hb = a.headline(), b.headline()
        if ha.event != hb.event:
            return False
        shared = a.countries & b.countries
        # one country's own affairs, told without a person both name: the weakest evidence of all
        domestic = len(shared) == 1 and a.countries == b.countries and not a.persons & b.persons
        if not (len(shared) >= 2 or a.persons & b.persons or domestic):
            return False
        da, db = a.best_date(), b.best_date()
        if not compatible(da, db, 0 if domestic else self.window_days):
            return False  # one country's affairs are many: their reports must give the same day
        if da and db and len(da) == len(db) == 10 and da == db and not domestic:
            return True  # the same day, the same kind, the same sides (one country's: say what)
        if _exempt(ha) and _exempt(hb):
            return True  # a visit or meeting spans days and is told in different words
        return self.same_content(a.keywords(), b.keywords())

    def same_content(self, ka: frozenset[str], kb: frozenset[str]) -> bool:
        """Two reports say the same thing: enough shared key words (no words: nothing to tell them apart)."""
        if not ka or not kb:
            return True
        shared = len(ka & kb)
        return shared >= 2 or shared / min(len(ka), len(kb)) >= self.min_overlap

    def link(self, events: Iterable[Event], docs: dict[str, Document],
             mentions: Iterable[Mention] = (), previous: Iterable[Story] = ()) -> list[Story]:
        """Stories of these events; ``mentions`` (optional, the actor stage's) let a summary name a
        headline sentence's subject that the event itself left unresolved; a story of ``previous``
        (stored ones) that comes back with the same events keeps its summary, unparsed again."""
        self._previous = {s.id: s for s in previous}
        events = list(events)
        self._own = own_clauses(events)
        self._mentions: dict[tuple[str, int], list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.actor_id or m.country:
                self._mentions[(m.doc_id, m.sentence)].append(m)
        by_doc: dict[str, list[Event]] = defaultdict(list)
        for e in _sentence_dates(events):
            by_doc[e.doc_id].append(e)
        groups = [g for d in sorted(by_doc) for g in self._within(by_doc[d])]
        parent = list(range(len(groups)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        # blocks: participant-country pair and year, so comparisons grow with a year's news, not the corpus
        blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, g in enumerate(groups):
            cs = sorted(g.countries)
            year = (g.best_date() or "")[:4]
            pairs = [(x, y) for k, x in enumerate(cs) for y in cs[k + 1:]] or [(c, "") for c in cs]
            for p in pairs:
                blocks[(*p, year)].append(i)
        for members in blocks.values():
            for k, i in enumerate(members):
                for j in members[k + 1:]:
                    if groups[i].events[0].doc_id != groups[j].events[0].doc_id and \
                            find(i) != find(j) and self._same(groups[i], groups[j]):
                        parent[find(j)] = find(i)
        merged: dict[int, list[_Group]] = defaultdict(list)
        for i, g in enumerate(groups):
            merged[find(i)].append(g)
        # the words that named resolved actors, per article: "the military" is one state's in one article
        # and another's in the next
        known: dict[str, dict[str, ActorRef]] = {
            d: aliases(e for g in groups if g.events[0].doc_id == d for e in g.events)
            for d in {g.events[0].doc_id for g in groups}}
        if self.parse:  # headline sentences first; a story's other candidates only where its first cannot say who
            heads = [self._summary_heads(gs, docs) for gs in merged.values() if self._kept(gs, docs) is None]
            parse_all(h[0].event_text for h in heads)
            parse_all(e.event_text for h in heads if not news_line(
                h[0], known.get(h[0].doc_id, {}), self._context(h[0]))
                for e in h[1:])
        stories = [self._story(gs, docs, known) for gs in merged.values()]
        return sorted(stories, key=lambda s: (s.date or "9999", s.id))

    # -- one story -----------------------------------------------------------------------------
    def _kept(self, groups: list[_Group], docs: dict[str, Document]) -> Story | None:
        """The stored story these groups make again (same id, same events), if any."""
        prev = getattr(self, "_previous", {}).get(stable_id("story", self._head(groups, docs).id))
        if prev is None or set(prev.event_ids) != {e.id for g in groups for e in g.events}:
            return None
        return prev

    def _context(self, e: Event) -> list[Mention]:
        """The resolved mentions of an event's sentence and of the one before it (whom "both
        countries" means)."""
        return [*self._mentions.get((e.doc_id, e.sentence - 1), []), *self._mentions.get((e.doc_id, e.sentence), [])]

    def _summary_head(self, groups: list[_Group], docs: dict[str, Document]) -> Event:
        """The event a story's summary reads: the headline, or when it names no resolved actor the
        first report of its kind that does, else the story's first other event that does (one
        sentence to parse per story)."""
        return self._summary_heads(groups, docs)[0]

    def _summary_heads(self, groups: list[_Group], docs: dict[str, Document], most: int = 3) -> list[Event]:
        """The events a story's summary may read, best first: the headline, then the reports that name
        a resolved actor, of its own kind first (a line that says who beats one that cannot)."""
        head = self._head(groups, docs)
        order = _phrases()["headline_order"]
        def rank(e: Event) -> tuple[bool, int, str, str, int]:
            return (e.event != head.event, order.index(e.event) if e.event in order else 99,
                    (docs.get(e.doc_id) and docs[e.doc_id].published) or "9999", e.doc_id, e.start)

        others = sorted((e for g in groups for e in g.events if e is not head), key=rank)
        said = [e for e in others if any(r.actor_id or r.country for r in e.actor)]
        # then the events whose sentence may still say who ("Trump imposed ...", the event left it open)
        unsaid = [e for e in others if not any(e is x for x in said)]
        if any(r.actor_id or r.country for r in head.actor):
            return [head, *said, *unsaid][:most]
        return [*said[:1], head, *said[1:], *unsaid][:most]

    def _pick_head(self, groups: list[_Group], docs: dict[str, Document],
                   known: dict[str, dict[str, ActorRef]]) -> Event:
        """The first of the candidate events whose summary is a clause led by a resolved actor, else the first."""
        heads = self._summary_heads(groups, docs)
        if not self.parse:
            return heads[0]
        for k, e in enumerate(heads):
            ctx = known.get(e.doc_id, {})
            if news_line(e, ctx, self._context(e)) and (
                    k == 0 or any(r.actor_id or r.country for r in e.actor) or says_who(e, ctx, self._context(e))):
                return e  # (another event the coder left without a doer: only where its sentence names one)
        return heads[0]

    @staticmethod
    def _head(groups: list[_Group], docs: dict[str, Document]) -> Event:
        heads = [g.headline() for g in groups]
        return min(heads, key=lambda e: ((docs.get(e.doc_id) and docs[e.doc_id].published) or "9999",
                                         e.doc_id, e.start))

    def _story(self, groups: list[_Group], docs: dict[str, Document],
               known: dict[str, dict[str, ActorRef]] | None = None) -> Story:
        events = [e for g in groups for e in g.events]
        head = self._head(groups, docs)
        doc_ids = sorted({e.doc_id for e in events})
        sources = {(docs[d].source or d) if d in docs else d for d in doc_ids}
        conflicts: list[Conflict] = []
        # each document speaks once: by its group of the story's kind with the most precise date, so a
        # conflict lists each side's own sources and never one article on both sides
        own: dict[str, _Group] = {}
        for g in groups:
            d = g.events[0].doc_id
            rank = (g.headline().event == head.event, len(g.best_date() or ""), -g.events[0].start)
            if d not in own or rank > (own[d].headline().event == head.event, len(own[d].best_date() or ""),
                                       -own[d].events[0].start):
                own[d] = g
        # date: each document's best date, then the value most sources give, most precise, earliest
        per_doc: dict[str, list[str]] = defaultdict(list)
        for doc_id, g in own.items():
            best = g.best_date()
            if best:
                per_doc[best].append(doc_id)
        date_value = None
        if per_doc:
            counts = Counter({v: len(set(ds)) for v, ds in per_doc.items()})
            first = {v: min((docs[d].published or "9999") if d in docs else "9999" for d in ds)
                     for v, ds in per_doc.items()}
            # most sources, then most precise, then earliest report, then the smaller value
            date_value = min(counts, key=lambda v: (-counts[v], -len(v), first[v], v))
            days = {v: ds for v, ds in per_doc.items() if len(v) == 10}
            if len(days) > 1:
                conflicts.append(Conflict("date", [{"value": v, "doc_ids": sorted(set(ds))}
                                                   for v, ds in sorted(days.items())]))
        amounts: dict[str, dict[float, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e in events:
            for a in e.amounts:
                amounts[a.unit][a.value].add(e.doc_id)
        for unit, vals in sorted(amounts.items()):
            several = {d for ds in vals.values() for d in ds if sum(d in x for x in vals.values()) > 1}
            vals = {v: ds - several for v, ds in vals.items() if ds - several}
            docsets = [ds for ds in vals.values()]
            if len(vals) > 1 and len(set().union(*docsets)) > 1 and not any(len(ds) > 1 for ds in docsets):
                conflicts.append(Conflict("amount", [{"value": f"{v:g} {unit}", "doc_ids": sorted(ds)}
                                                     for v, ds in sorted(vals.items())]))
        places: dict[str, set[str]] = defaultdict(set)
        for g in own.values():
            hl = g.headline()
            if hl.event_loc:
                places[hl.event_loc.name].add(hl.doc_id)
        place = max(places, key=lambda p: (len(places[p]), p)) if places else None
        if len(places) > 1:
            conflicts.append(Conflict("location", [{"value": p, "doc_ids": sorted(ds)}
                                                   for p, ds in sorted(places.items())]))
        sid = stable_id("story", head.id)
        kept = self._kept(groups, docs)
        if kept is not None and kept.date == date_value and kept.place == place:
            summary = kept.summary
        else:
            if kept is not None and self.parse:
                parse_all([e.event_text for e in self._summary_heads(groups, docs)])
            shead = self._pick_head(groups, docs, known or {})
            summary = summarize(shead, date_value, place, (known or {}).get(shead.doc_id, {}),
                                self._context(shead))
        return Story(id=sid, event=head.event, date=date_value, actor=head.actor, recipient=head.recipient,
                     event_ids=[head.id] + [e.id for e in events if e.id != head.id], doc_ids=doc_ids,
                     sources=len(sources), summary=summary, conflicts=conflicts, place=place)
