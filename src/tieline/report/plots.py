"""Plots for reports (matplotlib, headless): every function returns PNG bytes.

Figures are deterministic for the same data (fixed size, dpi and layout seed, no
timestamps in the PNG metadata), so they can be compared and cached.
"""

from __future__ import annotations

import functools
import io
import threading
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from tieline.events.quads import quad, quads  # noqa: E402

if TYPE_CHECKING:
    import networkx as nx

    from tieline.report.dyad import DyadStats
    from tieline.report.timeline import Entry

DPI = 100
_LOCK = threading.Lock()  # pyplot keeps global state: one figure at a time (the web app draws on threads)
_F = TypeVar("_F", bound=Callable[..., bytes])


def _one_at_a_time(fn: _F) -> _F:
    @functools.wraps(fn)
    def locked(*args: Any, **kwargs: Any) -> bytes:
        with _LOCK:
            return fn(*args, **kwargs)

    return cast(_F, locked)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _shade(colour: str, i: int, n: int) -> tuple[float, float, float]:
    """The i-th of n shades of a quad colour (lighter as i grows), so types of a quad look related."""
    r, g, b = to_rgb(colour)
    t = 0.55 * i / max(n - 1, 1) if n > 1 else 0.0
    return (r + (1 - r) * t, g + (1 - g) * t, b + (1 - b) * t)


def type_colours(types: list[str]) -> dict[str, tuple[float, float, float]]:
    """A colour per PLOVER type: the type's quad colour, shaded within the quad."""
    out = {}
    for q in quads():
        mine = sorted(t for t in types if quad(t).key == q.key)
        for i, t in enumerate(mine):
            out[t] = _shade(q.colour, i, len(mine))
    return out


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@_one_at_a_time
def timeline_plot(entries: list[Entry], title: str = "") -> bytes:
    """Stacked bars: stories (happenings) per month, by PLOVER type, coloured by quad.

    Entries dated only to the year cannot be placed in a month; the caption counts them."""
    monthly = [e for e in entries if e.date and len(e.date) >= 7]
    fig, ax = plt.subplots(figsize=(9, 3.2))
    if monthly:
        months = _months(min(e.date[:7] for e in monthly), max(e.date[:7] for e in monthly))  # type: ignore[index]
        counts = Counter((e.date[:7], e.event) for e in monthly)  # type: ignore[index]
        types = sorted({e.event for e in monthly}, key=lambda t: ([q.key for q in quads()].index(quad(t).key), t))
        colours = type_colours(types)
        bottom = [0] * len(months)
        x = list(range(len(months)))
        for t in types:
            h = [counts.get((m, t), 0) for m in months]
            ax.bar(x, h, bottom=bottom, color=colours[t], label=t, width=0.8)
            bottom = [a + b for a, b in zip(bottom, h, strict=True)]
        step = max(1, len(months) // 12)
        ax.set_xticks(x[::step], [m for m in months[::step]], rotation=45, ha="right", fontsize=8)
        ax.set_ylabel("stories per month")
        locator = ax.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        ax.legend(fontsize=7, ncol=min(len(types), 4), loc="upper left", frameon=False)
    else:
        ax.text(0.5, 0.5, "no entries dated to the month", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
    skipped = len(entries) - len(monthly)
    caption = title + (f"  ({skipped} entr{'y' if skipped == 1 else 'ies'} dated only to the year not shown)"
                       if skipped else "")
    ax.set_title(caption, fontsize=9, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return _png(fig)


@_one_at_a_time
def balance_plot(stats: DyadStats) -> bytes:
    """Two panels: stories per year by quad (stacked), and the cooperation/conflict balance."""
    years = sorted(stats.by_year)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4.6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    x = list(range(len(years)))
    base = [0] * len(years)
    for q in quads():
        h = [stats.quads_by_year.get(y, {}).get(q.key, 0) for y in years]
        if any(h):
            top.bar(x, h, bottom=base, color=q.colour, label=q.label, width=0.7)
            base = [a + b for a, b in zip(base, h, strict=True)]
    top.set_ylabel("stories")
    top.yaxis.get_major_locator().set_params(integer=True)
    top.set_xlim(-0.6 - max(0, 4 - len(years)) / 2, len(years) - 0.4 + max(0, 4 - len(years)) / 2)
    top.legend(fontsize=7, frameon=False, loc="upper left", ncol=3)
    top.set_title(f"{stats.a} \u2013 {stats.b}: ties by year", fontsize=9, loc="left")
    bal = [stats.balance_by_year.get(y) for y in years]
    bottom.axhline(0, color="#999", linewidth=0.8)
    bottom.plot([i for i, v in zip(x, bal, strict=True) if v is not None],
                [v for v in bal if v is not None], marker="o", color="#333")
    bottom.set_ylim(-1.05, 1.05)
    bottom.set_ylabel("coop \u2013 conflict", fontsize=8)
    bottom.set_xticks(x, [str(y) for y in years], fontsize=8)
    for ax in (top, bottom):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.tight_layout()
    return _png(fig)


@_one_at_a_time
def graph_plot(graph: nx.DiGraph, title: str = "") -> bytes:
    """The actor graph: node size by events, edge width by weight, edge colour by dominant quad."""
    import networkx as nx

    fig, ax = plt.subplots(figsize=(8, 8))
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no ties in this selection", ha="center", va="center", transform=ax.transAxes)
        return _png(fig)
    pos = nx.spring_layout(graph, seed=7, weight="weight", k=2.2 / max(graph.number_of_nodes(), 1) ** 0.5,
                           iterations=100)
    weights = [float(d.get("weight", 1)) for _, _, d in graph.edges(data=True)]
    top = max(weights, default=1.0)
    nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.6 + 5 * w / top for w in weights],
                           edge_color=[d.get("colour", "#888") for _, _, d in graph.edges(data=True)],
                           arrows=True, arrowsize=8, alpha=0.8, connectionstyle="arc3,rad=0.08")
    ev = [float(d.get("events", 1)) for _, d in graph.nodes(data=True)]
    big = max(ev, default=1.0)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=[80 + 900 * e / big for e in ev],
                           node_color="#f5f5f5", edgecolors="#333", linewidths=0.8)
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=7,
                            labels={n: d.get("label", n) for n, d in graph.nodes(data=True)})
    handles = [plt.Line2D([0], [0], color=q.colour, lw=3, label=q.label) for q in quads()]
    ax.legend(handles=handles, fontsize=7, frameon=False, loc="lower left")
    if title:
        ax.set_title(title, fontsize=9, loc="left")
    fig.tight_layout()
    return _png(fig)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


__all__ = ["balance_plot", "graph_plot", "png_size", "timeline_plot", "type_colours"]
