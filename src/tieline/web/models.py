"""Response models of the JSON API: they make the OpenAPI schema (``/openapi.json``) say exactly what
each endpoint returns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status code")
    message: str = Field(description="What went wrong, and what is accepted")
    param: str | None = Field(None, description="The request parameter at fault, if one is")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Quad(BaseModel):
    key: str
    label: str
    colour: str = Field(description="CSS colour of the PLOVER quad")


class Ref(BaseModel):
    actor_id: str | None = None
    name: str | None = None
    text: str | None = None
    country: str | None = None
    sector: str | None = None


class Source(BaseModel):
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None


class Stats(BaseModel):
    counts: dict[str, int]


class Dyad(BaseModel):
    a: str
    b: str
    a_name: str | None = None
    b_name: str | None = None
    stories: int
    events: int


class DyadStats(BaseModel):
    """What ``tieline dyad A B --format json`` prints, with the sides' names."""

    a: str
    b: str
    a_name: str | None = None
    b_name: str | None = None
    stories: int
    sources: int
    conflicts: int
    undated: int
    by_type: dict[str, int]
    by_year: dict[str, dict[str, int]]
    quads_by_year: dict[str, dict[str, int]]
    balance_by_year: dict[str, float | None]
    balance: float | None = Field(None, description="(cooperation - conflict) / (cooperation + conflict)")
    first: str | None = None
    last: str | None = None
    include: list[str] = Field(description="Certainties counted besides asserted")
    not_counted: dict[str, int] = Field(description="Stories left out, by certainty")


class EventType(BaseModel):
    type: str
    quad: Quad


class Outlet(BaseModel):
    source: str
    documents: int


class Facets(BaseModel):
    event_types: list[EventType]
    certainties: list[str]
    sources: list[Outlet]


class TimelineQuote(BaseModel):
    id: str
    text: str | None = None
    doc_id: str
    speaker: str | None = None
    speaker_id: str | None = None


class ConflictValue(BaseModel):
    value: Any = None
    doc_ids: list[str] = []
    titles: list[str] = []


class Conflict(BaseModel):
    field: str
    values: list[ConflictValue]


class Entry(BaseModel):
    story_id: str
    date: str | None = None
    shown: str
    event: str | None = None
    quad: Quad
    summary: str | None = None
    place: str | None = None
    events: int
    certainty: str | None = Field(None, description="The story's: the strongest among its events of the headline "
                                                    "type (asserted, planned, hedged, negated)")
    sources: list[Source]
    quote: TimelineQuote | None = None
    conflicts: list[Conflict]


class Timeline(BaseModel):
    a: str = Field(description="ISO-3 code of a country, or an actor's registry id")
    b: str
    a_name: str | None = None
    b_name: str | None = None
    a_kind: str = Field("country", description="country | actor")
    b_kind: str = "country"
    total: int
    limit: int
    offset: int
    items: list[Entry]


class Segment(BaseModel):
    text: str
    marks: list[str] = Field(description="event | date | trigger: what covers this piece of the sentence")


class Report(BaseModel):
    event_id: str
    event: str | None = None
    quad: Quad
    date: str | None = None
    shown: str
    date_text: str | None = None
    date_source: str | None = None
    certainty: str | None = None
    trigger: str | None = None
    sentence: int | None = None
    place: str | None = None
    actor: list[Ref]
    recipient: list[Ref]
    segments: list[Segment]


class SourceReports(Source):
    events: list[Report]


class QuoteItem(BaseModel):
    id: str
    doc_id: str
    text: str | None = None
    cue: str | None = None
    start: int | None = None
    end: int | None = None
    speaker: Ref | None = None


class StoryDetail(BaseModel):
    story_id: str
    event: str | None = None
    quad: Quad
    date: str | None = None
    shown: str
    summary: str | None = None
    place: str | None = None
    sources: int | None = None
    actor: list[Ref]
    recipient: list[Ref]
    conflicts: list[Conflict]
    reports: list[SourceReports]
    quotes: list[QuoteItem]


class ActorRow(BaseModel):
    actor_id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    mentions: int


class ActorList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorRow]


class Role(BaseModel):
    title: str | None = None
    role: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None


class RoleSeen(BaseModel):
    role: str | None = None
    country: str | None = None
    first: str | None = None
    last: str | None = None
    mentions: int


class TieType(BaseModel):
    event: str | None = None
    count: int
    quad: Quad


class Tie(BaseModel):
    actor_id: str
    name: str | None = None
    country: str | None = None
    events: int
    types: list[TieType]
    first: str | None = None
    last: str | None = None


class ActorDetail(BaseModel):
    actor_id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    country_name: str | None = None
    sector: str | None = None
    aliases: list[str]
    registry_roles: list[Role]
    roles_seen: list[RoleSeen]
    ties: list[Tie]
    counts: dict[str, int]


class ActorEvent(BaseModel):
    event_id: str
    doc_id: str
    event: str | None = None
    quad: Quad
    date: str | None = None
    shown: str
    certainty: str | None = None
    story_id: str | None = None
    side: str
    actor: list[Ref]
    recipient: list[Ref]
    text: str | None = None


class ActorEvents(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorEvent]


class ActorQuote(BaseModel):
    id: str
    doc_id: str
    text: str | None = None
    cue: str | None = None
    title: str | None = None
    published: str | None = None


class ActorQuotes(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorQuote]


class Hit(BaseModel):
    kind: str = Field(description="sentence | quote")
    doc_id: str
    start: int
    end: int
    text: str | None = None
    score: float | None = None
    title: str | None = None


class SearchResults(BaseModel):
    q: str
    kind: str | None = None
    limit: int
    offset: int
    has_more: bool
    items: list[Hit]


class Span(BaseModel):
    kind: str = Field(description="mention | event | quote")
    start: int
    end: int
    text: str | None = None
    label: str | None = None
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    role: str | None = None
    event_id: str | None = None
    event: str | None = None
    quad: Quad | None = None
    date: str | None = None
    certainty: str | None = None
    story_id: str | None = None
    trigger: str | None = None
    actor: list[Ref] | None = None
    recipient: list[Ref] | None = None
    quote_id: str | None = None
    speaker: Ref | None = None
    cue: str | None = None


class DocumentDetail(BaseModel):
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    status: str | None = None
    text: str
    spans: list[Span]
