"""Typed records shared by every stage of the pipeline.

Each stage reads and writes these dataclasses and nothing else: ingest makes
:class:`Document`, the nlp stage adds :class:`Sentence` and :class:`Mention`,
the actor stage resolves mentions to :class:`ActorRef`, the event and quote
stages add :class:`Event` and :class:`Quote`, the story linker groups events
into :class:`Story`.  All of them are plain, picklable and JSON-serialisable
(see :func:`to_dict`), so they travel between processes and engines unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["decade", "year", "quarter", "month", "week", "day"]
Certainty = Literal["asserted", "hedged", "planned", "negated"]
DateSource = Literal["text", "published", "inferred"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(*parts: object, n: int = 16) -> str:
    """A deterministic short id from its parts (same input, same id, any run, any machine)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:n]


@dataclass(slots=True)
class Document:
    """One article as ingested: its text and metadata."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO-8601 date or datetime
    path: str | None = None  # where it was read from
    format: str | None = None  # txt | html | json | jsonl | stdin
    sha256: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = sha256_text(self.text)

    def fingerprint(self) -> str:
        """Hash of the text and the metadata: a change in either means the document changed."""
        return stable_id(self.sha256, self.title, self.source, self.url, self.published, n=40)

    def merge(self, other: Document) -> None:
        """Fill metadata this document lacks from another version of the same text.

        A title given explicitly (JSON, HTML) beats one guessed from a .txt's first line.
        """
        for f in ("title", "source", "url", "published"):
            if getattr(self, f) is None and getattr(other, f) is not None:
                setattr(self, f, getattr(other, f))
        if self.format == "txt" and other.format in ("json", "jsonl", "html") and other.title:
            self.title = other.title

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass(slots=True)
class Reject:
    """An input that was not stored, and why."""

    path: str
    reason: str
    kind: str  # binary | empty | too-large | encoding | json | date | language | duplicate | error
    doc_id: str | None = None
    sha256: str | None = None
    detail: str | None = None


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class ActorRef:
    """An actor as it takes part in one event or speaks one quote."""

    actor_id: str | None
    name: str | None
    text: str  # surface form in the sentence
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Mention:
    """A span of text that refers to an actor, resolved (or not) to a canonical one."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str  # PERSON | GPE | NORP | ORG | ROLE | PRON | ...
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # person | country | organization | group
    role: str | None = None
    method: str | None = None  # how it was resolved: alias | surname | role | coref | ner | new
    confidence: float = 0.0

    def ref(self) -> ActorRef:
        return ActorRef(self.actor_id, self.name, self.text, self.country, self.sector)


@dataclass(slots=True)
class Actor:
    """A canonical actor: one line of actors.jsonl."""

    actor_id: str
    name: str
    kind: str  # person | country | organization | group
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class TimeExpr:
    """A time expression found in text, resolved to ISO at its precision."""

    text: str
    value: str | None  # "2018", "2018-01", "2018-01-16" or None when unresolvable
    precision: Precision | None
    start: int
    end: int
    relative: bool = False  # resolved against the publication date
    date_end: str | None = None  # a range's last day/month/year ("March 15-20" -> "...-03-20"), same format as value
    approximate: bool = False  # hedged ("about three weeks ago", "around 2015")


@dataclass(slots=True)
class Amount:
    value: float
    unit: str  # ISO 4217 currency or a noun
    text: str


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Event:
    id: str
    doc_id: str
    event: str  # PLOVER type
    actor: list[ActorRef]
    recipient: list[ActorRef]
    event_text: str
    start: int
    end: int
    sentence: int = 0
    mode: str | None = None
    context: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_source: DateSource = "published"
    event_loc: Place | None = None
    certainty: Certainty = "asserted"
    amounts: list[Amount] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)
    story_id: str | None = None
    confidence: float = 0.5
    trigger: str | None = None  # the word that carries the event
    method: str = "rules"  # how it was coded: rules (verbs.yaml, CAMEO) | learned (events/learned.py)
    trigger_start: int | None = None  # where the trigger word starts in the document text (characters)

    def trigger_offset(self) -> int | None:
        """Where the trigger word starts in ``event_text``; None without a kept offset or outside it."""
        if self.trigger_start is None or not 0 <= self.trigger_start - self.start < len(self.event_text):
            return None
        return self.trigger_start - self.start


@dataclass(slots=True)
class Quote:
    id: str
    doc_id: str
    text: str
    start: int
    end: int
    speaker: ActorRef | None = None
    cue: str | None = None
    sentence: int = 0
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    field: str  # date | location | amount | actor | recipient | event
    values: list[dict[str, Any]]  # [{"value": ..., "doc_ids": [...]}]


@dataclass(slots=True)
class Story:
    id: str
    event: str
    date: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    event_ids: list[str]
    doc_ids: list[str]
    sources: int
    summary: str
    conflicts: list[Conflict] = field(default_factory=list)
    place: str | None = None


@dataclass(slots=True)
class Analysis:
    """Everything the per-document stages found in one document.

    This is the unit that flows through the pipeline (like spaCy's ``Doc``):
    each stage reads what earlier stages wrote and adds its own part.
    """

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    spacy_doc: Any = field(default=None, repr=False, compare=False)  # never pickled

    def __getstate__(self) -> dict[str, Any]:
        return {f.name: (None if f.name == "spacy_doc" else getattr(self, f.name))
                for f in dataclasses.fields(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)


def to_dict(record: Any) -> Any:
    """A record (or list of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)
                if f.name != "spacy_doc"}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record
