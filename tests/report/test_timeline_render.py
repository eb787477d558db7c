from __future__ import annotations

from tieline.report.timeline import Entry, render_json, render_markdown, render_text, show_date


def test_dates_at_their_precision() -> None:
    assert show_date("2018-01-16") == "2018-01-16"
    assert show_date("2021-02") == "Feb 2021"
    assert show_date("2015") == "2015"
    assert show_date(None) == "undated"


def _entry(conflict: bool) -> Entry:
    return Entry(date="2018-01-16", shown="2018-01-16", event="CONSULT",
                 summary="2018-01-16 — A visits B", story_id="s1",
                 sources=[{"doc_id": "d1", "title": "T1", "source": "S", "url": "https://x", "published": None}],
                 quote={"text": "We are <friends>.", "speaker": "A", "doc_id": "d1"},
                 conflicts=[{"field": "date", "values": [{"value": "2018-01-16", "doc_ids": ["d1"]},
                                                         {"value": "2018-01-17", "doc_ids": ["d2"]}]}]
                 if conflict else [])


def test_text_shows_conflict_quote_and_sources() -> None:
    out = render_text([_entry(True), _entry(False)], "A \u2013 B timeline")
    assert out.count("[!] sources disagree") == 1
    assert "! date: 2018-01-16 (d1) vs 2018-01-17 (d2)" in out
    assert "\u201cWe are <friends>.\u201d \u2014 A" in out and "source: T1 (S, https://x)" in out


def test_markdown_and_json() -> None:
    md = render_markdown([_entry(True)], "T")
    assert md.startswith("# T") and "conflicting date" in md and "[T1](https://x)" in md
    import json

    (row,) = [json.loads(x) for x in render_json([_entry(False)]).splitlines()]
    assert row["summary"].endswith("A visits B") and row["sources"][0]["doc_id"] == "d1"


def test_one_entry_and_one_source_in_the_singular() -> None:
    out = render_text([_entry(False)], "A \u2013 B timeline")
    assert out.startswith("A \u2013 B timeline: 1 entry\n") and "[1 source]" in out
    assert "*CONSULT*, 1 source" in render_markdown([_entry(False)], "T")
    assert "source(s)" not in render_markdown([_entry(False)], "T")
    assert render_text([_entry(False), _entry(True)], "T").startswith("T: 2 entries")
