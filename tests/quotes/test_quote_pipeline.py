"""The quote stage after the real actor stage: nlp -> dates -> actors -> quotes."""

from __future__ import annotations

import pytest

from tieline.pipeline import analyze

COMPONENTS = ("nlp", "dates", "actors", "quotes")


@pytest.fixture(scope="module")
def chain() -> None:
    pytest.importorskip("tieline.actors")


def test_chain_resolves_speakers(chain: None) -> None:
    text = ("U.S. President Donald Trump met German Chancellor Angela Merkel at the White House on Friday.\n\n"
            '"We have a very good relationship, a very strong relationship," Trump told reporters.\n\n'
            '"And trade will get better for both of our countries."\n\n'
            'Merkel said the talks had been "open and constructive" and that she hoped for progress.')
    a = analyze(text, "2018-04-27", "pipe-1", components=COMPONENTS)
    assert [q.text[:20] for q in a.quotes] == ["We have a very good ", "And trade will get b", "open and constructiv"]
    first, chained, partial = a.quotes
    assert first.speaker is not None and first.speaker.name == "Donald Trump"
    assert first.speaker.country == "USA"
    assert first.cue == "told"
    assert chained.speaker == first.speaker and chained.cue is None
    assert partial.speaker is not None and partial.speaker.name == "Angela Merkel"
    for q in a.quotes:
        assert text[q.start:q.end] == q.text


def test_chain_pronoun_speaker(chain: None) -> None:
    text = ("French President Emmanuel Macron arrived in Berlin on Monday.\n\n"
            '"Our countries have been partners for half a century," he said, speaking through an '
            "interpreter.")
    a = analyze(text, "2019-05-06", "pipe-2", components=COMPONENTS)
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.cue == "said"
    pron = [m for m in a.mentions if m.start == text.index(" he said") + 1]
    if pron and pron[0].actor_id:  # the actor stage resolved the pronoun
        assert q.speaker.actor_id == pron[0].actor_id
        assert q.speaker.country == "FRA"


def test_a_definite_speaker_is_the_one_named_before() -> None:
    text = ('A State Department spokesperson told reporters on Monday that the sanctions must stay. '
            '"Now is not the time to ease them," the spokesperson said.')
    a = analyze(text, "2024-05-14", "pipe-3", components=COMPONENTS)
    assert a.quotes and (a.quotes[0].speaker.country, a.quotes[0].speaker.sector) == ("USA", "GOV")


def test_no_speaker_text_without_a_name() -> None:
    text = ('"We will not give up," they said. Analysts said: "The talks are far from over." '
            '"Prices will fall," a senior trade official said.')
    a = analyze(text, "2024-05-14", "pipe-4", components=COMPONENTS)
    for q in a.quotes:
        assert q.speaker is None or q.speaker.name


def test_a_colon_introduces_the_words_of_whoever_the_clause_before_names(chain: None) -> None:
    text = ('The count ended on Tuesday. Campaign chief Peter Osei conceded: "We ran out of money in the '
            'last weeks." Senator Ama Mensah, Radio Accra: "Nobody expected this." '
            'The audit found two faults: "weak controls and late filings."')
    a = analyze(text, "2024-12-10", "pipe-colon", components=COMPONENTS)
    got = {q.text[:12]: (q.speaker.name if q.speaker else None) for q in a.quotes}
    assert got.get("We ran out o") == "Peter Osei"
    assert got.get("Nobody expec") == "Ama Mensah"
    assert "weak control" not in got  # a list after a thing's verb is nobody's words
