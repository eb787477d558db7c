"""The offline HTML report's plots as PNG routes (``<img class="plot" src="/plots/...">``), so the
timeline, dyad and actor pages show what ``tieline timeline --format html`` shows.

Each route reads its data through the same library call as the page and the CLI
(:meth:`tieline.api.Tieline.timeline`, :meth:`~tieline.api.Tieline.dyad`) and draws it with
:mod:`tieline.report.plots`; parameters are checked as the JSON API checks them (400 naming the
parameter).  PNG rather than inline SVG: matplotlib's SVG carries a ``<style>`` element, which the
app's Content-Security-Policy (no inline style) would refuse.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tieline.api import Tieline
from tieline.certainty import OPTIONAL
from tieline.report.plots import balance_plot, timeline_plot
from tieline.web import params as P
from tieline.web import queries
from tieline.web.api import DateQ, Ident, Include, Many, Side, Store

router = APIRouter(prefix="/plots", include_in_schema=False)
CACHE = {"cache-control": "private, max-age=300"}  # the store is read-only while served


def _png(data: bytes) -> Response:
    return Response(data, media_type="image/png", headers=CACHE)


@router.get("/timeline/{a}/{b}")
def timeline_png(store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None, event: Many = None,
                 certainty: Many = None, source: Many = None,
                 min_sources: Annotated[int, Query(ge=1, le=1000)] = 1, conflicts: bool = False) -> Response:
    """Stories per month by PLOVER type: the timeline page's stories (all pages, same filters)."""
    t = Tieline(store)
    sa, sb = P.side(t, a, "a"), P.side(t, b, "b")
    first, last = P.period(start, end)
    entries = t.timeline(sa, sb, start=first, end=last, events=P.choices(event, P.event_types(), "event", upper=True),
                         certainty=P.choices(certainty, P.CERTAINTIES, "certainty"),
                         sources=P.texts(source, "source"), min_sources=min_sources, conflicts_only=conflicts)
    return _png(timeline_plot(entries, f"{queries.side_name(sa)} \u2013 {queries.side_name(sb)}: stories per month"))


@router.get("/dyad/{a}/{b}")
def dyad_png(store: Store, a: Side, b: Side, start: DateQ = None, end: DateQ = None,
             include: Include = None) -> Response:
    """Stories per year by PLOVER quad, and the cooperation/conflict balance."""
    t = Tieline(store)
    sa, sb = P.side(t, a, "a"), P.side(t, b, "b")
    first, last = P.period(start, end)
    st = t.dyad(sa, sb, start=first, end=last, include=P.choices(include, OPTIONAL, "include"))
    st.a, st.b = queries.side_name(sa), queries.side_name(sb)
    return _png(balance_plot(st))


@router.get("/actor/{actor_id}")
def actor_png(store: Store, actor_id: Ident) -> Response:
    """Stories per month that the actor takes part in (its one-sided timeline)."""
    profile = queries.actor(store, actor_id, ties_limit=0)  # 404 for an unknown actor
    t = Tieline(store)
    try:
        entries = t.timeline(actor_id)
    except ValueError:  # known, but in no event
        entries = []
    return _png(timeline_plot(entries, f"{profile['name'] or actor_id}: stories per month"))
