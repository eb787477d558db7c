"""Topic timelines by date mentions and publication dates (issue 15), on a small hand-made store:
search keeps digits, a day named in matching sentences beats a busier publication day, summaries
are sentences, --from/--to hold, and the VOA reference timelines are well formed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import tieline
from tieline.records import Analysis, Document, Sentence
from tieline.report.evaluate import read_reference_timeline
from tieline.report.topic import readable, topic_timeline

FIXTURES = Path(__file__).parent / "fixtures"

# (id, published, title, sentences)
ARTICLES = [
    ("a", "2024-03-10T09:00:00Z", "Flood hits river town",
     ["The flood hit the river town of Vell on March 2.", "Dozens of homes were lost.",
      "The mayor asked for help on Saturday."]),
    ("b", "2024-03-12T09:00:00Z", "Bridge gone after flood",
     ["Rescuers said the flood of March 2 destroyed the old bridge.",
      "The flood inquiry will report on March 30.", "G7 ministers offered aid for the H1N1 and flood response."]),
    # a busier publication day: two articles name the flood in passing, without a date of their own
    ("c", "2024-03-20T09:00:00Z", "Farm prices", ["Farm prices rose.", "Farmers still talk about the flood."]),
    ("d", "2024-03-20T10:00:00Z", "Council budget", ["The council met.", "The budget leaves out flood repairs."]),
    # and unrelated news that day
    ("e", "2024-03-20T11:00:00Z", "Election", ["Voters went to the polls in 2024."]),
    ("f", "2024-03-20T12:00:00Z", "Sports", ["The home team won on Tuesday."]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("topic") / "topic.duckdb"
    with tieline.open(db) as t:
        docs = []
        analyses = []
        for doc_id, published, title, sentences in ARTICLES:
            text = " ".join(sentences)
            doc = Document(id=doc_id, text=text, title=title, source="test", url=f"https://example.org/{doc_id}",
                           published=published)
            docs.append(doc)
            spans, at = [], 0
            for i, s in enumerate(sentences):
                spans.append(Sentence(doc_id, i, at, at + len(s), s))
                at += len(s) + 1
            analyses.append(Analysis(doc=doc, sentences=spans))
        t.store.put_documents(docs)
        t.store.save_analyses(analyses)
        t.index()
        yield t.store


def test_digits_are_searchable(store) -> None:
    for word in ("G7", "H1N1", "2024"):
        hits = store.search(word, limit=10)
        assert hits and all(word.lower() in str(h["text"]).lower() for h in hits), word


def test_search_all_words(store) -> None:
    some = {h["id"] for h in store.search("flood bridge", limit=50)}
    every = {h["id"] for h in store.search("flood bridge", limit=50, all_words=True)}
    assert every == {"s:b:0"} and every < some


def test_store_sentences_carry_the_publication_date(store) -> None:
    rows = store.sentences(["b", "a"])
    assert [(r["doc_id"], r["idx"]) for r in rows] == [("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1), ("b", 2)]
    assert rows[0]["published"] == "2024-03-10T09:00:00Z" and rows[3]["text"].startswith("Rescuers")
    assert store.sentences([]) == []


def test_a_day_named_in_matching_sentences_beats_a_busier_publication_day(store) -> None:
    # the naive baseline (the busiest publication day of articles naming the query) picks 2024-03-20
    naming = [d for d in store.documents() if "flood" in d.text.lower()]
    days = [d.published[:10] for d in naming]
    assert max(set(days), key=days.count) == "2024-03-20"
    top = topic_timeline(store, "flood", limit=1)
    assert [e.date for e in top] == ["2024-03-02"]
    assert {s["doc_id"] for s in top[0].sources} == {"a", "b"}
    assert top[0].summary in ("The flood hit the river town of Vell on March 2.",
                              "Rescuers said the flood of March 2 destroyed the old bridge.")


def test_days_after_publication_are_plans_not_dates(store) -> None:
    assert "2024-03-30" not in [e.date for e in topic_timeline(store, "flood", limit=20)]


def test_entries_keep_the_json_shape(store) -> None:
    entries = topic_timeline(store, "flood", limit=3)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    for e in entries:
        d = e.to_dict()
        assert set(d) == {"date", "summary", "sources", "stories", "score"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date"]) and d["score"] > 0
        assert all({"doc_id", "title", "url", "source"} <= set(s) for s in d["sources"])
        assert all(s["title"] and s["url"].startswith("https://") for s in d["sources"])
        json.dumps(d)


def test_summaries_are_sentences(store) -> None:
    for e in topic_timeline(store, "flood", limit=5):
        assert e.summary[0].isupper() and e.summary.endswith((".", "\u2026")) and "\n" not in e.summary
    long = "the minister said " + ", and then ".join(f"clause number {i} went on" for i in range(40)) + "."
    cut = readable(long, limit=120)
    assert cut[0] == "T" and cut.endswith("\u2026") and len(cut) <= 121 and "  " not in cut
    assert readable("  Talks   resumed\non Monday ") == "Talks resumed on Monday."
    assert readable('He said "no."') == 'He said "no."'


def test_from_and_to_filters(store) -> None:
    dates = [e.date for e in topic_timeline(store, "flood", limit=10, start="2024-03-05")]
    assert dates and all(d >= "2024-03-05" for d in dates) and "2024-03-02" not in dates
    dates = [e.date for e in topic_timeline(store, "flood", limit=10, end="2024-03-10")]
    assert dates and all(d <= "2024-03-10" for d in dates) and "2024-03-20" not in dates
    assert [e.date for e in topic_timeline(store, "flood", limit=10, start="2024-03", end="2024-03")]
    assert topic_timeline(store, "flood", limit=10, start="2025") == []


def test_unmatched_and_bad_queries(store) -> None:
    assert topic_timeline(store, "zzzqqq") == []
    with pytest.raises(ValueError):
        topic_timeline(store, " ")
    with pytest.raises(ValueError):
        topic_timeline(store, "flood", limit=0)


@pytest.mark.parametrize("name", ["topic_north_korea.jsonl", "topic_tariffs.jsonl", "topic_somalia.jsonl"])
def test_reference_timelines_are_well_formed(name: str) -> None:
    rows = [json.loads(line) for line in (FIXTURES / name).read_text("utf-8").splitlines() if line.strip()]
    assert 5 <= len(rows) <= 15 and all(set(r) == {"date", "text"} for r in rows)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) and len(r["text"]) <= 120 for r in rows)
    assert read_reference_timeline(FIXTURES / name) == sorted(r["date"] for r in rows)
