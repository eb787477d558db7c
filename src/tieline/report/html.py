"""Self-contained HTML reports: one file, readable offline, no scripts.

Plots are embedded as PNG data URIs and the stylesheet inline, so the file can be
mailed or archived as it is.  Every value that comes from an article goes through
Jinja2's autoescaping; links are only made for ``http(s)`` URLs.
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import metadata
from typing import Any

import jinja2

from tieline.events.quads import quad, quads
from tieline.report.dyad import DyadStats
from tieline.report.timeline import Entry


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("tieline.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["source_name"] = _source_name
    return env


def _source_name(doc_id: str, entry: Entry) -> str:
    for s in entry.sources:
        if s["doc_id"] == doc_id:
            return str(s["source"] or s["title"] or doc_id)
    return doc_id


def safe_url(url: Any) -> bool:
    """Only web links become links (never ``javascript:`` or ``data:`` URLs from an article)."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _version() -> str:
    try:
        return metadata.version("tieline")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"


def _b64(png: bytes | None) -> str | None:
    return base64.b64encode(png).decode("ascii") if png else None


def render_timeline_html(entries: list[Entry], title: str, stats: DyadStats | None = None) -> str:
    """The timeline report: plot of stories per month, dyad summary (when given), entries with
    their quotes, conflicts and sources."""
    from tieline.report.plots import balance_plot, timeline_plot

    css = _env().loader.get_source(_env(), "base.css")[0]  # type: ignore[union-attr]
    return _env().get_template("timeline.html").render(
        title=title, entries=entries, stats=stats, version=_version(), css=css, quads=quads(),
        timeline_png=_b64(timeline_plot(entries)),
        balance_png=_b64(balance_plot(stats)) if stats and stats.by_year else None,
        colour=lambda t: quad(t).colour, headline=lambda s: s.split(" \u2014 ", 1)[-1], safe_url=safe_url)
