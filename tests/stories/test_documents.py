"""Story linking on hand-written article pairs run through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import tieline


def _run(tmp_path: Path, articles: list[dict]) -> list:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles))
    with tieline.open(tmp_path / "s.duckdb") as t:
        t.run([str(src)])
        return [s for s in t.stories() if {"FRA", "JPN"} <= {r.country for r in s.actor + s.recipient}]


A = ("PARIS -- French President Emmanuel Macron met Japanese Prime Minister Fumio Kishida in Paris on "
     "Tuesday, and the two leaders agreed to deepen cooperation on security and energy.")
B = ("Japan's Fumio Kishida held talks with Emmanuel Macron of France at the Elysee Palace in Paris on "
     "Tuesday, the leaders' offices said, pledging closer ties.")


def test_same_meeting_in_different_words_is_one_story(tmp_path: Path) -> None:
    stories = _run(tmp_path, [
        {"id": "wire-a", "title": "Macron meets Kishida", "text": A, "published": "2023-05-03", "source": "A"},
        {"id": "wire-b", "title": "Kishida in Paris", "text": B, "published": "2023-05-03", "source": "B"}])
    merged = [s for s in stories if s.sources == 2]
    assert len(merged) == 1, [(s.summary, s.doc_ids) for s in stories]
    assert merged[0].date == "2023-05-02" and not merged[0].conflicts


def test_the_same_leaders_a_week_apart_are_two_stories(tmp_path: Path) -> None:
    later = B.replace("on Tuesday", "on Tuesday, a week after their first meeting")
    stories = _run(tmp_path, [
        {"id": "wire-a", "title": "Macron meets Kishida", "text": A, "published": "2023-05-03", "source": "A"},
        {"id": "wire-c", "title": "Kishida back in Paris", "text": later, "published": "2023-05-10",
         "source": "C"}])
    dates = sorted(s.date for s in stories if s.event == "CONSULT")
    assert dates == ["2023-05-02", "2023-05-09"], [(s.summary, s.doc_ids) for s in stories]
    assert all(s.sources == 1 for s in stories)
