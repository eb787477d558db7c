"""Stage contracts: the pipeline checks the order of its components, and register() adds one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tieline.errors import PipelineError, TielineError
from tieline.pipeline import DEFAULT_COMPONENTS, Pipeline, check_order, register, unregister
from tieline.quotes import QuoteExtractor
from tieline.records import Analysis, Document


class Shout:
    """Upper-cases each sentence's text: a component that reads the parse."""

    name = "shout"

    def __init__(self, marker: str = "!") -> None:
        self.marker = marker

    def __call__(self, a: Analysis) -> Analysis:
        a.doc.title = self.marker + " ".join(s.text.upper() for s in a.sentences)
        return a


@pytest.fixture
def shout() -> Iterator[str]:
    register("shout", Shout, requires=("nlp",))
    yield "shout"
    unregister("shout")


def test_the_default_order_keeps_every_contract() -> None:
    check_order(DEFAULT_COMPONENTS)


@pytest.mark.parametrize(("names", "missing"), [
    (("nlp", "actors"), "'dates'"),
    (("dates", "actors", "nlp"), "'nlp'"),
    (("nlp", "dates", "quotes", "events"), "'actors'"),
    (("quotes",), "'nlp'"),
])
def test_a_component_before_what_it_needs_is_refused_by_name(names: tuple[str, ...], missing: str) -> None:
    with pytest.raises(PipelineError, match=f"needs the output of {missing}"):
        Pipeline(names)


def test_an_unknown_component_is_named() -> None:
    with pytest.raises(PipelineError, match=r"unknown pipeline component\(s\) \['parse'\]"):
        Pipeline(("parse",))


def test_a_registered_component_runs_in_its_place(shout: str) -> None:
    a = Pipeline(("nlp", shout), config={"shout": {"marker": ">"}})(Document("d", "We met. They left."))
    assert a.doc.title == ">WE MET. THEY LEFT."
    with pytest.raises(PipelineError, match="'shout' needs the output of 'nlp'"):
        Pipeline((shout, "nlp"))


def test_register_refuses_to_replace_silently(shout: str) -> None:
    with pytest.raises(PipelineError, match="exists; pass replace=True"):
        register("shout", Shout)
    with pytest.raises(PipelineError, match="unknown component"):
        register("whisper", Shout, requires=("parser",))
    with pytest.raises(PipelineError, match="built-in"):
        unregister("nlp")


def test_the_quote_extractor_does_not_parse_by_itself() -> None:
    a = Analysis(Document("raw", 'The minister said: "We will talk again."'))
    with pytest.raises(TielineError, match="'quotes' needs the output of 'nlp'.*document 'raw'"):
        QuoteExtractor()(a)
