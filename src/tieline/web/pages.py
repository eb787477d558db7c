"""The HTML pages: each one calls the same function as its ``/api`` endpoint and renders the result
with a template (``templates/*.html``, autoescaped: article text is always shown as text)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from tieline.api import Tieline
from tieline.certainty import OPTIONAL
from tieline.web import api, queries
from tieline.web import params as P
from tieline.web.api import Cache, DateQ, Ident, Include, Many, Side, Store
from tieline.words import count

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

_env = Environment(loader=PackageLoader("tieline.web", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def web_url(value: object) -> str | None:
    """A URL from an article, if it is one a link may point at (http or https), else None."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


def id_path(value: object) -> str:
    """An id as the path of an address (``/documents/{{ doc_id | id_path }}``): quoted as Jinja's
    ``urlencode`` quotes it, and with its slashes quoted too when a segment is empty, ``.`` or ``..``,
    which a browser would otherwise fold away ("a/../b" would open "b")."""
    text = str(value)
    if any(seg in ("", ".", "..") for seg in text.split("/")):
        return quote(text, safe="")
    return quote(text, safe="/")


_env.filters["web_url"] = web_url
_env.filters["id_path"] = id_path
_env.filters["count"] = count  # {{ n | count("story") }}: "1 story", "2 stories"
templates = Jinja2Templates(env=_env)
PageOffset = Annotated[int, Query(ge=0, le=P.MAX_OFFSET)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/")
def home(request: Request, store: Store) -> Response:
    return render(request, "home.html", stats=api.get_stats(store)["counts"], dyads=api.get_dyads(store, 20))


@router.get("/timeline")
def timeline_form(store: Store, a: Annotated[str, Query(min_length=1, max_length=120)],
                  b: Annotated[str, Query(min_length=1, max_length=120)]) -> Response:
    """The home page's form: on to the timeline's own address (a country by its code, a person by
    their registry id)."""
    t = Tieline(store)
    sa, sb = P.side(t, a, "a"), P.side(t, b, "b")
    return RedirectResponse(f"/timeline/{quote(sa.key, safe=':')}/{quote(sb.key, safe=':')}", status_code=303)


@router.get("/timeline/{a}/{b}")
def timeline(request: Request, store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None,
             event: Many = None, certainty: Many = None, source: Many = None,
             min_sources: Annotated[int, Query(ge=1, le=1000)] = 1, conflicts: bool = False,
             offset: PageOffset = 0, cache: Cache = None) -> Response:
    data = api.get_timeline(store, a, b, start, end, event, certainty, source, min_sources, conflicts,
                            P.DEFAULT_LIMIT, offset, cache)
    chosen = {"start": start or "", "end": end or "", "event": set(P.choices(event, P.event_types(), "event", True)),
              "certainty": set(P.choices(certainty, P.CERTAINTIES, "certainty")),
              "source": set(P.texts(source, "source")), "min_sources": min_sources, "conflicts": conflicts}
    path = f"{quote(data['a'], safe=':')}/{quote(data['b'], safe=':')}"
    filters = request.url.remove_query_params("offset").query
    dates = urlencode({k: v for k, v in (("start", start), ("end", end)) if v})
    plots = {"timeline": f"/plots/timeline/{path}" + (f"?{filters}" if filters else ""),
             "dyad": f"/plots/dyad/{path}" + (f"?{dates}" if dates else ""),
             "dyad_page": f"/dyad/{path}" + (f"?{dates}" if dates else "")}
    return render(request, "timeline.html", data=data, facets=api.get_facets(store), chosen=chosen,
                  plots=plots, pager=_pager(request, data["total"], data["limit"], offset))


@router.get("/dyad/{a}/{b}")
def dyad(request: Request, store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None,
         include: Include = None) -> Response:
    """The statistics of a dyad (``tieline dyad``) with its plots."""
    stats = api.get_dyad(store, a, b, start, end, include)
    path = f"{quote(stats['a'], safe=':')}/{quote(stats['b'], safe=':')}"
    query = request.url.query
    dates = urlencode({k: v for k, v in (("start", start), ("end", end)) if v})
    plots = {"timeline": f"/plots/timeline/{path}" + (f"?{dates}" if dates else ""),
             "dyad": f"/plots/dyad/{path}" + (f"?{query}" if query else ""),
             "timeline_page": f"/timeline/{path}" + (f"?{dates}" if dates else "")}
    return render(request, "dyad.html", stats=stats, plots=plots, included=set(stats["include"]),
                  optional=OPTIONAL, start=start or "", end=end or "")


@router.get("/stories/{story_id}")
def story(request: Request, store: Store, story_id: Ident) -> Response:
    return render(request, "story.html", story=api.get_story(store, story_id))


@router.get("/actors")
def actors(request: Request, store: Store, q: Annotated[str | None, Query(max_length=100)] = None,
           country: Annotated[str | None, Query(max_length=60)] = None, offset: PageOffset = 0) -> Response:
    data = api.get_actors(store, q, country, P.DEFAULT_LIMIT, offset)
    return render(request, "actors.html", data=data, q=q or "", country=country or "",
                  pager=_pager(request, data["total"], data["limit"], offset))


@router.get("/actors/{actor_id}")
def actor(request: Request, store: Store, actor_id: Ident, events_offset: PageOffset = 0,
          quotes_offset: PageOffset = 0) -> Response:
    profile = api.get_actor(store, actor_id)
    events = api.get_actor_events(store, actor_id, P.DEFAULT_LIMIT, events_offset)
    quotes = api.get_actor_quotes(store, actor_id, P.DEFAULT_LIMIT, quotes_offset)
    return render(request, "actor.html", actor=profile, events=events, quotes=quotes,
                  plot=f"/plots/actor/{quote(actor_id, safe=':')}" if profile["counts"].get("events") else None,
                  events_pager=_pager(request, events["total"], events["limit"], events_offset, "events_offset"),
                  quotes_pager=_pager(request, quotes["total"], quotes["limit"], quotes_offset, "quotes_offset"))


@router.get("/search")
def search(request: Request, store: Store, q: Annotated[str | None, Query(max_length=200)] = None,
           kind: Annotated[str | None, Query(pattern="^(sentence|quote)?$")] = None,
           offset: Annotated[int, Query(ge=0, le=P.MAX_SEARCH_WINDOW - 20)] = 0) -> Response:
    only: Literal["sentence", "quote"] | None = "sentence" if kind == "sentence" else "quote" if kind == "quote" else None
    results = api.get_search(store, q, only, 20, offset) if q and q.strip() else None
    pager = None
    if results:
        total = offset + len(results["items"]) + (1 if results["has_more"] else 0)
        pager = _pager(request, total, 20, offset)
    return render(request, "search.html", q=q or "", kind=kind or "", results=results, pager=pager)


@router.get("/documents/{doc_id:path}")
def document(request: Request, store: Store, doc_id: Ident,
             hl: Annotated[str | None, Query(max_length=40, pattern=r"^\d{1,9}-\d{1,9}$")] = None) -> Response:
    doc = api.get_document(store, doc_id)
    hit = tuple(int(x) for x in hl.split("-")) if hl else None
    return render(request, "document.html", doc=doc, pieces=document_pieces(doc, hit),
                  counts={k: sum(1 for s in doc["spans"] if s["kind"] == k) for k in ("mention", "event", "quote")},
                  events=[s for s in doc["spans"] if s["kind"] == "event"],
                  quotes=[s for s in doc["spans"] if s["kind"] == "quote"])


# -- helpers -----------------------------------------------------------------------------------------
def _pager(request: Request, total: int, limit: int, offset: int, key: str = "offset") -> dict[str, Any]:
    """Previous/next links that keep every other parameter of the page."""
    prev = str(request.url.include_query_params(**{key: max(0, offset - limit)})) if offset > 0 else None
    nxt = str(request.url.include_query_params(**{key: offset + limit})) if offset + limit < total else None
    return {"first": offset + 1 if total else 0, "last": min(total, offset + limit), "total": total,
            "prev": prev, "next": nxt}


def _describe(span: dict[str, Any]) -> str:
    if span["kind"] == "mention":
        who = span.get("name") or span.get("text") or ""
        extra = ", ".join(x for x in (span.get("country"), span.get("role")) if x)
        return f"mention: {who}" + (f" ({extra})" if extra else "")
    if span["kind"] == "event":
        return f"event: {span.get('event')} ({span.get('certainty')}, {span.get('date') or 'undated'})"
    speaker = span.get("speaker") or {}
    return "quote: " + (speaker.get("name") or "unattributed")


def document_pieces(doc: dict[str, Any], hit: tuple[int, ...] | None = None) -> list[dict[str, Any]]:
    """The article cut into pieces, each with the CSS classes and the tooltip of the spans covering it."""
    spans = doc["spans"]
    ranges = [(s["start"], s["end"]) for s in spans]
    if hit and len(hit) == 2:
        ranges.append((hit[0], hit[1]))
    pieces, hit_seen = [], False
    for text, idx in queries.segments(doc["text"], ranges):
        covering = [spans[i] for i in idx if i < len(spans)]
        classes = sorted({f"k-{s['kind']}" for s in covering})
        event = next((s for s in covering if s["kind"] == "event"), None)
        if event:
            classes.append(f"quad-{event['quad']['key']}")
        anchor = None
        if any(i >= len(spans) for i in idx):
            classes.append("hit")
            if not hit_seen:
                anchor, hit_seen = "hit", True
        actor = next((s.get("actor_id") for s in covering if s["kind"] == "mention" and s.get("actor_id")), None)
        pieces.append({"text": text, "classes": " ".join(classes), "anchor": anchor, "actor": actor,
                       "title": "\n".join(_describe(s) for s in covering)})
    return pieces
