"""find_quote_spans: pairing quote marks without a parse."""

from __future__ import annotations

import pytest

from tieline.quotes import QuoteSpan, find_quote_spans, load_cues


def texts(text: str) -> list[str]:
    spans = find_quote_spans(text)
    for s in spans:
        assert 0 <= s.open < s.start <= s.end <= len(text)
    return [text[s.start:s.end] for s in spans]


def test_straight_and_curly_pairs() -> None:
    assert texts('He said "yes" and she said “no” twice.') == ["yes", "no"]


def test_mixed_glyphs() -> None:
    assert texts('“We are ready," she said. "So are we,” he said.') == ["We are ready,", "So are we,"]


def test_inner_offsets_skip_spaces() -> None:
    text = 'A " spaced quote " here.'
    (s,) = find_quote_spans(text)
    assert text[s.start:s.end] == "spaced quote"
    assert isinstance(s, QuoteSpan) and s.close is not None


def test_stray_closing_mark_is_skipped() -> None:
    assert texts('The 15" screens arrived. "All of them work," he said.') == ["All of them work,"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'She called it "a disaster for the farmers.\n\nThe vote is on Monday. "We will win," he said.'
    assert texts(text) == ["a disaster for the farmers.", "We will win,"]


def test_unclosed_quote_in_a_long_paragraph_keeps_one_sentence() -> None:
    text = 'She said "no. ' + "The talks went on for hours. " * 5 + "Then they stopped."
    assert texts(text) == ["no."]


def test_opening_mark_inside_an_open_quote_restarts() -> None:
    text = 'The “first quote never closes. “The second one does,” he said.'
    assert texts(text) == ["first quote never closes.", "The second one does,"]


def test_continued_quote_over_paragraphs() -> None:
    text = '"We came a long way.\n\n"And we will go further," she said.\n\nThe end.'
    (s,) = find_quote_spans(text)
    assert text[s.start:s.end] == 'We came a long way.\n\n"And we will go further,'
    assert s.close == text.index('," she') + 1


def test_continued_quote_needs_an_opening_mark_in_the_next_paragraph() -> None:
    text = '"We came a long way.\n\nShe paused. "Then we stopped," she said.'
    assert texts(text) == ["We came a long way.", "Then we stopped,"]


def test_three_paragraph_quote() -> None:
    text = '"One.\n\n"Two.\n\n"Three," he said.'
    assert texts(text) == ['One.\n\n"Two.\n\n"Three,']


@pytest.mark.parametrize("text", ["", '"', '""', '" "', '“', "”“", '"a" "', 'x"y"z'])
def test_degenerate_inputs_do_not_crash(text: str) -> None:
    for s in find_quote_spans(text):
        assert s.end > s.start


def test_cues_are_data() -> None:
    cues = load_cues()
    assert {"say", "write", "state", "tell", "add", "note", "emphasize", "stress", "declare", "announce",
            "warn", "insist", "quote"} <= cues.speech
    assert {"call", "describe"} <= cues.naming
    assert "according to" in cues.according
    assert "as saying" in cues.as_saying
    assert cues.forms["said"] == "say"
