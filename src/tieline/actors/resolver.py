"""In-document actor resolution: the ``actors`` pipeline component.

:class:`ActorResolver` fills ``analysis.mentions`` with every mention of a
person, country, government body or organisation, in text order, each
resolved (where it can be) to a canonical actor with the country, sector and
role that held **on the date that governs its position**.  Everything it
knows about words lives in ``data/patterns.yaml``; everything it knows about
actors comes from the :class:`~tieline.actors.registry.Registry`.

Date of a position
    The time expression that :func:`tieline.nlp.dates.governing_time` picks
    for it inside its paragraph; when that one lies before the sentence and the
    sentence itself has a time expression after the position, that one ("the
    president wrote to the prime minister on May 3, 2016").  Failing both (or
    when the expression has no value), the publication date; failing that (no date at
    all), the latest date mentioned anywhere in the document, on the view that
    an undated article is about the time of its latest news.  With no date of
    any kind, roles are taken "now" (the ongoing ones).

Steps, cheapest first
    1. Gazetteer: the text's tokens are normalised exactly like registry
       aliases (:func:`~tieline.actors.registry.key_words`), and looked up
       longest-first in the registry's key index.  Case matters where the alias
       says so: ``US``/``WHO``/``UN`` match only in capitals, names only
       capitalised.  Registry matches beat the model's NER labels (it calls
       hyphenated Central Asian names an ORG and adjectives a PERSON); a
       country word inside a longer PERSON entity ("Jordan Peterson") or inside an
       organisation's name ("the Uzbekistan Institute for ...") is not a
       country mention (the organisation gets the country).  A one-word person
       alias counts only when the model tags the word as an entity, a title or
       honorific precedes it, or the document names the person in full.
    2. Titles (``titles`` in patterns.yaml) and the phrase around them:
       determiner or possessive pronoun, modifiers (former, first, deputy...),
       a country, seat or IGO word before ("the Uzbek president", "Kremlin
       spokesman", "Chinese Foreign Ministry spokesperson", "the Elysee head",
       "UN chief") or an ``of``/``to`` complement after ("the president of
       Uzbekistan", "the French ambassador to the United Nations"; ``for``/``to``
       only name an envoy's post).  A title of an organisation ("president of
       the X Company", "director of Malawi's Department of ...") gives no state
       role: the sector is the organisation's.  For "topic" titles (analyst,
       expert...) a country *name* before them is the subject ("an Iran
       analyst"), an adjective the nationality ("a Turkish analyst").  A name
       right after the phrase ("British Ambassador Jane Roe", "..., John Doe")
       or right before it with a comma ("John Doe, deputy director of ...") is
       the person; the phrase gives a new person its country and sector, and a
       known person whose roles have lapsed in the data a current role (unless
       the data shows that role ended: "the fall of President X" is history).  A phrase with no name is a
       ROLE mention resolved with :meth:`Registry.holder` at its date ("the
       Uzbek president" in 2015 -> Karimov, in 2017 -> Mirziyoyev); "former"
       leaves it unresolved, "first" takes the earliest holder, "counterpart"
       takes the role of the possessor ("his Turkish counterpart"), and a bare
       "the president" is the latest person mentioned who holds that role.
    3. Names: full names the registry does not know become new actors
       (``person:<slug>``, method ``new``); a one-word name links to a full name
       of the same document with that last word (method ``surname``), before or
       after it, whatever label the model gave it.  A new person's mentions share
       what any of them says (the title of the second mention, the apposition of
       the first); a title also takes its country from an organisation of a known
       country before it ("Taliban spokesman X"), from the office holder whose
       possessive precedes it ("the president's special envoy, X") or from who
       appointed it ("a UN-appointed rapporteur"); "King X of COUNTRY" is that
       country's X.  One that nothing places takes the story's country where that
       is safe, unless their sentence names only other countries; IGO and NGO
       officials never do, nor analysts at an organisation or staff of an institute,
       university or NGO the registry cannot place ("X, a Korea expert at the Y Institute"):
       a country adjective before a topic title with such an organisation is the subject
       studied, not a nationality.
    4. Country words: names and aliases are the state (GOV); capitals too,
       except after a locative preposition ("talks in Tashkent": sector None);
       seats are the government (GOV; military seats MIL, legislative LEG);
       an adjective takes its sector from the noun it modifies ("American
       companies" -> BUS; default GOV) and a country word with a body noun
       becomes one mention of that body ("Russia's Foreign Ministry",
       "the Uzbek government"); demonyms are people (CVL).  Ambiguous names
       (Georgia, Jordan, Chad...) get low confidence and are dropped in a
       person's name or a US-state context.
    4b. Generic agents (``data/phoenix_agents.jsonl``, converted from Phoenix's agents
       dictionary, under the body words of patterns.yaml): after a country word they are that
       country's body ("Pakistani soldiers" -> PAK MIL, "U.S. senators" -> USA LEG); alone
       ("protesters", "the police", a bare "Senate") they are read like a careful reader would
       (:meth:`_Document.local_country`): the same body named before with its country, the one
       country of their sentence, the one owner of bodies of that sector, the one country of
       the nearest earlier sentence of the paragraph, else the story's country where that is
       safe (a dateline, or one country with at least 60% of the country mentions); a sentence
       about several countries gives the story's country only when it is one of them, else
       none.  "The army" after "Myanmar's army" is that body again, "the militants" after
       "al-Shabab militants" and "the group" after a named group are that group; "former
       soldiers" are not the army.  An organisation's name takes the people noun after it
       ("al-Shabab militants"); a country adjective before another people names where they
       live ("Bosnian Serbs" -> BIH CVL), "ethnic Albanians in Serbia" -> SRB CVL.  Only words for people and bodies stand alone ("missiles"
       and "prison" are in the dictionary but are no actors).  Acronyms are read in the
       story's context: an organisation of a country the story names before one that is not,
       and a bare ISO code ("PAN") last; a party name several countries share ("Labour") with
       none of them in the story has no country.  An agent first named with an IGO or a country
       ("diplomats from the Group of Seven", "soldiers from Kenya") is theirs, then and when the
       story says "the diplomats" again; an agent named before inside a country's phrase keeps
       that country ("Somali government soldiers" ... "the government's").  "The people of X" are
       X's civilians.  After the pass: an unidentified armed agent in apposition to a named group is
       that group ("the Kurdish militia, the YPG,"), and gunmen, attackers and militants with no
       name of their own are the one armed group a story names (none when it names two).
       Rights groups and other stateless agents take no country from the story; a country named
       only as the target of a measure ("bills against Turkey are pending in Congress") owns no
       body of that sentence.
    4c. Unknown organisations take a country from a country word or an organisation of a known
       country in their name ("Taliban Foreign Ministry"), a possessive before them ("Kenya's
       ...") or "of COUNTRY" after them, and the sector of their head ("committee" and the like
       take the body before them: "Senate committee" -> LEG); an acronym the story spells out
       ("..., or NISA", "(NCA)") is what it spells; a one-word name that ends an organisation
       named before ("the Fund", "the Council") is that organisation.
    5. Pronouns he/she/his/her/him (subject, possessive, object, reflexive)
       become PRON mentions of the most salient person: a subject earlier in
       the same sentence, else the subject of one of the two previous
       sentences of the paragraph, else the latest person mentioned.
    6. Entities the registry does not know (ORG, NORP, GPE, PERSON) stay as
       mentions with ``actor_id`` None (an organisation gets a country from a
       country word in its name).

Methods: ``alias`` (registry name or alias), ``surname``, ``role`` (title
resolved through the registry), ``coref`` (pronoun or bare role), ``new``,
``ner`` (unknown entity), ``agent`` (a generic agent alone: actor id None, kind
``group``, name = the text, country from the story or None).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from tieline.actors.registry import Entry, Hit, Registry, key_words, period, slug
from tieline.nlp.places import gazetteer
from tieline.records import Analysis, Mention, TimeExpr

__all__ = ["ActorResolver", "Patterns", "load_patterns"]

_V = TypeVar("_V")

PATTERNS_PATH = Path(__file__).parent / "data" / "patterns.yaml"
AGENTS_PATH = Path(__file__).parent / "data" / "phoenix_agents.jsonl"
#: Generic agents that never stand alone as an actor ("a man", "members", "the leader").
_AGENT_STOPS = frozenset({
    "man", "men", "woman", "person", "persons", "people", "group", "groups", "member", "members",
    "leader", "leaders", "head", "heads", "chief", "chiefs", "spokesman", "spokeswoman", "spokesperson",
    "representative", "representatives", "party", "parties", "side", "sides", "state", "states", "country",
    "countries", "nation", "nations", "force", "unit", "team", "body", "council", "committee", "commission",
    "board", "agency", "office", "department", "ministry", "minister", "ministers", "president", "vice president",
    "deputy", "deputies", "director", "secretary", "chairman", "official", "staff", "crew", "company", "companies",
    "firm", "firms", "organization", "organisation", "association", "union", "movement", "front", "network",
    "member of parliament", "source", "sources", "administration", "authority", "defendant", "defendants",
    "victim", "victims", "family", "families", "child", "children", "boy", "boys", "girl", "youth",
    "king", "queen", "prince", "princess", "governor", "mayor", "general", "commander", "captain", "officer",
    "expert", "experts", "analyst", "analysts", "observer", "observers", "supporter", "supporters",
})
#: Sectors a generic agent may take alone (with a country from the document, where safe).
_AGENT_ALONE = frozenset({"MIL", "COP", "REB", "OPP", "JUD", "LEG", "CVL", "GOV", "SPY", "MED", "EDU", "LAB",
                          "REL", "REF", "HRI", "INS", "SEP", "RAD", "CRM", "AGR", "HLH", "ENV", "IMG", "UAF"})
#: Collective nouns that name a body of people (a Phoenix agent alone must be one of these, a word
#: for a person by its ending, or a word of patterns.yaml; "missiles", "prison" are not actors).
_COLLECTIVE = frozenset({"police", "military", "army", "navy", "troops", "forces", "militia", "militias",
                         "guard", "guards", "opposition", "junta", "judiciary", "legislature", "parliament",
                         "senate", "congress", "court", "courts", "cabinet", "government", "authorities",
                         "clergy", "public", "gendarmerie", "rebels", "insurgency", "crowd", "crowds", "mob",
                         "party", "parties", "coalition", "groups"})
#: Sectors of agents that belong to no state: alone ("rights groups") they take no country from the story.
_STATELESS_AGENTS = frozenset({"NGO", "HRI", "IGO"})
#: Sectors of organisations (universities, institutes, NGOs) that do not tie their staff to the story's country.
_NONSTATE_ORG_SECTORS = frozenset({"EDU", "NGO"})
_PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "man",
                   "men", "ive", "ives", "ary", "aries", "ite", "ites", "ees")
#: A modifier that makes an agent word a thing: "on social media" is a place, not the press.
_THING_COMPOUNDS = frozenset({("social", "media"), ("social", "network"), ("social", "networks")})
_PAST_MODS = frozenset({"former", "ex", "retired", "late", "onetime", "erstwhile", "deposed", "ousted"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "ʼs"})
_COUNTRY_FORMS = frozenset({"name", "alias", "adjective", "demonym", "capital", "seat", "military_seat",
                            "legislature_seat"})
_SEAT_FORMS = {"seat": "GOV", "military_seat": "MIL", "legislature_seat": "LEG"}
_ENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
_KEEP_UNKNOWN = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_BLOCKING_ENTS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"compound", "poss", "appos", "conj", "amod", "nmod", "flat"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "da", "di", "del", "van", "von", "der",
                             "la", "le", "du", "abu", "ould"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
_APPOINTED = frozenset({"appointed", "nominated", "mandated", "commissioned"})
_DASHES = frozenset({"-", "‐", "‑", "–", "—", "--"})


def _keyed(words: frozenset[str]) -> frozenset[str]:
    """Word lists normalised like the text's words (:func:`key_words` folds "troops" to "trops")."""
    return frozenset(" ".join(key_words(w)) for w in words)


_AGENT_STOPS_K = _keyed(_AGENT_STOPS)
_COLLECTIVE_K = _keyed(_COLLECTIVE)
_PAST_MODS_K = _keyed(_PAST_MODS)


def _iso_code_hit(h: Hit) -> bool:
    """A country matched by its bare ISO-3 code ("PAN", "MEX")."""
    return h[0].startswith("country:") and h[1] == "alias" and h[2] == h[0][8:]


def _kw(text: str) -> tuple[str, ...]:
    return key_words(text)


@dataclass(frozen=True, slots=True)
class TitleSpec:
    """One title of patterns.yaml."""

    text: str
    role: str | None
    sector: str | None
    state: bool = False
    topic: bool = False  # a country *name* before it is the subject studied ("an Iran analyst")


