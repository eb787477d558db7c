from __future__ import annotations

from tieline.nlp import Parser
from tieline.records import Analysis, Document


def test_sentences_and_paragraphs_keep_document_offsets() -> None:
    text = "A Title\n\nWASHINGTON -- The U.S. envoy met the minister on Monday. They talked.\nNew paragraph here."
    a = Parser()(Analysis(Document("d", text)))
    assert [s.text for s in a.sentences][:2] == ["A Title", "WASHINGTON -- The U.S. envoy met the minister on Monday."]
    assert all(text[s.start:s.end] == s.text for s in a.sentences)
    assert [s.paragraph for s in a.sentences] == [0, 1, 1, 2]


def test_a_long_text_is_parsed_in_pieces_with_the_same_offsets() -> None:
    para = "The foreign minister said on Tuesday that the two countries would hold talks in the capital.\n"
    text = para * 3000  # about 280,000 characters: past spaCy's comfortable size for one call
    parser = Parser()
    parser.chunk_chars = 50_000
    a = parser(Analysis(Document("long", text)))
    assert a.spacy_doc.text == text
    assert len(a.sentences) == 3000
    assert all(text[s.start:s.end] == s.text for s in a.sentences)
