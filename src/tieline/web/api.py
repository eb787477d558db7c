"""The JSON API (``/api/...``): one endpoint per page, each a checked call of :mod:`.queries`.

The HTML pages call these same functions, so what a page shows is what the API returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Path, Query, Request

from tieline.api import Tieline
from tieline.certainty import OPTIONAL
from tieline.report.timeline import Subject
from tieline.store import SQLStore
from tieline.web import models, queries
from tieline.web import params as P
from tieline.web.cache import Scoped, TTLCache

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorBody, "description": "A bad parameter (the message says which, and why)"},
    404: {"model": models.ErrorBody, "description": "No such story, actor, document or page"},
    503: {"model": models.ErrorBody, "description": "Every store connection stayed busy"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def get_store(request: Request) -> Iterator[SQLStore]:
    """A read-only store connection from the app's pool, for the length of one request."""
    with request.app.state.pool.store() as store:
        yield store


Store = Annotated[SQLStore, Depends(get_store)]


def get_cache(request: Request) -> TTLCache | None:
    """The app's cache of timeline selections (keyed on the store's generation where it is used)."""
    return getattr(request.app.state, "timeline_cache", None)


Cache = Annotated[TTLCache | None, Depends(get_cache)]
Limit = Annotated[int, Query(ge=1, le=P.MAX_LIMIT, description=f"Rows per page (1–{P.MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=P.MAX_OFFSET, description="Rows to skip")]
Country = Annotated[str, Path(min_length=1, max_length=60,
                              description="ISO-3 code (KAZ) or country name (Kazakhstan)")]
Side = Annotated[str, Path(min_length=1, max_length=120,
                           description="A country (ISO-3 code KAZ or name Kazakhstan) or a person (name, or "
                                       "registry id person:nursultan-nazarbayev)")]
DateQ = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Many = Annotated[list[str] | None, Query(description="Repeat the parameter or separate values by commas")]
Ident = Annotated[str, Path(min_length=1, max_length=300)]


@router.get("/stats", response_model=models.Stats, summary="Corpus counts")
def get_stats(store: Store) -> dict[str, Any]:
    return {"counts": queries.stats(store)}


Include = Annotated[list[str] | None, Query(description="Also count planned and/or hedged events "
                                                         "(negated ones never count)")]


@router.get("/dyads", response_model=list[models.Dyad], summary="Country pairs by number of stories")
def get_dyads(store: Store, limit: Annotated[int, Query(ge=1, le=P.MAX_LIMIT)] = 20,
              include: Include = None) -> list[dict[str, Any]]:
    return queries.top_dyads(store, limit, include=P.choices(include, OPTIONAL, "include"))


@router.get("/facets", response_model=models.Facets, summary="Values the timeline filters accept")
def get_facets(store: Store) -> dict[str, Any]:
    return queries.facets(store)


@router.get("/timeline/{a}/{b}", response_model=models.Timeline, summary="Stories between two sides")
def get_timeline(store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None,
                 event: Many = None, certainty: Many = None, source: Many = None,
                 min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
                 conflicts: Annotated[bool, Query(description="Only stories whose sources disagree")] = False,
                 limit: Limit = P.DEFAULT_LIMIT, offset: Offset = 0, cache: Cache = None) -> dict[str, Any]:
    """One page of the stories between ``a`` and ``b`` (countries or persons, as ``tieline timeline``
    takes them) in date order, with their sources, a quote and the conflicts between sources: the
    CLI's timeline, paged.  Filters: dates (``start``, ``end``: a story whose date overlaps them is
    kept), PLOVER ``event`` types of the headline, the story's ``certainty``, ``source`` outlets,
    ``min_sources``, ``conflicts``."""
    t = Tieline(store)
    scoped = Scoped(cache, store.generation()) if cache is not None else None
    sa, sb = _side(t, a, "a", scoped), _side(t, b, "b", scoped)
    first, last = P.period(start, end)
    P.window(limit, offset)
    return queries.timeline(
        store, sa, sb, start=first, end=last, events=P.choices(event, P.event_types(), "event", upper=True),
        certainty=P.choices(certainty, P.CERTAINTIES, "certainty"), sources=P.texts(source, "source"),
        min_sources=min_sources, conflicts_only=conflicts, limit=limit, offset=offset, cache=scoped)


def _side(t: Tieline, value: str, param: str, cache: Scoped | None) -> Subject:
    """:func:`tieline.web.params.side`, remembered for the store's generation (a name's meaning
    depends only on what the store holds)."""
    found = cache.get(("side", value)) if cache is not None else None
    if found is None:
        found = P.side(t, value, param)
        if cache is not None:
            cache.put(("side", value), found)
    return cast("Subject", found)


@router.get("/dyad/{a}/{b}", response_model=models.DyadStats, summary="Statistics of the ties between two sides")
def get_dyad(store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None,
             include: Include = None) -> dict[str, Any]:
    """What ``tieline dyad A B --format json`` prints: stories by type and year, PLOVER quads by
    year and the cooperation/conflict balance (negated stories never count; ``include`` counts
    planned and/or hedged ones too)."""
    t = Tieline(store)
    sa, sb = P.side(t, a, "a"), P.side(t, b, "b")
    first, last = P.period(start, end)
    st = t.dyad(sa, sb, start=first, end=last, include=P.choices(include, OPTIONAL, "include"))
    return st.to_dict() | {"balance": st.balance, "a_name": queries.side_name(sa),
                           "b_name": queries.side_name(sb), "a": sa.key, "b": sb.key}


@router.get("/stories/{story_id}", response_model=models.StoryDetail, summary="A story, every report of it")
def get_story(store: Store, story_id: Ident) -> dict[str, Any]:
    return queries.story(store, story_id)


@router.get("/actors", response_model=models.ActorList, summary="Actors, most mentioned first")
def get_actors(store: Store, q: Annotated[str | None, Query(max_length=100, description="Part of the name")] = None,
               country: Annotated[str | None, Query(max_length=60)] = None,
               limit: Limit = P.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    P.window(limit, offset)
    return queries.actors(store, (q or "").strip() or None, P.country(country, "country") if country else None,
                          limit, offset)


@router.get("/actors/{actor_id}", response_model=models.ActorDetail, summary="An actor: roles, ties")
def get_actor(store: Store, actor_id: Ident, include: Include = None) -> dict[str, Any]:
    return queries.actor(store, actor_id, include=P.choices(include, OPTIONAL, "include"))


@router.get("/actors/{actor_id}/events", response_model=models.ActorEvents, summary="An actor's events")
def get_actor_events(store: Store, actor_id: Ident, limit: Limit = P.DEFAULT_LIMIT,
                     offset: Offset = 0) -> dict[str, Any]:
    P.window(limit, offset)
    return queries.actor_events(store, actor_id, limit, offset)


@router.get("/actors/{actor_id}/quotes", response_model=models.ActorQuotes, summary="What an actor said")
def get_actor_quotes(store: Store, actor_id: Ident, limit: Limit = P.DEFAULT_LIMIT,
                     offset: Offset = 0) -> dict[str, Any]:
    P.window(limit, offset)
    return queries.actor_quotes(store, actor_id, limit, offset)


@router.get("/search", response_model=models.SearchResults, summary="Full-text search: sentences, quotes")
def get_search(store: Store, q: Annotated[str, Query(min_length=1, max_length=200)],
               kind: Literal["sentence", "quote"] | None = None,
               limit: Annotated[int, Query(ge=1, le=P.MAX_LIMIT)] = 20,
               offset: Annotated[int, Query(ge=0, le=P.MAX_SEARCH_WINDOW)] = 0) -> dict[str, Any]:
    """Sentences and quotes matching ``q``, best first (``offset + limit`` at most
    1000: ranked results are read from the top)."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in q).split())
    if not text:
        raise P.BadParam("q", "give some words to search for")
    P.window(limit, offset, cap=P.MAX_SEARCH_WINDOW)
    return queries.search(store, text, kind, limit, offset)


@router.get("/documents/{doc_id:path}", response_model=models.DocumentDetail,
            summary="An article with its extracted spans")
def get_document(store: Store, doc_id: Ident) -> dict[str, Any]:
    return queries.document(store, doc_id)
