"""The per-document pipeline: a list of small components over one :class:`Analysis`.

Like spaCy's ``Language``, a :class:`Pipeline` is built from configuration
(a list of component names, see :data:`DEFAULT_COMPONENTS`); each component is
one class with one job, callable on an :class:`Analysis`, and may offer
``pipe()`` to work on a batch at once.  Components are looked up in
:data:`FACTORIES`, so a user can add or replace one without touching the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from tieline.records import Analysis, Document


class Component(Protocol):
    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...


def _parser(**cfg: Any) -> Component:
    from tieline.nlp import Parser

    return Parser(**cfg)


def _dates(**cfg: Any) -> Component:
    from tieline.nlp.dates import TimeTagger

    return TimeTagger(**cfg)


def _actors(**cfg: Any) -> Component:
    from tieline.actors import ActorResolver

    return ActorResolver(**cfg)


def _events(**cfg: Any) -> Component:
    from tieline.events import EventCoder

    return EventCoder(**cfg)


def _quotes(**cfg: Any) -> Component:
    from tieline.quotes import QuoteExtractor

    return QuoteExtractor(**cfg)


FACTORIES: dict[str, Callable[..., Component]] = {
    "nlp": _parser,
    "dates": _dates,
    "actors": _actors,
    "events": _events,
    "quotes": _quotes,
}
# quotes before events: the coder codes a quotation in its speaker's name ("We will retaliate")
DEFAULT_COMPONENTS: tuple[str, ...] = ("nlp", "dates", "actors", "quotes", "events")


class Pipeline:
    """Runs the components in order over documents, in batches."""

    def __init__(self, components: Iterable[str] = DEFAULT_COMPONENTS,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        config = config or {}
        self.names = list(components)
        unknown = [n for n in self.names if n not in FACTORIES]
        if unknown:
            raise ValueError(f"unknown pipeline component(s) {unknown}; known: {sorted(FACTORIES)}")
        self.components: list[Component] = [FACTORIES[n](**config.get(n, {})) for n in self.names]

    def __call__(self, doc: Document) -> Analysis:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        stream: Iterable[Analysis] = (Analysis(d) for d in docs)
        for comp in self.components:
            stream = _apply(comp, stream)
        for analysis in stream:
            analysis.spacy_doc = None  # the parse stays in the process; records travel
            yield analysis


def _apply(comp: Component, stream: Iterable[Analysis]) -> Iterator[Analysis]:
    pipe = getattr(comp, "pipe", None)
    if pipe is not None:
        yield from pipe(stream)
    else:
        for a in stream:
            yield comp(a)


def analyze(text: str, published: str | None = None, doc_id: str = "doc",
            components: Iterable[str] = DEFAULT_COMPONENTS) -> Analysis:
    """Run the pipeline on one text; keeps the spaCy doc (handy in tests and notebooks)."""
    pipeline = _cached(tuple(components))
    analysis = Analysis(Document(doc_id, text, published=published))
    for comp in pipeline.components:
        analysis = comp(analysis)
    return analysis


_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def _cached(names: tuple[str, ...]) -> Pipeline:
    if names not in _PIPELINES:
        _PIPELINES[names] = Pipeline(names)
    return _PIPELINES[names]
