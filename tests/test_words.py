from __future__ import annotations

from tieline.api import RunReport
from tieline.words import count


def test_counts_take_the_number_of_their_noun() -> None:
    assert count(1, "story") == "1 story" and count(2, "story") == "2 stories"
    assert count(1, "entry") == "1 entry" and count(0, "entry") == "0 entries"
    assert count(1, "source") == "1 source" and count(3, "source") == "3 sources"
    assert count(2, "day") == "2 days" and count(2, "box") == "2 boxes"


def test_run_summary_says_one_story() -> None:
    assert RunReport(stories=1).summary().endswith(", 1 story")