class Patterns:
    """The word lists of ``data/patterns.yaml``, normalised like registry keys."""

    def __init__(self, data: dict[str, Any]) -> None:
        def words(xs: Any) -> frozenset[str]:
            return frozenset(" ".join(_kw(str(x))) for x in xs or [])

        def phrases(d: Any) -> dict[tuple[str, ...], str | None]:
            return {_kw(str(k)): v for k, v in (d or {}).items()}

        self.titles: dict[tuple[str, ...], TitleSpec] = {}
        for phrase, spec in (data.get("titles") or {}).items():
            spec = spec or {}
            self.titles[_kw(phrase)] = TitleSpec(str(phrase), spec.get("role"), spec.get("sector"),
                                                 bool(spec.get("state")), bool(spec.get("topic")))
        self.title_first: dict[str, int] = {}
        for k in self.titles:
            self.title_first[k[0]] = max(self.title_first.get(k[0], 0), len(k))
        self.mod_kind: dict[str, str] = {}
        for kind, ws in (data.get("title_modifiers") or {}).items():
            for w in words(ws):
                self.mod_kind[w] = kind
        self.determiners = words(data.get("determiners"))
        self.possessive_pronouns = words(data.get("possessive_pronouns"))
        self.head_nouns = words(data.get("head_nouns"))
        self.head_noun_stops = words(data.get("head_noun_stops"))
        self.named_places = words(data.get("named_places"))
        self.bodies = phrases(data.get("bodies"))
        self.body_max = max((len(k) for k in self.bodies), default=1)
        self.body_words = frozenset(w for k in self.bodies for w in k)
        self.noun_sectors = phrases(data.get("noun_sectors"))
        self.noun_max = max((len(k) for k in self.noun_sectors), default=1)
        self.adjective_default_sector: str | None = data.get("adjective_default_sector")
        self.demonym_default_sector: str | None = data.get("demonym_default_sector")
        pr = data.get("pronouns") or {}
        self.pron_subject = frozenset(str(w).lower() for w in pr.get("subject") or [])
        self.pron_possessive = frozenset(str(w).lower() for w in pr.get("possessive") or [])
        self.pron_object = frozenset(str(w).lower() for w in pr.get("object") or [])
        self.pron_reflexive = frozenset(str(w).lower() for w in pr.get("reflexive") or [])
        self.pronouns = self.pron_subject | self.pron_possessive | self.pron_object | self.pron_reflexive
        self.locative = frozenset(str(w).lower() for w in data.get("locative_prepositions") or [])
        self.ambiguous = words(data.get("ambiguous_countries"))
        self.us_state_context = words(data.get("us_state_context"))
        self.name_stopwords = words(data.get("name_stopwords"))
        self.honorifics = words(data.get("honorifics"))
        self.org_heads = words(data.get("org_heads"))
        self.org_sectors = {" ".join(_kw(k)): v for k, v in (data.get("org_sectors") or {}).items()}
        self.transparent_heads = words(data.get("transparent_heads"))
        self.single_titles = frozenset(k[0] for k in self.titles if len(k) == 1)
        self.gender_words: dict[tuple[str, ...], str] = {}
        for g, ws in (data.get("gender_words") or {}).items():
            for w in ws or []:
                self.gender_words[_kw(str(w))] = str(g)
        self.first_names: dict[str, str] = {}
        for g, ws in (data.get("first_names") or {}).items():
            for w in ws or []:
                k = _kw(str(w))
                if len(k) == 1:
                    self.first_names.setdefault(k[0], str(g))
        self.envoy_titles = frozenset(str(x) for x in data.get("envoy_titles") or [])
        self.group_anaphors = words(data.get("group_anaphors"))
        self.group_anaphor_sectors = {" ".join(_kw(str(k))): str(v)
                                      for k, v in (data.get("group_anaphor_sectors") or {}).items()}
        self.group_count_words = words(data.get("group_count_words"))
        self.region_bodies = {" ".join(_kw(str(k))): str(v) for k, v in (data.get("region_bodies") or {}).items()}
        self.region_place_words = words(data.get("region_place_words"))
        self.origin_demonyms = words(data.get("origin_demonyms"))
        self.family_name_first = frozenset(str(c).upper() for c in data.get("family_name_first") or [])
        self.people_of = words(data.get("people_of"))
        self.body_act_nouns = words(data.get("body_act_nouns"))
        self.stance_agents = words(data.get("stance_agents"))
        self.armed_group_agents = words(data.get("armed_group_agents"))
        self.target_prepositions = frozenset(str(w).lower() for w in data.get("target_prepositions") or [])


    def add_agent_titles(self, agents: dict[tuple[str, ...], str]) -> None:
        """Generic agents that end in a title word become titles with the agent's sector ("treasury
        secretary", "energy minister", "newspaper editor": "Treasury Secretary Jane Roe" is GOV),
        where the title word alone says less (no sector, or another one) and the phrase holds no
        word the title phrase reads itself (a modifier, a body, a country is found around it)."""
        for k, sector in agents.items():
            head = self.titles.get(k[-1:])
            if len(k) < 2 or k in self.titles or head is None or head.role is not None or not sector:
                continue
            if head.sector == sector or any(w in self.mod_kind or w in self.determiners for w in k):
                continue
            self.titles[k] = TitleSpec(" ".join(k), None, sector, head.state, head.topic)
            self.title_first[k[0]] = max(self.title_first.get(k[0], 0), len(k))


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> Patterns:
    p = Path(path) if path else PATTERNS_PATH
    patterns = Patterns(yaml.safe_load(p.read_text(encoding="utf-8")) or {})
    patterns.add_agent_titles(load_agents()[0])
    return patterns


@lru_cache(maxsize=2)
def load_agents(path: str | None = None) -> tuple[dict[tuple[str, ...], str], dict[str, int]]:
    """The generic agents of ``phoenix_agents.jsonl`` (built by scripts/build_phoenix_actors.py):
    (normalised phrase -> sector, first word -> most words of a phrase starting so).  Loaded once."""
    p = Path(path) if path else AGENTS_PATH
    table: dict[tuple[str, ...], str] = {}
    if p.exists():
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                for f in (r["agent"], *r.get("forms", ())):
                    k = key_words(f)
                    if k:
                        table.setdefault(k, r["sector"])
    first: dict[str, int] = {}
    for k in table:
        if first.get(k[0], 0) < len(k):
            first[k[0]] = len(k)
    return table, first


@lru_cache(maxsize=65536)
def _tok_words(text: str) -> tuple[str, ...]:
    if text in _POSSESSIVE_TOKENS:
        return ()
    return key_words(text)


# --------------------------------------------------------------------------- working records


@dataclass(slots=True)
class _Match:
    """A registry key found in the text, over tokens [i, j)."""

    i: int
    j: int
    key: str
    hits: list[Hit]


@dataclass(slots=True)
class _Title:
    """A title and the phrase around it."""

    ti: int
    tj: int
    spec: TitleSpec
    pi: int = 0
    pj: int = 0
    det: str | None = None
    mods: list[str] = field(default_factory=list)
    anchor: Entry | None = None  # the country / IGO the phrase names
    anchor_form: str | None = None
    to: str | None = None
    org_country: str | None = None
    org_sector: str | None = None
    body_sector: str | None = None  # "Chinese Foreign Ministry spokesperson": the body's sector
    org_complement: bool = False  # an office of an organisation ("president of the X Company")
    org_anchor: bool = False  # an organisation of a known country before the title ("Taliban spokesman")
    name: tuple[int, int] | None = None
    used: bool = False

    @property
    def past(self) -> bool:
        return "past" in self.mods

    @property
    def first(self) -> bool:
        return "first" in self.mods

    @property
    def then(self) -> bool:
        """ "then-President X": X held the title at the time the sentence tells of."""
        return "then" in self.mods

    @property
    def subordinate(self) -> bool:
        return "subordinate" in self.mods


@dataclass(slots=True)
class _M:
    """A mention being built (token span)."""

    i: int
    j: int
    label: str
    kind: str | None = None
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    method: str | None = None
    confidence: float = 0.0
    entry: Entry | None = None
    subject: bool = False
    title: _Title | None = None
    pending: str | None = None  # resolved in the text-order pass: pron | role | counterpart
    pron_kind: str | None = None
    single: bool = False  # a one-word name not in the registry (linked by surname if it can be)
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------- the component


class ActorResolver:
    """Pipeline component: resolve the actor mentions of a document (see the module notes)."""

    name = "actors"

    def __init__(self, registry: Registry | None = None, patterns: str | None = None) -> None:
        self._registry = registry
        self.patterns = load_patterns(patterns)

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry.default()
        return self._registry

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.spacy_doc is None:
            from tieline.nlp import Parser

            analysis = Parser()(analysis)
        if not analysis.times:
            try:
                from tieline.nlp.dates import find_times

                analysis.times = find_times(analysis.doc.text, analysis.doc.published)
            except ImportError:  # pragma: no cover - the dates module ships with the package
                pass
        analysis.mentions = _Document(self.registry, self.patterns, analysis).resolve()
        return analysis


# --------------------------------------------------------------------------- one document


def _city_country(name: str) -> str | None:
    """The country of a city or US state of the offline gazetteer ("Yangon" -> MMR), else None."""
    place = gazetteer().geocode(name)
    return place.country if place is not None else None


def _governing(times: list[TimeExpr], offset: int, paragraph_start: int) -> TimeExpr | None:
    try:
        from tieline.nlp.dates import governing_time
    except ImportError:  # pragma: no cover
        cands = [t for t in times if paragraph_start <= t.start <= offset]
        return max(cands, key=lambda t: t.start) if cands else None
    return governing_time(times, offset, paragraph_start)


