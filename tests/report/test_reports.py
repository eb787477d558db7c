"""Rendered reports on the seed store: timelines (text, md, json, html), topic timelines,
dyad statistics, the actor graph in every format, and the plots' golden sizes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import tieline
from tieline.report import graph as graph_report
from tieline.report.dyad import dyad_stats, render_json, render_text
from tieline.report.html import render_timeline_html, safe_url
from tieline.report.plots import balance_plot, graph_plot, png_size, timeline_plot
from tieline.report.timeline import Entry
from tieline.report.topic import topic_timeline

GOLDEN = json.loads((Path(__file__).parent / "golden" / "png_sizes.json").read_text("utf-8"))


class Page(HTMLParser):
    """Collects what the report tests look at: tags, text, links, images, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.classes += (a.get("class") or "").split()
        if tag == "a":
            self.links.append(a.get("href") or "")
        if tag == "img":
            self.images.append(a.get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def t(seeds_db: Path):
    with tieline.open(seeds_db, read_only=True) as tl:
        yield tl


def test_seeds_timeline_has_the_milestones_in_order(t) -> None:
    kaz = t.timeline("KAZ")
    dates = [e.date for e in kaz]
    assert dates == sorted(dates)
    for day in ("2018-01-09", "2018-01-14", "2018-01-16", "2019-06-25"):
        assert day in dates, day
    visit = next(e for e in kaz if e.date == "2018-01-16")
    assert visit.event == "CONSULT" and len(visit.sources) == 2 and visit.quote
    assert {v["value"] for c in visit.conflicts for v in c["values"]} == {"2018-01-16", "2018-01-17"}
    dyad = [e.date for e in t.timeline("KAZ", "USA")]
    assert dyad[0] == "2018-01-09" and "2019-06-25" in dyad and "2018-01-14" not in dyad


def test_timeline_of_two_persons_and_of_names(t) -> None:
    by_name = t.timeline("Nazarbaev", "Trump")  # a transliteration of the registry name
    assert [e.date for e in by_name] == ["2018-01-16"]
    assert t.subject("Kazakhstan").key == "KAZ" and t.subject("Nazarbayev").kind == "actor"
    with pytest.raises(ValueError, match="unknown country or actor"):
        t.subject("Atlantis")


def test_timeline_date_filters(t) -> None:
    assert [e.date for e in t.timeline("KAZ", "USA", start="2019")] == ["2019-06-25"]
    assert all(e.date <= "2018-12-31" for e in t.timeline("KAZ", "USA", end="2018"))


def test_html_report_is_self_contained_and_complete(t) -> None:
    entries = t.timeline("KAZ", "USA")
    html = render_timeline_html(entries, "KAZ \u2013 USA timeline", t.dyad("KAZ", "USA"))
    page = parse(html)
    assert "script" not in page.tags, "the report runs no code"
    assert page.images and all(src.startswith("data:image/png;base64,") for src in page.images)
    assert "http" not in "".join(page.images), "nothing is fetched: readable offline"
    text = " ".join(page.text)
    assert "sources disagree" in text and "2018-01-17" in text
    assert page.classes.count("entry") == len(entries)
    assert "has-conflict" in page.classes
    for e in entries:
        for s in e.sources:
            assert (s["title"] or s["doc_id"]) in text
    assert "Verbal cooperation" in text and "Cooperation balance" in text


def test_html_escapes_article_text_and_unsafe_links() -> None:
    evil = Entry(date="2020-05", shown="May 2020", event="THREATEN",
                 summary="2020-05 \u2014 <script>alert(1)</script> threatens", story_id="s1",
                 sources=[{"doc_id": "d1", "title": '"><img src=x onerror=alert(1)>', "source": "<b>x</b>",
                           "url": "javascript:alert(1)", "published": None}],
                 quote={"text": "</blockquote><script>x()</script>", "speaker": None, "doc_id": "d1"})
    html = render_timeline_html([evil], "<i>t</i>")
    page = parse(html)
    assert "script" not in page.tags and page.tags.count("img") == 1  # only the plot
    assert "&lt;script&gt;" in html and "javascript:" not in "".join(page.links)
    assert not safe_url("javascript:alert(1)") and safe_url("https://example.org/a")


def test_topic_timeline(t) -> None:
    dates = topic_timeline(t.store, "White House", limit=3)
    assert 1 <= len(dates) <= 3
    assert [d.date for d in dates] == sorted(d.date for d in dates)
    top = max(dates, key=lambda d: d.score)
    assert top.date == "2018-01-16" and top.stories and "January 16" in top.summary
    assert all(d.summary and d.sources for d in dates)
    assert len(topic_timeline(t.store, "White House visit", limit=1)) == 1
    assert topic_timeline(t.store, "zzzqqq unmatched words") == []
    with pytest.raises(ValueError):
        topic_timeline(t.store, "  ")


def test_dyad_statistics(t) -> None:
    entries = t.timeline("KAZ", "USA")
    st = dyad_stats(entries, "KAZ", "USA")
    assert st.stories == len(entries) and sum(st.by_type.values()) == len(entries)
    assert sum(sum(y.values()) for y in st.by_year.values()) + st.undated == len(entries)
    assert st.balance == 1.0 and st.conflicts == 1 and st.sources == 2
    assert "cooperation balance +1.00" in render_text(st)
    assert json.loads(render_json(st))["by_year"]["2018"]["CONSULT"] == 2


def test_balance_of_mixed_years() -> None:
    def e(date: str, kind: str) -> Entry:
        return Entry(date=date, shown=date, event=kind, summary="", story_id=date + kind, sources=[])

    st = dyad_stats([e("2020-01", "AGREE"), e("2020-02", "THREATEN"), e("2020-03", "CONSULT"),
                     e("2021", "ASSAULT"), e("2022", "ACCUSE")], "A", "B")
    assert st.balance_by_year == {"2020": pytest.approx(1 / 3, abs=1e-3), "2021": -1.0, "2022": -1.0}  # ACCUSE is verbal conflict (PLOVER 2021)


def test_graph_levels_and_attributes(t) -> None:
    g = t.graph()
    assert ("KAZ", "USA") in g.edges and g.nodes["KAZ"]["label"] == "Kazakhstan"
    d = g.edges["KAZ", "USA"]
    assert d["weight"] >= 1 and d["colour"].startswith("#") and d["balance"] == 1.0
    assert all(u != v for u, v in g.edges)
    assert g.edges["RUS", "UKR"]["material_conflict"] == 1 and g.edges["RUS", "UKR"]["balance"] == -1.0
    only = t.graph("KAZ")
    assert all("KAZ" in (u, v) for u, v in only.edges)
    persons = t.graph(level="actor")
    assert any(d.get("kind") == "person" for _, d in persons.nodes(data=True))
    assert t.graph(start="2019").number_of_edges() < g.number_of_edges()
    assert t.graph(end="2015").number_of_edges() <= 1
    with pytest.raises(ValueError):
        t.graph(level="planet")


def test_graph_formats_round_trip(t) -> None:
    g = t.graph()
    back = nx.node_link_graph(json.loads(graph_report.to_json(g)), edges="edges")
    assert set(back.edges) == set(g.edges)
    root = ET.fromstring(graph_report.to_graphml(g))
    assert root.tag.endswith("graphml")
    assert set(nx.parse_graphml(graph_report.to_graphml(g)).edges) == set(g.edges)
    page = parse(graph_report.render_html(g, "Ties"))
    assert page.images[0].startswith("data:image/png;base64,") and "script" not in page.tags
    assert "Kazakhstan" in " ".join(page.text)


def _golden(name: str, png: bytes, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.png"
    out.write_bytes(png)
    want = GOLDEN[name]
    assert out.exists() and png_size(out.read_bytes()) == (want["width"], want["height"])
    assert want["min_bytes"] <= out.stat().st_size <= want["max_bytes"]


def test_plots_golden_sizes(t, tmp_path: Path) -> None:
    entries = t.timeline("KAZ", "USA")
    _golden("timeline", timeline_plot(entries, "KAZ \u2013 USA"), tmp_path)
    _golden("balance", balance_plot(dyad_stats(entries, "KAZ", "USA")), tmp_path)
    _golden("graph", graph_plot(t.graph(), "Ties"), tmp_path)
    assert timeline_plot(entries) == timeline_plot(entries), "plots are deterministic"


def test_empty_inputs_still_render(tmp_path: Path) -> None:
    assert png_size(timeline_plot([])) == (900, 320)
    assert png_size(graph_plot(nx.DiGraph())) == (800, 800)
    assert "0 entries" in render_timeline_html([], "Nothing")
    with pytest.raises(ValueError):
        png_size(b"GIF89a")
