"""QuoteExtractor on sentences written for these tests (hand-built mentions)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest

from tieline.nlp import Parser
from tieline.quotes import QuoteExtractor
from tieline.records import Analysis, Document, Event, Mention, Quote, stable_id

Extract = Callable[..., Analysis]

# surface -> (label, actor_id, canonical name, country)
Actors = dict[str, tuple[str, str, str, str]]
# (surface, occurrence, actor_id, name, country): a pronoun or role phrase resolved by hand
Resolved = Iterable[tuple[str, int, str, str, str]]


def build(text: str, actors: Actors | None = None, resolved: Resolved = (), doc_id: str = "t") -> Analysis:
    """Parse ``text`` and give it the mentions an actor stage would find."""
    a = Parser()(Analysis(Document(doc_id, text)))
    mentions: list[Mention] = []
    for surface, (label, actor_id, name, country) in (actors or {}).items():
        for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
            mentions.append(Mention(doc_id, 0, m.start(), m.end(), surface, label, actor_id, name, country))
    for surface, occurrence, actor_id, name, country in resolved:
        m = list(re.finditer(r"\b" + re.escape(surface) + r"\b", text))[occurrence]
        label = "PRON" if surface.lower() in ("he", "she", "they", "it") else "ROLE"
        mentions.append(Mention(doc_id, 0, m.start(), m.end(), surface, label, actor_id, name, country))
    a.mentions = sorted(mentions, key=lambda m: m.start)
    return a


ORLOVA = ("PERSON", "person:orlova", "Lena Orlova", "VLD")
KALLBERG = ("PERSON", "person:kallberg", "Arvid Kallberg", "NRL")
DORN = ("PERSON", "person:dorn", "Pavel Dorn", "VLD")
TANN = ("PERSON", "person:tann", "Mira Tann", "NRL")
VALDORIA = ("GPE", "country:VLD", "Valdoria", "VLD")
MINISTRY = ("ORG", "org:vld-mfa", "Valdorian Foreign Ministry", "VLD")


@pytest.fixture(scope="session")
def extract() -> Callable[..., Analysis]:
    qe = QuoteExtractor()

    def run(text: str, actors: Actors | None = None, resolved: Resolved = (), doc_id: str = "t") -> Analysis:
        return qe(build(text, actors, resolved, doc_id))

    return run


def only(a: Analysis) -> Quote:
    assert len(a.quotes) == 1, [q.text for q in a.quotes]
    return a.quotes[0]


def speaker_id(q: Quote) -> str | None:
    return q.speaker.actor_id if q.speaker else None


# --------------------------------------------------------------------------- speaker after the quote


def test_speaker_after_quote(extract: Extract) -> None:
    text = '"We will rebuild the port together," Orlova said on Tuesday.'
    a = extract(text, {"Orlova": ORLOVA})
    q = only(a)
    assert q.text == "We will rebuild the port together"  # the comma belongs to the attribution
    assert text[q.start:q.end] == q.text
    assert speaker_id(q) == "person:orlova"
    assert q.speaker is not None and q.speaker.name == "Lena Orlova"
    assert q.cue == "said"
    assert q.id == stable_id("t", q.start)
    assert q.sentence == 0


def test_attribution_comma_and_semicolon_left_out(extract: Extract) -> None:
    a = extract('"We will act, and soon," Orlova said. "The harbor stays open;" she added.', {"Orlova": ORLOVA})
    assert [q.text for q in a.quotes] == ["We will act, and soon", "The harbor stays open"]


def test_pronoun_speaker_speaking_through_translator(extract: Extract) -> None:
    text = ("Kallberg met the delegation in the capital on Monday.\n\n"
            '"The talks were frank and very useful for both countries," he said, speaking through a translator.')
    a = extract(text, {"Kallberg": KALLBERG}, [("he", 0, "person:kallberg", "Arvid Kallberg", "NRL")])
    q = only(a)
    assert q.text.startswith("The talks were frank")
    assert speaker_id(q) == "person:kallberg"
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.cue == "said"
    assert q.sentence == 1


def test_multi_sentence_curly_quote(extract: Extract) -> None:
    text = ("The two leaders met in the old palace. “We signed three agreements today. Trade will double. "
            "Our peoples are friends,” Orlova stated.")
    q = only(extract(text, {"Orlova": ORLOVA}))
    assert q.text == "We signed three agreements today. Trade will double. Our peoples are friends"
    assert speaker_id(q) == "person:orlova"
    assert q.cue == "stated"
    assert q.sentence == 1


def test_inverted_speaker(extract: Extract) -> None:
    q = only(extract('"We expect much more investment next year," said Orlova.', {"Orlova": ORLOVA}))
    assert speaker_id(q) == "person:orlova"
    assert q.cue == "said"


def test_message_and_quoted_as_saying(extract: Extract) -> None:
    text = ('"I wish you every success in your new office," Kallberg said in his message. '
            '"Negotiations will resume in the spring," Pavel Dorn, an adviser to the cabinet that governs '
            "the province, was quoted as saying.")
    a = extract(text, {"Kallberg": KALLBERG, "Pavel Dorn": DORN})
    assert [speaker_id(q) for q in a.quotes] == ["person:kallberg", "person:dorn"]
    assert [q.cue for q in a.quotes] == ["said", "quoted as saying"]


def test_organisation_speaker(extract: Extract) -> None:
    text = '"The visit was productive and friendly," the Valdorian Foreign Ministry said in a statement.'
    a = extract(text, {"Valdorian Foreign Ministry": MINISTRY})
    q = only(a)
    assert speaker_id(q) == "org:vld-mfa"


def test_speaker_without_mention_keeps_surface(extract: Extract) -> None:
    q = only(extract('"Prices will fall by the summer," a senior trade official said.'))
    assert q.speaker is not None
    # issue 14: a speaker always carries a name, the words the text uses when no actor is known
    assert q.speaker.actor_id is None and q.speaker.name == "a senior trade official"
    assert q.speaker.text == "a senior trade official"


# --------------------------------------------------------------------------- speaker before the quote


def test_colon_introduction(extract: Extract) -> None:
    text = "President Arvid Kallberg wrote: “Our partnership has never been stronger than it is today.”"
    q = only(extract(text, {"Arvid Kallberg": KALLBERG}))
    assert q.text == "Our partnership has never been stronger than it is today."
    assert speaker_id(q) == "person:kallberg"
    assert q.cue == "wrote"


def test_colon_in_previous_paragraph(extract: Extract) -> None:
    text = "Kallberg wrote on social media on Sunday:\n\n“Our partnership has never been stronger.”"
    q = only(extract(text, {"Kallberg": KALLBERG}))
    assert speaker_id(q) == "person:kallberg"


def test_comma_introduction(extract: Extract) -> None:
    text = "Orlova added, “The ball is now in the other side's court.”"
    q = only(extract(text, {"Orlova": ORLOVA}))
    assert speaker_id(q) == "person:orlova"
    assert q.cue == "added"


def test_told_reporters(extract: Extract) -> None:
    text = "Kallberg told reporters that the border “will stay open for trade and for travelers.”"
    q = only(extract(text, {"Kallberg": KALLBERG}))
    assert q.text == "will stay open for trade and for travelers."
    assert speaker_id(q) == "person:kallberg"
    assert q.cue == "told"


def test_according_to(extract: Extract) -> None:
    text = "According to the Valdorian Foreign Ministry, “the visit will strengthen regional security.”"
    q = only(extract(text, {"Valdorian Foreign Ministry": MINISTRY}))
    assert speaker_id(q) == "org:vld-mfa"
    assert q.cue == "according to"


def test_according_to_after_quote(extract: Extract) -> None:
    q = only(extract('"Prices will fall by the summer," according to Orlova.', {"Orlova": ORLOVA}))
    assert speaker_id(q) == "person:orlova"
    assert q.cue == "according to"


def test_emphasized_opinion_that(extract: Extract) -> None:
    text = ("Reviewing the decade in March 2021, noted economist, Mira Tann, emphasized her opinion that the "
            "“new corridor has been a success for both sides and will grow.”")
    q = only(extract(text, {"Mira Tann": TANN}))
    assert q.text.startswith("new corridor has been a success")
    assert speaker_id(q) == "person:tann"
    assert q.cue == "emphasized"


def test_previous_sentence_introduces_quote(extract: Extract) -> None:
    text = 'Orlova spoke to the newspaper on Friday. Orlova told VOA. "We will not give up our claims to the islands."'
    q = only(extract(text, {"Orlova": ORLOVA}))
    assert speaker_id(q) == "person:orlova"
    assert q.cue == "told"


# --------------------------------------------------------------------------- partial quotes


def test_partial_quotes_called_and_added(extract: Extract) -> None:
    text = ('In remarks at the palace, Kallberg called Valdoria "strong, sovereign, independent" and added '
            'that the country was "a reliable friend and partner" to his government.')
    a = extract(text, {"Kallberg": KALLBERG, "Valdoria": VALDORIA})
    assert [q.text for q in a.quotes] == ["strong, sovereign, independent", "a reliable friend and partner"]
    assert [speaker_id(q) for q in a.quotes] == ["person:kallberg", "person:kallberg"]
    assert [q.cue for q in a.quotes] == ["called", "added"]


def test_partial_quote_with_calling(extract: Extract) -> None:
    text = ('The ministers also discussed energy, with Kallberg calling Valdoria a "valued partner in our '
            'efforts to secure the region."')
    q = only(extract(text, {"Kallberg": KALLBERG, "Valdoria": VALDORIA}))
    assert speaker_id(q) == "person:kallberg"
    assert q.cue == "calling"


def test_described_as(extract: Extract) -> None:
    q = only(extract('Orlova described the ruling as "deeply unfair."', {"Orlova": ORLOVA}))
    assert q.text == "deeply unfair."
    assert speaker_id(q) == "person:orlova"


def test_scare_quotes_and_titles_are_not_speech(extract: Extract) -> None:
    text = ('Valdoria asked for support for an effort known as "Green Bridge 2." '
            'The radio station has been declared an "undesirable organization" by the court. '
            'Critics dismissed the so-called "peace" plan. '
            'Orlova told the "Morning Report" program that she would run again. '
            'Officials refer to the three states as the "Northern Belt," describing their cooperation.')
    a = extract(text, {"Valdoria": VALDORIA, "Orlova": ORLOVA})
    assert a.quotes == []


def test_short_standalone_quote_without_cue_is_dropped(extract: Extract) -> None:
    a = extract('The results came in late.\n\n"Victory."\n\nThe count went on.')
    assert a.quotes == []


# --------------------------------------------------------------------------- chains and paragraphs


def test_quote_chain_across_paragraphs(extract: Extract) -> None:
    text = ('"The agreement is fair to everyone," Orlova said.\n\n'
            '"It protects our farmers and our workers for ten years."')
    a = extract(text, {"Orlova": ORLOVA})
    assert len(a.quotes) == 2
    assert speaker_id(a.quotes[1]) == "person:orlova"
    assert a.quotes[1].cue is None


def test_quote_chain_inside_a_paragraph(extract: Extract) -> None:
    text = ('"The agreement is fair to everyone," Orlova said, reading from a statement. '
            '"It protects our farmers and our workers for ten years."')
    a = extract(text, {"Orlova": ORLOVA})
    assert [speaker_id(q) for q in a.quotes] == ["person:orlova", "person:orlova"]


def test_no_chain_when_narrative_intervenes(extract: Extract) -> None:
    text = ('"The agreement is fair to everyone," Orlova said.\n\n'
            "The opposition walked out of the chamber before the vote was taken.\n\n"
            '"This deal sells out our farmers for nothing in return."')
    a = extract(text, {"Orlova": ORLOVA})
    assert len(a.quotes) == 2
    assert a.quotes[1].speaker is None


def test_multi_paragraph_quote(extract: Extract) -> None:
    text = ("Kallberg opened the session.\n\n"
            "“We have waited a long time for this day. Our nations share a long history.\n\n"
            "“Today we open a new chapter in that history,” Kallberg said.\n\n"
            "The session ended at noon.")
    a = extract(text, {"Kallberg": KALLBERG})
    q = only(a)
    assert q.text.startswith("We have waited a long time")
    assert q.text.endswith("in that history")
    assert text[q.start:q.end] == q.text
    assert speaker_id(q) == "person:kallberg"
    assert q.sentence == 1


def test_odd_number_of_marks(extract: Extract) -> None:
    text = ('Orlova said she was "ready to talk to anyone about the border.\n\n'
            '"Trade will grow by a third next year," Kallberg said.\n\n'
            "The ministers met again on Friday and agreed on a schedule for the talks.\n\n"
            'The 15" screens were bought in 2019, Kallberg added, and the "old ones were sold.')
    assert text.count('"') % 2 == 1
    a = extract(text, {"Orlova": ORLOVA, "Kallberg": KALLBERG})
    for q in a.quotes:
        assert "\n" not in q.text  # nothing runs over into the next paragraph
        assert text[q.start:q.end] == q.text
    trade = [q for q in a.quotes if q.text.startswith("Trade will grow")]
    assert len(trade) == 1 and speaker_id(trade[0]) == "person:kallberg"
    assert not any("ministers met" in q.text or "screens" in q.text for q in a.quotes)


def test_stray_mark_in_single_paragraph_story(extract: Extract) -> None:
    body = " ".join(f"The committee discussed item {i} of the agenda for a while." for i in range(10))
    text = f'Orlova said the plan was "unworkable. {body} "We will vote against it," Kallberg said.'
    a = extract(text, {"Orlova": ORLOVA, "Kallberg": KALLBERG})
    for q in a.quotes:
        assert "committee discussed item 5" not in q.text
    vote = [q for q in a.quotes if q.text.startswith("We will vote")]
    assert len(vote) == 1 and speaker_id(vote[0]) == "person:kallberg"


def test_mixed_mark_glyphs_pair_up(extract: Extract) -> None:
    text = '“We are ready for a ceasefire without conditions," Kallberg told reporters.'
    q = only(extract(text, {"Kallberg": KALLBERG}))
    assert q.text == "We are ready for a ceasefire without conditions"
    assert speaker_id(q) == "person:kallberg"


def test_no_marks_and_empty_text(extract: Extract) -> None:
    assert extract("Kallberg met Orlova in the capital.").quotes == []
    assert extract("").quotes == []
    assert extract('"').quotes == []


# --------------------------------------------------------------------------- events


def test_quotes_link_events_of_their_sentence_or_the_introduction() -> None:
    text = ("Kallberg sent a letter of congratulations to Orlova. "
            '"We have made great progress in our relations," Kallberg wrote.\n\n'
            "Orlova thanked Kallberg for the letter.\n\n"
            '"Your support matters to all of us," Orlova said.')
    a = build(text, {"Kallberg": KALLBERG, "Orlova": ORLOVA})
    letter = Event("e1", "t", "AGREE", [], [], "sent a letter", 0, 10, sentence=0)
    thanks = Event("e2", "t", "SUPPORT", [], [], "thanked", 0, 10, sentence=2)
    a.events = [letter, thanks]
    QuoteExtractor()(a)
    assert len(a.quotes) == 2
    first, second = a.quotes
    assert first.event_ids == ["e1"]  # no event in its sentence: the one introducing it
    assert second.event_ids == []  # the thanks are in another paragraph
    assert letter.quote_ids == [first.id] and thanks.quote_ids == []
    QuoteExtractor()(a)  # running again does not duplicate the links
    assert letter.quote_ids == [first.id]


def test_quote_links_event_in_same_sentence() -> None:
    text = 'Orlova called Valdoria "a reliable friend and partner" during the visit.'
    a = build(text, {"Orlova": ORLOVA, "Valdoria": VALDORIA})
    praise = Event("e9", "t", "SUPPORT", [], [], "called", 0, 10, sentence=0)
    a.events = [praise]
    QuoteExtractor()(a)
    q = only(a)
    assert q.event_ids == ["e9"] and praise.quote_ids == [q.id]


def test_ids_are_deterministic(extract: Extract) -> None:
    text = '"We will rebuild the port together," Orlova said.'
    a1 = extract(text, {"Orlova": ORLOVA}, doc_id="d1")
    a2 = extract(text, {"Orlova": ORLOVA}, doc_id="d1")
    assert [q.id for q in a1.quotes] == [q.id for q in a2.quotes] == [stable_id("d1", 1)]