class _Document:
    def __init__(self, registry: Registry, patterns: Patterns, analysis: Analysis) -> None:
        self.reg = registry
        self.pat = patterns
        self.a = analysis
        self.sd = analysis.spacy_doc
        self.text = analysis.doc.text
        self.toks = list(self.sd)
        self.n = len(self.toks)
        self.texts = [t.text for t in self.toks]
        self.idx = [t.idx for t in self.toks]
        self.sent_starts = [s.start for s in analysis.sentences]
        if analysis.paragraphs:
            self.paras = analysis.paragraphs
        else:
            from tieline.nlp import paragraphs

            self.paras = paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.times = sorted(analysis.times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        pub = analysis.doc.published_date
        if not pub:
            dated = [t.value for t in self.times if t.value]
            pub = max(dated, key=lambda v: (period(v) or ("", ""))[1]) if dated else None
        self.fallback_date = pub
        self._date_cache: dict[int, str | None] = {}
        self._doc_countries: dict[str, int] | None = None
        self._sent_countries: dict[int, list[str]] | None = None
        self._quote_spans: list[tuple[int, int]] | None = None
        self._genders: dict[str, str] = {}
        self._quote_starts: list[int] = []
        # words
        words: list[str] = []
        wtok: list[int] = []
        for i, tx in enumerate(self.texts):
            if "\n" in tx:
                words.append("\n")
                wtok.append(i)
                continue
            for w in _tok_words(tx):
                words.append(w)
                wtok.append(i)
        self.words = words
        self.wtok = wtok
        self.first_word = [-1] * self.n  # token -> index of its first word
        for p in range(len(wtok) - 1, -1, -1):
            self.first_word[wtok[p]] = p
        # entities
        self.ent_of = [-1] * self.n
        self.ents: list[tuple[int, int, str]] = []
        for e in self.sd.ents:
            if e.label_ not in _ENT_LABELS and e.label_ not in _BLOCKING_ENTS:
                continue
            i, j = e.start, e.end
            while j > i and (self.texts[j - 1] in _POSSESSIVE_TOKENS or not self.texts[j - 1].strip()
                             or "\n" in self.texts[j - 1]):
                j -= 1
            while i < j and self.texts[i].lower() == "the":
                i += 1
            if e.label_ == "PERSON":  # "Al-Sharaa's HTS" -> "Al-Sharaa"
                j = next((x for x in range(i, j) if self.texts[x] in _POSSESSIVE_TOKENS), j)
            if i >= j:
                continue
            k = len(self.ents)
            self.ents.append((i, j, e.label_))
            for t in range(i, j):
                self.ent_of[t] = k

    # ---- positions and dates

    def sentence_of(self, offset: int) -> int:
        return max(bisect_right(self.sent_starts, offset) - 1, 0)

    def para_of(self, offset: int) -> int:
        return max(bisect_right(self.para_starts, offset) - 1, 0)

    def date_at(self, offset: int) -> str | None:
        if offset in self._date_cache:
            return self._date_cache[offset]
        p = self.para_of(offset)
        pstart = self.paras[p][0] if self.paras else 0
        t = _governing(self.times, offset, pstart) if self.times else None
        s = self.sentence_of(offset)
        sents = self.a.sentences
        if sents and (t is None or t.start < sents[s].start or not t.value):
            k = bisect_right(self.time_starts, offset)
            if k < len(self.times) and self.times[k].start < sents[s].end and self.times[k].value:
                t = self.times[k]
        value = t.value if t is not None and t.value else self.fallback_date
        self._date_cache[offset] = value
        return value

    def name_date(self, offset: int, e: Entry) -> str | None:
        """The date a named person's standing is read at: :meth:`date_at`, unless that date was
        inherited from an earlier sentence and gives the person no role while the publication date
        does ("... from 2017 to 2021. Trump said" in a 2025 story is the sitting president: a year
        in another sentence dates that sentence's happening, not who the name is now)."""
        on = self.date_at(offset)
        pub = self.fallback_date
        if on == pub or pub is None or e.kind != "person":
            return on
        s = self.sentence_of(offset)
        sents = self.a.sentences
        start = sents[s].start if sents else 0
        k = bisect_right(self.time_starts, offset)
        if k and self.times[k - 1].start >= start:  # dated in its own sentence
            return on
        if not self.reg.active_roles(e, on) and self.reg.active_roles(e, pub):
            return pub
        return on

    def lower(self, i: int) -> str:
        return self.texts[i].lower() if 0 <= i < self.n else ""

    def word(self, i: int) -> str:
        """The (first) normalised word of token i, or ''."""
        if not 0 <= i < self.n:
            return ""
        w = _tok_words(self.texts[i])
        return w[0] if w else ""

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.idx[i]:self.idx[j - 1] + len(self.texts[j - 1])]

    def capitalised(self, i: int) -> bool:
        t = self.texts[i]
        return bool(t) and t[0].isupper()

    # ---- step 1: gazetteer

    def _caps_ok(self, key: str, p: int, n: int) -> bool:
        caps = self.reg.caps.get(key, ())
        for q in range(min(n, len(caps))):
            demand = caps[q]
            if not demand:
                continue
            tx = self.texts[self.wtok[p + q]]
            letters = [c for c in tx if c.isalpha()]
            if not letters:
                return False
            if demand == 2 and not all(c.isupper() for c in letters):
                return False
            if demand == 1 and not letters[0].isupper():
                return False
        return True

    def longest_at(self, p: int, first: dict[str, int],
                   lookup: Callable[[tuple[str, ...], int], _V | None]) -> tuple[int, tuple[str, ...], _V] | None:
        """The longest phrase of the dictionary ``lookup`` starting at word p (``first``: first word ->
        most words of a phrase starting so; phrases never span a line break): (words, phrase, value)."""
        words = self.words
        mx = first.get(words[p])
        if not mx:
            return None
        for n in range(min(mx, len(words) - p), 0, -1):
            seg = tuple(words[p:p + n])
            if "\n" in seg:
                continue
            v = lookup(seg, p)
            if v is not None:
                return n, seg, v
        return None

    def gazetteer(self) -> list[_Match]:
        out: list[_Match] = []
        keys = self.reg.keys

        def lookup(seg: tuple[str, ...], p: int) -> list[Hit] | None:
            key = " ".join(seg)
            hits = keys.get(key)
            return hits if hits and self._caps_ok(key, p, len(seg)) else None

        nw = len(self.words)
        p = 0
        while p < nw:
            got = self.longest_at(p, self.reg.first, lookup)
            if got is None:
                p += 1
                continue
            n, seg, hits = got
            i, j = self.wtok[p], self.wtok[p + n - 1] + 1
            if not (out and out[-1].j > i):  # two matches in one token: keep the first
                out.append(_Match(i, j, " ".join(seg), hits))
            p += n
        return out

    def entry(self, hit: Hit) -> Entry | None:
        return self.reg.get(hit[0])

    # ---- step 2: titles

    def find_titles(self, taken: list[bool]) -> list[_Title]:
        out: list[_Title] = []
        words, wtok = self.words, self.wtok
        nw = len(words)
        p = 0
        while p < nw:
            got = None if taken[wtok[p]] else self.longest_at(p, self.pat.title_first,
                                                              lambda seg, _p: self.pat.titles.get(seg))
            if got is None:
                p += 1
                continue
            n, _seg, spec = got
            i, j = wtok[p], wtok[p + n - 1] + 1
            if self._title_ok(i, j):
                out.append(_Title(i, j, spec, i, j))
            p += n
        return out

    def _title_ok(self, i: int, j: int) -> bool:
        if not any(self.toks[x].pos_ in ("NOUN", "PROPN") for x in range(i, j)):
            return False  # "general election", "to head"
        if j < self.n and self.texts[j] in _DASHES and j + 1 < self.n and self.texts[j + 1][:1].islower():
            return False  # "head-on", "chief-of-staff"
        k = self.ent_of[i]
        if k >= 0:
            ei, ej, label = self.ents[k]
            if label in _BLOCKING_ENTS and ej > j and j not in self._person_starts:
                return False  # "General Electric": a title word inside an organisation's name
        return True

    def build_phrase(self, t: _Title, matches_by_end: dict[int, _Match],
                     matches_by_start: dict[int, _Match]) -> None:
        """Extend a title to its phrase: determiner, modifiers, country word, complement."""
        envoy = t.spec.role == "ambassador" or t.spec.text in self.pat.envoy_titles
        k = t.ti - 1
        pi = t.ti
        while k >= 0:
            tx = self.texts[k]
            if "\n" in tx:
                break
            w = self.word(k)
            m = matches_by_end.get(k + 1)
            if m is None and t.anchor is None and not t.org_anchor and not envoy:
                # an organisation's name the gazetteer left to a longer name ("Taliban Foreign Ministry")
                raw = self.raw_by_end.get(k + 1)
                m = raw if raw is not None and self._org_anchor(raw) is not None else None
            if m is not None and t.anchor is None and not t.org_anchor:
                e = self._anchor_entry(m)
                if e is None:
                    org = None if envoy else self._org_anchor(m)
                    if org is None:
                        org = self._possessor_anchor(m, t)
                    if org is None:
                        break
                    # "Taliban spokesman X", "a Hamas commander": the organisation's country and sector
                    t.org_anchor, (t.org_country, t.org_sector) = True, org
                    k, pi = m.i - 1, m.i
                    continue
                k, pi = m.i - 1, m.i
                if envoy and e.kind != "country" and t.to is None:
                    t.to = e.id  # "Iran's U.N. ambassador": sent to the UN, by Iran
                    continue
                t.anchor, t.anchor_form = e, self._anchor_form(m, e)
                continue
            if tx in _POSSESSIVE_TOKENS and t.anchor is None and matches_by_end.get(k) is not None:
                k -= 1
                continue
            if self.lower(k) in _APPOINTED and t.anchor is None and k >= 2 and self.texts[k - 1] in _DASHES and \
                    matches_by_end.get(k - 1) is not None:
                # "a UN-appointed rapporteur": in the service of who appointed them
                m = matches_by_end[k - 1]
                e = next((x for h in m.hits if (x := self.entry(h)) is not None and
                          (x.kind == "country" and h[1] in _COUNTRY_FORMS or x.id.startswith("igo:"))), None)
                if e is None:
                    break
                t.anchor, t.anchor_form = e, self._anchor_form(m, e)
                k, pi = m.i - 1, m.i
                continue
            if w in self.pat.body_words and t.anchor is None and k > 0 and \
                    self._body_before(k) is not None:
                k, t.body_sector = self._body_before(k)  # type: ignore[misc]
                continue
            if w in self.pat.mod_kind and self.lower(k)[:1].isalpha():
                t.mods.append(self.pat.mod_kind[w])
                pi = k
                k -= 1
                continue
            if tx in _DASHES and self.word(k - 1) in self.pat.mod_kind:
                k -= 1
                continue
            if w in self.pat.determiners:
                t.det = w
                pi = k
            break
        t.pi = pi
        if t.anchor is not None and t.spec.role is None:
            # "the top U.S. diplomat": a title split by the country word ("top diplomat")
            for xi in range(max(pi - 1, 0), t.ti):
                xw = _tok_words(self.texts[xi])
                spec = self.pat.titles.get(tuple(xw) + _kw(t.spec.text)) if xw else None
                if spec is not None and spec.role is not None:
                    t.spec = spec
                    kind = self.pat.mod_kind.get(self.word(xi))
                    if kind in t.mods:
                        t.mods.remove(kind)  # "top" is part of the title, not a rank below it
                    if xi < pi:
                        t.pi = pi = xi
                        if self.word(xi - 1) in self.pat.determiners:
                            t.det, t.pi = self.word(xi - 1), xi - 1
                    break
        if t.anchor is not None and t.spec.topic and t.anchor_form in ("name", "alias"):
            t.anchor = None  # "an Iran analyst" studies Iran
        t.pj = t.tj
        self._complement(t, matches_by_start, envoy)
        if t.anchor is not None and t.spec.topic and t.org_complement and t.anchor_form == "adjective":
            t.anchor = None  # "a North Korean expert at the X Institute": the subject; the institute places them

    def _complement(self, t: _Title, matches_by_start: dict[int, _Match], envoy: bool) -> None:
        """What follows a title: "of Uzbekistan" (its country), "to the United Nations" (an envoy's
        post), or an organisation ("president of the Committee ...", "director of Malawi's
        Department ...", "vice president of studies at the ... Foundation"): then the person holds
        an office of that organisation, not of a state."""
        k = t.tj
        w = self.word(k)
        if w not in ("of", "for", "to", "at") or k + 1 >= self.n:
            return
        q = k + 1
        if self.word(q) == "the":
            q += 1
        m = matches_by_start.get(q)
        e = self._anchor_entry(m) if m is not None else None
        if e is not None and m is not None:
            owned = m.j < self.n and self.texts[m.j] in _POSSESSIVE_TOKENS
            if w in ("for", "to"):
                if envoy:
                    t.to = e.id if e.kind != "country" else e.country
                    t.pj = m.j
                elif w == "for" and t.anchor is not None and m.j < self.n and self.texts[m.j][:1].isupper():
                    t.pj = m.j  # "U.N. Resident Coordinator for Ruritania Jane Roe": the name comes after
                return
            if w == "of" and not owned and t.anchor is None and not t.org_anchor:
                # ("CIA division chief of Korea" is the CIA's: the organisation before it places it)
                t.anchor, t.anchor_form = e, self._anchor_form(m, e)
                t.pj = m.j
                return
            if owned:  # "director of Malawi's Department of ...": an office of that country's body
                t.org_complement = True
                t.org_country = e.country if e.kind == "country" else None
                t.org_sector = self._sector_ahead(m.j + 1)
                return
            return
        # an organisation after of/at/for, directly or after a few lower-case words
        for x in range(k, min(k + 6, self.n)):
            if self.word(x) not in ("of", "for", "at") or x + 1 >= self.n:
                if x > k and not self.texts[x][:1].islower():
                    break
                continue
            y = x + 1
            if self.word(y) == "the":
                y += 1
            ek = self.ent_of[y] if y < self.n else -1
            if ek >= 0 and self.ents[ek][0] == y and self.ents[ek][2] in ("ORG", "FAC"):
                ei, ej, _ = self.ents[ek]
                t.org_complement = True
                t.org_country, t.org_sector = self.org_country_sector(ei, ej, self.raw_by_start)
                return
            if y < self.n and self.texts[y][:1].isupper() and self.raw_by_start.get(y) is None:
                t.org_complement = True  # "president of Wan Guo Jin Liang Company"
                t.org_sector = self._sector_ahead(y)
                return

    def _sector_ahead(self, k: int) -> str | None:
        """The sector of the first organisation head word in the next few capitalised tokens."""
        for x in range(k, min(k + 6, self.n)):
            w = self.word(x)
            if w in self.pat.org_sectors:
                return self.pat.org_sectors[w]
            if w in self.pat.org_heads:
                return None
        return None

    def _body_before(self, k: int) -> tuple[int, str | None] | None:
        """A body phrase ending at token k ("Foreign Ministry" in "Chinese Foreign Ministry spokesman"):
        (the token before it, its sector), when a country word comes right before it."""
        for n in range(min(self.pat.body_max, k + 1), 0, -1):
            ws = tuple(w for x in range(k - n + 1, k + 1) for w in _tok_words(self.texts[x]))
            if ws in self.pat.bodies:
                before = k - n
                if before >= 0 and (self.raw_by_end.get(before + 1) is not None or
                                    self.texts[before] in _POSSESSIVE_TOKENS):
                    return before, self.pat.bodies[ws]
        return None

    def _anchor_entry(self, m: _Match) -> Entry | None:
        if m.j + 1 < self.n and self.texts[m.j] in _DASHES and not self.toks[m.j - 1].whitespace_ and \
                self.texts[m.j + 1][:1].islower():
            return None  # "Germany-based", "U.S.-led": a modifier, not the country itself
        for h in m.hits:
            e = self.entry(h)
            if e is not None and (e.kind == "country" and h[1] in _COUNTRY_FORMS
                                  or e.id.startswith("igo:")):
                return e
        return None

    def _org_anchor(self, m: _Match) -> tuple[str | None, str | None] | None:
        """(country, sector as of the story) of an organisation or group of a known country that a
        match names (a Phoenix one only with support in the text), or None."""
        for h in self._hit_order(m):
            e = self.entry(h)
            if e is None or e.kind in ("person", "country") or e.id.startswith("igo:"):
                continue
            if e.rank > 0 and not self._phoenix_org_ok(m, h, e):
                continue
            st = self.reg.state(e.id, self.fallback_date)
            country = st.country if st else e.country
            if not country:
                return None
            return country, st.sector if st else e.sector
        return None

    def _possessor_anchor(self, m: _Match, t: _Title) -> tuple[str | None, str] | None:
        """A known office holder whose title directly follows with a possessive ("X's special envoy",
        "X' spokesman"): the title serves them, in their country and sector at the date."""
        if m.j >= self.n or self.texts[m.j] not in _POSSESSIVE_TOKENS or t.ti != m.j + 1 or t.mods:
            return None
        on = self.date_at(self.idx[m.i])
        who = self.best_person(self._person_hits(m), on)
        st = self.reg.state(who.id, on) if who is not None else None
        if st is None or not st.sector or not (st.country or st.sector == "IGO"):
            return None
        return st.country, st.sector

    def _anchor_form(self, m: _Match, e: Entry) -> str | None:
        for h in m.hits:
            if h[0] == e.id:
                return h[1]
        return None

    def org_country_sector(self, i: int, j: int, matches_by_start: dict[int, _Match]) -> tuple[str | None,
                                                                                                str | None]:
        """Country and sector of an organisation's name: a country word in it, its head noun."""
        country = None
        for k in range(i, j):
            m = matches_by_start.get(k)
            if m is None:
                continue
            e = self._anchor_entry(m)
            if e is not None and e.kind == "country":
                country = e.country
                break
            if e is not None and e.id.startswith("igo:") and k == i:
                return None, "IGO"  # "United Nations Working Group on ...": a body of the IGO
            org = self._org_anchor(m) if e is None and m.j < j else None
            if org is not None:  # "Taliban Foreign Ministry", "U.S. Senate committee"
                country = org[0]
                break
        sector = None
        for k in range(j - 1, i - 1, -1):
            w = self.word(k)
            if w in self.pat.org_sectors:
                sector = self.pat.org_sectors[w]
                break
            if w in self.pat.org_heads and w not in self.pat.transparent_heads:
                break
        return country, sector

    def _names_on(self, i: int, j: int) -> bool:
        """Tokens i..j continue a name: "of"/"for" and capitalised words to the end ("... of Democracies")."""
        return j - i >= 2 and self.word(i) in ("of", "for") and all(
            self.texts[k][:1].isupper() or self.word(k) in ("of", "for", "and", "the", "&") for k in range(i + 1, j)) \
            and self.texts[j - 1][:1].isupper()

    def is_org_name(self, i: int, j: int) -> bool:
        return any(self.word(k) in self.pat.org_heads for k in range(i, j))

    # ---- names

    def name_run(self, k: int, person_at: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
        """A person's name starting at token k (after honorifics), or None."""
        while k < self.n and self.word(k) in self.pat.honorifics:
            k += 1
            if k < self.n and self.texts[k] == ".":
                k += 1
        if k >= self.n:
            return None
        if k in person_at:
            return person_at[k]
        start = k
        run: list[int] = []
        while k < self.n and len(run) < 5:
            tx = self.texts[k]
            w = self.word(k)
            if "\n" in tx:
                break
            if tx[:1].isupper() and any(c.isalpha() for c in tx) and w not in self.pat.name_stopwords \
                    and not (w in self.pat.single_titles and not run) and tx not in _POSSESSIVE_TOKENS:
                if k in self._anchor_starts and not run:
                    return None
                if k in self._anchor_starts:
                    break
                run.append(k)
                k += 1
                continue
            if run and tx in _DASHES and k + 1 < self.n and self.texts[k + 1][:1].isalpha() \
                    and not self.toks[k].whitespace_:
                run.append(k)
                k += 1
                continue
            if run and self.texts[k - 1] in _DASHES and tx[:1].islower() and tx.isalpha():
                run.append(k)  # "Ban Ki-moon"
                k += 1
                continue
            if w in _NAME_PARTICLES and k + 1 < self.n and self.texts[k + 1][:1].isupper():
                run.append(k)
                k += 1
                continue
            break
        while run and (self.texts[run[-1]] in _DASHES or self.word(run[-1]) in _NAME_PARTICLES):
            run.pop()
        if not run:
            return None
        if not any(self.toks[r].pos_ == "PROPN" for r in run):
            return None
        return start, run[-1] + 1

    # ---- the whole document

    def resolve(self) -> list[Mention]:
        pat = self.pat
        matches = self.gazetteer()
        self.raw_by_start = {m.i: m for m in matches}
        self.raw_by_end = {m.j: m for m in matches}
        # Person-ness of each match; drop country words that belong to a person's name or an org name.
        keep: list[_Match] = []
        for m in matches:
            k = self.ent_of[m.i]
            ent = self.ents[k] if k >= 0 else None
            persons = [h for h in m.hits if (e := self.entry(h)) is not None and e.kind == "person"]
            others = [h for h in m.hits if h not in persons]
            if ent is not None and (ent[0] < m.i or ent[1] > m.j) and not persons:
                ei, ej, label = ent
                extra = [x for x in range(ei, ej) if not m.i <= x < m.j]
                if label == "PERSON" and not all(self.word(x) in pat.mod_kind or self.word(x) in
                                                 pat.single_titles for x in extra) and \
                        (m.key in pat.ambiguous or any(h[1] in ("capital", "seat") for h in m.hits)):
                    continue  # "George Washington", "Jordan Peterson" (but not "Beyond Ukraine")
                if label in ("ORG", "FAC") and ej - ei >= 2 and self.is_org_name(ei, ej) and \
                        self.is_org_name(m.j, ej):
                    continue  # "the Uzbekistan Institute for ...": the organisation gets it
                if label in ("ORG", "FAC") and ei <= m.i and self._names_on(m.j, ej) and all(
                        (e := self.entry(h)) is not None and e.kind == "organization" for h in m.hits):
                    continue  # "the Alliance of Democracies" is not NATO ("the Alliance"): a longer name
            if persons and others:
                elabel = ent[2] if ent is not None else None
                if elabel in ("GPE", "NORP", "LOC"):
                    m.hits = others
                else:
                    m.hits = persons
            keep.append(m)
        matches = keep
        self.matches_by_start = {m.i: m for m in matches}
        self.matches_by_end = {m.j: m for m in matches}
        self._anchor_starts = {m.i for m in matches if self._anchor_entry(m) is not None}
        self._person_starts = {m.i for m in matches if self._person_hits(m)}
        self._person_starts.update(i for i, _, label in self.ents if label == "PERSON")
        taken = [False] * self.n
        for m in matches:
            for x in range(m.i, m.j):
                taken[x] = True

        # Titles and their phrases.
        titles = self.find_titles(taken)
        for t in titles:
            self.build_phrase(t, self.matches_by_end, self.matches_by_start)

        # Person spans: registry matches, title names, NER persons.
        person_matches = {m.i: m for m in matches if self._person_hits(m)}
        person_at: dict[int, tuple[int, int]] = {m.i: (m.i, m.j) for m in person_matches.values()}
        person_tok = [False] * self.n
        for m in person_matches.values():
            for x in range(m.i, m.j):
                person_tok[x] = True
        spans: dict[tuple[int, int], str] = {}
        for m in person_matches.values():
            if not self._single_ok(m):
                continue
            spans[(m.i, m.j)] = "registry"
        for t in titles:
            k = t.pj
            comma = False
            if k < self.n and self.texts[k] == ",":
                k += 1
                comma = True
            run = self.name_run(k, person_at)
            if run is not None and comma and not (t.spec.role or t.anchor or t.det or t.mods
                                                  or t.spec.sector or t.org_anchor):
                run = None
            if run is not None:
                t.name = run
                spans.setdefault(run, "title")
        free = [False] * self.n
        for i, j, label in self.ents:
            if label == "ORG" and j > 0 and self.texts[i - 1] in _POSSESSIVE_TOKENS and \
                    self._name_taken_for_org(j, free) is not None and (i, j) not in spans:
                spans[(i, j)] = "ner"  # "Kenya's Jane Roe": the model calls a name after a possessive an ORG
                continue
            if label != "PERSON":
                continue
            if self._contains_place(i, j):
                i = self._after_leading_place(i, j)  # "... for Myanmar Andrew Kirkwood": the name after it
                if i < 0:
                    continue
            if (i, j) not in spans and not any(taken[x] and not person_tok[x] for x in range(i, j)) and \
                    not any(c.isdigit() for x in range(i, j) for c in self.texts[x]):
                spans[(i, j)] = "ner"
        # Registry persons inside longer names (a relative's full name) lose to the name.
        chosen: list[tuple[int, int, str]] = []
        order = {"title": 0, "registry": 1, "ner": 2}
        occupied = [False] * self.n
        for (i, j), src in sorted(spans.items(), key=lambda kv: (order[kv[1]], -(kv[0][1] - kv[0][0]))):
            if any(occupied[x] for x in range(i, j)):
                continue
            if src == "registry":
                k = self.ent_of[i]
                if k >= 0 and self.ents[k][2] == "PERSON" and (self.ents[k][0], self.ents[k][1]) in spans:
                    ei, ej, _ = self.ents[k]
                    extra = [x for x in range(ei, ej) if not i <= x < j]
                    if extra and not all(self.word(x) in pat.mod_kind or self.word(x) in pat.single_titles
                                         or self.word(x) in pat.honorifics for x in extra):
                        continue  # "Abdul Qadir Mumin" is not the registry's "Abdul Qadir"
            chosen.append((i, j, src))
            for x in range(i, j):
                occupied[x] = True
        # A title's name that lost to a longer name from the same word ("President Hassan" of the
        # registry inside "President Hassan Mohamud") titles that longer name.
        chosen_at = {i: (i, j) for i, j, _ in chosen}
        for t in titles:
            if t.name is None:
                continue
            longer = chosen_at.get(t.name[0])
            if longer is not None and longer[1] > t.name[1]:
                t.name = longer
        # Left appositives: "Name, deputy director of ..."
        person_end = {j: (i, j) for i, j, _ in chosen}
        for t in titles:
            if t.name is None and t.pi >= 2 and self.texts[t.pi - 1] == "," and (t.pi - 1) in person_end:
                t.name = person_end[t.pi - 1]
                continue
            c = self._owner_phrase_start(t.pi)  # "Name, the board's director"
            if t.name is not None or c < 2 or self.texts[c - 1] != ",":
                continue
            span = self._name_taken_for_org(c - 1, occupied)
            if span is not None:  # "Jane Q. Roe, the board's director": the model called the name an ORG
                chosen.append((*span, "title"))
                t.name = span
                for x in range(*span):
                    occupied[x] = True

        mentions: list[_M] = []
        used_tokens = [False] * self.n
        person_ms: list[_M] = []
        title_of_name = {t.name: t for t in titles if t.name is not None}
        for i, j, _src in sorted(chosen):
            pm = self.person_mention(i, j, title_of_name.get((i, j)), person_matches.get(i))
            if pm is None:
                continue
            person_ms.append(pm)
            for x in range(i, j):
                used_tokens[x] = True
        # Conjuncts: "the Ruritanian president X and Chief Executive Y" (Y gets Ruritania).
        self.inherit_from_conjuncts(person_ms, title_of_name)
        # Surnames.
        mentions += person_ms
        mentions += self.surnames(person_ms, used_tokens, matches)
        for mm in mentions:
            for x in range(mm.i, mm.j):
                used_tokens[x] = True

        # Role phrases without a name, and title phrases consumed by a name.
        for t in titles:
            if t.name is not None:
                rm = self.consume(t, used_tokens, person_ms)
                if rm is not None:
                    mentions.append(rm)
                continue
            rm = self.role_mention(t)
            if rm is not None and not any(used_tokens[x] for x in range(rm.i, rm.j)):
                mentions.append(rm)
                for x in range(rm.i, rm.j):
                    used_tokens[x] = True

        # Country and organisation words.
        for m in matches:
            if any(used_tokens[x] for x in range(m.i, m.j)):
                continue
            cm = self.country_mention(m)
            if cm is None:
                continue
            mentions.append(cm)
            for x in range(cm.i, cm.j):
                used_tokens[x] = True

        # Generic agents with no country word ("soldiers", "the police", "protesters").
        mentions += self.agent_mentions(mentions, used_tokens, titles)
        mentions += self.region_bodies(mentions, used_tokens)
        for mm in mentions:
            if mm.pending == "context":
                mm.pending = None
                mm.country, mm.confidence = self.local_country(mm.i, mentions)

        # Unknown entities.
        acronyms = self.acronyms(mentions)
        for i, j, label in self.ents:
            if label not in _KEEP_UNKNOWN or any(used_tokens[x] for x in range(i, j)):
                continue
            if not self.texts[i][:1].isupper():
                continue
            if not any(self.toks[x].pos_ in ("PROPN", "NOUN") for x in range(i, j)):
                continue  # "“Coordinated airstrikes ...": a capitalized adjective the NER took for a name
            if label == "ORG":
                short = self.short_reference(i, j, mentions)
                if short is not None:  # "the Fund" after "the International Monetary Fund"
                    mentions.append(short)
                    for x in range(i, j):
                        used_tokens[x] = True
                    continue
            um = _M(i, j, label, method="ner", confidence=0.3)
            um.name = self.span_text(i, j)  # a name the text gives: as given
            if label == "PERSON":
                um.kind = "person"
            elif label == "ORG":
                um.kind = "organization"
                um.country, um.sector = self.org_country_sector(i, j, self.raw_by_start)
                if um.country is None:
                    um.country = self.possessor_country(i) or self.of_country(j)
                if um.country is None and i >= 2 and self.texts[i - 1] in _POSSESSIVE_TOKENS:
                    owner = next((m for m in mentions if m.j == i - 1 and m.country and m.sector in _STATE_SECTORS),
                                 None)
                    if owner is not None:  # "the government's National News Agency"
                        um.country = owner.country
                body = tuple(w for x in range(i, j) for w in _tok_words(self.texts[x]))
                if um.country is None and body in self.pat.bodies:
                    # "Congress", "the Senate", "Parliament" with no country word: the story's body
                    um.sector = self.pat.bodies[body] or um.sector
                    um.country, um.confidence = self.local_country(i, mentions, body, um.sector)
                    um.method = "agent"
                elif um.country:
                    um.confidence = 0.5
                elif um.sector in _STATE_SECTORS and self.texts[i - 1 if i else 0].lower() == "the":
                    # "the Public Ministry", "the Interior Ministry": a state body of the story's country
                    um.country, conf = self.local_country(i, mentions, None, um.sector)
                    um.confidence = min(conf, 0.45)
            elif label == "NORP":
                um.kind = "group"
                um.country = self.in_country(j)  # "Kurds in Turkey"
                if um.country:
                    um.sector, um.method, um.confidence = self.pat.demonym_default_sector, "agent", 0.5
            defined = acronyms.get(um.name) if label == "ORG" else None
            if defined is not None and um.country is None:  # "..., or NISA": what the name spelled out is
                (um.country, um.sector), um.confidence = defined, 0.6
            if um.country is None and um.sector is None and label != "NORP":
                self.from_apposition(um, mentions)
            mentions.append(um)
            for x in range(i, j):
                used_tokens[x] = True

        # Pronouns.
        for i, tx in enumerate(self.texts):
            lo = tx.lower()
            if lo in pat.pronouns and not used_tokens[i]:
                tok = self.toks[i]
                dep = tok.dep_
                if lo in pat.pron_reflexive:
                    kind = "reflexive"
                elif dep == "poss" or (lo in pat.pron_possessive and lo not in pat.pron_object):
                    kind = "possessive"
                elif dep in _SUBJECT_DEPS or lo in pat.pron_subject:
                    kind = "subject"
                else:
                    kind = "object"
                mentions.append(_M(i, i + 1, "PRON", kind="person", pending="pron", pron_kind=kind,
                                   subject=kind == "subject"))

        for mm in mentions:
            mm.start = self.idx[mm.i]
            mm.end = self.idx[mm.j - 1] + len(self.texts[mm.j - 1])
            if mm.kind == "person" and mm.pending != "pron":
                mm.subject = self.is_subject(mm.i, mm.j)
        mentions.sort(key=lambda m: (m.start, -m.end))
        self.appositive_groups(mentions)
        self.perpetrators(mentions)
        self.new_person_countries(mentions)
        self.text_order_pass(mentions)
        out: list[Mention] = []
        doc_id = self.a.doc.id
        for mm in mentions:
            if mm.pending == "pron" and mm.actor_id is None:
                continue
            out.append(Mention(doc_id, self.sentence_of(mm.start), mm.start, mm.end, self.text[mm.start:mm.end],
                               mm.label, mm.actor_id, mm.name, mm.country, mm.sector, mm.kind, mm.role, mm.method,
                               round(mm.confidence, 2)))
        return out

    # ---- persons

    def _person_hits(self, m: _Match) -> list[Hit]:
        if self.word(m.j) in self.pat.named_places:
            return []  # "JFK airport", "Lincoln Memorial": a place named after the person
        return [h for h in m.hits if (e := self.entry(h)) is not None and e.kind == "person"]

    def _single_ok(self, m: _Match) -> bool:
        """A one-word person alias needs support: an entity label, a title or honorific, or caps."""
        if m.j - m.i > 1:
            return True
        if self._names_something(m.i):
            return False
        if self.ent_of[m.i] >= 0:
            return True
        prev = self.word(m.i - 1)
        if prev in self.pat.single_titles or prev in self.pat.honorifics:
            return True
        if m.i + 1 < self.n and self.texts[m.i + 1] in _POSSESSIVE_TOKENS:
            return True
        tok = self.toks[m.i]
        if tok.ent_type_:  # "May" as a DATE
            return False
        if not tok.text[:1].isupper():
            return False
        if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and (
                tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i == m.i + 1
                or any(t.text == tok.text and t.pos_ == "PROPN" for t in self.toks))):
            return False  # a capitalized common noun, unless it acts ("Trump met ...") or is a name elsewhere
        at_start = m.i == 0 or tok.is_sent_start
        return not at_start or not (m.i + 1 < self.n and self.texts[m.i + 1][:1].isupper())

    def _owner_phrase_start(self, k: int) -> int:
        """Where a title at token k starts with an owner's noun phrase before it ("the board's
        director" -> "the"), else k."""
        if k < 2 or self.texts[k - 1] not in _POSSESSIVE_TOKENS:
            return k
        c = k - 2
        while c >= 0 and self.toks[c].pos_ in ("NOUN", "ADJ") and self.texts[c].islower():
            c -= 1
        if c < k - 2 and self.word(c) in self.pat.determiners:
            return c
        return k

    def _name_taken_for_org(self, j: int, occupied: list[bool]) -> tuple[int, int] | None:
        """The span of a NER organisation ending at token j that reads as a person's name (two to four
        capitalised words, no organisation head word, no known name or place in it, a known first
        name or a title after it: the caller checks the title), else None."""
        k = self.ent_of[j - 1] if j > 0 else -1
        if k < 0:
            return None
        i, ej, label = self.ents[k]
        if label != "ORG" or ej != j or not 2 <= j - i <= 4 or any(occupied[x] for x in range(i, j)):
            return None
        if self.is_org_name(i, j) or any(self.raw_by_start.get(x) is not None for x in range(i, j)):
            return None
        if not all(self.texts[x][:1].isupper() and self.texts[x].isalpha() for x in range(i, j)):
            return None
        if self.word(i) not in self.pat.first_names:
            return None
        return i, j

    def _after_leading_place(self, i: int, j: int) -> int:
        """Where the name starts in a NER person that begins with a country or IGO word followed by
        at least two capitalised words and no other place ("Myanmar Jane Roe" -> "Jane Roe"); -1 when
        it is not so."""
        k = i
        while k < j:
            m = self.raw_by_start.get(k)
            if m is None or m.j > j or self._anchor_entry(m) is None:
                break
            k = m.j
        if k == i or j - k < 2 or self._contains_place(k, j):
            return -1
        if not all(self.texts[x][:1].isupper() for x in range(k, j)):
            return -1
        return k

    def _contains_place(self, i: int, j: int) -> bool:
        """A NER person that holds a country or IGO word ("Beyond Ukraine") is not a person."""
        for x in range(i, j):
            m = self.raw_by_start.get(x)
            if m is not None and m.j <= j and self._anchor_entry(m) is not None and m.key not in self.pat.ambiguous:
                return True
        return False

    def _names_something(self, i: int) -> bool:
        """A surname used as the modifier of another name ("the Lincoln Bedroom", "the Carter Center")."""
        k = self.ent_of[i]
        if k >= 0:
            ei, ej, label = self.ents[k]
            if label != "PERSON" and ej > i + 1:
                return True
        if i + 1 < self.n:
            nxt = self.toks[i + 1]
            if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and self.word(i + 1) not in self.pat.single_titles \
                    and self.ent_of[i + 1] >= 0 and self.ents[self.ent_of[i + 1]][2] != "PERSON" and \
                    self.matches_by_start.get(i + 1) is None:
                return True
        return False

    def best_person(self, hits: list[Hit], on: str | None) -> Entry | None:
        best: tuple[tuple[int, int, int, str], Entry] | None = None
        for h in hits:
            e = self.entry(h)
            if e is None or e.kind != "person":
                continue
            act = self.reg.active_roles(e, on)
            ends = [r.end or "9999" for r in e.roles if r.start and (on is None or r.start <= (on or ""))]
            latest = max(ends) if ends else ""
            key = (e.rank, 0 if act else 1, 0 if h[1] in ("name", "alias") else 1, _neg(latest))
            if best is None or key < best[0]:
                best = (key, e)
        return best[1] if best else None

    def person_mention(self, i: int, j: int, title: _Title | None, match: _Match | None) -> _M | None:
        on = self.date_at(self.idx[i])
        surface = self.span_text(i, j)
        entry = None
        method = "alias"
        # "King Hassan of Morocco": a titled name with "of COUNTRY" is that country's person
        of_c = self.of_country(j) if title is not None and self.texts[j + 1:j + 3][-1:] != ["'s"] else None
        if match is not None and match.i == i and match.j == j:
            entry = self.best_person(self._of(self._person_hits(match), of_c), on)
        if entry is None:
            key = " ".join(w for x in range(i, j) for w in _tok_words(self.texts[x]))
            hits = [h for h in self.reg.hits(key) if (e := self.entry(h)) is not None and e.kind == "person"]
            entry = self.best_person(self._of(hits, of_c), on)
        if entry is None and j - i == 1 and self.ent_of[i] >= 0 and self.ents[self.ent_of[i]][2] != "PERSON" \
                and title is None:
            return None
        m = _M(i, j, "PERSON", kind="person", title=title)
        if title is not None:
            title.used = True
        if entry is not None:
            m.entry = entry
            on = self.name_date(self.idx[i], entry)
            self.fill_from_entry(m, entry, on)
            m.method, m.confidence = method, 0.95 if j - i > 1 else 0.8
            if title is not None:
                self.confirm_with_title(m, title, on)
            return m
        words = [w for x in range(i, j) for w in _tok_words(self.texts[x])]
        if len([w for w in words if w not in _NAME_PARTICLES]) < 2:
            # "Assad", "al-Rufay'i": a surname, linked to a full name by the surname pass
            m.method, m.confidence, m.single = "ner", 0.3, True
            m.name = surface
            if title is not None:
                self.apply_title(m, title, on)
            m.country = of_c or m.country
            return m
        m.actor_id = f"person:{slug(surface)}"
        m.name = surface
        m.method, m.confidence = "new", 0.6
        if title is not None:
            self.apply_title(m, title, on)
        m.country = of_c or m.country or self.possessor_country(i)  # "Kenya's Jane Roe"
        return m

    def _of(self, hits: list[Hit], country: str | None) -> list[Hit]:
        """The person hits of that country (by their record or any of their roles); all without one."""
        if country is None:
            return hits
        return [h for h in hits if (e := self.entry(h)) is not None and
                (e.country == country or any(r.country == country for r in e.roles))]

    def fill_from_entry(self, m: _M, e: Entry, on: str | None) -> None:
        st = self.reg.state(e.id, on)
        m.actor_id, m.name, m.entry = e.id, e.name, e
        m.kind = e.kind
        if st is not None:
            m.country, m.sector, m.role = st.country, st.sector, st.role or st.role_title

    def title_country_sector(self, t: _Title, on: str | None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role) a title phrase gives the person it names."""
        country = None
        sector = t.spec.sector
        role = self.phrase_role(t)
        a = t.anchor
        if a is not None:
            if a.kind == "country":
                country = a.country
                if sector is None and (t.spec.state or t.anchor_form in _SEAT_FORMS or t.body_sector):
                    sector = t.body_sector or _SEAT_FORMS.get(t.anchor_form or "", "GOV")
            elif sector in (None, "GOV"):
                sector = "IGO"
        elif t.org_complement or t.org_country or t.org_sector:
            country = t.org_country
            if t.org_complement and (sector in ("GOV", "LEG", "IGO", "MIL") or t.spec.role):
                sector, role = t.org_sector, None  # "president of the X Company" is no head of state
            elif not t.spec.topic:  # an analyst at an institute is no academic by that alone
                sector = sector or t.body_sector or t.org_sector
        if t.past or t.first:
            sector = None
        if role == "president_elect":
            sector = None
        return country, sector, role

    def phrase_role(self, t: _Title) -> str | None:
        spec = t.spec
        if t.subordinate:
            return None
        a = t.anchor
        head_word = " ".join(_kw(spec.text))
        if a is not None and a.kind == "country" and t.anchor_form in _SEAT_FORMS and \
                head_word in self.pat.head_nouns:
            nxt = self.word(t.tj)
            return None if nxt in self.pat.head_noun_stops else "leader"
        if a is not None and a.id.startswith("igo:") and (spec.role is None or head_word in self.pat.head_nouns
                                                           or spec.role == "leader"):
            return a.extra.get("head_role") if head_word in self.pat.head_nouns | {"leader"} else spec.role
        return spec.role

    def confirm_with_title(self, m: _M, t: _Title, on: str | None) -> None:
        """A known person with a title: the registry's role stands; a lapsed one yields to the text."""
        country, sector, role = self.title_country_sector(t, on)
        if t.past or t.first:  # "former president X": the text is newer than the data
            if t.past:
                m.sector, m.role = None, None
            return
        if m.sector is None and sector and (t.then or not self._held_before(m.entry, role, on)):
            m.country = country or m.country
            m.sector = sector
            m.role = role or m.role
            m.confidence = 0.8

    @staticmethod
    def _held_before(e: Entry | None, role: str | None, on: str | None) -> bool:
        """The registry knows that ``e`` held ``role`` and that it ended before ``on``: a title
        used for that role is historical ("the fall of President Bashar al-Assad")."""
        p = period(on)
        if e is None or role is None or p is None:
            return False
        return any(r.role == role and r.end is not None and r.end <= p[0] for r in e.roles)

    def apply_title(self, m: _M, t: _Title, on: str | None) -> None:
        country, sector, role = self.title_country_sector(t, on)
        m.country = country or m.country
        m.sector = sector or m.sector
        m.role = role if role not in ("counterpart", None) else m.role
        if country or sector:
            m.confidence = max(m.confidence, 0.7)

    def new_person_countries(self, mentions: list[_M]) -> None:
        """Persons new to the registry share what any of their mentions says of them (a title on the
        second mention, an apposition on the first); one that nothing places takes the story's
        country where that is safe (:meth:`context_country`: a dateline, or one dominant country),
        unless their title ties them to an organisation the registry cannot place that is an institute,
        university or NGO, or is a topic title with an organisation ("an analyst at the X Group"): the
        story's country is not theirs."""
        found: dict[str, tuple[str | None, str | None]] = {}
        first: dict[str, _M] = {}
        for m in mentions:
            if m.entry is not None or not (m.actor_id or "").startswith("person:") or m.kind != "person":
                continue
            first.setdefault(m.actor_id or "", m)
            c, sec = found.get(m.actor_id or "", (None, None))
            found[m.actor_id or ""] = (c or m.country, sec or m.sector)
        if not first:
            return
        affiliated = {m.actor_id for m in mentions if m.actor_id in first and m.title is not None
                      and (m.title.org_complement or m.title.org_anchor)
                      and (m.title.spec.topic or m.title.org_sector in _NONSTATE_ORG_SECTORS)}
        ctx: str | None | bool = False
        table = self._sentence_countries(mentions)
        for aid, (c, sec) in list(found.items()):
            if c is not None or sec in ("IGO", "NGO"):  # a UN official has no country of the story
                continue
            if aid in affiliated:  # an analyst at an institute the registry cannot place: not guessed
                continue
            if ctx is False:
                ctx = self.context_country(mentions)
            here = set(table.get(self.sentence_of(self.idx[first[aid].i]), ()))
            if ctx and (not here or ctx in here):  # named among other countries only: not guessed
                found[aid] = (ctx if isinstance(ctx, str) else None, sec)
        for m in mentions:
            if m.actor_id not in first or m.entry is not None:
                continue
            c, sec = found[m.actor_id or ""]
            if m.country is None and c is not None and m.method == "new":
                m.confidence = min(m.confidence, 0.5)
            m.country = m.country or c
            m.sector = m.sector or sec

    def inherit_from_conjuncts(self, person_ms: list[_M], title_of_name: dict[tuple[int, int], _Title]) -> None:
        by_end = {p.j: p for p in person_ms}
        for p in person_ms:
            t = p.title
            if t is None or t.anchor is not None or p.country:
                continue
            k = t.pi - 1
            if k >= 0 and self.word(k) == "and":
                k -= 1
            if k >= 0 and self.texts[k] == ",":
                k -= 1
            prev = by_end.get(k + 1)
            if prev is None or prev.title is None or prev.title.anchor is None:
                continue
            p.country = prev.country
            if p.sector is None and (t.spec.state or t.spec.sector is None):
                p.sector = prev.sector
            p.confidence = max(p.confidence, 0.65)

    def surnames(self, person_ms: list[_M], used: list[bool], matches: list[_Match]) -> list[_M]:
        """One-word mentions of a person named in full elsewhere in the document.

        Returns the new mentions; one-word names already in ``person_ms`` are linked in place.
        """
        table: dict[str, list[_M]] = {}
        full: dict[str, list[_M]] = {}  # last word -> full names in this document, places or not
        for p in person_ms:
            if p.actor_id is None or p.single:
                continue
            words = [w for x in range(p.i, p.j) for w in _tok_words(self.texts[x])]
            keys = [words[-1]] if len(words) >= 2 else []
            if keys:
                full.setdefault(words[-1], []).append(p)
            if len(words) >= 2 and p.country in self.pat.family_name_first:
                keys.append(words[0])  # "Kim Jong Un" ... "Kim": the family name comes first
            if p.entry is not None:
                keys += self._entry_surnames(p.entry)
            for w in dict.fromkeys(keys):
                if not self._place_word(w):
                    table.setdefault(w, []).append(p)
        for p in person_ms:
            words = [w for x in range(p.i, p.j) for w in _tok_words(self.texts[x])]
            if len(words) == 1 and p.method == "alias" and words[0] in full and \
                    all(c.actor_id != p.actor_id for c in full[words[0]]):
                # the document's own "Doug Ford" beats the registry's other Ford for a bare "Ford"
                self._link(p, full[words[0]])
        out: list[_M] = []
        if not table:
            return out
        for p in person_ms:
            if p.single and p.actor_id is None:
                words = [w for x in range(p.i, p.j) for w in _tok_words(self.texts[x])]
                cands = [c for c in table.get(words[-1] if words else "", ())
                         if p.country is None or c.country in (None, p.country)]
                if cands:  # "King Hassan of Morocco" is not another country's Hassan
                    self._link(p, cands)
        for i, tx in enumerate(self.texts):
            if used[i] or not tx[:1].isupper():
                continue
            w = self.word(i)
            cands = table.get(w) or []
            if not cands or len(_tok_words(tx)) != 1:
                continue
            if self._names_something(i):
                continue  # "the Lincoln Bedroom"
            m = _M(i, i + 1, "PERSON", kind="person")
            self._link(m, cands)
            out.append(m)
            used[i] = True
        return out

    def _place_word(self, w: str) -> bool:
        return any((e := self.reg.get(h[0])) is not None and e.kind != "person" for h in self.reg.hits(w))

    def _link(self, m: _M, cands: list[_M]) -> None:
        """Make m a surname mention of the nearest earlier full-name mention (else the first later one)."""
        before = [c for c in cands if c.i < m.i]
        src = before[-1] if before else cands[0]
        on = self.date_at(self.idx[m.i])
        m.method, m.confidence, m.single = "surname", 0.85, False
        m.kind = "person"
        if src.entry is not None:
            on = self.name_date(self.idx[m.i], src.entry)
            self.fill_from_entry(m, src.entry, on)
            if m.sector is None and src.sector and src.title is not None:
                st = self.reg.state(src.entry.id, self.date_at(self.idx[src.i]))
                if st is not None and st.sector is None:
                    m.country, m.sector, m.role = src.country, src.sector, src.role
        else:
            m.actor_id, m.name, m.country, m.sector, m.role = (src.actor_id, src.name, src.country,
                                                               src.sector, src.role)
        if m.title is not None:
            self.confirm_with_title(m, m.title, on)

    def _entry_surnames(self, e: Entry) -> list[str]:
        out = []
        for n in [e.name, *e.aliases]:
            words = key_words(n)
            if len(words) >= 2:
                out.append(words[-1])
            elif len(words) == 1 and len(words[0]) >= 4:
                out.append(words[0])
        return out

    def consume(self, t: _Title, used: list[bool], person_ms: list[_M]) -> _M | None:
        """A title phrase that names a person: its words are not mentions of their own.

        An appositive phrase ("the French ambassador to the United Nations, Jane Roe") is also
        returned as a ROLE mention of that person, so either head word finds the speaker.  A
        possessive determiner stays free for the pronoun pass ("his Turkish counterpart X").
        """
        assert t.name is not None
        apposed = t.pj <= t.name[0] - 1 or t.pi >= t.name[1] + 1 or \
            t.pj - t.pi >= 4  # a long title before the name: the parser may head the phrase inside it
        person = next((p for p in person_ms if (p.i, p.j) == t.name), None)
        rm = None
        if apposed and person is not None and not any(used[x] for x in range(t.pi, t.pj)):
            rm = _M(t.pi, t.pj, "ROLE", kind="person", actor_id=person.actor_id, name=person.name,
                    country=person.country, sector=person.sector, role=self.phrase_role(t) or person.role,
                    method="role",
                    confidence=max(person.confidence - 0.05, 0.3), entry=person.entry, title=t)
        lo = t.pi + 1 if t.det in self.pat.possessive_pronouns else t.pi
        for x in range(lo, t.pj):
            used[x] = True
        return rm

    # ---- roles

    def role_mention(self, t: _Title) -> _M | None:
        """A title phrase with no name: a ROLE mention, resolved now or in the text-order pass."""
        role = self.phrase_role(t)
        if t.spec.role == "counterpart":
            if t.det in self.pat.possessive_pronouns and t.pj > t.pi + 1:
                return _M(t.pi + 1, t.pj, "ROLE", kind="person", pending="counterpart", title=t)
            return None
        if role is None and t.spec.state and not t.past and t.spec.role is None and \
                (t.anchor is not None and t.anchor.kind == "country" or t.org_anchor):
            # "a Pakistani army spokesman", "a Chinese Foreign Ministry spokesperson": a person of that
            # body, unnamed: the country and the body's sector
            country, sector, _ = self.title_country_sector(t, self.date_at(self.idx[t.pi]))
            if country and sector:
                return _M(t.pi, t.pj, "ROLE", kind="person", country=country, sector=sector, title=t,
                          method="role", confidence=0.4)
            return None
        if role is None and t.spec.sector and t.anchor is None and not t.org_anchor and not t.org_complement \
                and t.det == "the" and t.ti == t.pi + 1 and t.to is None and t.pj == t.tj \
                and not t.spec.text.endswith("s") and self.word(t.tj) not in ("of", "for", "to", "at"):
            # "the judge said": the judge named before (text-order pass), else one of the story's country
            return _M(t.pi, t.pj, "ROLE", kind="person", sector=t.spec.sector, pending="title", title=t,
                      method="role", confidence=0.3)
        if role is None and t.spec.sector and not t.past and t.anchor is None and not t.org_anchor and \
                not t.org_complement and t.spec.text.endswith("s") and t.pj == t.tj:
            # "officials said": the body of people of the story's country (read after the countries)
            return _M(t.pi, t.pj, "ORG", kind="group", name=self.span_text(t.pi, t.pj), sector=t.spec.sector,
                      pending="context", title=t, method="agent", confidence=0.35)
        if role is None or role == "president_elect":
            return None
        if t.anchor is None and t.org_country is None:
            if t.det == "the" and not t.past and not t.first and t.ti == t.pi + 1 + len(t.mods):
                if t.tj < self.n and self.word(t.tj) in ("of", "for", "to"):
                    return None  # "the president of the company"
                return _M(t.pi, t.pj, "ROLE", kind="person", pending="role", title=t, role=role)
            return None
        if t.det is None and not t.mods and t.anchor is not None and t.pi == t.ti and t.ti > 0:
            return None
        a = t.anchor
        where = a.country if a is not None and a.kind == "country" else a.id if a is not None else None
        on = self.date_at(self.idx[t.pi])
        m = _M(t.pi, t.pj, "ROLE", kind="person", role=role, title=t, method="role")
        if where is None:
            return None
        m.country = a.country if a is not None and a.kind == "country" else None
        if t.past or t.then and on == self.fallback_date:  # "the then-president", told of no date: not today's
            m.confidence = 0.3
            return m
        holder = self.reg.first_holder(role, where) if t.first else self.reg.holder(role, where, on, to=t.to)
        if holder is None:
            m.sector = t.spec.sector if a is not None and a.kind == "country" else "IGO"
            m.confidence = 0.3
            return m
        self.fill_from_entry(m, holder, on)
        m.kind = "person"
        m.role = role if not m.role or role in ("leader", "head_of_state") else m.role
        m.confidence = 0.8
        return m

    # ---- countries and organisations

    def doc_countries(self) -> dict[str, int]:
        """How often the document names each country (names, aliases, adjectives, capitals; not bare
        ISO codes), from the gazetteer matches: the context an acronym is read in."""
        if self._doc_countries is None:
            counts: dict[str, int] = {}
            for m in self.raw_by_start.values():
                for h in m.hits:
                    if h[0].startswith("country:") and h[1] in _COUNTRY_FORMS and not _iso_code_hit(h):
                        c = h[0][8:]
                        counts[c] = counts.get(c, 0) + 1
                        break
            self._doc_countries = counts
        return self._doc_countries

    def _hit_order(self, m: _Match) -> list[Hit]:
        """Hits of a match, best first: curated before Phoenix; for an acronym ("PAN", "LET") the
        organisation of a country the document names before one it does not, and a country named
        only by its ISO code ("PAN" in a Mexican story) last."""
        hits = m.hits
        if len(hits) < 2:
            return hits
        ctx = self.doc_countries()

        def key(h: Hit) -> tuple[int, int]:
            x = self.entry(h)
            rank = 0 if x is not None and x.rank == 0 else 1
            if _iso_code_hit(h):
                return (2 if not ctx.get(h[0][8:]) else rank, 1)
            if x is not None and x.kind != "country" and x.country:
                return (rank, 0 if ctx.get(x.country) else 1)
            return (rank, 1)

        return sorted(hits, key=key)

    def country_mention(self, m: _Match) -> _M | None:
        e = None
        form = None
        for h in self._hit_order(m):
            x = self.entry(h)
            if x is None or x.kind == "person":
                continue
            if x.kind != "country" and x.rank > 0 and not self._phoenix_org_ok(m, h, x):
                continue
            if x.kind != "country" and m.j - m.i == 1 and self._common_word_use(m):
                continue
            e, form = x, h[1]
            break
        if e is None:
            return None
        i, j = m.i, m.j
        if e.kind != "country":
            st = self.reg.state(e.id, self.fallback_date)  # as of the article ("the Taliban" govern since 2021)
            j = self.agent_after(j) or j  # "al-Shabab militants", "Taliban fighters": the group's members
            country: str | None = st.country if st else e.country
            actor_id: str | None = e.id
            name, conf = e.name, 0.9
            if self._ambiguous_org(m, e):
                # "Labour", "the NCP": parties of several countries, none of them in the story
                actor_id, name, country, conf = None, self.span_text(i, j), None, 0.5
            return _M(i, j, "ORG", kind=e.kind if e.kind in ("organization", "group") else "organization",
                      actor_id=actor_id, name=name, country=country, sector=st.sector if st else e.sector,
                      method="alias", confidence=conf)
        surface_words = m.key
        conf = 0.9
        # Datelines ("WASHINGTON --") are places.
        if self.texts[i].isupper() and len(self.texts[i]) > 2 and j < self.n and \
                (self.texts[j] in _DASHES or self.texts[j] == "(") and self._paragraph_initial(i):
            return None
        if surface_words in self.pat.ambiguous:
            conf = 0.55
            nxt, prv = self.word(j), self.word(i - 1)
            if nxt in self.pat.us_state_context or prv in self.pat.us_state_context:
                return None
            if self.texts[i - 1] == "," and i >= 2 and self.texts[i - 2][:1].isupper() and \
                    self.matches_by_end.get(i - 1) is None:
                return None  # "Atlanta, Georgia"
            if j < self.n and self.texts[j][:1].isupper() and self.toks[j].pos_ == "PROPN" and \
                    self.matches_by_start.get(j) is None and self.word(j) not in self.pat.single_titles:
                return None  # "Chad Smith"
        if form in ("name", "alias") and self.word(i - 1) == "of" and self.word(i - 2) in self.pat.people_of \
                and self.toks[i - 2].pos_ == "NOUN":
            # "the people of Myanmar", "citizens of Peru": that country's civilians
            return _M(i - 2, j, "NORP", kind="group", name=self.span_text(i - 2, j), country=e.country,
                      sector=self.pat.demonym_default_sector, method="agent", confidence=0.6)
        label = "GPE"
        sector: str | None = "GOV"
        if form in _SEAT_FORMS:
            label, sector = "ORG", _SEAT_FORMS[form]
        elif form == "capital":
            if self.lower(i - 1) in self.pat.locative or (self.lower(i - 1) == "the" and
                                                          self.lower(i - 2) in self.pat.locative):
                sector, conf = None, 0.5
        elif form == "adjective":
            label, sector = "NORP", self.pat.adjective_default_sector
            people = self._people_after(j)
            if people is not None:  # "Bosnian Serbs", "Iraqi Kurds": a people living in that country
                return _M(i, people, "NORP", kind="group", name=self.span_text(i, people), country=e.country,
                          sector=self.pat.demonym_default_sector, method="agent", confidence=0.6)
        elif form == "demonym":
            label, sector = "NORP", self.pat.demonym_default_sector
            where = self.in_country(j)
            if where is not None and where != e.country:  # "ethnic Albanians in Serbia"
                return _M(i, j, "NORP", kind="group", name=self.span_text(i, j), country=where, sector=sector,
                          method="agent", confidence=0.6)
        # A body or a noun after the country word ("Uzbek government", "Russia's Foreign Ministry").
        body = self.body_after(j)
        if body is not None:
            bj, bsector, is_body = body
            if self.word(i - 1) in _PAST_MODS_K and is_body:
                # "former Afghan soldiers" are no longer the army (no actor id: not the state either)
                return _M(i, bj, "ORG", kind="group", name=self.span_text(i, bj), country=e.country, sector=None,
                          method="agent", confidence=0.4)
            if is_body:
                return _M(i, bj, "ORG", kind="country", actor_id=e.id, name=e.name, country=e.country,
                          sector=bsector, method="alias", confidence=conf)
            if form in ("adjective", "demonym", "name", "alias"):
                sector = bsector
        return _M(i, j, label, kind="country", actor_id=e.id, name=e.name, country=e.country, sector=sector,
                  method="alias", confidence=conf)

    def possessor_country(self, i: int) -> str | None:
        """The country whose possessive comes right before token i ("Kenya's National ...")."""
        if i < 2 or self.texts[i - 1] not in _POSSESSIVE_TOKENS:
            return None
        m = self.raw_by_end.get(i - 1)
        e = self._anchor_entry(m) if m is not None else None
        return e.country if e is not None and e.kind == "country" else None

    def of_country(self, j: int) -> str | None:
        """The country of an "of COUNTRY" complement right after token j-1 ("the Electoral Commission of
        Kenya" when the model ends the name before "of")."""
        if self.word(j) != "of":
            return None
        m = self.raw_by_start.get(j + 1)
        e = self._anchor_entry(m) if m is not None else None
        return e.country if e is not None and e.kind == "country" and m is not None and \
            m.hits[0][1] in ("name", "alias") else None

    def acronyms(self, mentions: list[_M]) -> dict[str, tuple[str | None, str | None]]:
        """Acronyms the story defines ("Somalia's National Intelligence and Security Agency, or NISA";
        "the ... Command (ABC)"): acronym -> (country, sector) of the name they spell out, where a
        country word before or in it, or a body mention over it, says so."""
        out: dict[str, tuple[str | None, str | None]] = {}
        for k, tx in enumerate(self.texts):
            letters = tx.replace(".", "")
            if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) or k < 3:
                continue
            if self.texts[k - 1] == "(":
                e = k - 1
            elif self.lower(k - 1) == "or" and self.texts[k - 2] == ",":
                e = k - 2
            else:
                continue
            caps: list[int] = []  # capitalised words before the definition, nearest first
            x = e - 1
            while x >= 0 and e - x <= 12:
                w = self.texts[x]
                if w[:1].isupper() and w.isalpha():
                    caps.append(x)
                elif self.lower(x) not in ("and", "of", "for", "the", "on", "&", "-") and \
                        w not in _POSSESSIVE_TOKENS:
                    break
                x -= 1
            start = None
            for n in range(len(letters), 0, -1):  # the words whose initials spell it
                if len(caps) >= n and "".join(self.texts[c][0] for c in reversed(caps[:n])).upper() == letters:
                    start = caps[n - 1]
                    break
            if start is None:
                continue
            country, sector = self.org_country_sector(start, e, self.raw_by_start)
            for m in mentions:  # "Somalia's National Intelligence" (a body) over the name
                if m.i <= start < m.j and m.country and m.label == "ORG":
                    country, sector = m.country, sector or m.sector
                    break
            country = country or self.possessor_country(start)
            if country or sector:
                out.setdefault(tx, (country, sector))
        return out

    def in_country(self, j: int) -> str | None:
        """The country of an "in COUNTRY" right after token j-1 (its name, not an adjective)."""
        if self.word(j) != "in":
            return None
        m = self.raw_by_start.get(j + 1)
        e = self._anchor_entry(m) if m is not None else None
        if e is None or e.kind != "country" or m is None or self._anchor_form(m, e) not in ("name", "alias"):
            return None
        return e.country

    def _people_after(self, j: int) -> int | None:
        """The end of a people's name right after a country adjective: another country's demonym or a
        group the model calls NORP ("Serbs", "Kurds"), ending the noun phrase."""
        if j >= self.n or not self.texts[j][:1].isupper():
            return None
        m = self.raw_by_start.get(j)
        end = None
        if m is not None and any(h[1] == "demonym" for h in m.hits) and \
                not any(h[1] == "adjective" for h in m.hits):
            if m.key in self.pat.origin_demonyms:
                return None  # "Chinese Americans" are Americans (the adjective is their origin)
            end = m.j
        elif self.ent_of[j] >= 0 and self.ents[self.ent_of[j]][2] == "NORP" and self.ents[self.ent_of[j]][0] == j \
                and self.toks[self.ents[self.ent_of[j]][1] - 1].tag_ in ("NNPS", "NNS"):
            end = self.ents[self.ent_of[j]][1]
        if end is None or (end < self.n and self.toks[end].pos_ in ("NOUN", "PROPN")):
            return None
        return end

    def _common_word_use(self, m: _Match) -> bool:
        """A one-word organisation alias used as an ordinary word at the start of a sentence (where its
        capital says nothing): not an entity for the model and followed by a common noun ("Labour costs
        rose")."""
        if not (m.i == 0 or self.toks[m.i].is_sent_start):
            return False
        w = self.texts[m.i]
        if not w.istitle() or any(c.isdigit() for c in w):
            return False  # "G7 members", "NATO troops": no ordinary word is spelled so
        k = self.ent_of[m.i]
        if k >= 0 and self.ents[k][2] in ("ORG", "NORP"):
            return False
        return m.j < self.n and self.toks[m.j].pos_ == "NOUN" and self.texts[m.j][:1].islower()

    def _ambiguous_org(self, m: _Match, e: Entry) -> bool:
        """The match names organisations of several countries and the story names none of them."""
        countries = {x.country for h in m.hits if (x := self.entry(h)) is not None and x.kind != "country"
                     and x.kind != "person" and x.country and x.rank == e.rank}
        if len(countries) < 2:
            return False
        ctx = self.doc_countries()
        return not any(ctx.get(c) for c in countries)

    def from_apposition(self, um: _M, mentions: list[_M]) -> None:
        """An unknown name with an apposition that says what it is ("X, an Indian online publication,"
        -> IND MED; "X, a Kenyan rights group," -> KEN): the apposition's country and sector."""
        k = um.j
        if k >= self.n or self.texts[k] != ",":
            return
        k += 1
        if self.word(k) in ("a", "an", "the"):
            k += 1
        for m in mentions:
            if m.i == k and m.kind == "country" and m.country and m.label in ("ORG", "NORP"):
                if m.j < self.n and self.toks[m.j].pos_ in ("NOUN", "PROPN"):
                    return
                um.country = m.country
                if m.label == "ORG":
                    um.sector = m.sector
                    um.kind = "organization" if um.kind != "person" else "person"
                um.confidence = max(um.confidence, 0.5)
                return

    def context_country(self, mentions: list[_M]) -> str | None:
        """The country a story is about, where that is safe to assume: the dateline's, or one that
        holds at least 60% (and at least two) of the country mentions."""
        counts: dict[str, int] = {}
        for m in mentions:
            if m.kind == "country" and m.country and m.sector is not None:
                counts[m.country] = counts.get(m.country, 0) + 1
        dateline = None
        for p in self.paras[:2]:
            k = bisect_right(self.idx, p[0]) - 1
            k = max(k, 0)
            while k < self.n and not self.texts[k].strip():
                k += 1
            if k >= self.n or not self.texts[k].isupper() or not self.texts[k].isalpha():
                continue
            dash = next((x for x in range(k + 1, min(k + 8, self.n)) if self.texts[x] in _DASHES), None)
            if dash is None:
                continue
            # "ISLAMABAD —", "MARAWI, Philippines —", "KARACHI, Pakistan (AP) —": the last place word
            for x in range(dash - 1, k - 1, -1):
                mt = self.matches_by_end.get(x + 1) or self.raw_by_start.get(x)
                e = self._anchor_entry(mt) if mt is not None else None
                if e is not None and e.kind == "country":
                    dateline = e.country
                    break
            if dateline:
                break
        total = sum(counts.values())
        top = max(counts.items(), key=lambda kv: kv[1]) if counts else None
        if dateline and (top is None or counts.get(dateline, 0) >= top[1] or top[1] < 2):
            return dateline
        if top is not None and top[1] >= 2 and top[1] >= 0.6 * total:
            return top[0]
        return None

    def _sentence_countries(self, mentions: list[_M]) -> dict[int, list[str]]:
        """Sentence -> the countries it names as places or state actors (not a nationality of people:
        "Americans" own no police), and the organisations of a known country, in text order."""
        if self._sent_countries is None:
            found: list[tuple[int, str]] = []  # (token, country)
            for m in mentions:
                if not m.country or m.method not in ("alias", "role", "coref", "ner"):
                    continue
                if m.kind == "country" and m.sector in ("CVL", "REF"):
                    continue
                if m.kind not in ("country", "organization", "group") and m.method != "role":
                    continue
                found.append((m.i, m.country))
            covered = {x for m in mentions for x in range(m.i, m.j)}
            placed = {x for m in mentions if m.country for x in range(m.i, m.j)}
            for i, j, label in self.ents:
                if label == "ORG" and i not in covered:  # not resolved yet ("the Somali Military Command")
                    country, _ = self.org_country_sector(i, j, self.raw_by_start)
                elif label == "GPE" and i not in placed:  # a city or US state the registry does not hold
                    country = _city_country(self.span_text(i, j))
                else:
                    continue
                if country:
                    found.append((i, country))
            table: dict[int, list[str]] = {}
            for i, country in sorted(found):
                table.setdefault(self.sentence_of(self.idx[i]), []).append(country)
            self._sent_countries = table
        return self._sent_countries

    def _prior_bodies(self, i: int, mentions: list[_M]) -> list[_M]:
        """Bodies of a known country named before token i ("Pakistan's parliament", "the U.S. Senate
        committee"), in text order."""
        return sorted((m for m in mentions if m.i < i and m.country and m.label == "ORG" and m.sector
                       and m.kind in ("country", "organization") and m.method in ("alias", "ner", "coref")),
                      key=lambda m: m.i)

    def local_country(self, i: int, mentions: list[_M], body: tuple[str, ...] | None = None,
                      sector: str | None = None) -> tuple[str | None, float]:
        """The country of a generic agent or institution at token i that names none ("the police",
        "officials", "the parliament"), read like a careful reader would, with a confidence:

        1. a body (``body``: its words) the story named before with its country and the same head
           word ("the full Senate" after "the U.S. Senate committee");
        2. the one country its sentence names (places and state actors, not nationalities of people);
        3. a body of that sector (``sector``) named before, when all such bodies are of one country
           ("the legislature" after "U.S. lawmakers" and "the U.S. Congress");
        4. the one country of the nearest earlier sentence of its paragraph that names any;
        5. the story's country (:meth:`context_country`: its dateline, or one dominant country).

        A sentence (or the nearest paragraph sentence) about two countries or more gives the story's
        country when it is one of them, else no country: it is not guessed at."""
        left = next((m for m in mentions if m.j == i and m.country and m.kind == "country"), None)
        if left is not None:  # "Brazilian Senate committee": the nationality just before it
            return left.country, 0.7
        prior = self._prior_bodies(i, mentions) if body else []
        if body:
            same = [m for m in prior if body[-1] in {self.word(x) for x in range(m.i, m.j)}]
            if same:
                return same[-1].country, 0.6
        table = self._sentence_countries(mentions)
        s = self.sentence_of(self.idx[i])
        here = set(table.get(s, ()))
        if body and here:
            here -= self._target_countries(s, here, mentions)
        if len(here) == 1:
            return next(iter(here)), 0.5
        if body and sector:
            owners = {m.country for m in prior if m.sector == sector}
            if len(owners) == 1:
                return next(iter(owners)), 0.5
        ctx: str | None | bool = False
        if len(here) > 1:
            ctx = self.context_country(mentions)
            return (ctx, 0.4) if ctx in here else (None, 0.35)
        if not here and self.a.sentences:
            para = self.a.sentences[s].paragraph
            for k in range(s - 1, max(s - 4, -1), -1):
                if self.a.sentences[k].paragraph != para:
                    break
                before = set(table.get(k, ()))
                if len(before) == 1:
                    return next(iter(before)), 0.45
                if before:
                    ctx = self.context_country(mentions)
                    return (ctx, 0.4) if ctx in before else (None, 0.35)
        if ctx is False:
            ctx = self.context_country(mentions)
        return (ctx, 0.45) if isinstance(ctx, str) and ctx else (None, 0.35)

    def _target_countries(self, s: int, here: set[str], mentions: list[_M]) -> set[str]:
        """Countries of sentence s named only as the object of a target preposition ("measures against
        Turkey"): the target of an act, not the owner of a body in that sentence."""
        owner: set[str] = set()
        target: set[str] = set()
        for m in mentions:
            if m.country not in here or m.kind != "country" or self.sentence_of(self.idx[m.i]) != s:
                continue
            head = self.toks[m.j - 1].head
            if self.toks[m.j - 1].dep_ == "pobj" and head.lower_ in self.pat.target_prepositions:
                target.add(m.country)
            else:
                owner.add(m.country)
        return target - owner

    def _agent_table(self) -> tuple[dict[tuple[str, ...], str], dict[str, int]]:
        """Phoenix's generic agents overlaid with the body and noun words of patterns.yaml (those win)."""
        cached = getattr(self.pat, "_agent_table", None)
        if cached is not None:
            return cached
        agents, _ = load_agents()
        table = dict(agents)
        for d in (self.pat.noun_sectors, self.pat.bodies):
            for k, v in d.items():
                if v:
                    table[k] = v
        first: dict[str, int] = {}
        for k in table:
            if first.get(k[0], 0) < len(k):
                first[k[0]] = len(k)
        cached = (table, first)
        self.pat._agent_table = cached  # type: ignore[attr-defined]
        return cached

    def agent_mentions(self, mentions: list[_M], used: list[bool], titles: list[_Title]) -> list[_M]:
        """Generic agents alone ("soldiers", "the police", "protesters"): Phoenix's agents dictionary
        and the body words of patterns.yaml.  A definite one already named with its country ("the
        army" after "Myanmar's army") is that body again; another definite one already named is left
        to coreference ("the diplomats" said); otherwise the country is the story's, where that is safe
        (:meth:`context_country`), else none."""
        agents, first = self._agent_table()
        if not agents:
            return []
        blocked = list(used)
        for t in titles:
            for x in range(t.pi, t.pj):
                blocked[x] = True
        bodies: dict[str, _M] = {}  # last word of a country's body mention -> the latest one
        for m in sorted(mentions, key=lambda m: m.i):
            if m.kind == "country" and m.label == "ORG" and m.j - m.i >= 1 and m.sector:
                w = self.word(m.j - 1)
                if w:
                    bodies.setdefault(w, m)
        out: list[_M] = []
        words, wtok = self.words, self.wtok
        nw = len(words)
        firstpos: dict[str, int] = {}
        for q, w in enumerate(words):
            if w in self.pat.stance_agents and q + 1 < nw and words[q + 1] == "to":
                continue  # "their opposition to ...": no one named
            firstpos.setdefault(w, q)
        p = 0
        while p < nw:
            got = self.longest_at(p, first, lambda seg, _p: agents.get(seg))
            if got is None and words[p] in self.pat.group_anaphors:
                got = (1, (words[p],), "")
            if got is None:
                p += 1
                continue
            n, seg, sec = got
            i, j = wtok[p], wtok[p + n - 1] + 1
            p += n
            if seg[-1] in self.pat.group_anaphors and self.word(self._count_start(i) - 1) == "the" and \
                    not blocked[i] and (j >= self.n or self.toks[j].pos_ not in ("NOUN", "PROPN")):
                i = self._count_start(i)
                prev = self.prior_group(i, [*mentions, *out], sec if len(seg) > 1 else
                                        self.pat.group_anaphor_sectors.get(seg[-1]))
                if prev is not None:  # "the group" claimed it: the armed group or party named before
                    out.append(_M(i, j, "ORG", kind=prev.kind, actor_id=prev.actor_id, name=prev.name,
                                  country=prev.country, sector=prev.sector, method="coref", confidence=0.5))
                    for x in range(i, j):
                        used[x] = True
                    continue
            if " ".join(seg) in _AGENT_STOPS_K or sec not in _AGENT_ALONE or \
                    (self.word(i - 1), seg[0]) in _THING_COMPOUNDS:
                continue
            if seg not in self.pat.bodies and seg not in self.pat.noun_sectors and \
                    seg[-1] not in _COLLECTIVE_K and not seg[-1].endswith(_PERSON_ENDINGS):
                continue  # "missiles", "prison": things and places, not actors
            if any(blocked[x] for x in range(i, j)) or self.texts[i][:1].isupper() and i > 0 and \
                    not self.toks[i].is_sent_start:
                continue  # "the Army Corps", a capitalised name: not a generic agent
            if i > 0 and used[i - 1] and self.matches_by_end.get(i) is not None:
                continue  # "Belarusian journalists": the country word already took the noun's sector
            last = self.toks[j - 1]
            if last.pos_ not in ("NOUN", "PROPN") or (j < self.n and self.toks[j].pos_ in ("NOUN", "PROPN")
                                                      and self.word(j) not in self.pat.body_act_nouns):
                continue  # "police station" (but "the army offensive")
            if any(self.ent_of[x] >= 0 and self.ents[self.ent_of[x]][2] in _BLOCKING_ENTS | {"PERSON"}
                   for x in range(i, j)):
                continue
            if self.word(i - 1) in _PAST_MODS_K or self.word(i - 2) in _PAST_MODS_K and self.word(i - 1) == "-":
                continue  # "former soldiers" are no longer the army
            if " ".join(seg) in self.pat.stance_agents and self.word(j) == "to":
                continue  # "their opposition to the plan": a stance
            if self.word(i - 1) in ("the", "these", "those", "its", "their"):
                prev = bodies.get(seg[-1])
                if prev is not None and prev.i < i:
                    out.append(_M(i, j, "ORG", kind="country", actor_id=prev.actor_id, name=prev.name,
                                  country=prev.country, sector=prev.sector, method="coref",
                                  confidence=0.6))
                    for x in range(i, j):
                        used[x] = True
                    continue
                same = [x for x in (*mentions, *out) if x.i < i and x.country and x.label == "ORG" and
                        x.kind in ("group", "organization") and self.word(x.j - 1) == seg[-1]
                        and (x.sector in _STATE_SECTORS or seg[-1] not in _kw(x.name or ""))]
                # ("the police" after "the Haitian National Police", but "the army" is no "... Liberation Army")
                if same:  # "the militants" after "al-Shabab militants": the same group again
                    prev = max(same, key=lambda x: x.i)
                    out.append(_M(i, j, "ORG", kind=prev.kind, actor_id=prev.actor_id, name=prev.name,
                                  country=prev.country, sector=prev.sector, method="coref", confidence=0.5))
                    for x in range(i, j):
                        used[x] = True
                    continue
                if firstpos.get(seg[-1], p) < p - n:
                    back = self.named_before(wtok[firstpos[seg[-1]]], sec, [*mentions, *out])
                    if back is not None:  # "diplomats from the G7 ... the diplomats said": the G7's
                        back.i, back.j = i, j
                        out.append(back)
                        for x in range(i, j):
                            used[x] = True
                    continue  # "the diplomats" said: the ones named before (left to the quote/coref passes)
            named = self.named_with(j - 1, sec, mentions)
            if named is not None:  # "soldiers from Kenya", "diplomats from the Group of Seven"
                named.i = i
                out.append(named)
                for x in range(i, j):
                    used[x] = True
                continue
            if sec in _STATELESS_AGENTS:
                country, conf = None, 0.4
            else:
                country, conf = self.local_country(i, mentions, seg if seg in self.pat.bodies else None, sec)
            m = _M(i, j, "ORG", kind="group", name=self.span_text(i, j), country=country, sector=sec,
                   method="agent", confidence=conf)
            out.append(m)
            for x in range(i, j):
                used[x] = True
        return out

    def short_reference(self, i: int, j: int, mentions: list[_M]) -> _M | None:
        """A one-word name that is the last word of an organisation named before ("the Fund" after
        "the International Monetary Fund", "the Journal" after "The Wall Street Journal"): that one."""
        if j - i != 1:
            return None
        w = self.word(i)
        if not w:
            return None
        cands = [m for m in mentions if m.i < i and m.actor_id and m.name and m.kind in ("organization", "group")
                 and not m.actor_id.startswith("country:") and m.j - m.i > 1 and _kw(m.name)[-1:] == (w,)]
        if len({m.actor_id for m in cands}) != 1:
            return None
        prev = max(cands, key=lambda m: m.i)
        return _M(i, j, "ORG", kind=prev.kind, actor_id=prev.actor_id, name=prev.name, country=prev.country,
                  sector=prev.sector, method="coref", confidence=0.55)

    def _generic(self, m: _M, named: _M) -> bool:
        """An agent that may stand for a named group beside it: unidentified armed forces ("the
        militia"), or a bare agent of the group's own sector ("the rebels, the X Front")."""
        return m.sector == "UAF" or m.kind == "group" and m.actor_id is None and m.method == "agent" and \
            m.sector == named.sector

    def _named_group(self, m: _M) -> bool:
        return bool(m.actor_id) and m.kind in ("group", "organization") and m.sector != "UAF" and \
            not (m.actor_id or "").startswith("country:") and m.method in ("alias", "coref")

    def appositive_groups(self, mentions: list[_M]) -> None:
        """A generic agent in apposition to a named group is that group ("the Syrian Kurdish militia,
        the YPG," / "the YPG, a Kurdish militia")."""
        for a, b in zip(mentions, mentions[1:], strict=False):
            if a.pending or b.pending:
                continue
            gap = self.text[a.end:b.start].strip().lower()
            if gap not in (",", ", the", ", a", ", an"):
                continue
            for gen, named in ((a, b), (b, a)):
                if self._named_group(named) and self._generic(gen, named):
                    gen.kind, gen.actor_id, gen.name = named.kind, named.actor_id, named.name
                    gen.country, gen.sector = named.country, named.sector
                    gen.method, gen.confidence = "coref", 0.55
                    break

    def perpetrators(self, mentions: list[_M]) -> None:
        """Gunmen, attackers, militants with no group of their own, in a story that names one armed
        group (REB) and no other: that group (when the context gave them a country, of that country)."""
        groups = {m.actor_id: m for m in mentions if self._named_group(m) and m.sector == "REB"}
        if len(groups) != 1:
            return
        group = next(iter(groups.values()))
        for m in mentions:
            if m.actor_id is None and m.method == "agent" and m.kind == "group" and \
                    self.word(m.j - 1) in self.pat.armed_group_agents and m.country in (None, group.country) and \
                    not any(x.j == m.i and x.kind == "country" for x in mentions) and \
                    not (m.i > 0 and self.texts[m.i - 1][:1].isupper() and not self.toks[m.i - 1].is_sent_start):
                # ("IS Sahel militants" are another group's)
                m.kind, m.actor_id, m.name = group.kind, group.actor_id, group.name
                m.country, m.sector = group.country, group.sector
                m.method, m.confidence = "coref", 0.45

    def named_with(self, k: int, sector: str, mentions: list[_M]) -> _M | None:
        """The actor an agent noun at token k was first named with: "diplomats from the Group of
        Seven", "officials of the African Union" (the IGO itself; a country's: that country's
        body of the agent's sector), as a coreference mention to place elsewhere."""
        q = k + 1
        if self.word(q) not in ("from", "of"):
            return None
        q += 1
        if self.word(q) == "the":
            q += 1
        src = next((m for m in mentions if m.i == q and m.actor_id and m.kind in ("country", "organization", "group")
                    and m.sector in ("GOV", "IGO") and not m.pending), None)
        if src is None or src.j < self.n and (self.toks[src.j].pos_ in ("NOUN", "PROPN") or
                                              self.texts[src.j] in _POSSESSIVE_TOKENS):
            return None  # "intelligence from U.N. member states", "opposition from China's mission"
        igo = src.sector == "IGO"
        return _M(k, k + 1, "ORG", kind=src.kind if igo else "country", actor_id=src.actor_id, name=src.name,
                  country=src.country, sector="IGO" if igo else sector, method="coref", confidence=0.5)

    def named_before(self, k: int, sector: str, mentions: list[_M]) -> _M | None:
        """What an agent noun first named at token k was named with (:meth:`named_with`), else the
        country of the mention around it ("Somali government soldiers" ... "the government's"):
        the same agent later, as a coreference mention to place elsewhere."""
        got = self.named_with(k, sector, mentions)
        if got is not None:
            return got
        around = next((m for m in mentions if m.i <= k < m.j and m.country and not m.pending
                       and m.kind in ("country", "group", "organization") and m.label == "ORG"), None)
        if around is None:
            return None
        state = around.kind == "country"
        return _M(k, k + 1, "ORG", kind="country" if state else "group", actor_id=around.actor_id if state else None,
                  name=around.name if state else self.texts[k], country=around.country, sector=sector,
                  method="coref", confidence=0.45)

    def region_bodies(self, mentions: list[_M], used: list[bool]) -> list[_M]:
        """A region's name for a body the story names (patterns.yaml ``region_bodies``): "Europe
        retaliated" after "the EU levied tariffs" is the EU; "in Europe", "Eastern Europe" stay places."""
        if not self.pat.region_bodies:
            return []
        named = {m.actor_id: m for m in mentions if m.actor_id}
        out: list[_M] = []
        for i in range(self.n):
            body = self.pat.region_bodies.get(self.word(i)) if self.texts[i][:1].isupper() else None
            if body is None or used[i] or body not in named:
                continue
            k = self.ent_of[i]
            if k >= 0 and self.ents[k][1] - self.ents[k][0] > 1:
                continue  # "Eastern Europe", "Europe Day"
            if self.word(i - 1) in self.pat.region_place_words or \
                    i + 1 < self.n and self.toks[i + 1].pos_ in ("NOUN", "PROPN"):
                continue
            src = named[body]
            out.append(_M(i, i + 1, "ORG", kind=src.kind, actor_id=src.actor_id, name=src.name,
                          country=src.country, sector=src.sector, method="coref", confidence=0.5))
            used[i] = True
        return out

    def _count_start(self, i: int) -> int:
        """Where a count joined to the noun at token i starts ("27-nation" in "the 27-nation bloc"), else i."""
        if i >= 3 and self.word(i - 1) in self.pat.group_count_words and self.texts[i - 2] in _DASHES and \
                self.texts[i - 3].isdigit():
            return i - 3
        return i

    def prior_group(self, i: int, mentions: list[_M], sector: str | None = None) -> _M | None:
        """The latest group or organisation the registry knows, named before token i in the same or
        the two paragraphs before ("the group" after "al-Shabab claimed the attack"); of that
        sector when the noun says one ("the rebel group")."""
        p = self.para_of(self.idx[i])
        cands = [m for m in mentions if m.i < i and m.actor_id and m.kind in ("group", "organization")
                 and not m.actor_id.startswith("country:") and self.para_of(self.idx[m.i]) >= p - 2
                 and (sector is None or m.sector == sector)]
        return max(cands, key=lambda m: m.i) if cands else None

    def agent_after(self, j: int) -> int | None:
        """The end of a generic agent for people right after token j-1 that ends its noun phrase
        ("militants" in "al-Shabab militants said"), else None."""
        if j >= self.n or self.first_word[j] < 0 or self.texts[j][:1].isupper():
            return None
        agents, first = self._agent_table()
        got = self.longest_at(self.first_word[j], first, lambda seg, _p: agents.get(seg))
        if got is None:
            return None
        n, seg, sec = got
        end = self.wtok[self.first_word[j] + n - 1] + 1
        if sec not in _AGENT_ALONE or not (seg[-1] in _COLLECTIVE_K or seg[-1].endswith(_PERSON_ENDINGS)) or \
                self.toks[end - 1].pos_ != "NOUN" or (end < self.n and self.toks[end].pos_ in ("NOUN", "PROPN")):
            return None
        return end

    def _phoenix_org_ok(self, m: _Match, h: Hit, e: Entry) -> bool:
        """A converted Phoenix organisation needs support in the text: an acronym ("NTA") only where
        the story names its country (or, for one with no country, where the model calls it an
        organisation); a name not inside a longer name ("Al Aqsa" in "the Al Aqsa Mosque")."""
        k = self.ent_of[m.i]
        ent = self.ents[k] if k >= 0 else None
        if ent is not None and ent[2] in ("FAC", "ORG", "LOC", "GPE"):
            after = [x for x in range(m.j, ent[1]) if self.texts[x] not in _POSSESSIVE_TOKENS]
            before = [x for x in range(ent[0], m.i) if self.word(x) != "the" and x not in self._anchor_starts
                      and self.matches_by_end.get(x + 1) is None]
            if any(self.texts[x][:1].isupper() for x in after + before):
                return False  # a word of a longer name ("the Al Aqsa Mosque")
        alias = h[2]
        if len(alias) <= 6 and alias.replace(".", "").isupper():
            if e.country:
                return bool(self.doc_countries().get(e.country))
            return ent is not None and ent[2] == "ORG"
        return True

    def _paragraph_initial(self, i: int) -> bool:
        p = self.para_of(self.idx[i])
        return bool(self.paras) and self.text[self.paras[p][0]:self.idx[i]].strip() == ""

    def body_after(self, j: int) -> tuple[int, str | None, bool] | None:
        """(end token, sector, is a body) of a body or sector noun phrase after a country word."""
        k = j
        if k < self.n and self.texts[k] in _POSSESSIVE_TOKENS:
            k += 1
        ws: list[tuple[str, int]] = []
        q = k
        while q < self.n and len(ws) < max(self.pat.body_max, self.pat.noun_max) and \
                self.toks[q].pos_ in ("NOUN", "PROPN", "ADJ") and "\n" not in self.texts[q] and \
                self.matches_by_start.get(q) is None:
            for w in _tok_words(self.texts[q]):
                ws.append((w, q))
            q += 1
        if not ws:
            return None
        for n in range(len(ws), 0, -1):
            phrase = tuple(w for w, _ in ws[:n])
            if phrase in self.pat.bodies:
                end = ws[n - 1][1] + 1
                if end >= self.n or self.toks[end].pos_ not in ("NOUN", "PROPN") or \
                        self.word(end) in self.pat.body_act_nouns:  # "a Turkish court ruling"
                    return end, self.pat.bodies[phrase], True
        for a in range(len(ws)):
            for n in range(len(ws) - a, 0, -1):
                phrase = tuple(w for w, _ in ws[a:a + n])
                if phrase in self.pat.noun_sectors and a + n == len(ws):
                    return ws[a + n - 1][1] + 1, self.pat.noun_sectors[phrase], False
        # a generic agent ending the noun run ("Pakistani soldiers", "U.S. senators", "Afghan army
        # officers"): the country's body of that sector
        agents, _ = load_agents()
        end = ws[-1][1] + 1
        if end >= self.n or self.toks[end].pos_ not in ("NOUN", "PROPN"):
            for a in range(len(ws)):
                sec = agents.get(tuple(w for w, _ in ws[a:]))
                if sec is not None and sec != "ELI":
                    return end, sec, True
        return None

    # ---- syntax

    def is_subject(self, i: int, j: int) -> bool:
        root = None
        for x in range(i, j):
            h = self.toks[x].head.i
            if not i <= h < j or h == x:
                root = self.toks[x]
                break
        if root is None:
            return False
        tok = root
        for _ in range(4):
            if tok.dep_ in _SUBJECT_DEPS:
                return True
            if tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i:
                tok = tok.head
                continue
            return False
        return False

    # ---- text-order pass: pronouns, bare roles, counterparts

    def mention_gender(self, m: _M) -> str | None:
        """'m' / 'f' from a word right before a person's name or in its title ("Mrs.", "spokeswoman",
        "Queen"), else from a common first name; None when nothing says."""
        for k in (m.i - 1, m.i - 2):
            w = self.word(k)
            if w and (w,) in self.pat.gender_words:
                return self.pat.gender_words[(w,)]
            if w not in ("", "the") and k == m.i - 1 and self.texts[k] != ".":
                break
        if m.title is not None:
            g = self.pat.gender_words.get(_kw(m.title.spec.text))
            if g:
                return g
        if m.label == "PERSON":
            words = [w for x in range(m.i, m.j) for w in _tok_words(self.texts[x])]
            if len(words) >= 2:
                return self.pat.first_names.get(words[0])
        return None

    def genders(self, mentions: list[_M]) -> dict[str, str]:
        """Gender evidence per person actor of the document (a conflict leaves it unknown)."""
        out: dict[str, str] = {}
        bad: set[str] = set()
        for m in mentions:
            if m.kind != "person" or not m.actor_id or m.pending == "pron":
                continue
            g = self.mention_gender(m)
            if g is None:
                continue
            if out.get(m.actor_id, g) != g:
                bad.add(m.actor_id)
            out[m.actor_id] = g
        for b in bad:
            out.pop(b, None)
        return out

    def text_order_pass(self, mentions: list[_M]) -> None:
        self._genders = self.genders(mentions)
        pool: list[_M] = []
        for m in mentions:
            if m.pending == "pron":
                ante = self.antecedent(m, pool)
                if ante is not None:
                    self.copy_person(m, ante, "coref", 0.6 if m.pron_kind != "object" else 0.5)
                    pool.append(m)
                    w = self.lower(m.i)
                    g = "m" if w in ("he", "him", "his", "himself") else "f" if w in ("she", "her", "herself") \
                        else None
                    if g and m.actor_id and m.actor_id not in self._genders:
                        self._genders[m.actor_id] = g  # the pronouns agree from then on
                continue
            if m.pending == "role":
                ante = self.role_antecedent(m, pool)
                if ante is not None:
                    self.copy_person(m, ante, "coref", 0.55)
                    m.role = m.title.spec.role if m.title is not None else m.role
                    pool.append(m)
                else:
                    m.method, m.confidence = "role", 0.2
                    self.role_in_context(m, mentions)
                continue
            if m.pending == "title":
                m.pending = None
                ante = self.title_antecedent(m, pool)
                if ante is not None:
                    self.copy_person(m, ante, "coref", 0.55)
                    pool.append(m)
                else:
                    m.country, conf = self.local_country(m.i, mentions, None, m.sector)
                    m.confidence = min(conf, 0.35)
                continue
            if m.pending == "counterpart":
                self.counterpart(m, mentions, pool)
                if m.actor_id is not None:
                    pool.append(m)
                continue
            if m.kind == "person" and m.actor_id is not None:
                pool.append(m)

    def role_in_context(self, m: _M, mentions: list[_M]) -> None:
        """A bare role no earlier person holds ("the president said") is the holder in the country of
        its context (:meth:`local_country`) on its date, where the registry knows one."""
        role = m.title.spec.role if m.title is not None else m.role
        if not role or (m.title is not None and m.title.spec.sector not in (None, "GOV", "MIL", "LEG", "JUD")):
            return
        country, conf = self.local_country(m.i, mentions)
        if country is None:
            return
        on = self.date_at(m.start)
        holder = self.reg.holder(role, country, on)
        if holder is None:
            return
        self.fill_from_entry(m, holder, on)
        m.kind, m.role = "person", role
        m.method, m.confidence = "role", min(conf, 0.45)

    def copy_person(self, m: _M, src: _M, method: str, conf: float) -> None:
        m.actor_id, m.name, m.entry = src.actor_id, src.name, src.entry
        m.kind = "person"
        on = self.date_at(m.start)
        if src.entry is not None:
            st = self.reg.state(src.entry.id, on)
            if st is not None and (st.sector is not None or src.sector is None):
                m.country, m.sector, m.role = st.country, st.sector, st.role or st.role_title
            else:
                m.country, m.sector, m.role = src.country, src.sector, src.role
        else:
            m.country, m.sector, m.role = src.country, src.sector, src.role
        m.method, m.confidence = method, conf

    def in_quote(self, offset: int) -> bool:
        """Whether a character offset lies inside quotation marks (curly or straight, per paragraph)."""
        if self._quote_spans is None:
            spans: list[tuple[int, int]] = []
            for ps, pe in self.paras:
                open_at = -1
                for x in range(ps, min(pe, len(self.text))):
                    c = self.text[x]
                    if c == "“" or (c == '"' and open_at < 0):
                        open_at = x
                    elif (c == "”" or c == '"') and open_at >= 0:
                        spans.append((open_at, x))
                        open_at = -1
            self._quote_spans = spans
            self._quote_starts = [a for a, _ in spans]
        k = bisect_right(self._quote_starts, offset) - 1
        return k >= 0 and self._quote_spans[k][0] < offset < self._quote_spans[k][1]

    def antecedent(self, m: _M, pool: list[_M]) -> _M | None:
        word = self.lower(m.i) if m.j == m.i + 1 else ""
        want = "m" if word in ("he", "him", "his", "himself") else "f" if word in ("she", "her", "hers",
                                                                                      "herself") else None
        if want is not None and self._genders:
            pool = [x for x in pool if self._genders.get(x.actor_id or "", want) == want]
        if not pool:
            return None
        s = self.sentence_of(m.start)
        p = self.para_of(m.start)

        def agreeing(xs: list[_M]) -> list[_M]:
            """Of one sentence's persons, those known to agree when there are any ("X met Jane Y.
            She said": Jane, not the subject whose gender nothing tells)."""
            known = [x for x in xs if want is not None and self._genders.get(x.actor_id or "") == want]
            return known or xs

        same = agreeing([x for x in pool if self.sentence_of(x.start) == s and x.end <= m.start])
        kind = m.pron_kind
        if kind == "subject" and self.toks[m.i].head.dep_ == "parataxis":
            same = []  # "X, he said, was ...": the speaker is someone else
        if kind in ("subject", "possessive", "reflexive"):
            subj = [x for x in same if x.subject]
            if subj:
                return subj[-1]
            if kind != "subject" and same:
                return same[-1]
        elif same:
            others = [x for x in same if not x.subject]
            if others:
                return others[-1]
        for back in (1, 2):
            k = s - back
            if k < 0:
                break
            if self.a.sentences and self.a.sentences[k].paragraph != p:
                break
            prev = agreeing([x for x in pool if self.sentence_of(x.start) == k])
            subj = [x for x in prev if x.subject]
            outside = [x for x in subj if not self.in_quote(x.start)]
            if outside:  # the speaker of a quote, not a name inside it
                return outside[0]
            if subj:
                return subj[0]
            if prev:
                return prev[-1]
        last = pool[-1]
        if self.para_of(last.start) < p - 3:
            return None
        return last

    def title_antecedent(self, m: _M, pool: list[_M]) -> _M | None:
        """The latest person named before with the same title ("Judge X ... the judge said"), in the
        same or the previous three paragraphs."""
        assert m.title is not None
        p = self.para_of(self.idx[m.i])
        for x in reversed(pool):
            if x.title is not None and x.title.spec.text == m.title.spec.text and x.i < m.i and \
                    self.para_of(self.idx[x.i]) >= p - 3:
                return x
        return None

    def role_antecedent(self, m: _M, pool: list[_M]) -> _M | None:
        role = m.title.spec.role if m.title is not None else m.role
        for x in reversed(pool):
            if x.role == role or (x.role and role and x.role.startswith(role)):
                return x
        return None

    def counterpart(self, m: _M, mentions: list[_M], pool: list[_M]) -> None:
        t = m.title
        assert t is not None
        pron = next((x for x in mentions if x.pending == "pron" and x.i == m.i - 1), None)
        ante = pron if pron is not None and pron.actor_id else self.antecedent(
            _M(m.i, m.j, "PRON", start=m.start, end=m.end, pron_kind="possessive"), pool)
        if ante is None:
            return
        on = self.date_at(m.start)
        role = ante.role
        if ante.entry is not None:
            st = self.reg.state(ante.entry.id, on)
            role = st.role if st is not None and st.role else role
        a = t.anchor
        if not role or a is None or a.kind != "country":
            return
        holder = self.reg.holder(role, a.country or "", on)
        if holder is None and role == "president":
            holder = self.reg.holder("leader", a.country or "", on)
        m.role = role
        m.country = a.country
        if holder is not None:
            self.fill_from_entry(m, holder, on)
            m.kind = "person"
            m.method, m.confidence = "role", 0.7


def _neg(s: str) -> str:
    """A string that sorts in the reverse order of ``s`` (for ISO dates)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in s)
